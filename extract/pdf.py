"""Read a PDF page by page: its text layer where usable, OCR where not."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ctg.core.errors import CtgError, EmptyInput, EncryptedPdf, UnreadablePdf
from ctg.core.model import Line, Page
from ctg.extract.annotations import annotation_lines, read_annotations
from ctg.extract.layer_quality import NO_TEXT, ONLY_MARGINS, LayerVerdict, judge_layer
from ctg.extract.options import ExtractOptions
from ctg.extract.page_image import PageImage, hide_text, image_objects, page_image, page_scan, render_page
from ctg.extract.pdf_text import interior_text, page_lines
from ctg.extract.pictured_text import PICTURED_TEXT, among_layer, read_image, text_images
from ctg.extract.read_quality import INK_DPI, glyph_marks, judge_reading
from ctg.extract.sniff import check_pdf_header

if TYPE_CHECKING:  # extract.ocr loads with the first page to OCR
    from ctg.extract.ocr import OcrResult

# pdfminer (under pdfplumber) logs every token at DEBUG: a quarter of the time when enabled.
logging.getLogger("pdfminer").setLevel(logging.WARNING)

# Verdicts about how little text there is (not about bad glyphs, which OCR of the rendered
# page can fix even without an image).
SPARSE_REASONS = (NO_TEXT, ONLY_MARGINS)

# How the picture of a page to OCR is read: (the OCR of it, the glyph marks of the page's ink).
# `read_picture` by default; a caller may pass its own, e.g. one that reuses an earlier reading
# of the very same picture (engine/page_cache.py).
PictureReader = Callable[[pdfium.PdfPage, ExtractOptions], "tuple[OcrResult, int]"]

_PDF_DATE_RE = re.compile(r"D?:?(\d{4})(\d{2})(\d{2})")


def open_pdf(path: Path) -> pdfium.PdfDocument:
    """Open read-only (never rewritten: signatures stay valid); the empty password is tried first."""
    check_pdf_header(path)
    try:
        document = pdfium.PdfDocument(str(path), password=None)
    except pdfium.PdfiumError as error:
        raise _open_failure(path, error) from error
    if len(document) == 0:
        document.close()
        raise EmptyInput("PDF with zero pages")
    return document


def _open_failure(path: Path, error: pdfium.PdfiumError) -> CtgError:
    """Name the failure. PDFium's last-error code is process-global and can be stale, so it is
    trusted only together with what the file itself says (/Encrypt, an empty page tree)."""
    head, tail = _ends(path)
    if getattr(error, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD and b"/Encrypt" in head + tail:
        return EncryptedPdf("encrypted PDF: a password is required")
    if _EMPTY_TREE_RE.search(head + tail):
        return EmptyInput("PDF with zero pages")
    return UnreadablePdf(f"unreadable PDF: {error}")


_EMPTY_TREE_RE = re.compile(rb"/Count\s+0\b")


def _ends(path: Path, size: int = 65536) -> tuple[bytes, bytes]:
    with path.open("rb") as handle:
        head = handle.read(size)
        handle.seek(max(path.stat().st_size - size, 0))
        return head, handle.read()


def signature_date(document: pdfium.PdfDocument) -> date | None:
    """Date of the first digital signature, kept as metadata."""
    for index in range(pdfium_c.FPDF_GetSignatureCount(document)):
        signature = pdfium_c.FPDF_GetSignatureObject(document, index)
        size = pdfium_c.FPDFSignatureObj_GetTime(signature, None, 0)
        if size <= 0:
            continue
        buffer = (pdfium_c.c_char * size)()
        pdfium_c.FPDFSignatureObj_GetTime(signature, buffer, size)
        match = _PDF_DATE_RE.match(bytes(buffer).split(b"\0")[0].decode("ascii", "replace"))
        if match:
            try:
                return date(*(int(g) for g in match.groups()))
            except ValueError:
                continue
    return None


def read_pdf_pages(document: pdfium.PdfDocument, file: str, options: ExtractOptions) -> Iterator[Page]:
    """Text-layer pages read; a page that needs OCR comes as a placeholder (`needs_ocr`)."""
    for index in range(len(document)):
        page = document[index]
        try:
            record = read_page(page, file, index + 1, options)
            kept = read_annotations(page) if record.method == "text" else []  # OCR pages: when OCRed
            if kept:
                # The text page's characters are the lines' raw text joined by PDFium's breaks.
                before = len("\r\n".join(line.raw for line in record.lines))
                extra, _ = annotation_lines(document, index, kept, page=page, before=before)
                record.lines = after_body(record.lines, extra, record.number)
        finally:
            page.close()  # closing twice is harmless: annotation_lines closes the page it flattens
        yield record


def after_body(body: list[Line], annotations: list[Line], page: int) -> list[Line]:
    """Annotation lines go after the page's own lines, numbered after them."""
    for number, line in enumerate(annotations, start=len(body) + 1):
        line.number, line.page = number, page
    return [*body, *annotations]


