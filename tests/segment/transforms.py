"""Layout transforms of an extracted file, and the rows a layout must not change.

A transform rewrites the lines of every page the way another layout or another reader would give the
same text: re-wrapped at another width, joined into one line per paragraph, or damaged the way
Tesseract damages French (normalize.synthetic_damage). `transformed` applies one to an extracted
SourceFile, before normalize, as extract would have handed it over; `layout_rows` gives the
parties, signature blocks and articles of the segmented result without their provenance, so that
two layouts can be compared; `same_rows` compares them, with a tolerant fold for OCR damage.

Paragraphs are found as a reader reflows text: a wider vertical gap than the page's usual one (on a
PDF page) starts one; a line ends its paragraph when the next line is blank, when it is short
against the page's longest line (a heading, the last line of a paragraph), when it is a contents
entry, or when the next line starts a list item. Lines of a prefecture stamp are kept as they are.
"""

from __future__ import annotations

import itertools
import re
import textwrap
from collections.abc import Callable
from dataclasses import replace

from rapidfuzz import fuzz

from ctg.core.model import Document, Line, Page, SourceFile
from ctg.normalize.stamp_lines import is_stamp_line
from ctg.segment.text import fold_words
from evaluation.synthetic_damage import damage

Transform = Callable[[list[Line]], list[Line]]
Rows = dict[str, list[tuple[str, ...]]]

FULL_LINE = 0.6  # a line shorter than this share of the page's longest line ends its paragraph
TOC_ENTRY = re.compile(r"(?:\.{4,}|…{2,})\s*\d*\s*$")  # a contents entry ends where its page number stands
LIST_ITEM = re.compile(r"^\s*(?:[-•▪*]\s|\d{1,2}[.)]\s|[a-z]\)\s)")
OCR_TOLERANCE = 85  # folded ratio under which two values differ by more than OCR damage


def _gap_breaks(lines: list[Line]) -> set[int]:
    """Indices of lines that start a paragraph after a wider vertical gap than the page's usual one."""
    tops = [(n, line.bbox[1], line.bbox[3]) for n, line in enumerate(lines) if line.bbox]
    gaps = [b[1] - a[2] for a, b in itertools.pairwise(tops) if b[1] > a[1]]
    if not gaps:
        return set()
    usual = sorted(gaps)[len(gaps) // 2]
    return {b[0] for a, b in itertools.pairwise(tops) if b[1] - a[2] > usual + PARAGRAPH_GAP}


PARAGRAPH_GAP = 2.0  # points beyond the usual line gap that separate two paragraphs


def paragraphs(lines: list[Line]) -> list[list[Line]]:
    """The page's lines grouped by paragraph; a blank line or a stamp line is a group of its own."""
    longest = max((len(line.text.strip()) for line in lines), default=0)
    breaks = _gap_breaks(lines)
    groups: list[list[Line]] = []
    current: list[Line] = []
    for n, line in enumerate(lines):
        text = line.text.strip()
        if not text or is_stamp_line(text):
            groups.extend([current, [line]] if current else [[line]])
            current = []
            continue
        if n in breaks and current:
            groups.append(current)
            current = []
        current.append(line)
        following = lines[n + 1].text if n + 1 < len(lines) else ""
        ends = len(text) < FULL_LINE * longest or TOC_ENTRY.search(text)
        if ends or not following.strip() or LIST_ITEM.match(following):
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups


def _renumber(lines: list[Line]) -> list[Line]:
    return [replace(line, number=n) for n, line in enumerate(lines, start=1)]


def _as_line(text: str, like: Line) -> Line:
    return Line(text=text, page=like.page, number=0, raw=text, role=like.role, origin=like.origin)


def _reflow(width: int | None) -> Transform:
    def transform(lines: list[Line]) -> list[Line]:
        out: list[Line] = []
        for group in paragraphs(lines):
            words = " ".join(line.text.strip() for line in group)
            if len(group) == 1 and (not words or is_stamp_line(words)):
                out.append(replace(group[0]))
                continue
            wrapped = (
                textwrap.wrap(words, width, break_long_words=False, break_on_hyphens=False)
                if width
                else [words]
            )
            out.extend(_as_line(text, group[0]) for text in wrapped)
        return _renumber(out)

    return transform


def _noise(seed: int) -> Transform:
    def transform(lines: list[Line]) -> list[Line]:
        damaged = damage("\n".join(line.text for line in lines), seed).split("\n")
        return [replace(line, text=text, raw=text) for line, text in zip(lines, damaged, strict=True)]

    return transform


def rewrap(width: int) -> Transform:
    """Every paragraph wrapped again at `width` columns."""
    return _reflow(width)


def join_paragraphs() -> Transform:
    """Every paragraph on one line."""
    return _reflow(None)


def ocr_noise(seed: int = 0) -> Transform:
    """Tesseract-like damage (accents, l read as I or 1, bullets as e), reproducible for a seed."""
    return _noise(seed)


TRANSFORMS: dict[str, Transform] = {
    "wrap50": rewrap(50),
    "wrap80": rewrap(80),
    "wrap140": rewrap(140),
    "joined": join_paragraphs(),
    "ocr": ocr_noise(0),
}
NOISY = frozenset({"ocr"})  # compared with a tolerant fold


def transformed(source: SourceFile, transform: Transform) -> SourceFile:
    """The extracted file with `transform` applied to each page's lines (positions dropped: a
    re-wrapped line has no box of its own)."""
    pages = [
        Page(
            file=page.file,
            number=page.number,
            method=page.method,
            lines=[replace(line, bbox=None) for line in transform(page.lines)],
            width=page.width,
            height=page.height,
        )
        for page in source.pages
    ]
    return replace(source, pages=pages, sha256=f"transformed-{source.sha256}")


def layout_rows(documents: list[Document]) -> Rows:
    """Parties, signature blocks and articles of a file, in order, provenance aside."""
    parties = [(p.party_type, p.name, p.representative, p.role) for d in documents for p in d.parties]
    signatures = [
        (b.party_type, b.name, *sorted(s.as_written for s in b.signers))
        for d in documents
        for b in d.signatures
    ]
    articles = [(a.number, a.title) for d in documents for a in d.articles]
    return {"parties": parties, "signatures": signatures, "articles": articles}


def _same_value(a: str, b: str, tolerant: bool) -> bool:
    if tolerant:
        return fuzz.ratio(fold_words(a), fold_words(b)) >= OCR_TOLERANCE
    return " ".join(a.split()) == " ".join(b.split())


def same_rows(got: list[tuple[str, ...]], want: list[tuple[str, ...]], tolerant: bool = False) -> bool:
    """Row for row the same values; with `tolerant`, values equal up to OCR damage (folded ratio)."""
    return len(got) == len(want) and all(
        len(g) == len(w) and all(_same_value(x, y, tolerant) for x, y in zip(g, w, strict=True))
        for g, w in zip(got, want, strict=True)
    )


def differences(got: list[tuple[str, ...]], want: list[tuple[str, ...]], tolerant: bool = False) -> list[str]:
    """What a failing comparison should show: rows missing and rows extra."""
    missing = [w for w in want if not any(same_rows([g], [w], tolerant) for g in got)]
    extra = [g for g in got if not any(same_rows([g], [w], tolerant) for w in want)]
    return [f"missing {row}" for row in missing] + [f"extra {row}" for row in extra]
