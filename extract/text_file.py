"""Read .txt/.md inputs: detect the encoding, split pages on form feeds."""

from __future__ import annotations

from pathlib import Path

from core.errors import EmptyInput, ExtractError, UndecodableText
from core.model import Line, Page

# Tried in order. UTF-8 first (strict, so cp1252 bytes fail it); cp1252 is what French
# office software writes; latin-1 is not tried because it accepts any byte sequence and
# would turn binary junk into "text".
ENCODINGS: tuple[str, ...] = ("utf-8-sig", "cp1252")


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding) or raise UndecodableText."""
    if b"\x00" in data[:65536]:
        raise UndecodableText("binary content (NUL bytes) in a text input")
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding), encoding.removesuffix("-sig")
        except UnicodeDecodeError:
            continue
    raise UndecodableText("text is neither UTF-8 nor cp1252")


def text_pages(file: str, text: str) -> list[Page]:
    """Split on form feeds; line numbers count in the whole file (DESIGN.md, Provenance)."""
    pages: list[Page] = []
    number = 0
    for page_no, chunk in enumerate(text.split("\f"), start=1):
        lines: list[Line] = []
        for raw in chunk.split("\n"):
            number += 1
            raw = raw.rstrip("\r")
            lines.append(Line(text=raw, raw=raw, page=page_no, number=number, origin="plain"))
        number -= 1  # the form feed sits inside a line: the next page continues that line's count
        pages.append(Page(file=file, number=page_no, method="plain", lines=lines, quality=1.0))
    if len(pages) > 1 and not any(line.text.strip() for line in pages[-1].lines):
        pages.pop()  # a trailing form feed ends the last page; it does not open a new one
    return pages


def read_text_pages(path: Path, file: str, max_bytes: int) -> tuple[list[Page], str]:
    size = path.stat().st_size
    if size > max_bytes:
        raise ExtractError(f"text input of {size:,} bytes exceeds the {max_bytes:,}-byte limit")
    text, encoding = decode(path.read_bytes())
    if not text.strip():
        raise EmptyInput("empty text file")
    return text_pages(file, text), encoding
