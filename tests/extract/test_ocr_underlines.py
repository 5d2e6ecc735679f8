"""Underlined headings: the line under them is whitened, their letters and tables' rules kept."""

from __future__ import annotations

import os
import re
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from ctg.core.model import Line
from ctg.extract.ocr import DEFAULT, LINE_PSM, Preparation, _underlined_again, ocr_image
from ctg.extract.scan_prepare import ink_of, prepared, underlines
from tests.extract.pdf_factory import BODY, _font

DPI = 300
HEADING = "M 49 - budget primitif 2022"
REAL = Path(os.environ.get("CTG_REAL", Path(__file__).resolve().parents[3] / "shared" / "real"))


def heading_page() -> tuple[Image.Image, int, tuple[int, int, int, int]]:
    """A page with an underlined heading over body text, then a framed table of two rows: the
    y of the underline, and the table's box."""
    image = Image.new("L", (round(8.27 * DPI), round(6 * DPI)), 255)
    draw = ImageDraw.Draw(image)
    left = round(1.0 * DPI)
    heading = _font(round(13 * DPI / 72))
    draw.text((left, round(0.8 * DPI)), HEADING, fill=0, font=heading, anchor="ls")  # on its baseline
    width = round(draw.textlength(HEADING, font=heading))
    line_y = round(0.8 * DPI) + 2  # just under the baseline, across the descenders of p and g
    draw.rectangle((left, line_y, left + width, line_y + 2), fill=0)
    body = _font(round(11 * DPI / 72))
    for number, text in enumerate(BODY[:3]):
        draw.text((left, round((1.05 + 0.2 * number) * DPI)), text, fill=0, font=body)
    table = (left, round(2.0 * DPI), left + round(5 * DPI), round(2.8 * DPI))
    middle = (table[1] + table[3]) // 2
    draw.rectangle(table, outline=0, width=3)
    draw.line((table[0], middle, table[2], middle), fill=0, width=3)
    draw.line((table[0] + round(3.5 * DPI), table[1], table[0] + round(3.5 * DPI), table[3]), fill=0, width=3)
    for y in (table[1], middle):
        draw.text((table[0] + 20, y + 20), "Résultat de fonctionnement", fill=0, font=body)
        draw.text((table[0] + round(3.6 * DPI), y + 20), "56 692,76 €", fill=0, font=body)
    return image, line_y, table


def test_the_underline_is_whitened_and_its_letters_kept() -> None:
    image, line_y, _ = heading_page()
    ink = ink_of(image)
    found = underlines(ink, DPI)
    rows = found.any(axis=1).nonzero()[0]
    assert rows.min() >= line_y - 2 and rows.max() <= line_y + 4  # the line, nothing above it
    band = ink[line_y : line_y + 3] & ~found[line_y : line_y + 3]
    assert 0 < band.sum() < 0.2 * ink[line_y : line_y + 3].sum()  # the descenders crossing it stay
    assert not found[line_y + 6 :].any()  # nor the body under it, nor the table's rules
    assert (ink[: line_y - 2] == (ink & ~found)[: line_y - 2]).all()  # the letters are whole


def test_text_without_underline_loses_no_ink() -> None:
    image = Image.new("L", (round(8.27 * DPI), round(4 * DPI)), 255)
    draw = ImageDraw.Draw(image)
    font = _font(round(11 * DPI / 72))
    for number, text in enumerate(BODY * 2):
        draw.text((round(1.0 * DPI), round((0.5 + 0.2 * number) * DPI)), text.upper(), fill=0, font=font)
    assert not underlines(ink_of(image), DPI).any()


def test_an_underlined_line_lost_is_read_again() -> None:
    image, _, _ = heading_page()
    page = prepared(image, DPI, DEFAULT)
    assert len(page.underlined) == 1  # the heading's; the table's rules are no underline
    lines, _ = _underlined_again(page, [], "fra", 60, replace(DEFAULT, psm=LINE_PSM))
    assert [line.text for line in lines] == [HEADING]


def test_an_underlined_line_read_well_is_kept() -> None:
    image, _, _ = heading_page()
    page = prepared(image, DPI, DEFAULT)
    x0, top, x1, bottom = page.underlined[0]
    box = (x0 + 5, top + 5, x1 - 5, bottom - 5)
    read = Line(
        text="M 49 budget", raw="M 49 budget", page=0, number=1, bbox=box, confidence=91.0, origin="ocr"
    )
    lines, _ = _underlined_again(page, [read], "fra", 60, replace(DEFAULT, psm=LINE_PSM))
    assert lines == [read]


@pytest.mark.skipif(not (REAL / "flaux_cr_2022-03-25.pdf").exists(), reason="real documents absent")
def test_the_underlined_headings_of_a_real_scan_are_read() -> None:
    import pypdfium2 as pdfium

    from ctg.extract.page_image import page_image

    document = pdfium.PdfDocument(str(REAL / "flaux_cr_2022-03-25.pdf"))
    picture = page_image(document[2], 300, 100_000_000)

    def headings(preparation: Preparation) -> int:  # its three "M 49 - …" items
        return sum(
            bool(re.match(r"M\W?49\b", line.text))
            for line in ocr_image(picture, "fra", 120, preparation=preparation).lines
        )

    assert headings(DEFAULT) == 3
    assert headings(replace(DEFAULT, underlines=False)) < 3  # what this test stands for
