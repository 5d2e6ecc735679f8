"""Read .txt/.md inputs: detect the encoding, split pages on form feeds."""

from __future__ import annotations

from pathlib import Path

from ctg.core.errors import EmptyInput, ExtractError, UndecodableText
from ctg.core.model import Line, Page

# Tried in order. UTF-8 first (strict, so cp1252 bytes fail it); cp1252 is what French
# office software writes; latin-1 is not tried because it accepts any byte sequence and
# would turn binary junk into "text".
ENCODINGS: tuple[str, ...] = ("utf-8-sig", "cp1252")
# Byte-order marks of UTF-16, as Windows tools export text ("Unicode" in Notepad).
UTF16_BOMS: tuple[tuple[bytes, str], ...] = ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
# Without a BOM, UTF-16 of French text has a NUL in nearly every other byte (its Latin letters).
UTF16_NUL_SHARE = 0.4
# A few NULs in otherwise plain text are debris (a bad copy, a padded export) and are dropped;
# more than this share of the bytes means the file is not text.
MAX_STRAY_NUL_SHARE = 0.001
SAMPLE_BYTES = 65536
# Control bytes text never holds (tab, line feed, form feed and carriage return aside).
CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20)])


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding) or raise UndecodableText. The encoding says what was dropped."""
    utf16 = _utf16_encoding(data)
    if utf16:
        try:
            return data.decode(utf16).removeprefix("\ufeff"), utf16
        except UnicodeDecodeError as error:
            raise UndecodableText(f"text announces {utf16} but does not decode as it") from error
    nuls = data.count(b"\x00")
    controls = len(data) - len(data.translate(None, CONTROL_BYTES))
    if controls > MAX_STRAY_NUL_SHARE * len(data):
        raise UndecodableText("binary content (NUL bytes) in a text input")
    text, encoding = _decode_8bit(data.replace(b"\x00", b"") if nuls else data)
    return text, f"{encoding}, {nuls} NUL byte{'s' if nuls > 1 else ''} dropped" if nuls else encoding


def _utf16_encoding(data: bytes) -> str | None:
    for bom, encoding in UTF16_BOMS:
        if data.startswith(bom):
            return encoding
    sample = data[:SAMPLE_BYTES]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nul >= UTF16_NUL_SHARE and even_nul < 0.05:
        return "utf-16-le"
    if even_nul >= UTF16_NUL_SHARE and odd_nul < 0.05:
        return "utf-16-be"
    return None


def _decode_8bit(data: bytes) -> tuple[str, str]:
    for encoding in ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        bom = encoding == "utf-8-sig" and data.startswith(b"\xef\xbb\xbf")
        return text, "utf-8 (BOM)" if bom else encoding.removesuffix("-sig")
    raise UndecodableText("text is neither UTF-8, UTF-16 nor cp1252")


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
