"""Image preparation before OCR: the ink as a boolean array, with ruled lines taken out.

Only steps that measured better on bench/extract.py are applied by ocr.py; the others stay
here as options so the bench can keep measuring them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
from scipy import ndimage

from ctg.extract.scan_leaders import Leader, dot_sized, find_leaders

if TYPE_CHECKING:
    from PIL import Image

    from ctg.extract.ocr import Preparation

INK_LEVEL = 128  # grey level below which a pixel is ink (Tesseract binarises on its own later)
RULE_INCH = 0.75  # a vertical stroke this tall is a rule: right-aligned dates stacked on three lines
# of a stamp made 0.5 inch strokes once their line gaps were bridged (measured)
HRULE_INCH = 1.0  # a horizontal stroke this long is a rule or an underline
RULE_GAP_INCH = 0.05  # a scanned rule is broken by white gaps this long (1-bit scans, dithering)
RULE_EDGE_PX = 4  # pixels either side of a found rule that belong to it (its ragged edge)
SPECK_PX_AT_300 = 6  # connected specks of at most this many pixels at 300 dpi are noise
UPSCALE_BELOW_DPI = 240  # Tesseract reads 300 dpi best: scans under this are enlarged
UPSCALE_TO_DPI = 300
MAX_SKEW_DEGREES = 3.0
SKEW_STEP_DEGREES = 0.1
SKEW_ROW_STEP = 4
SKEW_BANDS = 24
MIN_SKEW_DEGREES = 0.2  # less is left as it is: Tesseract reads it alike


def ink_of(picture: Image.Image) -> np.ndarray:
    return np.asarray(picture.convert("L")) < INK_LEVEL


def rules(ink: np.ndarray, dpi: float) -> np.ndarray:
    """The pixels of long straight strokes: column rules, frames, underlines."""
    return vertical_strokes(ink, dpi, RULE_INCH) | _strokes(ink, round(HRULE_INCH * dpi), axis=1, gap=1)


def vertical_strokes(ink: np.ndarray, dpi: float, inches: float) -> np.ndarray:
    return _strokes(ink, round(inches * dpi), axis=0, gap=round(RULE_GAP_INCH * dpi))


def _strokes(ink: np.ndarray, length: int, axis: int, gap: int, edge: int = RULE_EDGE_PX) -> np.ndarray:
    """Runs of ink at least `length` long along `axis`, white gaps shorter than `gap` bridged.
    A morphological opening with a line; the 1-D filters run in linear time (a 2-D opening
    with a tall element took 5 s a page, measured)."""
    solid = ink.astype(np.uint8)
    if gap > 1:
        solid = ndimage.minimum_filter1d(ndimage.maximum_filter1d(solid, gap, axis=axis), gap, axis=axis)
    opened = ndimage.maximum_filter1d(ndimage.minimum_filter1d(solid, length, axis=axis), length, axis=axis)
    across = 1 - axis
    return ndimage.maximum_filter1d(opened, 2 * edge + 1, axis=across).astype(bool) & ink


UNDERLINE_INCH = 0.4  # an underline is at least this long ("Vote :" and shorter are left as they are)
UNDERLINE_THICK_INCH = 0.015  # and at most this thick: a line under a heading, not a bar
UNDERLINE_GAP_PX = 2  # white gaps bridged along it (a 1-bit scan's dropouts), no wider: the feet
# of a line of serif letters are further apart
UNDERLINE_COVER = 0.9  # share of the line's pixels that are ink
UNDERLINE_ABOVE_INCH = 0.04  # the band just above it where the letters it underlines stand
UNDERLINE_LETTERS = 0.25  # share of its columns with ink in that band, at least
UNDERLINE_BELOW_INCH = 0.03  # the band just below it, paper (a table's rule has a cell there)
UNDERLINE_BELOW_INK = 0.2  # share of its columns with ink there, at most: descenders cross it
UNDERLINE_EDGE_PX = 2  # ragged pixels either side of the line that belong to it
FRAME_STROKE_INCH = 0.25  # a vertical stroke this tall (taller than letters) near it: a frame
FRAME_NEAR_INCH = 0.05
ALIGNED_INCH = 0.05  # another long rule with both ends this close: a table's rules


def underlines(ink: np.ndarray, dpi: float) -> np.ndarray:
    """The pixels of lines drawn under text: Tesseract takes an underlined line of words for one
    mark and drops it. Only the line's own pixels: a letter's stroke crossing it is kept."""
    return _underlines(ink, dpi)[0]


Slices = tuple[slice, slice]


def _underlines(ink: np.ndarray, dpi: float) -> tuple[np.ndarray, list[Slices]]:
    """The underlines' pixels, and each one's rows and columns."""
    out = np.zeros_like(ink)
    candidates = _long_runs(ink, dpi)
    spans = [(cols.start, cols.stop) for (_, cols), _ in candidates]
    found = []
    for index, (box, line) in enumerate(candidates):
        if not _aligned(spans, index, dpi) and _is_underline(ink, line, box, dpi):
            _whiten_line(out, ink, line, box)
            found.append(box)
    return out, found


def _long_runs(ink: np.ndarray, dpi: float) -> list[tuple[Slices, np.ndarray]]:
    """Each thin horizontal run of ink long enough to be an underline: its box and its pixels
    there. Labelled band by band of rows that hold runs (a page holds few): labelling the
    whole page cost more than finding the runs (measured)."""
    runs = _strokes(ink, round(UNDERLINE_INCH * dpi), axis=1, gap=UNDERLINE_GAP_PX + 1, edge=0)
    bands, _ = ndimage.label(runs.any(axis=1))
    found = []
    for (band,) in ndimage.find_objects(bands):
        rows = slice(max(0, band.start - 1), band.stop + 1)
        sub = runs[rows]
        bridged = ndimage.maximum_filter1d(sub, 2 * UNDERLINE_GAP_PX + 1, axis=1)
        bridged = ndimage.maximum_filter1d(bridged, 3, axis=0)
        labels, _ = ndimage.label(bridged)  # one label a line, across its bridged gaps
        labels[~sub] = 0
        for number, box in enumerate(ndimage.find_objects(labels), start=1):
            if box is None:
                continue
            line = labels[box] == number
            found.append(((slice(box[0].start + rows.start, box[0].stop + rows.start), box[1]), line))
    return found


def _is_underline(ink: np.ndarray, line: np.ndarray, box: Slices, dpi: float) -> bool:
    rows, cols = box
    thickness = line.sum(axis=0)
    if np.median(thickness[thickness > 0]) > UNDERLINE_THICK_INCH * dpi:
        return False
    if ink[box][line].mean() < UNDERLINE_COVER:
        return False
    top = max(0, rows.start - round(UNDERLINE_ABOVE_INCH * dpi))
    if ink[top : rows.start, cols].any(axis=0).mean() < UNDERLINE_LETTERS:
        return False
    start = rows.stop + UNDERLINE_EDGE_PX  # past its ragged edge
    below = ink[start : start + round(UNDERLINE_BELOW_INCH * dpi), cols]
    if below.size and below.any(axis=0).mean() > UNDERLINE_BELOW_INK:
        return False
    return not _framed(ink, box, dpi)


def _framed(ink: np.ndarray, box: Slices, dpi: float) -> bool:
    """Whether a vertical stroke taller than letters stands at or near the line: a frame's or
    a table's. Looked for around the line only, a stroke's length above and below."""
    rows, cols = box
    near, tall = round(FRAME_NEAR_INCH * dpi), round(FRAME_STROKE_INCH * dpi)
    top, left = max(0, rows.start - near - tall), max(0, cols.start - near)
    window = ink[top : rows.stop + near + tall, left : cols.stop + near]
    strokes = _strokes(window, tall, axis=0, gap=1, edge=0)
    inner = max(0, rows.start - near) - top
    return bool(strokes[inner : inner + rows.stop - rows.start + 2 * near].any())


def _aligned(spans: list[tuple[int, int]], index: int, dpi: float) -> bool:
    """Whether another long rule starts and ends where this one does: a table's rules."""
    slack = ALIGNED_INCH * dpi
    x0, x1 = spans[index]
    return any(abs(a - x0) <= slack and abs(b - x1) <= slack for n, (a, b) in enumerate(spans) if n != index)


