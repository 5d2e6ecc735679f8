"""Reading order in scans: a narrow margin column beside the body is read as a column of its own.

Council minutes print a column of counts and dates down the left side ("Nombre de membres /
en exercice : 11 / …"), often behind a ruled line. Tesseract's page layout merges it into the
body line by line, so the column is found here on the ink itself: a vertical band of white
running down the whole page between a narrow column at the left and a body that is one
column (a table, whose right side has gutters of its own, is never split).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MIN_GUTTER_INCH = 0.1  # the white between the margin column and the body
MAX_MARGIN_SHARE = 0.4  # the margin column's width, as a share of the page's inked width
MIN_BODY_SHARE = 0.5  # the body's width, as a share of the page's inked width
MIN_COLUMN_ROWS_INCH = 0.5  # a margin column holds at least this much inked height (a few lines)
STRAY_INK = 0.015  # a band of pixel columns inked on this share of rows (specks, the ragged edge of a
# removed rule, a dotted line across the foot) still counts as white: a text line is 1.2% of A4
MIN_SIDE_COLUMN_SHARE = 0.2  # a gutter nearer the body's right edge only cuts off a stamp's overhang
BAND_INCH = 0.05  # the profile is taken on bands this wide, so one stray dot does not close a gutter


@dataclass(frozen=True, slots=True)
class ColumnSplit:
    """Where the page splits: pixels left of `x` are the margin column, the rest the body."""

    x: int
    gutter: tuple[int, int]  # the white band, in pixels


def find_margin_column(ink: np.ndarray, dpi: float) -> ColumnSplit | None:
    """The split between a left margin column and the body, or None for a one-column page.

    `ink` is a boolean array (True = ink) with rules already removed: a ruled line between
    the column and the body would otherwise close the gutter."""
    height, width = ink.shape
    band = max(1, round(BAND_INCH * dpi))
    columns = ink[:, : width - width % band].reshape(height, -1, band).any(axis=2)
    rows_inked = columns.sum(axis=0)  # per band of pixel columns, how many rows hold ink
    inked = np.flatnonzero(rows_inked > STRAY_INK * height)
    if inked.size == 0:
        return None
    left, right = inked[0], inked[-1] + 1
    span = right - left
    white = rows_inked <= STRAY_INK * height
    for start, end in _runs(white, left, right):
        if (end - start) * band < MIN_GUTTER_INCH * dpi:
            continue
        if (start - left) > MAX_MARGIN_SHARE * span or (right - end) < MIN_BODY_SHARE * span:
            continue
        if _inked_height(ink[:, left * band : start * band]) < MIN_COLUMN_ROWS_INCH * dpi:
            continue
        if _has_gutter(white, end, right - round(MIN_SIDE_COLUMN_SHARE * span), band, dpi):
            return None  # the body is itself in columns: a table or a two-column text, left alone
        return ColumnSplit(x=(start + end) * band // 2, gutter=(start * band, end * band))
    return None


def _runs(flags: np.ndarray, start: int, stop: int) -> list[tuple[int, int]]:
    """[start, end) runs of True in flags[start:stop]."""
    padded = np.concatenate(([False], flags[start:stop], [False]))
    edges = np.flatnonzero(np.diff(padded.astype(np.int8)))
    return [(start + a, start + b) for a, b in zip(edges[::2], edges[1::2], strict=True)]


def _inked_height(region: np.ndarray) -> int:
    return int(region.any(axis=1).sum())


def _has_gutter(white: np.ndarray, start: int, stop: int, band: int, dpi: float) -> bool:
    return any((b - a) * band >= MIN_GUTTER_INCH * dpi for a, b in _runs(white, start, stop))


CORNER_STROKE_INCH = (0.4, 2.0)  # the left edge of a box drawn in the top corner (a stamp's frame)
CORNER_TOP_SLACK_INCH = 0.3  # the box starts with the page's first line of ink (a table lower down
# has vertical strokes in the right half too)
CORNER_ROW_INK = 0.01  # a row is part of the page's text when this share of it is ink
CORNER_RIGHT_SHARE = 0.5  # ... and its left edge stands in the right half
CORNER_MIN_WIDTH_INCH = 1.5  # room for a stamp's text right of that edge


def find_corner_box(vertical: np.ndarray, ink: np.ndarray, dpi: float) -> tuple[int, int, int, int] | None:
    """The box of a block framed in the top right corner, known by its left edge: a vertical
    stroke there, too short for a column rule (a stamp printed or applied before the scan).
    Its text is read on its own: Tesseract otherwise joins each of its lines to the body line
    beside it ("… exercice 202 Reçu en préfecture le …"). Returns (x0, top, x1, bottom) px."""
    from scipy import ndimage

    height, width = vertical.shape
    inked_rows = np.flatnonzero(ink.sum(axis=1) > CORNER_ROW_INK * width)
    if inked_rows.size == 0:
        return None
    page_top = inked_rows[0]
    labels, _ = ndimage.label(vertical)
    shortest, longest = (round(inch * dpi) for inch in CORNER_STROKE_INCH)
    for rows, cols in ndimage.find_objects(labels):
        length = rows.stop - rows.start
        if not shortest <= length <= longest:
            continue
        if rows.start > page_top + CORNER_TOP_SLACK_INCH * dpi or cols.start < CORNER_RIGHT_SHARE * width:
            continue
        if width - cols.stop < CORNER_MIN_WIDTH_INCH * dpi:  # the page's own edge, not a box
            continue
        return cols.start, max(0, rows.start - length // 10), width, min(height, rows.stop + length // 10)
    return None
