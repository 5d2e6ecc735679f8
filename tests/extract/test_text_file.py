from __future__ import annotations

from pathlib import Path

from extract import read_file
from extract.text_file import text_pages


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