def _whiten_line(out: np.ndarray, ink: np.ndarray, line: np.ndarray, box: tuple[slice, slice]) -> None:
    """Marks in `out` the line's ink, its ragged edge with it, except in the columns where ink
    goes on both above and below the line: a letter's stroke crossing it (p, g, a comma)."""
    rows, cols = box
    edge = UNDERLINE_EDGE_PX
    top, bottom = max(0, rows.start - edge - 1), min(ink.shape[0], rows.stop + edge + 1)
    window = ink[top:bottom, cols]
    grown = np.zeros_like(window)
    grown[rows.start - top : rows.stop - top] = line
    grown = ndimage.binary_dilation(grown, structure=np.ones((2 * edge + 1, 1), dtype=bool)) & window
    has = grown.any(axis=0)
    first = np.argmax(grown, axis=0)
    last = grown.shape[0] - 1 - np.argmax(grown[::-1], axis=0)
    span = np.arange(grown.shape[1])
    up = (first > 0) & window[np.maximum(first - 1, 0), span]
    down = (last < grown.shape[0] - 1) & window[np.minimum(last + 1, grown.shape[0] - 1), span]
    grown[:, has & up & down] = False
    out[top:bottom, cols] |= grown


UNDERLINED_MAX_INCH = 0.5  # the text over an underline is at most this tall (a title)
UNDERLINED_GAP_INCH = 0.02  # white rows this many between it and the line above
UNDERLINED_BELOW_INCH = 0.06  # and room below the underline for its descenders
UNDERLINED_PAD_PX = 4
UNDERLINED_JOIN_INCH = 0.2  # underlines this close on one row underline one line of text


