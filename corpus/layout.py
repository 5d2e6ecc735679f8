"""Lay text blocks out on A4 pages: the one place that decides where each line is drawn.

The generator describes a document as blocks (paragraphs, fixed lines, tables, page breaks);
`paginate` wraps and places them and returns pages of `DrawnLine`s. Renderers draw exactly
these lines, and the ground truth is read from them, so truth and PDF cannot disagree.
Wrapping uses reportlab's `simpleSplit` on the real font metrics.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_LEFT = 62.0
MARGIN_RIGHT = 62.0
BODY_TOP = PAGE_HEIGHT - 78.0  # first body baseline
BODY_BOTTOM = 72.0  # no body baseline below this
HEADER_Y = PAGE_HEIGHT - 48.0
FOOTER_Y = 34.0
STAMP_TOP = PAGE_HEIGHT - 12.0  # prefecture stamps sit in the top margin, above the header
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT

Align = Literal["left", "center", "right"]
Role = Literal["body", "header", "footer", "stamp"]

# Real bold and regular fonts with full Latin coverage so accents survive in the text layer;
# Helvetica is the fallback when DejaVu is not installed.
_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")


def _register_fonts() -> tuple[str, str]:
    regular, bold = _DEJAVU / "DejaVuSans.ttf", _DEJAVU / "DejaVuSans-Bold.ttf"
    if not (regular.exists() and bold.exists()):
        return "Helvetica", "Helvetica-Bold"
    if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSans", str(regular)))
        pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(bold)))
    return "DejaVuSans", "DejaVuSans-Bold"


FONT, FONT_BOLD = _register_fonts()


@dataclass(slots=True)
class DrawnLine:
    text: str
    x: float
    y: float  # baseline, points from the bottom of the page
    font: str
    size: float
    role: Role = "body"
    cells: list[tuple[float, str]] | None = None  # table row: (x, text) per cell


@dataclass(slots=True)
class PageLayout:
    lines: list[DrawnLine] = field(default_factory=list)
    rules: list[tuple[float, float, float, float]] = field(default_factory=list)  # table grid
    scanned: bool = False
    margin_text: bool = False  # the stamp lines stay real text over a scanned page
    layered: bool = False  # scanned as office copiers save it (corpus.copier): colour + text masks
    stamp_annotation: bool = False  # the stamp is a /Stamp annotation, drawn after the page

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def body_text(self) -> str:
        return "\n".join(line.text for line in self.lines if line.role in ("body", "stamp"))


@dataclass(slots=True)
class Para:
    """Wrapped text. `mark` names the page it starts on (for the SOMMAIRE and the truth)."""

    text: str
    bold: bool = False
    size: float = 10.0
    align: Align = "left"
    space_before: float = 5.0
    indent: float = 0.0
    mark: str | None = None


@dataclass(slots=True)
class Group:
    """Paragraphs kept on one page (headings with their first line, signature blocks)."""

    paras: list[Para]
    mark: str | None = None


@dataclass(slots=True)
class Table:
    widths: list[float]
    rows: list[list[str]]  # first row is the header, drawn bold
    size: float = 7.0
    marks: list[str | None] = field(default_factory=list)  # one per body row


@dataclass(slots=True)
class PageBreak:
    pass


@dataclass(slots=True)
class Spacer:
    height: float


Block = Para | Group | Table | PageBreak | Spacer


def text_width(text: str, bold: bool, size: float) -> float:
    return pdfmetrics.stringWidth(text, FONT_BOLD if bold else FONT, size)


def wrap(text: str, bold: bool, size: float, width: float) -> list[str]:
    return simpleSplit(text, FONT_BOLD if bold else FONT, size, width) or [""]


class _Cursor:
    """Current page and baseline while paginating."""

    def __init__(self) -> None:
        self.pages: list[PageLayout] = [PageLayout()]
        self.y = BODY_TOP
        self.marks: dict[str, int] = {}
        self.anchors: dict[str, DrawnLine] = {}  # mark -> the first line drawn after it
        self._pending: list[str] = []

    @property
    def page(self) -> PageLayout:
        return self.pages[-1]

    def new_page(self) -> None:
        self.pages.append(PageLayout())
        self.y = BODY_TOP

    def fits(self, height: float) -> bool:
        return self.y - height >= BODY_BOTTOM

    def mark(self, name: str | None) -> None:
        if name:
            self.marks[name] = len(self.pages)
            self._pending.append(name)

    def put(self, line: DrawnLine) -> None:
        self.page.lines.append(line)
        for name in self._pending:
            self.anchors[name] = line
        self._pending.clear()


def _para_lines(para: Para) -> list[str]:
    return wrap(para.text, para.bold, para.size, TEXT_WIDTH - para.indent)


def _leading(size: float) -> float:
    return round(size * 1.45, 2)


def _para_height(para: Para, at_top: bool) -> float:
    gap = 0.0 if at_top else para.space_before
    return gap + _leading(para.size) * len(_para_lines(para))


def _place_para(cursor: _Cursor, para: Para) -> None:
    lines = _para_lines(para)
    if cursor.y != BODY_TOP:
        cursor.y -= para.space_before
    if not cursor.fits(_leading(para.size)):
        cursor.new_page()
    cursor.mark(para.mark)
    font = FONT_BOLD if para.bold else FONT
    for text in lines:
        if not cursor.fits(0):
            cursor.new_page()
        width = text_width(text, para.bold, para.size)
        x = {
            "left": MARGIN_LEFT + para.indent,
            "center": (PAGE_WIDTH - width) / 2,
            "right": PAGE_WIDTH - MARGIN_RIGHT - width,
        }[para.align]
        cursor.put(DrawnLine(text, round(x, 2), round(cursor.y, 2), font, para.size))
        cursor.y -= _leading(para.size)


def _place_group(cursor: _Cursor, group: Group) -> None:
    height = sum(_para_height(p, i == 0) for i, p in enumerate(group.paras))
    if not cursor.fits(height + 5):
        cursor.new_page()
    cursor.mark(group.mark)
    for para in group.paras:
        _place_para(cursor, para)


def _place_row(cursor: _Cursor, table: Table, row: list[str], bold: bool) -> None:
    font = FONT_BOLD if bold else FONT
    lead = _leading(table.size) + 2
    top = cursor.y + table.size + 2
    x = MARGIN_LEFT
    cells: list[tuple[float, str]] = []
    for width, value in zip(table.widths, row, strict=True):
        if text_width(value, bold, table.size) > width - 4:
            raise ValueError(f"table cell too wide for its column: {value!r}")
        cells.append((round(x + 2, 2), value))
        x += width
    line = DrawnLine(
        "\t".join(value for _, value in cells), cells[0][0], round(cursor.y, 2), font, table.size
    )
    line.cells = cells
    cursor.put(line)
    bottom = top - lead
    right = MARGIN_LEFT + sum(table.widths)
    cursor.page.rules.append((MARGIN_LEFT, top, right, top))
    cursor.page.rules.append((MARGIN_LEFT, bottom, right, bottom))
    edge = MARGIN_LEFT
    for width in [0.0, *table.widths]:
        edge += width
        cursor.page.rules.append((edge, top, edge, bottom))
    cursor.y -= lead


def _place_table(cursor: _Cursor, table: Table) -> None:
    lead = _leading(table.size) + 2
    cursor.y -= 8
    if not cursor.fits(lead * 2):
        cursor.new_page()
    _place_row(cursor, table, table.rows[0], bold=True)
    marks = table.marks or [None] * (len(table.rows) - 1)
    for row, mark in zip(table.rows[1:], marks, strict=True):
        if not cursor.fits(lead):
            cursor.new_page()
            _place_row(cursor, table, table.rows[0], bold=True)  # header repeated on each page
        cursor.mark(mark)
        _place_row(cursor, table, row, bold=False)
    cursor.y -= 4


def paginate(blocks: list[Block]) -> tuple[list[PageLayout], dict[str, int], dict[str, DrawnLine]]:
    """Place blocks on pages; returns the pages and, for each mark, its 1-based page and the
    first line drawn after it (to find its line number once headers are added)."""
    cursor = _Cursor()
    for block in blocks:
        if isinstance(block, PageBreak):
            cursor.new_page()
        elif isinstance(block, Spacer):
            cursor.y -= block.height
        elif isinstance(block, Para):
            _place_para(cursor, block)
        elif isinstance(block, Group):
            _place_group(cursor, block)
        else:
            _place_table(cursor, block)
    return cursor.pages, cursor.marks, cursor.anchors


def decorate(
    pages: list[PageLayout],
    header: str | None,
    footer: Callable[[int, int], str] | None,
    skip_first: bool = False,
) -> None:
    """Add the running header and the page-number footer (counted within the document)."""
    total = len(pages)
    for number, page in enumerate(pages, start=1):
        if skip_first and number == 1:
            continue
        if header:
            width = text_width(header, False, 8)
            line = DrawnLine(header, round(PAGE_WIDTH - MARGIN_RIGHT - width, 2), HEADER_Y, FONT, 8, "header")
            page.lines.insert(0, line)
        if footer:
            text = footer(number, total)
            x = round((PAGE_WIDTH - text_width(text, False, 8)) / 2, 2)
            page.lines.append(DrawnLine(text, x, FOOTER_Y, FONT, 8, "footer"))


def add_margin_stamp(page: PageLayout, stamp_lines: list[str]) -> None:
    """Put a prefecture stamp in the top-right margin, before every other line of the page."""
    drawn = []
    for index, text in enumerate(stamp_lines):
        x = round(PAGE_WIDTH - MARGIN_RIGHT - text_width(text, False, 7), 2)
        drawn.append(DrawnLine(text, x, round(STAMP_TOP - index * 8.0, 2), FONT, 7, "stamp"))
    page.lines[0:0] = drawn
