"""The picture of a page to OCR, at the scan's own resolution whenever there is a scan."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from core.errors import ImageTooLarge

if TYPE_CHECKING:  # PIL itself loads on first render (pypdfium2's to_pil): text-layer pages never need it
    from PIL import Image

FULL_PAGE_SHARE = 0.85  # an image covering this much of the page is "the scan"


@dataclass(slots=True)
class PageImage:
    image: Image.Image
    dpi: float
    source: str  # "embedded" (the scan itself) or "rendered"


def image_objects(page: pdfium.PdfPage, max_depth: int) -> Iterator[pdfium.PdfImage]:
    """The page's images in `page.get_objects` order, forms entered up to `max_depth` levels.

    Walked with PDFium's own calls and only images wrapped: `get_objects` wraps every text and
    path object in a Python object first (~0.1 ms a page, more than the walk itself)."""
    yield from _images_in(page, None, 0, max_depth)


def _images_in(
    page: pdfium.PdfPage, form: pdfium.PdfObject | None, level: int, max_depth: int
) -> Iterator[pdfium.PdfImage]:
    if form is None:
        parent, count, get = page, pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject
    else:
        parent, count, get = form, pdfium_c.FPDFFormObj_CountObjects, pdfium_c.FPDFFormObj_GetObject
    total = count(parent)
    if total < 0:
        raise pdfium.PdfiumError("Failed to get number of pageobjects.")
    for index in range(total):
        raw = get(parent, index)
        if not raw:
            raise pdfium.PdfiumError("Failed to get pageobject.")
        kind = pdfium_c.FPDFPageObj_GetType(raw)
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            yield pdfium.PdfObject(raw, page=page, container=form, level=level)
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and level < max_depth - 1:
            inner = pdfium.PdfObject(raw, page=page, container=form, level=level)
            yield from _images_in(page, inner, level + 1, max_depth)
        elif kind == pdfium_c.FPDF_PAGEOBJ_UNKNOWN:
            raise pdfium.PdfiumError("Failed to determine pageobject type.")


def page_scan(page: pdfium.PdfPage) -> pdfium.PdfImage | None:
    """The one image object covering the page, if the page is a scan."""
    width, height = page.get_size()
    for obj in image_objects(page, max_depth=2):
        left, bottom, right, top = obj.get_bounds()
        if (right - left) * (top - bottom) >= FULL_PAGE_SHARE * width * height:
            return obj
    return None


def page_image(page: pdfium.PdfPage, dpi: int, max_pixels: int) -> PageImage:
    """Feed Tesseract the scan at its native resolution: upsampling costs time and accuracy."""
    scan = page_scan(page)
    width_pt, _ = page.get_size()
    if scan is not None:
        px_w, px_h = scan.get_px_size()
        _check_pixels(px_w, px_h, max_pixels)
        try:
            image = scan.get_bitmap(render=False).to_pil()
        except Exception:  # exotic filters (JBIG2 without decoder, broken streams): render instead
            image = None
        if image is not None:
            native_dpi = px_w / (width_pt / 72)
            return PageImage(image=_upright(image, page), dpi=native_dpi, source="embedded")
    w_pt, h_pt = page.get_size()
    scale = dpi / 72
    _check_pixels(int(w_pt * scale), int(h_pt * scale), max_pixels)
    image = page.render(scale=scale, grayscale=True).to_pil()
    return PageImage(image=image, dpi=float(dpi), source="rendered")


def _check_pixels(width: int, height: int, max_pixels: int) -> None:
    if width * height > max_pixels:
        raise ImageTooLarge(f"page image of {width} × {height} px exceeds {max_pixels:,} pixels")


def _upright(image: Image.Image, page: pdfium.PdfPage) -> Image.Image:
    """Apply the page's /Rotate so the image looks like the rendered page."""
    rotation = page.get_rotation()
    if rotation:
        image = image.rotate(-rotation, expand=True)
    if image.mode not in ("L", "RGB"):
        image = image.convert("L")
    return image