def underlined_lines(ink: np.ndarray, dpi: float) -> tuple[np.ndarray, list[Box]]:
    """The underlines' pixels, and the box of each line of text over them: from the top of its
    letters (the first white gap going up) to its descenders, as wide as the underline."""
    mask, found = _underlines(ink, dpi)
    boxes = []
    gap, tallest = round(UNDERLINED_GAP_INCH * dpi), round(UNDERLINED_MAX_INCH * dpi)
    for rows, cols in found:
        start = max(0, rows.start - tallest)
        inked = ink[start : rows.start, cols].any(axis=1)[::-1]  # rows going up from the line
        white = np.convolve(~inked, np.ones(gap), mode="valid") >= gap  # a gap starting at each row
        top = rows.start - (int(np.argmax(white)) if white.any() else len(inked))
        boxes.append((
            max(0, cols.start - UNDERLINED_PAD_PX),
            max(0, top - UNDERLINED_PAD_PX),
            min(ink.shape[1], cols.stop + UNDERLINED_PAD_PX),
            min(ink.shape[0], rows.stop + round(UNDERLINED_BELOW_INCH * dpi)),
        ))  # fmt: skip
    return mask, _merged(boxes, round(UNDERLINED_JOIN_INCH * dpi))


def _merged(boxes: list[Box], join: int) -> list[Box]:
    """Boxes on one row less than `join` apart made one: words underlined one by one."""
    out: list[Box] = []
    for box in sorted(boxes):  # left to right: each joins the box ending just before it
        for n, last in enumerate(out):
            level = min(last[3], box[3]) - max(last[1], box[1]) > (box[3] - box[1]) / 2
            if level and box[0] - last[2] <= join:
                out[n] = (last[0], min(last[1], box[1]), max(last[2], box[2]), max(last[3], box[3]))
                break
        else:
            out.append(box)
    return out


def specks(ink: np.ndarray, dpi: float) -> np.ndarray:
    """Isolated dots far smaller than any letter or full stop: scanner noise."""
    labels, sizes = marks(ink)
    return _specks(sizes, dpi)[labels]


