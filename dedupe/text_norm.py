"""Text folded for comparison: the same words give the same tokens whatever the layout or reading.

Copies of one document differ in converter markup, line breaks, accents and OCR confusions.
None of that should count as a difference, so comparison works on a folded token stream:
markup removed, lower case, accents dropped, known OCR confusions mapped to one form. The
folding is lossy on purpose (it is never shown to anyone, only hashed).
"""

from __future__ import annotations

import re
from functools import cache

from ctg.core.patterns import Rewrite
from ctg.core.text import fold as fold_text

# Converter markup seen in the seeds; it moves between copies of the same text.
MARKUP: tuple[Rewrite, ...] = (
    Rewrite(r"\*\*|__", " ", "**Article 1** -> Article 1"),
    Rewrite(r"</?(?:u|b|i|em|strong|sup|sub)>", " ", "<u>Siège</u> -> Siège"),
    Rewrite(r"\^\{([^}]*)\}", r"\1", "1^{er} janvier -> 1er janvier"),
    Rewrite(r"\\([-_*#.()\[\]])", r"\1", r"n\-1 -> n-1"),
)

# Signs OCR reads for é, read as e before the fold (which drops what is not ASCII).
OCR_LETTERS: tuple[Rewrite, ...] = (
    Rewrite("¢", "e", "autoris¢ -> autorise"),
    Rewrite("€", "e", "socio-€conomiques -> socio-economiques"),
    Rewrite("©", "e", "activit© -> activite"),
)
# A word broken at a line end by one extractor and not by another, or a compound written with a
# hyphen: the hyphen (and the line break after it) goes, so both give one word. Runs on the
# lower-cased, accent-free text.
HYPHEN = Rewrite(
    r"(?<=[a-z])-[ \t]*(?:\n[ \t]*)?(?=[a-z])",
    "",
    "dévelop-\npement / Saint-Rémy -> developpement / saintremy",
)
# The cheapest confusions of normalize's table (those OCR makes most often) fold onto one form,
# on top of the ones above: a text and its OCR reading give the same words.
FOLDED_CONFUSION_COST = 0.6
# OCR confusions, applied in order after lower-casing and accent removal. Both sides of a
# comparison are folded the same way, so mapping a letter onto its look-alike everywhere is
# harmless. Literal strings (str.replace runs in C, ten times faster than a regex here).
OCR_CONFUSIONS: tuple[Rewrite, ...] = (
    Rewrite("l", "i", "I'Etat / l'Etat -> i'etat"),
    Rewrite("|", "i", "|'Etat -> i'etat"),
    Rewrite("ii", "u", "diiment (dûment) -> dument"),
    Rewrite("rn", "m", "cornmune -> commune"),
)

_MARKUP_RES = tuple((re.compile(f.seen), f.replacement) for f in MARKUP)
_HYPHEN_RE = re.compile(HYPHEN.seen)
_TOKEN_RE = re.compile(r"[a-z0-9]+")


@cache
def derived_confusions() -> tuple[dict[int, str], tuple[tuple[str, str], ...]]:
    """The folding of OCR_CONFUSIONS and of normalize's confusions costing at most
    FOLDED_CONFUSION_COST: a translation table merging letters read for one another ('c'/'e',
    't'/'f', '0'/'o', 'l'/'i'/'1') onto one letter of each class, then the replacements of several
    letters (seen -> meant, written in the merged letters, longest first).

    A fold maps the damaged form onto the clean one on both sides of a comparison, so a word
    and its misreading give the same token; that it merges some real words too only costs a
    little distinctiveness of the hashed shingles (identity is the facts' job)."""
    from ctg.normalize.ocr_confusions import CONFUSIONS  # domain data kept once, in normalize

    pairs = [(f.seen, f.replacement) for f in OCR_CONFUSIONS]
    for seen, meant, cost, _ in CONFUSIONS:
        a, b = fold_accents(seen), fold_accents(meant)
        if cost <= FOLDED_CONFUSION_COST and a and b and a != b:
            pairs.append((a, b))
    parent: dict[str, str] = {}

    def root(c: str) -> str:
        while parent.get(c, c) != c:
            c = parent[c]
        return c

    for a, b in ((a, b) for a, b in pairs if len(a) == len(b) == 1):
        ra, rb = sorted((root(a), root(b)), key=lambda c: (not c.isalpha(), c))  # a letter for a class
        parent[rb] = ra
    table = {ord(c): root(c) for c in parent if root(c) != c}
    rules: dict[str, str] = {}
    for a, b in pairs:
        seen, meant = a.translate(table), b.translate(table)
        if seen != meant and (len(a) > 1 or len(b) > 1):
            rules.setdefault(seen, meant)
    return table, _ordered(sorted(rules.items(), key=lambda r: -len(r[0])))


def _ordered(rules: list[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """Longest first, but a rule whose output holds another's input before it ('h' -> 'ii' before
    'ii' -> 'u'), so that one pass settles every reading."""
    done: list[tuple[str, str]] = []
    pending = list(rules)
    while pending:
        ready = next(
            (r for r in pending if not any(o is not r and r[0] in o[1] for o in pending)), pending[0]
        )  # a cycle (none today) falls back to the longest
        pending.remove(ready)
        done.append(ready)
    return tuple(done)


def strip_markup(text: str) -> str:
    """Remove converter markup (bold markers, underline tags, superscripts, escapes)."""
    for pattern, replacement in _MARKUP_RES:
        text = pattern.sub(replacement, text)
    return text


def fold_accents(text: str) -> str:
    """core.text's fold, ASCII only, after OCR's readings of é: 'Dûment l’Été, activit©' ->
    "dument l'ete, activite". The signs left outside ASCII ("°", "«") only separate words."""
    for letter in OCR_LETTERS:  # before the fold, which would drop them
        text = text.replace(letter.seen, letter.replacement)
    return fold_text(text, ascii_only=True)


def fold(text: str, *, stripped: bool = False) -> str:
    """The comparison form of a text: markup gone, lower case, no accents, OCR confusions merged.

    `stripped=True` when the caller already removed the markup (it is the costliest pass).
    """
    folded = _HYPHEN_RE.sub("", fold_accents(text if stripped else strip_markup(text)))
    table, rules = derived_confusions()
    folded = folded.translate(table)
    for seen, meant in rules:  # literal strings: str.replace runs in C, ten times a regex's speed
        folded = folded.replace(seen, meant)
    return folded


def tokens(text: str, *, stripped: bool = False) -> list[str]:
    """Words of the comparison form, in order: 'L’Etat, **dûment**' -> ['i', 'etat', 'dument']."""
    return _TOKEN_RE.findall(fold(text, stripped=stripped))
