"""Prefecture stamps as transmission tools add them: a /Stamp annotation whose appearance stream
draws the stamp's lines in a frame, with no /Contents, laid over the page after it was made."""

from __future__ import annotations

import ctypes
import io
import re

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from reportlab.pdfbase.pdfmetrics import stringWidth

from ctg.corpus.layout import DrawnLine

FRAME_PAD = 3.0  # points between the frame and the text


def add_stamp_annotations(pdf: bytes, stamps: dict[int, list[DrawnLine]]) -> bytes:
    """`pdf` with, on each page (0-based) of `stamps`, one /Stamp annotation drawing those lines
    where they were laid out."""
    if not stamps:
        return pdf
    document = pdfium.PdfDocument(pdf)
    try:
        font = pdfium_c.FPDFText_LoadStandardFont(document, b"Helvetica")
        for index, lines in sorted(stamps.items()):
            page = document[index]
            try:
                _add_stamp(document, page, font, lines)
            finally:
                page.close()
        out = io.BytesIO()
        document.save(out)
        return _fixed_id(out.getvalue())
    finally:
        document.close()


_ID_RE = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]")


def _fixed_id(pdf: bytes) -> bytes:
    """PDFium writes a random second file identifier on every save: make it the first one again
    (same length, so no offset moves) and the corpus stays byte-for-byte reproducible."""
    return _ID_RE.sub(lambda m: m.group(0).replace(m.group(2), m.group(1)), pdf)


def _add_stamp(
    document: pdfium.PdfDocument, page: pdfium.PdfPage, font: object, lines: list[DrawnLine]
) -> None:
    left = min(line.x for line in lines) - FRAME_PAD
    right = max(line.x + _width(line) for line in lines) + FRAME_PAD
    bottom = min(line.y for line in lines) - FRAME_PAD
    top = max(line.y + line.size for line in lines) + FRAME_PAD
    annot = pdfium_c.FPDFPage_CreateAnnot(page, pdfium_c.FPDF_ANNOT_STAMP)
    try:
        pdfium_c.FPDFAnnot_SetRect(annot, pdfium_c.FS_RECTF(left, top, right, bottom))
        pdfium_c.FPDFAnnot_SetFlags(annot, pdfium_c.FPDF_ANNOT_FLAG_PRINT)
        width, height = right - left - 1, top - bottom - 1
        frame = pdfium_c.FPDFPageObj_CreateNewRect(left + 0.5, bottom + 0.5, width, height)
        pdfium_c.FPDFPageObj_SetStrokeColor(frame, 0, 0, 0, 255)
        pdfium_c.FPDFPageObj_SetFillColor(frame, 255, 255, 255, 255)
        pdfium_c.FPDFPath_SetDrawMode(frame, pdfium_c.FPDF_FILLMODE_WINDING, True)
        pdfium_c.FPDFAnnot_AppendObject(annot, frame)
        for line in lines:
            text = pdfium_c.FPDFPageObj_CreateTextObj(document, font, line.size)
            pdfium_c.FPDFText_SetText(text, _wide(line.text))
            pdfium_c.FPDFPageObj_Transform(text, 1, 0, 0, 1, line.x, line.y)
            pdfium_c.FPDFAnnot_AppendObject(annot, text)
    finally:
        pdfium_c.FPDFPage_CloseAnnot(annot)


def _width(line: DrawnLine) -> float:
    return stringWidth(line.text, "Helvetica", line.size)


def _wide(text: str) -> ctypes.Array:
    encoded = (text + "\0").encode("utf-16-le")
    buffer = ctypes.create_string_buffer(encoded, len(encoded))
    return ctypes.cast(buffer, ctypes.POINTER(pdfium_c.FPDF_WCHAR))
