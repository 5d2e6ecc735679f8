"""Running headers, footers, page numbers and stamps told apart from body text.

Nothing is deleted: a line found here only gets its `role`, so it stays available with its
page. Multi-page files: a line near the top or bottom of a page whose digit-masked form recurs
on many pages is a header or footer ("Convention CTG 2026-2030 - page 3"), unless it only
recurs on copies of one document (a signature at the foot of each copy). One-page text
inputs cannot show that (a file may hold the same convention four times), so there only
page-number shapes and stamp lines are recognised.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ctg.core.model import Line, LineRole, Page
from ctg.normalize.stamp_lines import stamp_line_flags

# (name, pattern, example) of a line that is only a page number.
PAGE_NUMBER_PATTERNS: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("bare", re.compile(r"^\d{1,3}$"), "20"),
    ("dashed", re.compile(r"^[-–—]\s*\d{1,3}\s*[-–—]$"), "- 3 -"),
    (
        "page_of",
        re.compile(r"^page\s*\d{1,3}\s*(?:/|sur|de|of)\s*\d{1,3}$", re.I),
        "Page 3/12, page 3 sur 12",
    ),
    ("page", re.compile(r"^(?:page|p\.)\s*\d{1,3}$", re.I), "Page 3"),
    ("fraction", re.compile(r"^\d{1,3}\s*/\s*\d{1,3}$"), "3/12"),
)
EDGE_LINES = 3  # non-blank lines at the top and at the bottom of a page where furniture sits
REPEAT_SHARE = 0.4  # share of pages a header/footer recurs on (at least 2 pages)
RUN_MIN = 3  # bare numbers in a one-page text count as page numbers from this many in a row
# OCR spells a running header a little differently on each page: keys this similar are one.
FUZZY_MIN_RATIO = 90
FUZZY_MIN_CHARS = 10  # shorter keys ("- # -") are compared exactly
FUZZY_MAX_KEYS = 4000  # above that (some 700 pages), exact keys only: the comparison is quadratic


def page_number_shape(text: str) -> str | None:
    """The name of the page-number pattern `text` matches, or None."""
    stripped = text.strip()
    for name, pattern, _example in PAGE_NUMBER_PATTERNS:
        if pattern.match(stripped):
            return name
    return None


_DIGITS = re.compile(r"\d+")


def _mask(text: str) -> str:
    """Digit-masked, case-folded, single-spaced key: "Page 3 / 12" → "page # / #"."""
    return " ".join(_DIGITS.sub("#", text.casefold()).split())


def _edges(page: Page) -> tuple[list[Line], list[Line]]:
    filled = [line for line in page.lines if line.text.strip()]
    return filled[:EDGE_LINES], filled[-EDGE_LINES:]


def _repeated_keys(pages: list[Page]) -> set[str]:
    """Masked edge lines that run through the file: on enough pages, two of them consecutive,
    and on pages that differ (identical pages are copies of one document, not furniture)."""
    seen_on: dict[str, set[int]] = {}
    for index, page in enumerate(pages):
        top, bottom = _edges(page)
        for line in top + bottom:
            seen_on.setdefault(_mask(line.text), set()).add(index)
    needed = max(2, round(REPEAT_SHARE * len(pages)))
    content: dict[int, str] = {}  # masked page texts, made only as far as a test below needs them

    def masked(index: int) -> str:
        if index not in content:
            content[index] = _mask(pages[index].text)
        return content[index]

    keys = set()
    for key, found in _merge_near_keys(seen_on).items():
        consecutive = any(index + 1 in found for index in found)
        if len(key) > 1 and len(found) >= needed and consecutive and _differ(found, masked):
            keys.add(key)
    return keys


def _differ(indices: set[int], masked: Callable[[int], str]) -> bool:
    """Whether the pages at `indices` are not all one masked text (stops at the first other one)."""
    pages = iter(indices)
    first = masked(next(pages))
    return any(masked(index) != first for index in pages)


def _merge_near_keys(seen_on: dict[str, set[int]]) -> dict[str, set[int]]:
    """Pages of each key, counting those of keys OCR spelt a little differently
    ("Convention territoriale globale" / "Conventlon territoriale globale")."""
    keys = [key for key in seen_on if len(key) >= FUZZY_MIN_CHARS]
    if not 1 < len(keys) <= FUZZY_MAX_KEYS:
        return seen_on
    from rapidfuzz import fuzz, process  # only files with several edge keys need it

    merged = dict(seen_on)
    for key in keys:
        # process.extract, not cdist: cdist's matrix would import numpy on `ctg text`'s path
        near = process.extract(key, keys, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN_RATIO, limit=None)
        merged[key] = set().union(*(seen_on[choice] for choice, _score, _index in near))
    return merged


def _numbered_run(lines: list[Line]) -> set[int]:
    """ids of bare-number lines that count up (20, 21, 22 …) through a one-page text."""
    marked: set[int] = set()
    chain: list[Line] = []
    for line in lines:
        if page_number_shape(line.text) != "bare":
            continue
        if chain and int(line.text) - int(chain[-1].text) not in (1, 2):
            if len(chain) >= RUN_MIN:
                marked.update(id(item) for item in chain)
            chain = []
        chain.append(line)
    if len(chain) >= RUN_MIN:
        marked.update(id(item) for item in chain)
    return marked


def _edge_role(line: Line, at_top: bool, repeated: set[str]) -> LineRole | None:
    if page_number_shape(line.text):
        return "page_number"
    if _mask(line.text) in repeated:
        return "header" if at_top else "footer"
    return None


def assign_roles(pages: list[Page]) -> None:
    """Set `role` on every line of `pages` (in place): blank, stamp, page_number, header, footer, body."""
    repeated = _repeated_keys(pages) if len(pages) > 1 else set()
    run = _numbered_run([line for page in pages for line in page.lines]) if len(pages) == 1 else set()
    filled = [line for page in pages for line in page.lines if line.text.strip()]
    flags = stamp_line_flags([line.text for line in filled])
    stamps = {id(line) for line, stamp in zip(filled, flags, strict=True) if stamp}
    for page in pages:
        top, bottom = _edges(page)
        top_ids, bottom_ids = {id(line) for line in top}, {id(line) for line in bottom}
        for line in page.lines:
            role: LineRole | None = None
            if not line.text.strip():
                role = "blank"
            elif id(line) in stamps:
                role = "stamp"
            elif len(pages) > 1 and (id(line) in top_ids or id(line) in bottom_ids):
                at_top = id(line) in top_ids and (id(line) not in bottom_ids or line is top[0])
                role = _edge_role(line, at_top, repeated)
            elif id(line) in run or page_number_shape(line.text) in ("dashed", "page_of", "page"):
                role = "page_number"
            line.role = role or "body"
