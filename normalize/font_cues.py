"""Headings and bold told from the font cues a PDF text layer gives (size, font name)."""

from __future__ import annotations

from functools import lru_cache

from ctg.core.model import Line

HEADING_SIZE_RATIO = 1.2  # a line set this much larger than the page's usual text is a heading
HEADING_MAX_CHARS = 160
BOLD_FONT_MARKS = ("bold", "black", "heavy", "semibold", "demi")  # "Arial-BoldMT" → bold


@lru_cache(maxsize=256)  # asked of every line, of a page's few fonts
def is_bold_font(font: str | None) -> bool:
    return bool(font) and any(mark in font.lower() for mark in BOLD_FONT_MARKS)


def _median(values: list[float]) -> float:
    """`statistics.median`'s formula: importing `statistics` (fractions, decimal) took ~2 ms of
    every `ctg text` run."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def font_headings(lines: list[Line]) -> set[int]:
    """ids of the lines of one page that font size or weight marks as headings."""
    sizes = [line.size for line in lines if line.size and line.text.strip()]
    if not sizes:
        return set()
    usual = _median(sizes)
    found: set[int] = set()
    for line in lines:
        short = 0 < len(line.text.strip()) <= HEADING_MAX_CHARS
        larger = bool(line.size) and line.size >= HEADING_SIZE_RATIO * usual
        if short and (larger or line.bold or is_bold_font(line.font)):
            found.add(id(line))
    return found
