"""Text folded for comparison: the same words give the same tokens whatever the layout or reading.

Copies of one document differ in converter markup, line breaks, accents and OCR confusions.
None of that should count as a difference, so comparison works on a folded token stream:
markup removed, lower case, accents dropped, known OCR confusions mapped to one form. The
folding is lossy on purpose (it is never shown to anyone, only hashed).
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple


class Fold(NamedTuple):
    """One rewrite applied before tokenising, with an example of what it undoes."""

    pattern: str
    replacement: str
    example: str  # "before -> after"


# Converter markup seen in the seeds; it moves between copies of the same text.
MARKUP: tuple[Fold, ...] = (
    Fold(r"\*\*|__", " ", "**Article 1** -> Article 1"),
    Fold(r"</?(?:u|b|i|em|strong|sup|sub)>", " ", "<u>Siège</u> -> Siège"),
    Fold(r"\^\{([^}]*)\}", r"\1", "1^{er} janvier -> 1er janvier"),
    Fold(r"\\([-_*#.()\[\]])", r"\1", r"n\-1 -> n-1"),
)

# Letters with no accent to drop, mapped before accents are removed.
LETTERS: tuple[Fold, ...] = (
    Fold("¢", "e", "autoris¢ -> autorise (OCR reading of é)"),
    Fold("œ", "oe", "cœur -> coeur"),
    Fold("æ", "ae", "curriculum vitæ -> vitae"),
    Fold("’", "'", "l’Etat -> l'Etat (kept as a word boundary once non-ASCII is dropped)"),
)
# OCR confusions, applied in order after lower-casing and accent removal. Both sides of a
# comparison are folded the same way, so mapping a letter onto its look-alike everywhere is
# harmless. Literal strings (str.replace runs in C, ten times faster than a regex here).
OCR_CONFUSIONS: tuple[Fold, ...] = (
    Fold("l", "i", "I'Etat / l'Etat -> i'etat"),
    Fold("|", "i", "|'Etat -> i'etat"),
    Fold("ii", "u", "diiment (dûment) -> dument"),
    Fold("rn", "m", "cornmune -> commune"),
)

_MARKUP_RES = tuple((re.compile(f.pattern), f.replacement) for f in MARKUP)
_TOKEN_RE = re.compile(r"[a-z0-9]+")


def strip_markup(text: str) -> str:
    """Remove converter markup (bold markers, underline tags, superscripts, escapes)."""
    for pattern, replacement in _MARKUP_RES:
        text = pattern.sub(replacement, text)
    return text


def fold_accents(text: str) -> str:
    """Lower-case and drop diacritics: 'Dûment Été' -> 'dument ete'."""
    lowered = text.lower()
    for letter in LETTERS:
        lowered = lowered.replace(letter.pattern, letter.replacement)
    # Dropping what is not ASCII after decomposition removes the accents in C, ten times
    # faster than testing each character; the few other non-ASCII signs only separate words.
    return unicodedata.normalize("NFKD", lowered).encode("ascii", "ignore").decode("ascii")


def fold(text: str, *, stripped: bool = False) -> str:
    """The comparison form of a text: markup gone, lower case, no accents, OCR confusions merged.

    `stripped=True` when the caller already removed the markup (it is the costliest pass).
    """
    folded = fold_accents(text if stripped else strip_markup(text))
    for confusion in OCR_CONFUSIONS:
        folded = folded.replace(confusion.pattern, confusion.replacement)
    return folded


def tokens(text: str, *, stripped: bool = False) -> list[str]:
    """Words of the comparison form, in order: 'L’Etat, **dûment**' -> ['i', 'etat', 'dument']."""
    return _TOKEN_RE.findall(fold(text, stripped=stripped))
