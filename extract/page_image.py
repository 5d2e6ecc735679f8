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


# Stream filters PDFium undoes itself before a JPEG (DCTDecode) stream, e.g. reportlab's
# [/ASCII85Decode /DCTDecode]: what is left is the JPEG file as the scanner wrote it.
SIMPLE_FILTERS = frozenset({"ASCII85Decode", "ASCIIHexDecode", "FlateDecode", "LZWDecode", "RunLengthDecode"})
JPEG_COLOURS = {
    pdfium_c.FPDF_COLORSPACE_DEVICEGRAY: 8,
    pdfium_c.FPDF_COLORSPACE_DEVICERGB: 24,
}  # bits a pixel


@dataclass(slots=True)
class PageImage:
    """What Tesseract reads: a decoded image, or the scan's own JPEG bytes, which it decodes itself."""

    dpi: float
    source: str  # "embedded" (the scan itself) or "rendered"
    image: Image.Image | None = None
    jpeg: bytes | None = None

    def pil(self) -> Image.Image:
        """The decoded image (decoded here on first use when only the JPEG bytes are held)."""
        if self.image is None:
            import io

            from PIL import Image

            assert self.jpeg is not None
            self.image = Image.open(io.BytesIO(self.jpeg))
            self.image.load()
        return self.image


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
        native_dpi = px_w / (width_pt / 72)
        jpeg = jpeg_as_is(scan, page)
        if jpeg is not None:
            return PageImage(dpi=native_dpi, source="embedded", jpeg=jpeg)
        try:
            image = scan.get_bitmap(render=False).to_pil()
        except Exception:  # exotic filters (JBIG2 without decoder, broken streams): render instead
            image = None
        if image is not None:
            return PageImage(dpi=native_dpi, source="embedded", image=_upright(image, page))
    w_pt, h_pt = page.get_size()
    scale = dpi / 72
    _check_pixels(int(w_pt * scale), int(h_pt * scale), max_pixels)
    image = page.render(scale=scale, grayscale=True).to_pil()
    return PageImage(dpi=float(dpi), source="rendered", image=image)


def jpeg_as_is(scan: pdfium.PdfImage, page: pdfium.PdfPage) -> bytes | None:
    """The scan's JPEG file, when Tesseract can read it as it is: an upright page, a grey or RGB
    JPEG behind simple filters only. Decoding it here and writing it out again for Tesseract
    cost ~25 ms a page (measured), 2% of its OCR, for the same pixels."""
    filters = scan.get_filters()
    if page.get_rotation() or not filters or filters[-1] != "DCTDecode":
        return None
    metadata = scan.get_metadata()
    if (
        not SIMPLE_FILTERS.issuperset(filters[:-1])
        or JPEG_COLOURS.get(metadata.colorspace) != metadata.bits_per_pixel
    ):
        return None
    data = bytes(scan.get_data(decode_simple=True))
    return data if data.startswith(b"\xff\xd8") else None


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
