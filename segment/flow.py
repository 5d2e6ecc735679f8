"""A section's lines as one flow of words, each word keeping its page and line.

Parties and signature blocks are read on this flow rather than on line shapes, so that the same
text wrapped at another width, joined into paragraphs or re-read by OCR gives the same rows: a
match in the flow's text maps back to the lines its words came from, for the span.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from ctg.core.model import Line, Span


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    page: int
    line: int


@dataclass(slots=True)
class Flow:
    """The words of some lines joined by single spaces; `starts[i]` is where word i begins in `text`."""

    text: str = ""
    words: list[Word] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)

    @classmethod
    def of_lines(cls, lines: list[Line]) -> Flow:
        flow = cls()
        parts: list[str] = []
        offset = 0
        for line in lines:
            for token in line.text.split():
                flow.words.append(Word(token, line.page, line.number))
                flow.starts.append(offset)
                parts.append(token)
                offset += len(token) + 1
        flow.text = " ".join(parts)
        return flow

    def words_in(self, start: int, end: int) -> list[Word]:
        """The words that overlap the characters [start, end)."""
        first = max(bisect.bisect_right(self.starts, start) - 1, 0)
        last = bisect.bisect_left(self.starts, end)
        return self.words[first:last]

    def span(self, file: str, start: int, end: int) -> Span | None:
        words = self.words_in(start, end)
        if not words:
            return None
        first, last = words[0], words[-1]
        return Span.between(file, (first.page, first.line), (last.page, last.line))
