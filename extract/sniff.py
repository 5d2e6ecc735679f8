"""Tell what a file really is from its first bytes, whatever its name says."""

from __future__ import annotations

from pathlib import Path

from ctg.core.errors import NotAPdf

# (magic bytes, what it is): the common impostors found in download folders.
IMPOSTORS: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"<!DOCTYPE html", "an HTML page"),
    (b"<html", "an HTML page"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"{\\rtf", "an RTF document"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
)


def check_pdf_header(path: Path) -> None:
    """Raise NotAPdf unless `%PDF-` appears in the first KiB (where readers accept it)."""
    with path.open("rb") as handle:
        head = handle.read(1024)
    if b"%PDF-" in head:
        return
    stripped = head.lstrip().lower()
    for magic, what in IMPOSTORS:
        if stripped.startswith(magic.lower()):
            raise NotAPdf(f"not a PDF: the content is {what}")
    if not head:
        raise NotAPdf("not a PDF: the file is empty")
    raise NotAPdf("not a PDF: no %PDF- header in the first 1024 bytes")
