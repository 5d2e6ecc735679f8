"""Each bad input gets a clear, typed reason in `status`/`error`; none raises."""

from __future__ import annotations

from pathlib import Path

import pytest

from ctg.extract import read_file
from tests.extract.pdf_factory import BODY, write_encrypted, write_image_bomb, write_pdf, write_zero_pages


def _error(path: Path) -> str:
    source = read_file(path, path.parent)
    assert source.status == "error", f"{path.name} was read: {source.pages}"
    assert not source.pages
    return source.error


def test_encrypted_with_user_password_says_how_to_decrypt(tmp_path: Path) -> None:
    error = _error(write_encrypted(tmp_path / "locked.pdf", user_password="secret"))
    assert "password" in error and "qpdf --decrypt" in error


def test_encrypted_with_empty_user_password_is_read(tmp_path: Path) -> None:
    source = read_file(write_encrypted(tmp_path / "open.pdf", user_password=""), tmp_path)
    assert source.status == "ok" and "Caisse" in source.pages[0].text


def test_zero_page_pdf(tmp_path: Path) -> None:
    assert "zero pages" in _error(write_zero_pages(tmp_path / "empty.pdf"))


def test_image_bomb_page_is_refused_without_decoding(tmp_path: Path) -> None:
    source = read_file(write_image_bomb(tmp_path / "bomb.pdf"), tmp_path)
    # The file opens; its one page cannot be OCRed within the pixel budget.
    assert source.error.startswith("partial: page(s) 1")
    assert "30000 × 30000 px exceeds" in source.pages[0].reason


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"<!DOCTYPE html><html><body>404</body></html>", "HTML page"),
        (b"PK\x03\x04\x14\x00\x00\x00", "ZIP archive"),
        (b"", "empty"),
        (b"just some words", "no %PDF- header"),
    ],
)
def test_not_a_pdf(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "fake.pdf"
    path.write_bytes(content)
    assert expected in _error(path)


def test_truncated_pdfs_never_raise(tmp_path: Path) -> None:
    whole = write_pdf(tmp_path / "whole.pdf", [("text", BODY), ("text", BODY)]).read_bytes()
    for cut in (20, len(whole) // 3, len(whole) // 2, len(whole) - 40):
        path = tmp_path / f"cut{cut}.pdf"
        path.write_bytes(whole[:cut])
        source = read_file(path, tmp_path)
        assert source.status in ("ok", "error")
        assert source.status == "ok" or source.error


def test_cp1252_text_is_decoded_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "deliberation.txt"
    path.write_bytes("Séance du 8 décembre 2025 – « Objet »\n".encode("cp1252"))
    source = read_file(path, tmp_path)
    assert source.encoding == "cp1252" and source.pages[0].lines[0].text.startswith("Séance du 8 décembre")


def test_invalid_utf8_and_binary_text(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_bytes(b"caf\xc3 \x81\x8d\x8f")
    assert "neither UTF-8, UTF-16 nor cp1252" in _error(tmp_path / "bad.txt")
    (tmp_path / "binary.md").write_bytes(b"\x00\x01\x02binary")
    assert "binary content" in _error(tmp_path / "binary.md")


def test_missing_file(tmp_path: Path) -> None:
    assert "cannot read file" in _error(tmp_path / "nowhere.pdf")
