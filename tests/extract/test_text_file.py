from __future__ import annotations

from pathlib import Path

from ctg.extract import read_file
from ctg.extract.text_file import text_pages


def test_form_feeds_split_pages_and_lines_count_in_the_whole_file() -> None:
    pages = text_pages("a.txt", "titre\nligne deux\fpage deux\nfin\n\f")
    assert [page.number for page in pages] == [1, 2]
    assert [(line.page, line.number, line.text) for line in pages[1].lines] == [
        (2, 2, "page deux"),  # the form feed sits inside file line 2
        (2, 3, "fin"),
        (2, 4, ""),
    ]


def test_seeds_read_as_one_plain_page_each(seeds_dir: Path) -> None:
    for path in sorted(seeds_dir.glob("*.txt")):
        source = read_file(path, seeds_dir)
        text = path.read_text(encoding="utf-8")
        assert source.status == "ok" and source.encoding == "utf-8"
        assert all(page.method == "plain" for page in source.pages)
        lines = source.lines
        assert len(lines) == text.count("\n") + 1
        # provenance: line N of the record is line N of the file
        file_lines = text.split("\n")
        assert all(file_lines[line.number - 1].rstrip("\r") == line.raw for line in lines[::50])


SEANCE = "Séance du 8 décembre 2025\nLe Conseil Municipal, après en avoir délibéré, à l'unanimité\n"


def _read(tmp_path: Path, name: str, data: bytes) -> tuple[str, str | None, str]:
    (tmp_path / name).write_bytes(data)
    source = read_file(tmp_path / name, tmp_path)
    return source.status, source.encoding, "\n".join(line.text for line in source.lines)


def test_utf16_with_and_without_bom_and_utf8_bom(tmp_path: Path) -> None:
    cases = {
        "le-bom.txt": (SEANCE.encode("utf-16"), "utf-16-le"),  # Python writes the BOM, little-endian here
        "le.txt": (SEANCE.encode("utf-16-le"), "utf-16-le"),
        "be.txt": (SEANCE.encode("utf-16-be"), "utf-16-be"),
        "bom8.txt": (SEANCE.encode("utf-8-sig"), "utf-8 (BOM)"),
    }
    for name, (data, encoding) in cases.items():
        status, read_as, text = _read(tmp_path, name, data)
        assert (status, read_as) == ("ok", encoding), name
        assert text.startswith("Séance du 8 décembre 2025\nLe Conseil"), name


def test_stray_nul_bytes_are_dropped_and_noted(tmp_path: Path) -> None:
    data = (SEANCE * 40).encode("utf-8")
    status, encoding, text = _read(tmp_path, "nul.txt", data[:100] + b"\x00\x00" + data[100:])
    assert (status, encoding) == ("ok", "utf-8, 2 NUL bytes dropped")
    assert "\x00" not in text and text.startswith("Séance du 8 décembre 2025")


def test_binary_with_many_nul_bytes_is_still_refused(tmp_path: Path) -> None:
    (tmp_path / "image.txt").write_bytes(bytes(range(256)) * 50)
    source = read_file(tmp_path / "image.txt", tmp_path)
    assert source.status == "error" and "binary content" in source.error
