"""Judge an OCR reading against what the page shows: the characters read against the page's
glyph-sized marks of ink, so that a page read as nearly empty while it is full of text says so.

Counting marks (connected components of dark pixels, scipy.ndimage) rather than the share of
dark pixels: a mark is about one glyph whatever the font's size and weight, a photo or a seal
is a few large marks, and speckle is dropped by its size. On the real scans, clean pages read
0.7-1.2 characters a mark; a layered scan read from its background alone, 0-0.08.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import Image

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
    """Glyph-sized marks of ink in the picture."""
    import numpy as np
    from scipy import ndimage

    ink = np.asarray(image.convert("L")) < DARK
    labels, count = ndimage.label(ink)
    if not count:
        return 0
    boxes = ndimage.find_objects(labels)
    heights = np.fromiter((b[0].stop - b[0].start for b in boxes), dtype=np.int32, count=count)
    widths = np.fromiter((b[1].stop - b[1].start for b in boxes), dtype=np.int32, count=count)
    low, high = MARK_MIN_INCH * dpi, MARK_MAX_INCH * dpi
    glyph_sized = (np.maximum(heights, widths) >= low) & (heights <= high) & (widths <= high)
    return int(glyph_sized.sum())


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
