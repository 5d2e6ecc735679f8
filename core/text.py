"""Small text helpers every stage needs the same way.

`fold` is the one form two spellings of the same French words share: lower case, accents
dropped, ligatures spelled out, every apostrophe the straight one. The stages that compare
text build on it and add only their own step: `fold_words` drops punctuation (names, titles,
evaluation), resolve's place names repair the OCR reading of an elided L', dedupe's
comparison form drops markup and non-ASCII signs and merges OCR confusions.
"""

from __future__ import annotations

import re
import unicodedata

# Typographic and OCR variants of the apostrophe, read as the straight one: (seen, example).
APOSTROPHES: tuple[tuple[str, str], ...] = (
    ("’", "l’Etat"),
    ("‘", "l‘Escale"),
    ("ʼ", "dʼAiglun"),
    ("′", "l′action (a prime read for an apostrophe)"),
    ("`", "l`Escale"),
    ("´", "d´Aiglun"),
)
# Lower-case letters decomposition leaves whole, spelled out: (seen, spelled, example).
# Lower case only: `fold` lowers the text first ("Œ" → "œ", "ẞ" → "ß").
LIGATURES: tuple[tuple[str, str, str], ...] = (
    ("œ", "oe", "cœur → coeur"),
    ("æ", "ae", "curriculum vitæ → curriculum vitae"),
    ("ß", "ss", "Straße → strasse"),
)

# Literal replacements: str.replace runs in C, many times faster than str.translate's per-character
# lookups on long texts (dedupe folds whole documents).
_UNIFY: tuple[tuple[str, str], ...] = tuple((seen, "'") for seen, _ in APOSTROPHES) + tuple(
    (seen, spelled) for seen, spelled, _ in LIGATURES
)
_COMBINING_RE = re.compile("[\u0300-\u036f]")
_NOT_ALNUM_RE = re.compile(r"[^a-z0-9]+")


def strip_accents(text: str) -> str:
    """ "Préfecture" → "Prefecture"; ASCII passes untouched, case is kept.

    One regex over the decomposed text: several times faster than testing
    `unicodedata.combining` character by character, which profiling showed on hot paths.
    """
    if text.isascii():
        return text
    return _COMBINING_RE.sub("", unicodedata.normalize("NFKD", text))


def fold(text: str, *, ascii_only: bool = False) -> str:
    """Lower case, no accents, ligatures spelled out, apostrophes straight; other signs kept.

    "L’ŒUVRE Été" → "l'oeuvre ete". Every place that compares French words builds on this one.
    `ascii_only=True` drops the signs left outside ASCII too ("n° 3" → "n 3"), accents with
    them in one encode: the cheapest form for text that is only hashed or tokenised.
    """
    text = text.lower()
    for seen, meant in _UNIFY:
        text = text.replace(seen, meant)
    if ascii_only:
        return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return strip_accents(text)


def fold_words(text: str) -> str:
    """`fold` with punctuation dropped and spaces single: "Saint-Rémy, l’Œuvre" → "saint remy l oeuvre".

    The form two spellings of a name or a title share whatever their punctuation.
    """
    return " ".join(_NOT_ALNUM_RE.sub(" ", fold(text)).split())
