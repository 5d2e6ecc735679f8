"""The text of annotations that print: a stamp added by a transmission tool (/Stamp with an
appearance, no /Contents), a signature field whose appearance prints who signed.

PDFium gives no text of an appearance stream by itself; flattening the in-memory page (never
saved: PDFs stay read-only) makes the printed appearances page content, and the text page then
holds them after the page's own characters (`after.startswith(before)` on every page tried), so
the characters from the old count onward are the annotations'.
"""

from __future__ import annotations

import ctypes

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ctg.core.model import Line
from ctg.extract.page_image import prints
from ctg.extract.pdf_text import page_lines

# Annotations whose appearance is what a reader sees of them. Links, popups and form fields
# other than a signature add no text of their own (a form field's value is the form's, not the
# page's); a signature field that prints "Signé par …" is read.
_READ_SUBTYPES = frozenset(
    {
        pdfium_c.FPDF_ANNOT_STAMP,
        pdfium_c.FPDF_ANNOT_FREETEXT,
        pdfium_c.FPDF_ANNOT_TEXT,
        pdfium_c.FPDF_ANNOT_SQUARE,
        pdfium_c.FPDF_ANNOT_CIRCLE,
        pdfium_c.FPDF_ANNOT_WIDGET,
    }
)
_FIELD_TYPE_BYTES = 16


def read_annotations(page: pdfium.PdfPage) -> list[int]:
    """Indexes of the page's annotations whose printed appearance may hold text to read."""
    if not pdfium_c.FPDFPage_GetAnnotCount(page):  # cheap: born-digital pages mostly stop here
        return []
    kept = []
    for index in range(pdfium_c.FPDFPage_GetAnnotCount(page)):
        annot = pdfium_c.FPDFPage_GetAnnot(page, index)
        try:
            if _is_read(annot):
                kept.append(index)
        finally:
            pdfium_c.FPDFPage_CloseAnnot(annot)
    return kept


def _is_read(annot: object) -> bool:
    subtype = pdfium_c.FPDFAnnot_GetSubtype(annot)
    if subtype not in _READ_SUBTYPES or not prints(annot) or not pdfium_c.FPDFAnnot_HasKey(annot, b"AP"):
        return False
    return subtype != pdfium_c.FPDF_ANNOT_WIDGET or _field_type(annot) == "Sig"


def _field_type(annot: object) -> str:
    """A widget's field type (/FT), its own or its parent field's."""
    for holder in (annot, pdfium_c.FPDFAnnot_GetLinkedAnnot(annot, b"Parent")):
        if holder and pdfium_c.FPDFAnnot_HasKey(holder, b"FT"):
            buffer = ctypes.create_string_buffer(_FIELD_TYPE_BYTES)
            size = pdfium_c.FPDFAnnot_GetStringValue(
                holder, b"FT", ctypes.cast(buffer, ctypes.POINTER(pdfium_c.FPDF_WCHAR)), _FIELD_TYPE_BYTES
            )
            return buffer.raw[: max(size - 2, 0)].decode("utf-16-le", "replace")
    return ""


def annotation_lines(
    document: pdfium.PdfDocument,
    index: int,
    kept: list[int],
    page: pdfium.PdfPage | None = None,
    before: int | None = None,
) -> tuple[list[Line], list[int]]:
    """Lines printed by the annotations `kept` of page `index` (0-based), numbered from 1, and
    the annotations that gave them. The page (`page` when the caller has it loaded; closed here)
    is flattened in memory and reloaded from `document`: it must not be used for anything else
    afterwards. `before` is its count of characters, when the caller knows it."""
    page = page or document[index]
    try:
        _, height = page.get_size()
        for other in sorted(set(range(pdfium_c.FPDFPage_GetAnnotCount(page))) - set(kept), reverse=True):
            pdfium_c.FPDFPage_RemoveAnnot(page, other)  # nothing else is flattened with them
        rects = [_rect(page, i, height) for i in kept]
        before = _char_count(page) if before is None else before
        if pdfium_c.FPDFPage_Flatten(page, pdfium_c.FLAT_PRINT) != pdfium_c.FLATTEN_SUCCESS:
            return [], []
    finally:
        page.close()
    page = document[index]  # PDFium's flattened content shows only in a reloaded page
    try:
        textpage = page.get_textpage()
        try:
            lines = [line for line in page_lines(textpage, height, start=before) if line.text.strip()]
        finally:
            textpage.close()
    finally:
        page.close()
    for number, line in enumerate(lines, start=1):
        line.number, line.origin = number, "annotation"
    gave = [kept[i] for i, rect in enumerate(rects) if any(_inside(line.bbox, rect) for line in lines)]
    return lines, gave


def _char_count(page: pdfium.PdfPage) -> int:
    textpage = page.get_textpage()
    try:
        return textpage.count_chars()
    finally:
        textpage.close()


def _rect(page: pdfium.PdfPage, index: int, height: float) -> tuple[float, float, float, float]:
    """An annotation's rectangle in top-left origin points, like line boxes."""
    annot = pdfium_c.FPDFPage_GetAnnot(page, index)
    try:
        rect = pdfium_c.FS_RECTF()
        pdfium_c.FPDFAnnot_GetRect(annot, rect)
    finally:
        pdfium_c.FPDFPage_CloseAnnot(annot)
    return rect.left, height - rect.top, rect.right, height - rect.bottom


def _inside(bbox: tuple[float, float, float, float] | None, rect: tuple[float, float, float, float]) -> bool:
    if bbox is None:
        return False
    x, y = (bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2
    return rect[0] <= x <= rect[2] and rect[1] <= y <= rect[3]
