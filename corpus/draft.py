"""A document being written: its blocks, its ground truth, and what is placed where.

Builders append blocks and fill the truth in the same step, so each value in the truth is the
one drawn on the page. Page numbers are resolved after pagination through named marks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ctg.corpus.layout import Block, PageLayout, Para, add_margin_stamp, decorate, paginate
from ctg.corpus.mentions import find_mentions
from ctg.corpus.truth import TruthDocument, TruthMention, TruthStamp


@dataclass(slots=True)
class StampPlacement:
    page: int  # 1-based within the document
    lines: list[str]
    truth: TruthStamp
    margin_text: bool = False
    annotation: bool = False  # a /Stamp annotation over the page instead of page content


@dataclass(slots=True)
class Draft:
    truth: TruthDocument
    header: str | None = None
    footer: Callable[[int, int], str] | None = None
    header_on_first: bool = False
    blocks: list[Block] = field(default_factory=list)
    stamps: list[StampPlacement] = field(default_factory=list)
    # (mark, setter): after layout each setter receives the mark's page in the file and its
    # line number (1-based, in the page's text, headers and margin stamps counted).
    page_refs: list[tuple[str, Callable[[int, int], None]]] = field(default_factory=list)

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)

    def para(self, text: str, **style: object) -> None:
        self.blocks.append(Para(text, **style))  # type: ignore[arg-type]

    def on_page(self, mark: str, setter: Callable[[int, int], None]) -> None:
        self.page_refs.append((mark, setter))


def locate(target: object) -> Callable[[int, int], None]:
    """A setter filling the `page` and `line` fields of a truth record."""

    def setter(page: int, line: int) -> None:
        target.page = page  # type: ignore[attr-defined]
        target.line = line  # type: ignore[attr-defined]

    return setter


def lay_out(draft: Draft, first_page: int) -> list[PageLayout]:
    """Paginate a draft whose first page is `first_page` of its file; fill the page truths."""
    pages, marks, anchors = paginate(draft.blocks)
    decorate(pages, draft.header, draft.footer, skip_first=not draft.header_on_first)
    for stamp in draft.stamps:
        page = pages[stamp.page - 1]
        add_margin_stamp(page, stamp.lines)
        page.margin_text = stamp.margin_text
        stamp.truth.page = first_page + stamp.page - 1
        stamp.truth.line = 1  # the stamp is drawn before every other line of its page
        stamp.truth.margin_text = stamp.margin_text
        if stamp.annotation:  # an annotation is drawn after the page's content: its lines come last
            drawn, page.lines = page.lines[: len(stamp.lines)], page.lines[len(stamp.lines) :]
            stamp.truth.line = len(page.lines) + 1
            page.lines.extend(drawn)
            page.stamp_annotation = stamp.truth.annotation = True
        draft.truth.stamps.append(stamp.truth)
    for mark, setter in draft.page_refs:
        page = pages[marks[mark] - 1]
        line = next(i for i, drawn in enumerate(page.lines, start=1) if drawn is anchors[mark])
        setter(first_page + marks[mark] - 1, line)
    text = "\n".join(page.body_text for page in pages)
    draft.truth.commune_mentions = [TruthMention(written, insee) for written, insee in find_mentions(text)]
    draft.truth.page_start = first_page
    draft.truth.page_end = first_page + len(pages) - 1
    return pages
