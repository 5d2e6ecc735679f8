"""A born-digital page that also shows text in a picture (a table pasted as an image): the
picture's text is OCRed and put where the picture stands; a figure (a map) adds nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ctg.extract import ExtractOptions, plan_file, read_file
from ctg.extract.pdf import ocr_pdf_page
from ctg.extract.pictured_text import PICTURED_TEXT
from tests.extract.pdf_factory import BODY, TABLE_ROWS, write_pasted_table, write_pdf

REPO = Path(__file__).resolve().parents[2]
REAL = Path(os.environ.get("CTG_REAL", REPO.parent / "shared" / "real"))


def test_pasted_table_is_planned_for_ocr_and_plain_pages_are_not(tmp_path: Path) -> None:
    pasted = write_pasted_table(tmp_path / "pasted.pdf")
    plain = write_pdf(tmp_path / "plain.pdf", [("text", BODY)])
    plan = plan_file(pasted, tmp_path)
    assert plan.ocr_pages == [1] and plan.source.pages[0].reason == PICTURED_TEXT
    assert plan_file(plain, tmp_path).ocr_pages == []


@pytest.mark.ocr
def test_pasted_table_is_read_where_it_stands(tmp_path: Path) -> None:
    source = read_file(write_pasted_table(tmp_path / "pasted.pdf"), tmp_path)
    assert source.status == "ok", source.error
    lines = source.pages[0].lines
    origins = [line.origin for line in lines]
    first_ocr, last_ocr = origins.index("ocr"), len(origins) - 1 - origins[::-1].index("ocr")
    assert set(origins[:first_ocr]) == {"text"} and set(origins[last_ocr + 1 :]) == {"text"}
    assert "attribuer les marchés" in lines[first_ocr - 1].text  # the paragraph before the table
    assert lines[last_ocr + 1].text == BODY[0]  # ... and the one after it
    table = " ".join(line.text for line in lines[first_ocr : last_ocr + 1])
    for row in TABLE_ROWS:
        assert row.split()[-1] in table
    assert [line.number for line in lines] == list(range(1, len(lines) + 1))


def test_pasted_table_without_ocr_stays_a_text_page(tmp_path: Path) -> None:
    path = write_pasted_table(tmp_path / "pasted.pdf")
    source = read_file(path, tmp_path, ExtractOptions(ocr="never"))
    page = source.pages[0]
    assert page.method == "text" and page.reason == f"{PICTURED_TEXT}; OCR disabled"
    assert {line.origin for line in page.lines} == {"text"}


@pytest.mark.ocr
def test_real_map_beside_a_text_layer_is_a_figure_not_lost_text() -> None:
    """L'Arbresle's minutes p. 12: a cadastral map (plot numbers, buildings) above the text.
    Its marks look like glyphs, its OCR reads almost nothing: the page stays the text layer."""
    path = REAL / "larbresle_cr_2013-07-09.pdf"
    if not path.is_file():
        pytest.skip(f"real documents not found at {REAL}")
    assert 12 in plan_file(path, path.parent).ocr_pages
    page = ocr_pdf_page(path, path.name, 12, ExtractOptions(), PICTURED_TEXT)
    assert page.method == "text" and not page.lost and "figures" in page.reason
    assert {line.origin for line in page.lines} == {"text"}
