"""The picture of a page to OCR: the page as printed, or the scan itself when it is all the page holds."""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ctg.core.errors import ExtractError, ImageTooLarge

if TYPE_CHECKING:  # PIL itself loads on first render (pypdfium2's to_pil): text-layer pages never need it
    from PIL import Image

FULL_PAGE_SHARE = 0.85  # an image covering this much of the page is "the scan"
# Tesseract reads no better above ~400 dpi and takes longer: a tiny logo stored at 1,200 dpi
# must not set the resolution of the whole render.
MAX_RENDER_DPI = 600


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
    """The page as printed. A page that is one full-page image and nothing else goes as that
    image at its native resolution (upsampling costs time and accuracy); any other page is
    rendered whole, at the resolution of its finest image: a layered scan (a 150 dpi colour
    background under 300 dpi 1-bit text masks) only shows its text in the render."""
    images = list(image_objects(page, max_depth=3))
    for image in images:  # an image bomb is refused before anything decodes it
        _check_pixels(*image.get_px_size(), max_pixels)
    scan = _lone_scan(page, images)
    if scan is not None:
        embedded = _embedded(scan, page)
        if embedded is not None:
            return embedded
    return render_page(page, max(dpi, finest_dpi(images)), dpi, max_pixels)


def _lone_scan(page: pdfium.PdfPage, images: list[pdfium.PdfImage]) -> pdfium.PdfImage | None:
    """The page's one image when it covers the page and nothing else is drawn (text hidden by
    `hide_text` and annotations removed by the caller are not drawn)."""
    scan = page_scan(page)
    if scan is None or len(images) != 1 or printing_annotation_count(page):
        return None
    return scan if drawn_object_count(page) == 1 else None


def _embedded(scan: pdfium.PdfImage, page: pdfium.PdfPage) -> PageImage | None:
    width_pt, _ = page.get_size()
    native_dpi = scan.get_px_size()[0] / (width_pt / 72)
    jpeg = jpeg_as_is(scan, page)
    if jpeg is not None:
        return PageImage(dpi=native_dpi, source="embedded", jpeg=jpeg)
    try:
        image = scan.get_bitmap(render=False).to_pil()
    except Exception:  # exotic filters (JBIG2 without decoder, broken streams): render instead
        return None
    return PageImage(dpi=native_dpi, source="embedded", image=_upright(image, page))


def render_page(page: pdfium.PdfPage, dpi: float, floor_dpi: float, max_pixels: int) -> PageImage:
    """The whole page in grey, annotations that print included (those whose text is read
    separately are removed from the in-memory page first). `dpi` is lowered to what the pixel
    budget allows, never below `floor_dpi`: a page too large for that is refused."""
    w_pt, h_pt = page.get_size()
    budget_dpi = 72 * (max_pixels / max(w_pt * h_pt, 1.0)) ** 0.5
    dpi = min(dpi, MAX_RENDER_DPI, budget_dpi)
    if dpi < floor_dpi:
        scale = floor_dpi / 72
        _check_pixels(int(w_pt * scale), int(h_pt * scale), max_pixels)
    try:
        image = page.render(scale=dpi / 72, grayscale=True, draw_annots=True).to_pil()
    except pdfium.PdfiumError as error:  # the page is then partial, the rest of the file is read
        raise ExtractError(f"page render failed: {error}") from error
    return PageImage(dpi=float(dpi), source="rendered", image=image)


def render_region(
    page: pdfium.PdfPage, crop: tuple[float, float, float, float], dpi: float, max_pixels: int
) -> PageImage:
    """Part of the page in grey: `crop` points cut off its (left, bottom, right, top) sides."""
    w_pt, h_pt = page.get_size()
    area = max(w_pt - crop[0] - crop[2], 1.0) * max(h_pt - crop[1] - crop[3], 1.0)
    dpi = min(dpi, MAX_RENDER_DPI, 72 * (max_pixels / area) ** 0.5)
    try:
        image = page.render(scale=dpi / 72, crop=crop, grayscale=True, draw_annots=True).to_pil()
    except pdfium.PdfiumError as error:
        raise ExtractError(f"page render failed: {error}") from error
    return PageImage(dpi=float(dpi), source="rendered", image=image)


def finest_dpi(images: list[pdfium.PdfImage]) -> float:
    """Resolution of the page's finest image, as drawn (0 without images). Measured on areas,
    so a rotated or stretched image counts as well as an upright one."""
    finest = 0.0
    for image in images:
        left, bottom, right, top = image.get_bounds()
        area_in = (right - left) * (top - bottom) / 72**2
        if area_in > 0:
            px_w, px_h = image.get_px_size()
            finest = max(finest, (px_w * px_h / area_in) ** 0.5)
    return finest