def marks(ink: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The page's connected marks: their labels, and each label's pixel count (0 is paper)."""
    labels, _ = ndimage.label(ink)
    sizes = np.bincount(labels.ravel())
    sizes[0] = 0
    return labels, sizes


def _specks(sizes: np.ndarray, dpi: float) -> np.ndarray:
    small = sizes <= SPECK_PX_AT_300 * (dpi / 300) ** 2
    small[0] = False
    return small


def skew_angle(ink: np.ndarray) -> float:
    """Degrees to turn the page (counter-clockwise, as PIL's rotate) to level its lines, from
    the sharpness of the row profile: lines of text give the sharpest profile when level. The
    page is sheared rather than rotated: each vertical band's row profile is shifted, which
    at these small angles is the same and costs milliseconds instead of a second (measured)."""
    rows = ink[: ink.shape[0] - ink.shape[0] % SKEW_ROW_STEP]
    reduced = rows[::SKEW_ROW_STEP].copy()  # rows merged: the profile stays sharp, the sums cost less
    for step in range(1, SKEW_ROW_STEP):
        reduced |= rows[step::SKEW_ROW_STEP]
    bands = np.array_split(reduced, SKEW_BANDS, axis=1)
    profiles = np.stack([band.sum(axis=1) for band in bands]).astype(np.float64)
    centres = np.array([(i + 0.5) * reduced.shape[1] / SKEW_BANDS for i in range(SKEW_BANDS)])
    height = profiles.shape[1]
    best, best_score = 0.0, -1.0
    steps = int(MAX_SKEW_DEGREES / SKEW_STEP_DEGREES)
    for step in range(-steps, steps + 1):
        angle = step * SKEW_STEP_DEGREES
        shifts = np.round(centres * np.tan(np.radians(angle)) / SKEW_ROW_STEP).astype(int)
        total = np.zeros(height + 2 * np.abs(shifts).max() + 1)
        offset = np.abs(shifts).max()
        for profile, shift in zip(profiles, shifts, strict=True):
            total[offset + shift : offset + shift + height] += profile
        score = float(np.square(np.diff(total)).sum())
        if score > best_score:
            best, best_score = angle, score
    return -best


Box = tuple[int, int, int, int]  # x0, top, x1, bottom in pixels
LAYOUT_REDUCTION = 2


@dataclass(slots=True)
class PreparedPage:
    """The picture Tesseract reads, and what was done to it."""

    image: Image.Image
    dpi: float
    angle: float  # degrees the scan was turned (counter-clockwise) to level its lines
    split: int | None  # x in pixels between a margin column and the body, if any
    corner: Box | None  # a box framed in the top right corner, read apart
    leaders: list[Leader] = field(default_factory=list)  # dot leaders, whitened in `image`
    underlined: list[Box] = field(default_factory=list)  # lines of text over an underline
    unlined: Image.Image | None = None  # `image` with the underlines whitened


def prepared(picture: Image.Image, dpi: float, steps: Preparation) -> PreparedPage:
    image = picture.convert("L")
    if steps.upscale and dpi < UPSCALE_BELOW_DPI:
        image, dpi = _upscaled(image, dpi), UPSCALE_TO_DPI
    angle = 0.0
    if steps.deskew:
        image, angle = _levelled(image)
    ink = ink_of(image)
    labels, sizes = marks(ink)
    noise = _specks(sizes, dpi) if steps.specks else np.zeros_like(sizes, dtype=bool)
    debris = noise[labels]
    found: list[Leader] = []
    if steps.leaders:
        dots = dot_sized(sizes, dpi) & ~noise
        found, dotted = _leaders(dots[labels], dpi)
        debris |= dotted
    if steps.rules:
        debris |= rules(ink, dpi)
    image = _whitened(image, debris)
    underlined: list[Box] = []
    unlined = None
    if steps.underlines and not steps.rules:  # read apart: whitened on the whole page, every
        # line's reading changes a little, Tesseract adapting to what it read before
        lines, underlined = underlined_lines(ink & ~debris, dpi)
        unlined = _whitened(image, lines) if underlined else None
    split, corner = None, None
    if steps.columns:
        split, corner, image = _layout(image, ink & ~debris, dpi)
    return PreparedPage(image, dpi, angle, split, corner, found, underlined, unlined)


def _leaders(dots: np.ndarray, dpi: float) -> tuple[list[Leader], np.ndarray]:
    """The page's dot leaders, and the band of paper each stands on, which Tesseract is not
    given to read: the grey halo a blurred or JPEG dot leaves reads as letters ("UT iii")."""
    found = find_leaders(dots, dpi)
    band = np.zeros_like(dots)
    for leader in found:  # each dot and a dot's height around it: its halo, not the next line
        x0, top, x1, bottom = leader.box
        grow = leader.dot
        rows = slice(max(0, top - grow), bottom + grow)
        cols = slice(max(0, x0 - grow), x1 + grow)
        square = np.ones((2 * grow + 1, 2 * grow + 1), dtype=bool)
        band[rows, cols] |= ndimage.binary_dilation(dots[rows, cols], structure=square)
    return found, band


def _upscaled(image: Image.Image, dpi: float) -> Image.Image:
    from PIL import Image

    factor = UPSCALE_TO_DPI / dpi
    return image.resize((round(image.width * factor), round(image.height * factor)), Image.LANCZOS)


def _levelled(image: Image.Image) -> tuple[Image.Image, float]:
    from PIL import Image

    angle = skew_angle(ink_of(image))
    if abs(angle) < MIN_SKEW_DEGREES:
        return image, 0.0
    return image.rotate(angle, resample=Image.BILINEAR, fillcolor=255), angle


def _whitened(image: Image.Image, mask: np.ndarray) -> Image.Image:
    from PIL import Image

    if not mask.any():
        return image
    grey = np.asarray(image).copy()
    grey[mask] = 255
    return Image.fromarray(grey, mode="L")


def _layout(image: Image.Image, ink: np.ndarray, dpi: float) -> tuple[int | None, Box | None, Image.Image]:
    """The margin column's split and the corner box, found on the ink halved in each direction:
    layout needs no fine detail, and rules cost a quarter as much there."""
    from ctg.extract.scan_layout import CORNER_STROKE_INCH, find_corner_box, find_margin_column

    small = reduced(ink, LAYOUT_REDUCTION)
    small_dpi = dpi / LAYOUT_REDUCTION
    found_corner = find_corner_box(
        vertical_strokes(small, small_dpi, CORNER_STROKE_INCH[0]), small, small_dpi
    )
    corner = _enlarged(found_corner, image.size) if found_corner else None
    found = find_margin_column(small & ~rules(small, small_dpi), small_dpi)
    if found is None:
        return None, corner, image
    image = image.copy()  # the gutter's rule and stray ink are no text
    gutter = (found.gutter[0] * LAYOUT_REDUCTION, found.gutter[1] * LAYOUT_REDUCTION)
    image.paste(255, (gutter[0], 0, gutter[1], image.height))
    return found.x * LAYOUT_REDUCTION, corner, image


def _enlarged(box: Box, size: tuple[int, int]) -> Box:
    x0, top, x1, bottom = (v * LAYOUT_REDUCTION for v in box)
    return x0, top, min(x1, size[0]), min(bottom, size[1])


def reduced(ink: np.ndarray, factor: int) -> np.ndarray:
    """Ink in blocks of factor × factor pixels: a block is ink when any of its pixels is."""
    height, width = (n - n % factor for n in ink.shape)
    ink = ink[:height, :width]
    out = np.zeros((height // factor, width // factor), dtype=bool)
    for dy in range(factor):  # strided ORs: 10× faster than any() over a reshape (measured)
        for dx in range(factor):
            out |= ink[dy::factor, dx::factor]
    return out


def as_image(ink: np.ndarray) -> Image.Image:
    from PIL import Image

    return Image.fromarray(np.where(ink, 0, 255).astype(np.uint8), mode="L")
