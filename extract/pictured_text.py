"""Text drawn as a picture on a page whose text layer is otherwise sound: a table pasted as an
image into a born-digital report. The layer is read as it is; each such image is found here,
OCRed on its own and its lines put among the layer's where the image stands.

An image holds text when the page's render, cut to the image's box, shows as many glyph-sized
marks as read_quality asks of a page (a logo's lettering or a photo shows far fewer), and the
text layer has next to nothing inside that box (a scan under its own OCR layer is not lost).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pypdfium2 as pdfium

from ctg.core.model import Line
from ctg.extract.options import ExtractOptions
from ctg.extract.page_image import FULL_PAGE_SHARE, MAX_RENDER_DPI, image_objects, render_region
from ctg.extract.read_quality import INK_DPI, MIN_MARKS, Reading, glyph_heights, judge_reading

MIN_IMAGE_INCH2 = 1.5  # smaller images are logos and signatures: not rendered to count their ink
MAX_LAYER_CHARS = 40  # a text layer with more characters inside the image's box already reads it
# Median glyph mark height, in pixels, an image's picture is rendered to. Body text at 300 dpi
# has ~21; on L'Arbresle's pasted tables (letters 0.04 and 0.09 inch) Tesseract read best at
# 600 and 400 dpi (conf 70 and 83, against 60 and 73 at 300), which gives letters ~24-37 px.
LETTER_PX = 36
PICTURED_TEXT = "text layer, text in an image"  # the page's reason; OCR of the images follows


@dataclass(frozen=True, slots=True)
class ImageBox:
    """An image's box on the page in points, top-left origin like Line.bbox."""

    x0: float
    top: float
    x1: float
    bottom: float

    def holds(self, bbox: tuple[float, float, float, float]) -> bool:
        """Whether a line's centre stands inside the box."""
        cx, cy = (bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2
        return self.x0 <= cx <= self.x1 and self.top <= cy <= self.bottom


def text_images(
    page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, options: ExtractOptions
) -> list[ImageBox]:
    """Boxes of the page's images that show text the text layer does not hold, top down."""
    if page.get_rotation():  # boxes would need turning: such pages are left as the layer reads them
        return []
    boxes = [box for box in _sizable_images(page) if _layer_chars(textpage, page, box) < MAX_LAYER_CHARS]
    return sorted(
        (box for box in boxes if image_marks(page, box, options.max_pixels) >= MIN_MARKS), key=lambda b: b.top
    )


def read_image(page: pdfium.PdfPage, box: ImageBox, options: ExtractOptions) -> tuple[list[Line], Reading]:
    """OCR of the page's render cut to an image's box, judged against that box's marks."""
    from ctg.extract.ocr import ocr_image, with_preparation

    dpi = reading_dpi(page, box, options.render_dpi, options.max_pixels)
    picture = render_region(page, box_crop(page, box), dpi, options.max_pixels)
    # A pasted image is no page scan: a table's first column is not a margin column.
    result = ocr_image(
        picture, options.ocr_lang, options.ocr_timeout, preparation=with_preparation(columns=False)
    )
    chars = sum(len("".join(line.text.split())) for line in result.lines)
    reading = judge_reading(chars, image_marks(page, box, options.max_pixels), result.confidence)
    return [_moved(line, box) for line in result.lines], reading


def _moved(line: Line, box: ImageBox) -> Line:
    """A line read in an image's picture, its box moved to the page."""
    if line.bbox is not None:
        x0, top, x1, bottom = line.bbox
        line.bbox = (x0 + box.x0, top + box.top, x1 + box.x0, bottom + box.top)
    return line


def image_marks(page: pdfium.PdfPage, box: ImageBox, max_pixels: int) -> int:
    """Glyph-sized marks of ink in the page's render cut to `box`."""
    return len(_mark_inches(page, box, max_pixels))


def reading_dpi(page: pdfium.PdfPage, box: ImageBox, floor_dpi: float, max_pixels: int) -> float:
    """The resolution at which the image's letters are LETTER_PX tall: a table pasted small
    reads far better enlarged. Never below `floor_dpi` nor above MAX_RENDER_DPI."""
    heights = _mark_inches(page, box, max_pixels)
    if not len(heights):
        return floor_dpi
    return min(max(floor_dpi, LETTER_PX / float(np.median(heights))), MAX_RENDER_DPI)


def _mark_inches(page: pdfium.PdfPage, box: ImageBox, max_pixels: int) -> np.ndarray:
    ink = render_region(page, box_crop(page, box), INK_DPI, max_pixels)
    return glyph_heights(ink.pil(), ink.dpi) / ink.dpi


def box_crop(page: pdfium.PdfPage, box: ImageBox) -> tuple[float, float, float, float]:
    """What to cut off each side (left, bottom, right, top) to render `box` alone."""
    width, height = page.get_size()
    return (max(box.x0, 0.0), max(height - box.bottom, 0.0), max(width - box.x1, 0.0), max(box.top, 0.0))


def _sizable_images(page: pdfium.PdfPage) -> list[ImageBox]:
    width, height = page.get_size()
    found = []
    for image in image_objects(page, max_depth=3):
        left, bottom, right, top = image.get_bounds()
        left, right, bottom, top = max(left, 0.0), min(right, width), max(bottom, 0.0), min(top, height)
        area = max(right - left, 0.0) * max(top - bottom, 0.0)
        if MIN_IMAGE_INCH2 * 72**2 <= area < FULL_PAGE_SHARE * width * height:
            found.append(ImageBox(left, height - top, right, height - bottom))
    return _merged(found)


def _merged(boxes: list[ImageBox]) -> list[ImageBox]:
    """Overlapping images as one box (an image and its soft mask drawn apart, a table in tiles)."""
    merged: list[ImageBox] = []
    for box in sorted(boxes, key=lambda b: (b.top, b.x0)):
        for i, other in enumerate(merged):
            if box.x0 < other.x1 and other.x0 < box.x1 and box.top < other.bottom and other.top < box.bottom:
                merged[i] = ImageBox(
                    min(box.x0, other.x0),
                    min(box.top, other.top),
                    max(box.x1, other.x1),
                    max(box.bottom, other.bottom),
                )
                break
        else:
            merged.append(box)
    return merged


def _layer_chars(textpage: pdfium.PdfTextPage, page: pdfium.PdfPage, box: ImageBox) -> int:
    height = page.get_size()[1]
    text = textpage.get_text_bounded(
        left=box.x0, bottom=height - box.bottom, right=box.x1, top=height - box.top
    )
    return len("".join(text.split()))


def among_layer(layer: list[Line], pictured: list[tuple[ImageBox, list[Line]]]) -> list[Line]:
    """The layer's lines in their order, each image's lines after the last layer line that
    starts above the image (the image has no layer text inside, so that is where it stands;
    a footer the layer gives first does not count, being below it)."""
    merged = list(layer)
    for box, lines in sorted(pictured, key=lambda item: item[0].top, reverse=True):
        above = [i for i, line in enumerate(merged) if line.origin == "text" and _starts_above(line, box)]
        at = above[-1] + 1 if above else 0
        merged[at:at] = lines
    for number, line in enumerate(merged, start=1):
        line.number = number
    return merged


def _starts_above(line: Line, box: ImageBox) -> bool:
    return line.bbox is not None and line.bbox[1] < box.top
