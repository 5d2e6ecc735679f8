"""What Tesseract does to French print: confusion costs and context rules, each with an example.

A confusion (seen, meant, cost) says OCR wrote `seen` where the page had `meant`; the cost is
low for damage seen often. Candidate corrections are the strings reachable from an unknown word
through these confusions within a cost budget (a weighted edit distance whose weights are the
confusions), and a candidate is kept only when it is a known word (see ocr_repair.py).
"""

from __future__ import annotations

import re

# (seen, meant, cost, example of the damage)
CONFUSIONS: tuple[tuple[str, str, float, str], ...] = (
    # é read as a currency sign, a copyright sign or a 6
    ("¢", "é", 0.3, "autoris¢ → autorisé"),
    ("€", "é", 0.3, "socio-€conomiques → socio-économiques"),
    ("©", "é", 0.4, "activit© → activité"),
    ("6", "é", 0.6, "Envoy6 → Envoyé"),
    ("¢", "è", 0.4, "mati¢re → matière"),
    ("¢", "", 0.8, "volonté¢ → volonté, t¢émoignant → témoignant"),
    ("c", "è", 0.6, "maticre → matière"),
    ("c", "é", 0.9, "identifices → identifiées (with e → é)"),
    ("c", "e", 0.6, "licux → lieux"),
    ("€", "", 0.8, "€élus → élus, lié€ → lié"),
    # l read as capital I, digit 1 or a bar
    ("1", "l", 0.3, "1égere → légère, 1a → la"),
    ("I", "l", 0.4, "Iégislation → législation"),
    ("|", "l", 0.4, "|a → la"),
    ("[", "l", 0.4, "[a séance → la séance"),
    ("1I", "l", 0.3, "1Iautonomie → lautonomie"),
    # circumflex vowels
    ("ii", "û", 0.4, "diiment → dûment"),
    ("i", "û", 0.7, "diment → dûment"),
    ("d", "ô", 0.7, "rdle → rôle"),
    ("b", "ô", 0.7, "pble → pôle"),
    ("ia", "â", 0.7, "griace → grâce"),
    ("4", "â", 0.6, "4gés → âgés"),
    ("d", "â", 0.8, "dgés → âgés"),
    ("i", "â", 0.8, "ige → âge"),
    ("é", "ô", 0.8, "réles → rôles"),
    ("ri", "â", 0.9, "grce… (â split into r + i)"),
    ("o", "ô", 0.8, "chomage → chômage"),
    ("a", "â", 0.8, "age → âge"),
    ("i", "î", 0.8, "connaitre → connaître"),
    ("u", "û", 0.9, "sur → sûr (only for unknown words)"),
    ("e", "ê", 0.7, "fenetre → fenêtre"),
    ("é", "ê", 0.6, "arrété → arrêté"),
    # grave and acute accents swapped or lost
    ("é", "è", 0.5, "aprés → après"),
    ("e", "è", 0.6, "aupres → auprès"),
    ("e", "é", 0.6, "developpement → développement"),
    ("è", "é", 0.6, "dèveloppement → développement"),
    ("eé", "è", 0.4, "légeérement → légèrement"),
    ("eè", "è", 0.4, "caracteère → caractère"),
    ("ée", "é", 0.5, "crééer → créer"),
    ("a", "à", 0.7, "voila → voilà"),
    ("u", "ù", 0.8, "ou → où (only for unknown words)"),
    # cedilla and ligatures
    ("g", "ç", 0.7, "fagon → façon"),
    ("c", "ç", 0.6, "provencal → provençal"),
    ("cc", "cœ", 0.5, "cceur → cœur"),
    ("ce", "œ", 0.5, "ceuvre → œuvre"),
    ("oe", "œ", 0.3, "oeuvre → œuvre"),
    ("eu", "œu", 0.7, "l'euvre → l'œuvre (the c of œ lost)"),
    # shapes that merge or split
    ("rn", "m", 0.6, "cornmune → commune"),
    ("m", "rn", 0.8, "tourmant → tournant"),
    ("li", "h", 0.8, "liandicap → handicap"),
    ("cl", "d", 0.8, "clemande → demande"),
    ("vv", "w", 0.8, "vvebinaire → webinaire"),
    ("0", "o", 0.6, "c0mmune → commune"),
    # shapes of a low-resolution scan
    ("t", "f", 0.6, "entants → enfants, pertonnance → performance"),
    ("nu", "mi", 0.7, "Fanulle → Famille"),
    ("m", "ni", 0.6, "umverselle → universelle"),
    ("in", "m", 0.7, "ainéliorant → améliorant"),
    ("h", "li", 0.6, "déhberation → délibération"),
    ("n", "ri", 0.7, "prontaires → prioritaires"),
    ("ri", "n", 0.6, "préserite → présente"),
    ("nn", "rm", 0.7, "fonne → forme"),
    ("u", "ti", 0.7, "acuvite → activité"),
    ("v", "y", 0.6, "Movens → Moyens"),
    ("q", "g", 0.6, "Ctq → Ctg"),
    ("ü", "û", 0.3, "Düment → Dûment"),
    ("ä", "a", 0.4, "lä → la"),
    ("m", "n", 0.7, "imegalites → inégalités"),
    ("h", "i", 0.7, "delhvrance → délivrance"),
    ("f", "t", 0.7, "loufes → toutes"),
)
# Budget of a whole correction and number of confusions applied to one word.
MAX_COST = 1.6
MAX_EDITS = 3
# Short words have many neighbours: one cheap confusion only ("1a" → "la", "ige" → "âge";
# not "nce" → "née").
SHORT_WORD = 3
MAX_COST_SHORT = 0.8

