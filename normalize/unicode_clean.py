"""One canonical character form for matching: NFC, plain spaces, straight apostrophes.

The canonical form (what `Line.text` holds; `Line.raw` keeps the original for display):
- Unicode NFC; ligatures ﬁ ﬂ ﬀ ﬃ ﬄ ﬅ ﬆ split into letters; œ and æ are French letters, kept.
- Every apostrophe (’ ‘ ʼ ′ ` ´) is the straight ', every double quote (“ ” „ ″) the straight ";
  French guillemets « » are kept (they are what the documents use), their inner spaces plain.
- Non-breaking, narrow, thin and other odd spaces are a plain space; tabs are kept (they
  separate table cells); zero-width characters and soft hyphens are removed.
- Every dash and hyphen look-alike (‐ ‑ ‒ – — −) is "-": documents and OCR mix them freely
  ("ARTICLE 1 – OBJET" prints, OCR reads "ARTICLE 1 - OBJET"), and `raw` keeps the original.
- The replacement character � between spaces becomes a space; inside a word it is left for
  `ocr_repair.repair_replacement_chars`, which picks the letter from the lexicon.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

# (character, canonical form, example). Applied after NFC.
CHARACTER_TABLE: tuple[tuple[str, str, str], ...] = (
    ("\ufb00", "ff", "eﬀet → effet"),
    ("\ufb01", "fi", "diﬃcultés → difficultés (ﬁ)"),
    ("\ufb02", "fl", "ﬂuide → fluide"),
    ("\ufb03", "ffi", "diﬃcile → difficile"),
    ("\ufb04", "ffl", "aﬄux → afflux"),
    ("\ufb05", "st", "ﬅ → st"),
    ("\ufb06", "st", "ﬆ → st"),
    ("\u2019", "'", "l’action → l'action"),
    ("\u2018", "'", "‘Ville’ → 'Ville'"),
    ("\u02bc", "'", "lʼaction → l'action"),
    ("\u2032", "'", "l′action → l'action"),
    ("\u0060", "'", "l`action → l'action"),
    ("\u00b4", "'", "l´action → l'action"),
    ("\u201c", '"', '“CTG” → "CTG"'),
    ("\u201d", '"', '“CTG” → "CTG"'),
    ("\u201e", '"', '„CTG“ → "CTG"'),
    ("\u2033", '"', '″ → "'),
    ("\u00a0", " ", "n°\u00a02021 → n° 2021 (no-break space)"),
    ("\u202f", " ", "«\u202fLa Caf\u202f» → « La Caf » (narrow no-break space)"),
    ("\u2007", " ", "figure space"),
    ("\u2009", " ", "thin space"),
    ("\u200a", " ", "hair space"),
    ("\u2002", " ", "en space"),
    ("\u2003", " ", "em space"),
    ("\u2004", " ", "three-per-em space"),
    ("\u2005", " ", "four-per-em space"),
    ("\u2006", " ", "six-per-em space"),
    ("\u2008", " ", "punctuation space"),
    ("\u205f", " ", "medium mathematical space"),
    ("\u3000", " ", "ideographic space"),
    ("\u00ad", "", "dévelop\u00adpement → développement (soft hyphen)"),
    ("\u200b", "", "zero-width space"),
    ("\u200c", "", "zero-width non-joiner"),
    ("\u200d", "", "zero-width joiner"),
    ("\u2060", "", "word joiner"),
    ("\ufeff", "", "byte-order mark at a line start"),
    ("\u2010", "-", "petite‐enfance → petite-enfance"),
    ("\u2011", "-", "Saint‑Rémy → Saint-Rémy (non-breaking hyphen)"),
    ("\u2012", "-", "figure dash"),
    ("\u2212", "-", "−0,4 % → -0,4 %"),
    ("\u2013", "-", "ANNEXE 2 – LISTE → ANNEXE 2 - LISTE (en dash)"),
    ("\u2014", "-", "Pays Ajaccien — CTG → Pays Ajaccien - CTG (em dash)"),
    ("\u2015", "-", "horizontal bar"),
)
TRANSLATION = str.maketrans({char: canonical for char, canonical, _ in CHARACTER_TABLE})


def char_replacer(table: dict[int, str]) -> Callable[[str], str]:
    """`str.translate(table)` as one regex over the table's characters: translate looks up every
    character of a line (~5 µs for a French line), the regex only the few it finds (~0.7 µs)."""
    pattern = re.compile("[" + "".join(re.escape(chr(code)) for code in table) + "]")
    replacement = {chr(code): str(value) for code, value in table.items()}
    return lambda text: pattern.sub(lambda match: replacement[match.group()], text)


_TRANSLATE = char_replacer(TRANSLATION)
STRAY_REPLACEMENT = re.compile(r"(?<!\w)\ufffd+(?!\w)")  # "Caf \ufffd Gardanne" → "Caf   Gardanne"
REPLACEMENT_CHAR = "\ufffd"


def canonical(text: str) -> str:
    """The canonical matching form of one line (see the module docstring)."""
    text = _TRANSLATE(unicodedata.normalize("NFC", text))
    if REPLACEMENT_CHAR in text:
        text = STRAY_REPLACEMENT.sub(" ", text)
    return text.strip()