def needs_ocr(page: Page) -> bool:
    return (
        page.method == "ocr" and not page.lines and page.ocr_confidence is None and "OCR" not in page.reason
    )


def read_page(page: pdfium.PdfPage, file: str, number: int, options: ExtractOptions) -> Page:
    width, height = page.get_size()
    textpage = page.get_textpage()
    try:
        lines = page_lines(textpage, height)
        text = "\n".join(line.text for line in lines)
        verdict = judge_layer(text, interior_text(textpage, width, height), page_scan(page) is not None)
        pictured = verdict.usable and options.ocr != "always" and bool(text_images(page, textpage, options))
    finally:
        textpage.close()
    if verdict.reason in SPARSE_REASONS and not _has_image(page):
        # Nothing drawn as an image: OCR could only find the text layer we already have
        # (e.g. a page holding two signature lines at its top edge).
        verdict = LayerVerdict(True, 1.0 if text.strip() else 0.0, f"{verdict.reason}, no image")
    if pictured:  # the layer is sound, but an image on the page shows text it does not hold
        verdict = LayerVerdict(False, verdict.quality, PICTURED_TEXT)
    wants_ocr = options.ocr == "always" or (options.ocr == "auto" and not verdict.usable)
    if not wants_ocr:
        reason = verdict.reason if verdict.usable else f"{verdict.reason}; OCR disabled"
        return _page(file, number, "text", lines, width, height, verdict.quality, reason)
    return _page(file, number, "ocr", [], width, height, 0.0, verdict.reason)  # OCRed later, maybe elsewhere


def _has_image(page: pdfium.PdfPage) -> bool:
    return next(image_objects(page, max_depth=3), None) is not None


def ocr_pdf_page(
    path: Path,
    file: str,
    number: int,
    options: ExtractOptions,
    reason: str,
    reader: PictureReader | None = None,
) -> Page:
    """OCR one page of a PDF: a unit of work of its own, so one long scan spreads over all cores."""
    document = open_pdf(path)
    try:
        page = document[number - 1]
        try:
            kept = read_annotations(page)
            annotations, read = _annotations_of(path, number, kept) if kept else ([], [])
            for index in sorted(read, reverse=True):  # their text is a line already, not pixels
                pdfium_c.FPDFPage_RemoveAnnot(page, index)
            record = ocr_page(page, file, number, options, reason, reader)
        finally:
            page.close()
    finally:
        document.close()
    record.lines = after_body(record.lines, annotations, number)
    return record


def _annotations_of(path: Path, number: int, kept: list[int]) -> tuple[list[Line], list[int]]:
    """Read in a document of its own: reading the annotations flattens their page."""
    document = open_pdf(path)
    try:
        return annotation_lines(document, number - 1, kept)
    finally:
        document.close()


def ocr_page(
    page: pdfium.PdfPage,
    file: str,
    number: int,
    options: ExtractOptions,
    reason: str,
    reader: PictureReader | None = None,
) -> Page:
    """OCR the page as printed, less what is read as text anyway. A text layer that is only a
    stamp or margin text (a sparse layer) is kept whole as lines and hidden from the picture, so
    that OCR reads the scanned body under a typed stamp and nothing is read twice."""
    if reason.startswith(PICTURED_TEXT):
        return ocr_text_images(page, file, number, options, reason)
    width, height = page.get_size()
    layer = _layer_lines(page, height)
    sparse = reason.startswith(SPARSE_REASONS)
    if sparse:
        hide_text(page)
    try:
        result, marks = (reader or read_picture)(page, options)
    except CtgError as error:  # one unreadable page does not sink the file
        kept = layer if sparse else []
        failed = _page(file, number, "ocr", kept, width, height, 0.0, f"{reason}; OCR failed: {error}")
        failed.lost = f"OCR failed: {error}"
        return failed
    chars = sum(len("".join(line.text.split())) for line in result.lines)
    reading = judge_reading(chars, marks, result.confidence)
    lines = with_layer_text(layer, result.lines, height, keep_all=sparse)
    full_reason = f"{reason}; {reading.lost}" if reading.lost else reason
    page_record = _page(file, number, "ocr", lines, width, height, reading.quality, full_reason)
    page_record.ocr_confidence = result.confidence
    page_record.rotation = result.rotation
    page_record.lost = reading.lost
    return page_record


