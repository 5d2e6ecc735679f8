"""A batch of broken and hostile inputs: each is processed or gets a clear error; the run goes on."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A6
from reportlab.pdfgen import canvas

from ctg import pipeline
from ctg.extract import read_file
from tests.extract.pdf_factory import (
    BODY,
    write_encrypted,
    write_image_bomb,
    write_pdf,
    write_zero_pages,
)


def _flipped(data: bytes, seed: int, flips: int = 30) -> bytes:
    rng = random.Random(seed)
    buffer = bytearray(data)
    for _ in range(flips):
        buffer[rng.randrange(len(buffer))] = rng.randrange(256)
    return bytes(buffer)


def _tiny_pages(path: Path, count: int) -> Path:
    pdf = canvas.Canvas(str(path), pagesize=A6)
    for number in range(count):
        pdf.drawString(20, 200, f"page {number + 1}")
        pdf.showPage()
    pdf.save()
    return path


def hostile_batch(folder: Path) -> dict[str, str]:
    """Writes the inputs; returns file name → what the run must say ("ok" or part of the error)."""
    good = write_pdf(folder / "good.pdf", [("text", BODY), ("text", BODY)]).read_bytes()
    expected: dict[str, str] = {"good.pdf": "ok"}
    for cut in (10, 200, len(good) // 2, len(good) - 10):
        (folder / f"truncated_{cut}.pdf").write_bytes(good[:cut])
        expected[f"truncated_{cut}.pdf"] = "any"
    for seed in range(8):
        (folder / f"flipped_{seed}.pdf").write_bytes(_flipped(good, seed))
        expected[f"flipped_{seed}.pdf"] = "any"
    (folder / "broken_xref.pdf").write_bytes(good.replace(b"xref", b"xxxx"))
    expected["broken_xref.pdf"] = "ok"
    write_encrypted(folder / "locked.pdf", "secret")
    expected["locked.pdf"] = "password"
    write_encrypted(folder / "empty_password.pdf", "")
    expected["empty_password.pdf"] = "ok"
    write_zero_pages(folder / "zero.pdf")
    expected["zero.pdf"] = "zero pages"
    write_image_bomb(folder / "bomb.pdf")
    expected["bomb.pdf"] = "partial: page(s) 1 unreadable"
    _tiny_pages(folder / "tiny_pages.pdf", 2000)
    expected["tiny_pages.pdf"] = "ok"
    (folder / "page.pdf").write_bytes(b"<!DOCTYPE html><html>moved</html>")
    expected["page.pdf"] = "HTML"
    (folder / "archive.pdf").write_bytes(b"PK\x03\x04" + bytes(100))
    expected["archive.pdf"] = "ZIP"
    (folder / "cp1252.txt").write_bytes("Délibération – séance".encode("cp1252"))
    expected["cp1252.txt"] = "ok"
    (folder / "invalid.txt").write_bytes(b"\xc3\x28 \x81\x8d")
    expected["invalid.txt"] = "neither UTF-8"
    with (folder / "huge.txt").open("wb") as handle:
        handle.truncate(200_000_000)  # sparse: 200 MB on paper, nothing on disk
    expected["huge.txt"] = "exceeds"
    accented = folder / "délibération n° 1 (copie).txt"
    accented.write_text("COMMUNE DE VOLX\n", "utf-8")
    expected[accented.name] = "ok"
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    if os.geteuid() != 0:  # root reads whatever the permissions say
        locked = folder / "unreadable.txt"
        locked.write_text("x", "utf-8")
        locked.chmod(0)
        expected["unreadable.txt"] = "cannot read"
    return expected


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    folder = tmp_path_factory.mktemp("hostile")
    return folder, hostile_batch(folder)


def test_every_bad_input_is_handled_and_the_batch_completes(
    hostile: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    folder, expected = hostile
    summary = pipeline.run([folder], pipeline.RunOptions(out=tmp_path / "out", jobs=2, use_cache=False))
    seen = {r.source.file: r.source for r in summary.results}
    assert set(seen) == set(expected)  # the symlink loop is not followed, nothing is read twice
    for name, outcome in expected.items():
        source = seen[name]
        if outcome == "ok":
            assert source.status == "ok", (name, source.error)
        elif outcome == "any":
            assert source.status == "ok" or source.error, name
        else:
            assert outcome in source.error, (name, source.error)
    assert len(seen["tiny_pages.pdf"].pages) == 2000


def test_reading_never_raises_on_flipped_bytes(tmp_path: Path) -> None:
    good = write_pdf(tmp_path / "good.pdf", [("text", BODY)]).read_bytes()
    for seed in range(40):
        path = tmp_path / f"f{seed}.pdf"
        path.write_bytes(_flipped(good, 1000 + seed, flips=5 + seed))
        source = read_file(path, tmp_path)
        assert source.status == "ok" or source.error
