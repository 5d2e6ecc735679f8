"""Normalise place names as documents write them into keys that can be compared.

`place_key("LA COMMUNE DES BAUX DE PROVENCE") == place_key("Les Baux-de-Provence")`: case,
accents, hyphens and apostrophes, the designator ("Commune de", "Ville d'"), leading
articles and saint/st/ste abbreviations are folded. Interior articles are kept: they tell
"Saint-Étienne-du-Grès" from a hypothetical "Saint-Étienne-de-Grès".
"""

from __future__ import annotations

import re

from ctg.core.text import APOSTROPHES
from ctg.core.text import fold as fold_text

# OCR reads the elided article L' as I' or 1' ("I’Escale" for "L'Escale", "1'Escale");
# no French commune name starts with I' or 1', so the repair is safe at a word start.
# Any apostrophe of core.text's table counts, as the repair runs before the fold unifies them.
_QUOTES = "'" + "".join(seen for seen, _ in APOSTROPHES)
OCR_ELISION = re.compile(rf"(?<![\w{_QUOTES}])[I1|][{_QUOTES}](?=[A-Za-zÀ-ÿŒœ])")

# Abbreviations written in place of a token, e.g. "St Rémy" -> "saint remy".
ABBREVIATIONS: dict[str, str] = {
    "st": "saint",  # "St Remy de Provence"
    "ste": "sainte",  # "Ste Marie de la Mer"
    "sts": "saints",  # "Sts Geosmes"
    "stes": "saintes",  # "Stes Maries de la Mer"
    "s": "sur",  # "Villeneuve s/ Lot" (the slash splits "s" from "Lot")
    "mt": "mont",  # "Mt Dauphin"
}
# Leading words dropped from both sides of a comparison: articles ("Le Paradou" ~ "Paradou")
# and the "Pour" of signature blocks ("Pour la Commune de GARDANNE").
ARTICLES = frozenset({"le", "la", "les", "l", "pour", "lc"})  # "lc": OCR for "Le" ("Lc Broc")
# Words naming the kind of collectivité before its name, e.g. "Commune de Fontvieille".
DESIGNATORS = frozenset({"commune", "communes", "ville", "mairie", "village", "cite"})
# Connectors after a designator, e.g. "Commune d'Aureille", "Commune des Mées".
CONNECTORS = frozenset({"de", "d", "des", "du"})


def fold(text: str) -> str:
    """core.text's fold after repairing the OCR reading of an elided L': "I’Escale" → "l'escale"."""
    return fold_text(OCR_ELISION.sub("l'", text))


def tokens(text: str) -> list[str]:
    """Folded words; hyphens, apostrophes, slashes and punctuation split them."""
    words = re.findall(r"[a-z0-9]+", fold(text))
    return [ABBREVIATIONS.get(word, word) for word in words]


def strip_designators(words: list[str]) -> list[str]:
    """Drop leading articles and "commune de"-like designators, in any order."""
    words = list(words)
    changed = True
    while changed and len(words) > 1:
        changed = False
        if words[0] in ARTICLES:
            words, changed = words[1:], True
        elif words[0] in DESIGNATORS:
            words, changed = words[1:], True
            if len(words) > 1 and words[0] in CONNECTORS:
                words = words[1:]
                # "Commune de la Roque", "commune de l'Escale": the article follows "de".
    return words


def place_key(text: str) -> str:
    """The comparison key of a commune name, e.g. "Saint-Etienne Du Grès" -> "saint etienne du gres"."""
    return " ".join(strip_designators(tokens(text)))


def compact_key(text: str) -> str:
    """The key without spaces, for acronyms written "CC VBA" or "CCVBA"."""
    return "".join(tokens(text))


# Letters OCR confuses, folded the same way on both sides of a comparison (only a unique
# match inside the document's context is accepted, so folding costs ambiguity, never a code).
OCR_FOLDS: list[tuple[str, str, str]] = [
    ("1", "l", "Aig1un for Aiglun"),
    ("0", "o", "Peyru0s-like digit for letter"),
    ("rn", "m", "Momas for Mornas"),
    ("c", "e", "Beyncs for Beynes"),
    ("ii", "u", "diiment for dûment"),
    ("i", "l", "Mlson for Mison"),
]


def ocr_key(key: str) -> str:
    """A key with OCR-confusable letters folded: "aig1un" and "aiglun" meet."""
    for wrong, right, _ in OCR_FOLDS:
        key = key.replace(wrong, right)
    return key
