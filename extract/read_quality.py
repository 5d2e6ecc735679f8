"""Judge an OCR reading against what the page shows: the characters read against the page's
glyph-sized marks of ink, so that a page read as nearly empty while it is full of text says so.

Counting marks (connected components of dark pixels, scipy.ndimage) rather than the share of
dark pixels: a mark is about one glyph whatever the font's size and weight, a seal or a rule is
one large mark, speckle is dropped by its size, and a photo's texture mostly has no neighbour
of like height on its line. On the real scans, clean pages read 0.8-1.2 characters a mark; a
layered scan read from its background alone, 0-0.1; a page holding a photo and a title shows 16
marks (all at 150 dpi).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    from PIL import Image

INK_DPI = 150  # the page is rendered at this resolution to count its marks (~0.05 s a page)
DARK = 128  # grey level below which a pixel is ink
MARK_MIN_INCH = 0.02  # smaller marks are speckle (an i's dot at 10 pt is ~0.02 inch)
MARK_MAX_INCH = 0.5  # larger ones are rules, frames, pictures, seals
MIN_MARKS = 60  # a page showing fewer glyph-sized marks has too little text to judge
MIN_SHARE = 0.3  # below this many characters read per mark, text was lost
FULL_SHARE = 0.6  # from this many characters a mark on, nothing is missing


@dataclass(frozen=True, slots=True)
class Reading:
    quality: float  # 0-1: OCR confidence, lowered when less was read than the page shows
    lost: str  # why part of the page's text was not read, "" when it was


def glyph_marks(image: Image.Image, dpi: float) -> int:
    """Glyph-sized marks of ink in the picture that have a neighbour of like height beside them
    on the same line, as letters do (the texture of a photo mostly has none)."""
    return len(glyph_heights(image, dpi))


def glyph_heights(image: Image.Image, dpi: float) -> np.ndarray:
    """Heights in pixels of the picture's glyph marks (as counted by `glyph_marks`)."""
    import numpy as np
    from scipy import ndimage

    labels, count = ndimage.label(np.asarray(image.convert("L")) < DARK)
    if not count:
        return np.zeros(0, dtype=int)
    boxes = np.array([(b[0].start, b[0].stop, b[1].start, b[1].stop) for b in ndimage.find_objects(labels)])
    heights, widths = boxes[:, 1] - boxes[:, 0], boxes[:, 3] - boxes[:, 2]
    low, high = MARK_MIN_INCH * dpi, MARK_MAX_INCH * dpi
    boxes = boxes[(np.maximum(heights, widths) >= low) & (heights <= high) & (widths <= high)]
    boxes = boxes[np.argsort(boxes[:, 0] + boxes[:, 1])]  # by vertical centre
    found = [_with_neighbour(boxes, start, high) for start in range(0, len(boxes), _CHUNK)]
    kept = boxes[np.concatenate(found)] if found else boxes[:0]
    return kept[:, 1] - kept[:, 0]


_CHUNK = 256


def _with_neighbour(boxes: np.ndarray, start: int, reach: float) -> np.ndarray:
    """Which marks of boxes[start:start + _CHUNK] have a neighbour: centres less than half a
    height apart vertically, heights within a factor 3, a gap under one height. Only marks
    whose centre is within `reach` are compared (boxes are sorted by centre)."""
    import numpy as np

    centre2 = boxes[:, 0] + boxes[:, 1]  # twice the vertical centre
    chunk = slice(start, min(start + _CHUNK, len(boxes)))
    lo = int(np.searchsorted(centre2, centre2[chunk.start] - 2 * reach))
    hi = int(np.searchsorted(centre2, centre2[chunk.stop - 1] + 2 * reach, side="right"))
    mine, other = boxes[chunk, None, :], boxes[None, lo:hi, :]
    h_mine, h_other = mine[..., 1] - mine[..., 0], other[..., 1] - other[..., 0]
    tallest = np.maximum(h_mine, h_other)
    aligned = np.abs((mine[..., 0] + mine[..., 1]) - (other[..., 0] + other[..., 1])) < tallest
    gap = np.maximum(other[..., 2] - mine[..., 3], mine[..., 2] - other[..., 3])
    beside = (gap < tallest) & (h_other <= 3 * h_mine) & (h_mine <= 3 * h_other)
    found = aligned & beside
    rows = np.arange(chunk.stop - chunk.start)
    found[rows, rows + chunk.start - lo] = False  # a mark is not its own neighbour
    return found.any(axis=1)


def judge_reading(chars: int, marks: int, confidence: float | None) -> Reading:
    """`chars` non-space characters read where the picture shows `marks` glyph-sized marks."""
    base = (confidence or 0.0) / 100
    if marks < MIN_MARKS:
        return Reading(round(base, 3), "")
    share = chars / marks
    quality = base * min(1.0, share / FULL_SHARE)
    if share >= MIN_SHARE:
        return Reading(round(quality, 3), "")
    lost = f"text lost: {chars} characters read where the page shows ~{marks} glyphs"
    return Reading(round(quality, 3), lost)
