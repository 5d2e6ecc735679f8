"""Layered scans as office copiers save them (mixed raster content): a 150 dpi colour JPEG of
the sheet with the text taken out, and the text itself as 1-bit 300 dpi image masks, one per
block of lines, painted in black over it. Only the render of the whole page shows the text.
"""

from __future__ import annotations

import base64
import io
import zlib
from dataclasses import dataclass

import numpy as np
import pypdfium2 as pdfium
from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from ctg.corpus.layout import PAGE_HEIGHT, PAGE_WIDTH

BACKGROUND_DPI = 150
MASK_DPI = 300
PAPER = (246, 242, 230)  # the sheet's tint, kept by the colour layer
INK = 160  # grey level below which the copier puts a pixel in the text layer
BLOCK_GAP_PX = 24  # blank rows that end a block of lines (0.08 inch: more than a line's leading)
JPEG_QUALITY = 50


@dataclass(slots=True)
class Mask:
    """One block of text as a 1-bit image mask, placed in points (bottom-left origin)."""

    x: float
    y: float
    width: float
    height: float
    px_width: int
    px_height: int
    bits: bytes  # rows padded to whole bytes, 0 = ink (the mask paints where a sample is 0)


@dataclass(slots=True)
class LayeredScan:
    background: bytes  # JPEG
    masks: list[Mask]


def layered_scans(source_pdf: bytes, page_indexes: list[int], seed: int) -> dict[int, LayeredScan]:
    """The layered scan of each requested page (0-based) of `source_pdf`."""
    rng = np.random.default_rng(seed)
    document = pdfium.PdfDocument(source_pdf)
    scans: dict[int, LayeredScan] = {}
    try:
        for index in page_indexes:
            render = document[index].render(scale=MASK_DPI / 72, grayscale=True)
            grey = np.asarray(render.to_pil().convert("L"))
            scans[index] = LayeredScan(_background(grey.shape, rng), _masks(grey < INK))
    finally:
        document.close()
    return scans


def _background(shape: tuple[int, ...], rng: np.random.Generator) -> bytes:
    """The sheet without its text: paper tint and grain at 150 dpi."""
    height, width = (side * BACKGROUND_DPI // MASK_DPI for side in shape[:2])
    grain = rng.normal(0.0, 3.0, (height, width, 1))
    pixels = np.clip(np.array(PAPER, dtype=np.float32) + grain, 0, 255).astype(np.uint8)
    out = io.BytesIO()
    Image.fromarray(pixels, mode="RGB").save(out, format="JPEG", quality=JPEG_QUALITY)
    return out.getvalue()


def _masks(ink: np.ndarray) -> list[Mask]:
    """One mask per block of lines: rows of ink separated by fewer than BLOCK_GAP_PX blank rows."""
    rows = np.flatnonzero(ink.any(axis=1))
    if not rows.size:
        return []
    breaks = np.flatnonzero(np.diff(rows) > BLOCK_GAP_PX)
    starts = np.concatenate(([rows[0]], rows[breaks + 1]))
    stops = np.concatenate((rows[breaks], [rows[-1]])) + 1
    return [_mask(ink, int(top), int(bottom)) for top, bottom in zip(starts, stops, strict=True)]


def _mask(ink: np.ndarray, top: int, bottom: int) -> Mask:
    band = ink[top:bottom]
    columns = np.flatnonzero(band.any(axis=0))
    left, right = int(columns[0]), int(columns[-1]) + 1
    block = band[:, left:right]
    bits = Image.fromarray(np.where(block, 0, 255).astype(np.uint8), mode="L").convert("1", dither=None)
    points = 72 / MASK_DPI
    height_px = ink.shape[0]
    return Mask(
        x=round(left * points, 3),
        y=round((height_px - bottom) * points, 3),
        width=round((right - left) * points, 3),
        height=round((bottom - top) * points, 3),
        px_width=right - left,
        px_height=bottom - top,
        bits=bits.tobytes(),
    )


def draw_layered(canvas: Canvas, scan: LayeredScan) -> None:
    """The background over the whole page, then every mask painted in black."""
    canvas.drawImage(ImageReader(io.BytesIO(scan.background)), 0, 0, PAGE_WIDTH, PAGE_HEIGHT)
    for mask in scan.masks:
        # reportlab draws no image masks: the mask goes in the page's content as an inline
        # image (/IM true), its bits Flate-compressed and ASCII85-encoded so the stream stays text.
        data = base64.a85encode(zlib.compress(mask.bits, 9)).decode("ascii")
        canvas._code.append(
            f"q 0 g {mask.width} 0 0 {mask.height} {mask.x} {mask.y} cm "
            f"BI /W {mask.px_width} /H {mask.px_height} /IM true /F [/A85 /Fl] ID {data}~> EI Q"
        )