# Context rules: (rule name, pattern, replacement, example). Applied to the whole line, in order,
# before word corrections. Patterns only match shapes that cannot be correct French.
CONTEXT_RULES: tuple[tuple[str, re.Pattern[str], str, str], ...] = (
    (
        "ocr:bullet",
        re.compile(r"^(?:[eo©°¢•*]|=\)|»|«(?!.*»))\s+(?=[^\W_])"),
        "- ",
        "e Des points d'étape annuels → - Des points d'étape annuels",
    ),
    (
        "ocr:elision",
        re.compile(r"(?<![\w'])(?:1I|I1|[I1|])'\s?(?=[aeiouyhàâäéèêëîïôöûùœ¢€AEIOUYHÀÂÉÈÊÎÔÛŒ])"),
        "l'",
        "I'action → l'action, 1'emploi → l'emploi, 1I'autonomie → l'autonomie",
    ),
    (
        "ocr:elision",
        re.compile(r"(?<=\b[dDlLnNsScCjJmMtT])'\s+(?=[aeiouyhàâéèêîôûœAEIOUYHÀÂÉÈÊÎÔÛŒ])"),
        "'",
        "d' Administration → d'Administration (space after the apostrophe)",
    ),
    (
        "ocr:apostrophe",
        re.compile(r"(?<![\w'])([dlnsjmt]|qu|jusqu) (?=[aeiouyhàâéèêîôûœ][a-zà-ÿœ]+)"),
        r"\1'",
        "témoignant d un regain → témoignant d'un regain (apostrophe read as a space)",
    ),
    (
        "ocr:ampersand",
        re.compile(r"(?<=\s)&(?=\s+(?:la|le|les|l'|un|une|ses|son|sa|leur|leurs|des)\b)"),
        "à",
        "grâce au développement et & la dynamisation → et à la dynamisation",
    ),
    (
        "ocr:lost_l",
        re.compile(r"(?<=\s)'(?=[aeiouyhàâéèêîôûœ][a-zà-ÿœ]{2,})"),
        "l'",
        "du code de 'action sociale → du code de l'action sociale",
    ),
    (
        "ocr:superscript",
        re.compile(r"(?:(?<=\d\s)|(?<=[\d/]))(k?m)\?(?=\W|$)"),
        r"\1²",
        "1 574 km? → 1 574 km², hab./km? → hab./km²",
    ),
    ("ocr:superscript", re.compile(r"\b1[¢€©]\s(?=\w)"), "1er ", "1¢ janvier 2026 → 1er janvier 2026"),
    ("ocr:superscript", re.compile(r"\bn°[®©]"), "n°", "n°® 2025-253 → n° 2025-253"),
    (
        "ocr:superscript",
        re.compile(
            r"\b[lI]er(?=\s+(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)\b)"
        ),
        "1er",
        "ler janvier 2026 → 1er janvier 2026, Ler janvier → 1er janvier",
    ),
    ("ocr:superscript", re.compile(r"(?<=\ble )[lIL]er\b"), "1er", "prend effet le Ler → prend effet le 1er"),
    (
        "ocr:spacing",
        re.compile(r"(?:(?<=[^\W_])|(?<=[)»]))([;!?]|(?<=[^\W\d_]):)(?=\s|$)"),
        r" \1",
        "L. 263-1; Vu le Code → L. 263-1 ; Vu le Code (the space French puts before ; : ! ?)",
    ),
)

# Known words that OCR also produces by losing an accent: (as read, meant, example). Context
# (bigrams of clean text, then the infinitive test for "a") decides between the two.
HOMOGRAPHS: tuple[tuple[str, str, str], ...] = (
    ("a", "à", "autorisé a signer → autorisé à signer"),
    ("dés", "dès", "dés sa naissance → dès sa naissance"),
    ("des", "dès", "des lors que → dès lors que"),
    ("prés", "près", "prés de 40 % → près de 40 %"),
)
# Words after which "a" can only be the preposition: "grâce a la Caf" → "grâce à la Caf".
HEADS_OF_A = frozenset(
    {
        "grâce",  # grâce à
        "relatif",  # relatif à
        "relative",
        "relatifs",
        "relatives",
        "conformément",  # conformément à
        "quant",  # quant à
        "face",  # face à
        "jusqu",  # jusqu'à
        "afférent",  # afférent à
        "afférents",
        "destiné",  # destiné à
        "destinée",
        "destinés",
        "destinées",
        "consacré",  # consacré à
        "consacrée",
    }
)
# Short words OCR glues to their neighbour when it loses a space: "desenfants" → "des enfants".
# An unknown word is split only into one of these and a known word.
GLUE_WORDS = frozenset(
    {
        "à", "au", "aux", "dans", "de", "des", "du", "en", "est", "et", "la", "le", "les", "leur",
        "ou", "par", "pour", "sa", "se", "ses", "son", "sur", "un", "une",
    }
)  # fmt: skip
# Endings of an infinitive: "a" before one of these is "à" ("a signer", "a compter").
INFINITIVE_ENDINGS = ("er", "ir", "oir", "re")
# Words with those endings that are not infinitives and follow the verb "a" ("il a entre ses mains").
NOT_INFINITIVES = frozenset({"entre", "contre", "notre", "votre", "leur", "leurs", "premier", "hier", "cher"})
