"""Extract stage: File → Pages (text layer, OCR, or plain text), with typed errors."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

from core.errors import CtgError, ExtractError
from core.model import SourceFile
from extract.options import ExtractOptions, OcrMode
from extract.pdf import open_pdf, read_pdf_pages, signature_date
from extract.text_file import read_text_pages

__all__ = ["INPUT_SUFFIXES", "ExtractOptions", "OcrMode", "file_sha256", "read_file", "read_text_file"]

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


def read_file(
    path: Path, root: Path, options: ExtractOptions | None = None, sha256: str | None = None
) -> SourceFile:
    """Read one input. Never raises for a bad input: the error is in `status`/`error`."""
    options = options or ExtractOptions()
    started = time.perf_counter()
    source = SourceFile(file=relative_name(path, root), sha256="", bytes=0)
    try:
        source.bytes = path.stat().st_size
        source.sha256 = sha256 or file_sha256(path)
        if path.suffix.lower() in TEXT_SUFFIXES:
            source.pages, source.encoding = read_text_pages(path, source.file, options.max_text_bytes)
        else:
            _read_pdf_into(source, path, options)
    except CtgError as error:
        source.status, source.error, source.pages = "error", str(error), []
    except OSError as error:
        source.status, source.error = "error", f"cannot read file: {error.strerror or error}"
    source.seconds = round(time.perf_counter() - started, 3)
    return source


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
    failed = [page.number for page in source.pages if "OCR failed" in page.reason]
    if failed:
        source.error = f"partial: page(s) {', '.join(map(str, failed))} unreadable"