def drawn_object_count(page: pdfium.PdfPage) -> int:
    """Page objects that draw something, forms entered; text set invisible does not draw."""
    return sum(
        kind != pdfium_c.FPDF_PAGEOBJ_TEXT or not _invisible(raw) for raw, kind, _ in _leaves(page, None)
    )


def hide_text(page: pdfium.PdfPage) -> int:
    """Make the page's text objects invisible in the in-memory page (never saved), forms
    entered: text kept as text-layer lines must not also be read in the picture, nor hide the
    scan under it (a stamp typed over the body). The box a stamp's text is set in goes with
    it: prefecture tools draw it 80% opaque white over the scan, hiding the body under it.
    Returns how many text objects were hidden."""
    texts: dict[object, list[Bounds]] = {}
    paths: list[tuple[object, object]] = []
    for raw, kind, form in _leaves(page, None):
        if kind == pdfium_c.FPDF_PAGEOBJ_TEXT and not _invisible(raw):
            pdfium_c.FPDFTextObj_SetTextRenderMode(raw, pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE)
            texts.setdefault(_key(form), []).append(_bounds(raw))
        elif kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            paths.append((raw, form))
    for raw, form in paths:  # bounds compare within one form: they are in its own space
        if _frames(_bounds(raw), texts.get(_key(form), [])):
            pdfium_c.FPDFPath_SetDrawMode(raw, pdfium_c.FPDF_FILLMODE_NONE, False)
    return sum(len(boxes) for boxes in texts.values())


Bounds = tuple[float, float, float, float]  # left, bottom, right, top
FRAME_AREA_RATIO = 4.0  # a text's box is at most this many times the area of the text it holds


def _frames(box: Bounds, texts: list[Bounds]) -> bool:
    """Whether the path `box` is the box some of `texts` are set in: it holds them all within
    it and is not much larger (a page-wide background is not a stamp's box)."""
    inside = [t for t in texts if box[0] <= t[0] and box[1] <= t[1] and t[2] <= box[2] and t[3] <= box[3]]
    if not inside:
        return False
    held = (max(t[2] for t in inside) - min(t[0] for t in inside)) * (
        max(t[3] for t in inside) - min(t[1] for t in inside)
    )
    return (box[2] - box[0]) * (box[3] - box[1]) <= FRAME_AREA_RATIO * max(held, 1.0)


def _bounds(raw: object) -> Bounds:
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    pdfium_c.FPDFPageObj_GetBounds(raw, left, bottom, right, top)
    return left.value, bottom.value, right.value, top.value


def _key(form: object | None) -> int | None:
    return None if form is None else ctypes.cast(form, ctypes.c_void_p).value


def _leaves(page: pdfium.PdfPage, form: object | None) -> Iterator[tuple[object, int, object | None]]:
    """(raw object, type, the form holding it or None) of every page object that is not a
    form, forms entered."""
    count_fn, get_fn = _children(form)
    parent = page if form is None else form
    for index in range(count_fn(parent)):
        raw = get_fn(parent, index)
        kind = pdfium_c.FPDFPageObj_GetType(raw)
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            yield from _leaves(page, raw)
        else:
            yield raw, kind, form


def _children(form: object | None) -> tuple:
    if form is None:
        return pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject
    return pdfium_c.FPDFFormObj_CountObjects, pdfium_c.FPDFFormObj_GetObject


def _invisible(raw: object) -> bool:
    return pdfium_c.FPDFTextObj_GetTextRenderMode(raw) == pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE


def printing_annotation_count(page: pdfium.PdfPage) -> int:
    """Annotations drawn on the printed page (the print flag set, not hidden)."""
    count = 0
    for index in range(pdfium_c.FPDFPage_GetAnnotCount(page)):
        annot = pdfium_c.FPDFPage_GetAnnot(page, index)
        try:
            count += prints(annot)
        finally:
            pdfium_c.FPDFPage_CloseAnnot(annot)
    return count


def prints(annot: object) -> bool:
    flags = pdfium_c.FPDFAnnot_GetFlags(annot)
    return bool(flags & pdfium_c.FPDF_ANNOT_FLAG_PRINT) and not flags & pdfium_c.FPDF_ANNOT_FLAG_HIDDEN


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