def ocr_text_images(
    page: pdfium.PdfPage, file: str, number: int, options: ExtractOptions, reason: str
) -> Page:
    """A sound text layer, and the OCR of each image on the page that shows text, its lines
    where the image stands. An image whose reading holds far fewer characters than its marks
    is a figure (a map's plot numbers, a plan): its reading is dropped, the page stays text."""
    width, height = page.get_size()
    textpage = page.get_textpage()
    try:
        layer = page_lines(textpage, height)
        text = "\n".join(line.text for line in layer)
        layer_quality = judge_layer(text, text, False).quality
        boxes = text_images(page, textpage, options)
    finally:
        textpage.close()
    try:
        readings = [(box, *read_image(page, box, options)) for box in boxes]
    except CtgError as error:  # the layer is kept: only the images' text is lost
        failed = _page(file, number, "ocr", layer, width, height, 0.0, f"{reason}; OCR failed: {error}")
        failed.lost = f"OCR failed: {error}"
        return failed
    texts = [(box, lines, reading) for box, lines, reading in readings if not reading.lost]
    if not texts:
        figures = f"text layer; {len(boxes)} image(s) read as figures, not text"
        return _page(file, number, "text", layer, width, height, layer_quality, figures)
    chars = [sum(len("".join(line.text.split())) for line in lines) for _, lines, _ in texts]
    quality = sum(n * reading.quality for n, (_, _, reading) in zip(chars, texts, strict=True))
    record = _page(
        file, number, "ocr", among_layer(layer, [(box, lines) for box, lines, _ in texts]), width, height,
        min(layer_quality, quality / max(sum(chars), 1)), reason,
    )  # fmt: skip
    confidences = [line.confidence for _, lines, _ in texts for line in lines if line.confidence is not None]
    record.ocr_confidence = round(sum(confidences) / len(confidences), 1) if confidences else None
    return record


def read_picture(page: pdfium.PdfPage, options: ExtractOptions) -> tuple[OcrResult, int]:
    """OCR of the page's picture (what `page_picture` gives), with the page's glyph marks."""
    return ocr_picture(page_picture(page, options), page, options)


def page_picture(page: pdfium.PdfPage, options: ExtractOptions) -> PageImage:
    """The picture OCR reads for this page, as the page stands (text hidden, annotations removed)."""
    return page_image(page, options.render_dpi, options.max_pixels)


def ocr_picture(picture: PageImage, page: pdfium.PdfPage, options: ExtractOptions) -> tuple[OcrResult, int]:
    """OCR of the page's picture, and the glyph marks of the page's own ink (counted on a render
    of the page, not on the picture: a wrong picture must not vouch for itself)."""
    from ctg.extract.ocr import ocr_image  # loaded with the first page to OCR: text layers never need it

    result = ocr_image(picture, options.ocr_lang, options.ocr_timeout)
    ink = render_page(page, INK_DPI, INK_DPI, options.max_pixels)
    return result, glyph_marks(ink.pil(), ink.dpi)


def _layer_lines(page: pdfium.PdfPage, height: float) -> list[Line]:
    textpage = page.get_textpage()
    try:
        return [line for line in page_lines(textpage, height) if line.bbox and line.text.strip()]
    finally:
        textpage.close()


def with_layer_text(layer: list[Line], ocr_lines: list[Line], height: float, keep_all: bool) -> list[Line]:
    """Add the text-layer lines that OCR could not see: a prefecture stamp typed over a scan is
    text, not pixels (all of them when `keep_all`: the text was hidden from the picture). Lines
    above the OCRed text go first, the others last; OCR order is kept."""
    unseen = [line for line in layer if keep_all or not any(_overlap(line.bbox, o.bbox) for o in ocr_lines)]
    if not unseen:
        return ocr_lines
    first_top = min((o.bbox[1] for o in ocr_lines if o.bbox), default=height)
    above: list[Line] = []
    below: list[Line] = []
    for block in _blocks(unseen):  # a stamp's lines stay together, where its first line is
        first = block[0].bbox
        (above if first is not None and first[3] <= first_top else below).extend(block)
    merged = [*above, *ocr_lines, *below]
    for number, line in enumerate(merged, start=1):
        line.number = number
    return merged


def _blocks(lines: list[Line]) -> list[list[Line]]:
    """Runs of lines that follow each other down the page, less than two line heights apart."""
    blocks: list[list[Line]] = []
    for line in lines:
        last = blocks[-1][-1].bbox if blocks else None
        box = line.bbox
        if last is not None and box is not None and 0 <= box[1] - last[3] < 2 * (last[3] - last[1]):
            blocks[-1].append(line)
        else:
            blocks.append([line])
    return blocks


def _overlap(a: tuple[float, ...] | None, b: tuple[float, ...] | None) -> bool:
    if a is None or b is None:
        return False
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _page(
    file: str,
    number: int,
    method: str,
    lines: list[Line],
    width: float,
    height: float,
    quality: float,
    reason: str,
) -> Page:
    for line in lines:
        line.page = number
    return Page(
        file=file,
        number=number,
        method=method,  # type: ignore[arg-type]
        lines=lines,
        width=round(width, 1),
        height=round(height, 1),
        quality=round(quality, 3),
        reason=reason,
    )
