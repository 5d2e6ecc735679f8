"""Extract stage: File → Pages (text layer, OCR, or plain text), with typed errors."""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path

from ctg.core.errors import CtgError, ExtractError
from ctg.core.model import Page, SourceFile
from ctg.extract.options import ExtractOptions, OcrMode
from ctg.extract.pdf import (
    PictureReader,
    needs_ocr,
    ocr_pdf_page,
    open_pdf,
    read_pdf_pages,
    signature_date,
)

__all__ = [
    "INPUT_SUFFIXES",
    "ExtractOptions",
    "ExtractPlan",
    "OcrMode",
    "PictureReader",
    "complete",
    "file_sha256",
    "ocr_file_page",
    "plan_file",
    "read_file",
    "read_text_file",
]

INPUT_SUFFIXES = (".pdf", ".txt", ".md")
TEXT_SUFFIXES = (".txt", ".md")


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def relative_name(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.name


@dataclass(slots=True)
class ExtractPlan:
    """A file read as far as it can be without OCR; `ocr_pages` still need it (1-based)."""

    source: SourceFile
    path: Path
    ocr_pages: list[int] = field(default_factory=list)


def plan_file(
    path: Path, root: Path, options: ExtractOptions | None = None, sha256: str | None = None
) -> ExtractPlan:
    """Read text layers and text inputs; list the pages left for OCR. Never raises for a bad input."""
    options = options or ExtractOptions()
    started = time.perf_counter()
    source = SourceFile(file=relative_name(path, root), sha256="", bytes=0)
    try:
        source.bytes = path.stat().st_size
        source.sha256 = sha256 or file_sha256(path)
        if path.suffix.lower() in TEXT_SUFFIXES:
            from ctg.extract.text_file import read_text_pages  # a PDF never needs it

            source.pages, source.encoding = read_text_pages(path, source.file, options.max_text_bytes)
        else:
            _read_pdf_into(source, path, options)
    except CtgError as error:
        source.status, source.error, source.pages = "error", str(error), []
    except OSError as error:
        source.status, source.error = "error", f"cannot read file: {error.strerror or error}"
    source.seconds = round(time.perf_counter() - started, 3)
    return ExtractPlan(source=source, path=path, ocr_pages=[p.number for p in source.pages if needs_ocr(p)])


def ocr_file_page(
    path: Path,
    file: str,
    number: int,
    options: ExtractOptions,
    reason: str,
    reader: PictureReader | None = None,
) -> Page:
    """OCR one planned page (its picture read by `reader`, plain OCR by default). Never raises for
    a bad input: a failure is the page's reason."""
    try:
        return ocr_pdf_page(path, file, number, options, reason, reader)
    except CtgError as error:  # the file changed or broke between planning and OCR
        return Page(
            file=file,
            number=number,
            method="ocr",
            quality=0.0,
            reason=f"{reason}; OCR failed: {error}",
            lost=f"OCR failed: {error}",
        )


def complete(plan: ExtractPlan, ocred: list[Page], seconds: float = 0.0) -> SourceFile:
    """Put the OCRed pages in their places; a page whose text was not all read makes the file
    partial, with a one-line reason."""
    source = plan.source
    for page in ocred:
        source.pages[page.number - 1] = page
    source.seconds = round(source.seconds + seconds, 3)
    for page in source.pages:
        if not page.lost and "OCR failed" in page.reason:  # a page the engine gave up on
            page.lost = page.reason
    lost = [page for page in source.pages if page.lost]
    if lost and source.status == "ok":
        unread = "unreadable" if all("OCR failed" in page.lost for page in lost) else "not fully read"
        source.status = "partial"
        source.error = f"partial: page(s) {', '.join(str(p.number) for p in lost)} {unread}: {lost[0].lost}"
    return source


def read_file(
    path: Path, root: Path, options: ExtractOptions | None = None, sha256: str | None = None
) -> SourceFile:
    """Read one input, OCR included, in this process. Never raises for a bad input."""
    options = options or ExtractOptions()
    plan = plan_file(path, root, options, sha256)
    started = time.perf_counter()
    pages = plan.source.pages
    ocred = [ocr_file_page(path, plan.source.file, n, options, pages[n - 1].reason) for n in plan.ocr_pages]
    return complete(plan, ocred, time.perf_counter() - started)


def read_text_file(path: Path, root: Path) -> SourceFile:
    """A .txt/.md input as pages of plain lines (the seeds are such inputs)."""
    return read_file(path, root)


def _read_pdf_into(source: SourceFile, path: Path, options: ExtractOptions) -> None:
    document = open_pdf(path)
    try:
        source.signed_date = signature_date(document)
        source.pages = list(read_pdf_pages(document, source.file, options))
    except CtgError:
        raise
    except Exception as error:  # PDFium can fail mid-file on a broken object
        raise ExtractError(f"PDF failed while reading: {type(error).__name__}: {error}") from error
    finally:
        document.close()
