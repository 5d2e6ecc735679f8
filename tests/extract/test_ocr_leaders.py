"""Dot leaders (a table of contents' rows of dots): found on the scan, counted, given back."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw

from ctg.core.model import Line
from ctg.extract.ocr import DEFAULT, ocr_image
from ctg.extract.page_image import PageImage
from ctg.extract.scan_leaders import Leader, with_leaders
from ctg.extract.scan_prepare import prepared
from tests.extract.pdf_factory import BODY, _font

DPI = 200
CONTENTS = [
    ("Article 1 : Objet de la convention", "4"),
    ("Article 2 : Les missions de la Caf sur le territoire", "4"),
    ("Article 3 : Les compétences des collectivités signataires", "5"),
    ("Article 4 : Les enjeux partagés issus du diagnostic", "5"),
    ("Signataires", "12"),
]


def contents_page() -> tuple[Image.Image, list[int]]:
    """An A4 page at 200 dpi: a heading, then rows of title, dots up to a column, page number."""
    image = Image.new("L", (round(8.27 * DPI), round(11.69 * DPI)), 255)
    draw = ImageDraw.Draw(image)
    font = _font(round(11 * DPI / 72))
    left, numbers_at = round(0.9 * DPI), round(7.0 * DPI)
    draw.text((round(3.5 * DPI), round(1.2 * DPI)), "SOMMAIRE", fill=0, font=font)
    counts = []
    for row, (title, page) in enumerate(CONTENTS):
        y = round((1.7 + 0.3 * row) * DPI)
        room = numbers_at - left - draw.textlength(f"{title} ", font=font)
        count = int(room // draw.textlength(".", font=font)) - 1
        draw.text((left, y), f"{title} {'.' * count}", fill=0, font=font)
        draw.text((numbers_at, y), page, fill=0, font=font)
        counts.append(count)
    return image, counts


def test_each_leader_is_found_with_the_dots_it_holds() -> None:
    image, counts = contents_page()
    page = prepared(image, DPI, DEFAULT)
    assert sorted(leader.dots for leader in page.leaders) == sorted(counts)


def test_full_stops_and_ellipses_of_running_text_are_no_leader() -> None:
    image = Image.new("L", (round(8.27 * DPI), round(11.69 * DPI)), 255)
    draw = ImageDraw.Draw(image)
    font = _font(round(11 * DPI / 72))
    lines = [*BODY, "Vu le code... et ainsi de suite... etc.", "i. ii. iii. iv. v. vi. vii. viii."]
    for number, text in enumerate(lines * 4):
        draw.text((round(0.9 * DPI), round((1.2 + 0.3 * number) * DPI)), text, fill=0, font=font)
    assert prepared(image, DPI, DEFAULT).leaders == []


def _line(text: str, box: tuple[float, float, float, float]) -> Line:
    return Line(text=text, raw=text, page=0, number=1, bbox=box, origin="ocr")


def test_a_leader_joins_the_title_and_the_page_number_read_apart() -> None:
    title = _line("Article 1 : Objet", (100, 100, 400, 130))
    number = _line("4", (900, 100, 915, 126))
    below = _line("Article 2 : Missions", (100, 150, 420, 180))
    lines = with_leaders([title, below, number], {}, [Leader((410, 122, 890, 126), 60, 4)])
    assert [line.text for line in lines] == [f"Article 1 : Objet {'.' * 60} 4", "Article 2 : Missions"]
    assert lines[0].bbox == (100, 100, 915, 130)


def test_a_leader_goes_between_the_words_of_a_line_read_across_it() -> None:
    line = _line("Préambule 4", (100, 100, 915, 130))
    words = {id(line): [(100.0, 300.0), (900.0, 915.0)]}
    lines = with_leaders([line], words, [Leader((310, 122, 890, 126), 70, 4)])
    assert lines[0].text == f"Préambule {'.' * 70} 4"


def test_a_column_taller_than_a_line_is_not_the_leaders_row() -> None:
    title = _line("Article 1 : Objet", (100, 100, 400, 130))
    column = _line("u U1 UT", (900, 60, 930, 500))  # page numbers read as one vertical line
    lines = with_leaders([title, column], {}, [Leader((410, 122, 890, 126), 60, 4)])
    assert lines[0].text == f"Article 1 : Objet {'.' * 60}" and lines[1] is column


@pytest.mark.ocr
def test_a_table_of_contents_reads_title_dots_and_page_number_on_one_line() -> None:
    image, counts = contents_page()
    lines = [line.text for line in ocr_image(PageImage(DPI, "rendered", image=image), "fra", 120).lines]
    for (title, page), count in zip(CONTENTS, counts, strict=True):
        assert f"{title} {'.' * count} {page}" in lines


def test_a_halftone_of_dots_in_rows_is_no_leader() -> None:
    """A dithered grey (a 1-bit scan's logo or photo) is rows of even dots too, stacked close."""
    image = Image.new("L", (round(8.27 * DPI), round(11.69 * DPI)), 255)
    draw = ImageDraw.Draw(image)
    for y in range(400, 700, 8):
        for x in range(300, 900, 8):
            draw.rectangle((x, y, x + 2, y + 2), fill=0)
    assert prepared(image, DPI, DEFAULT).leaders == []
