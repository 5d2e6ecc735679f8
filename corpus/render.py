"""Draw laid-out pages as PDF: born-digital pages as text, "scanned" pages as degraded images.

Born-digital pages are drawn with reportlab (invariant mode, so the bytes do not depend on the
clock). A scanned page is the born-digital page rendered by PDFium at 300 dpi in grey, turned
slightly, blurred, sprinkled with noise and stored as one JPEG filling the A4 page, so its
resolution can be read back as pixels / (page points / 72).
"""

from __future__ import annotations

import io
import random

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from ctg.corpus.annotate import add_stamp_annotations
from ctg.corpus.copier import LayeredScan, draw_layered
from ctg.corpus.layout import PAGE_HEIGHT, PAGE_WIDTH, DrawnLine, PageLayout

SCAN_DPI = 300
JPEG_QUALITY = 60
WHITE_POINT = 232


def _draw_lines(
    canvas: Canvas, page: PageLayout, only_margin: bool = False, skip_margin: bool = False
) -> None:
    for line in page.lines:
        if (only_margin and line.role != "stamp") or (skip_margin and line.role == "stamp"):
            continue
        if line.cells is None:
            canvas.setFont(line.font, line.size)
            canvas.drawString(line.x, line.y, line.text)
            continue
        canvas.setFont(line.font, line.size)
        for x, value in line.cells:
            canvas.drawString(x, line.y, value)


def _draw_rules(canvas: Canvas, page: PageLayout) -> None:
    canvas.setLineWidth(0.5)
    for x0, y0, x1, y1 in page.rules:
        canvas.line(x0, y0, x1, y1)


def digital_pdf(pages: list[PageLayout], title: str) -> bytes:
    """Every page drawn as text, whatever its `scanned` flag (the source for the scans)."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=1)
    canvas.setTitle(title)
    for page in pages:
        _draw_rules(canvas, page)
        # A stamp kept as real text over a scan must not also be burnt into the image.
        _draw_lines(canvas, page, skip_margin=page.scanned and page.margin_text)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def degrade(image: Image.Image, rng: random.Random) -> Image.Image:
    """Make a clean grey page look scanned: slight turn, mild blur, noise."""
    angle = rng.choice((-1, 1)) * rng.uniform(0.3, 1.2)
    turned = image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    noise = np.random.default_rng(rng.randrange(2**32)).normal(0.0, 6.0, (turned.height, turned.width))
    pixels = np.clip(np.asarray(turned, dtype=np.float32) + noise, 0, 255).astype(np.uint8)
    blurred = Image.fromarray(pixels, mode="L").filter(ImageFilter.GaussianBlur(0.8))
    # A scanner's white point: light grain on blank paper becomes white, which keeps JPEGs small.
    return blurred.point(lambda value: 255 if value > WHITE_POINT else value)


def scan_images(source_pdf: bytes, page_indexes: list[int], seed: int) -> dict[int, bytes]:
    """JPEG bytes of each requested page (0-based) of `source_pdf`, rendered and degraded."""
    rng = random.Random(seed)
    document = pdfium.PdfDocument(source_pdf)
    images: dict[int, bytes] = {}
    try:
        for index in page_indexes:
            bitmap = document[index].render(scale=SCAN_DPI / 72, grayscale=True)
            image = degrade(bitmap.to_pil().convert("L"), rng)
            out = io.BytesIO()
            image.save(out, format="JPEG", quality=JPEG_QUALITY, dpi=(SCAN_DPI, SCAN_DPI))
            images[index] = out.getvalue()
    finally:
        document.close()
    return images


def final_pdf(pages: list[PageLayout], title: str, scans: dict[int, bytes | LayeredScan]) -> bytes:
    """Born-digital pages as text, scanned ones as their image (plus any margin stamp text), a
    layered scan as its background and text masks; stamps made annotations are added last."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=1)
    canvas.setTitle(title)
    annotations: dict[int, list[DrawnLine]] = {}
    for index, page in enumerate(pages):
        scan = scans.get(index)
        if isinstance(scan, LayeredScan):
            draw_layered(canvas, scan)
        elif scan is not None:
            canvas.drawImage(ImageReader(io.BytesIO(scan)), 0, 0, PAGE_WIDTH, PAGE_HEIGHT)
        if page.scanned:
            if page.margin_text:
                _draw_lines(canvas, page, only_margin=True)
        else:
            _draw_rules(canvas, page)
            _draw_lines(canvas, page, skip_margin=page.stamp_annotation)
        if page.stamp_annotation:
            annotations[index] = [line for line in page.lines if line.role == "stamp"]
        canvas.showPage()
    canvas.save()
    return add_stamp_annotations(buffer.getvalue(), annotations)
