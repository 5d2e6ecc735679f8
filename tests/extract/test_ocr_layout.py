"""Scans prepared for OCR and read in order: a margin column before the body, a stamp first."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from ctg.extract.ocr import DEFAULT, PLAIN, _unturned, is_debris, ocr_image, unglued
from ctg.extract.page_image import PageImage
from ctg.extract.scan_layout import find_margin_column
from ctg.extract.scan_prepare import ink_of, reduced, rules, skew_angle, specks
from tests.extract.pdf_factory import BODY, _font

REPO = Path(__file__).resolve().parents[2]
REAL = Path(os.environ.get("CTG_REAL", REPO.parent / "shared" / "real"))
DPI = 300
MARGIN = ["Nombre de membres", "en exercice : 11", "qui ont pris part", "à la délibération : 11"]
MARGIN += ["dont 2 procurations", "Date de la convocation :", "21 mars 2022", "Objet :"]


def minutes_page(margin: list[str], body: list[str], rule: bool = True) -> Image.Image:
    """An A4 scan with a narrow column of counts down the left, a ruled line, and the body."""
    image = Image.new("L", (round(8.27 * DPI), round(11.69 * DPI)), 255)
    draw = ImageDraw.Draw(image)
    small, font = _font(round(9 * DPI / 72)), _font(round(11 * DPI / 72))
    for number, text in enumerate(margin):  # the column starts lower, beside the body's 2nd line
        draw.text((round(0.6 * DPI), round((2.2 + 0.3 * number) * DPI)), text, fill=0, font=small)
    if rule:
        draw.line(
            [(round(2.45 * DPI), round(1.5 * DPI)), (round(2.45 * DPI), round(10 * DPI))], fill=0, width=5
        )
    for number, text in enumerate(body * 3):
        draw.text((round(2.6 * DPI), round((1.9 + 0.3 * number) * DPI)), text[:52], fill=0, font=font)
    return image


def full_width_page() -> Image.Image:
    image = Image.new("L", (round(8.27 * DPI), round(11.69 * DPI)), 255)
    draw = ImageDraw.Draw(image)
    font = _font(round(11 * DPI / 72))
    lines = [*MARGIN, *BODY] * 3
    for number, text in enumerate(lines):
        draw.text((round(0.9 * DPI), round((1.2 + 0.3 * number) * DPI)), text, fill=0, font=font)
    return image


def clean_ink(image: Image.Image) -> np.ndarray:
    ink = ink_of(image)
    small = reduced(ink, 2)
    return small & ~rules(small, DPI / 2)


def test_a_margin_column_is_found_in_its_gutter() -> None:
    split = find_margin_column(clean_ink(minutes_page(MARGIN, BODY)), DPI / 2)
    assert split is not None
    assert 1.7 * DPI / 2 < split.x < 2.6 * DPI / 2  # between the column's text and the body


def test_a_full_width_page_is_never_split() -> None:
    assert find_margin_column(clean_ink(full_width_page()), DPI / 2) is None


def test_a_table_beside_a_narrow_column_is_not_split() -> None:
    """Cells in columns on the right: a gutter inside the body means a table, left alone."""
    cells = [f"{'Recettes':<10}" + " " * 30 + "176 131,00" for _ in range(6)]
    image = minutes_page(MARGIN, [], rule=False)
    draw = ImageDraw.Draw(image)
    font = _font(round(11 * DPI / 72))
    for number in range(12):
        y = round((1.9 + 0.3 * number) * DPI)
        draw.text((round(2.6 * DPI), y), "Section de fonctionnement", fill=0, font=font)
        draw.text((round(6.2 * DPI), y), "176 131,00", fill=0, font=font)
    assert cells and find_margin_column(clean_ink(image), DPI / 2) is None


def test_skew_is_measured_to_the_step() -> None:
    page = full_width_page().rotate(-1.2, fillcolor=255, resample=Image.Resampling.BICUBIC)
    assert skew_angle(ink_of(page)) == pytest.approx(1.2, abs=0.15)  # turning back by +1.2° levels it


def test_a_box_on_the_levelled_page_maps_back_to_the_scan() -> None:
    size = (2480, 3508)
    page = Image.new("L", size, 255)
    ImageDraw.Draw(page).rectangle((1000, 500, 1400, 560), fill=0)
    turned = page.rotate(1.5, fillcolor=255)
    ys, xs = np.nonzero(ink_of(turned))
    box = (float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max()))
    x0, top, x1, bottom = _unturned(box, 1.5, size, 1.0)
    assert abs(x0 - 1000) < 20 and abs(top - 500) < 20 and abs(x1 - 1400) < 20 and abs(bottom - 560) < 20


def test_specks_are_dots_far_smaller_than_a_full_stop() -> None:
    ink = np.zeros((200, 200), dtype=bool)
    ink[10, 10] = ink[50:52, 50:52].any() or True  # one-pixel speck
    ink[100:106, 100:106] = True  # a full stop at 300 dpi is about 6 × 6 px
    found = specks(ink, DPI)
    assert found[10, 10] and not found[100:106, 100:106].any()


@pytest.mark.parametrize(
    ("word", "confidence", "debris"),
    [
        ("|", 80.0, True),
        ("_", 40.0, True),
        ("+", 20.0, True),
        ("|", 96.0, False),
        ("-", 30.0, False),
        (":", 20.0, False),
        (";", 45.0, False),
        ("l'", 10.0, False),
    ],
)
def test_only_speck_signs_read_unsure_are_debris(word: str, confidence: float, debris: bool) -> None:
    assert is_debris(word, confidence) is debris


@pytest.mark.parametrize(
    ("word", "kept"),
    [
        ("|Commune", "Commune"),
        ("_|CCVBA", "CCVBA"),
        ("15|", "15"),
        ("|", "|"),  # a sign-only word is for is_debris to judge
        ("DEL_", "DEL_"),  # an ACTES id's underscore is text
        ("a|b", "a|b"),
        ("[Avenue", "[Avenue"),
    ],
)
def test_a_table_rule_read_at_a_words_edge_is_dropped(word: str, kept: str) -> None:
    assert unglued(word) == kept


@pytest.mark.ocr
def test_the_margin_column_is_read_before_the_body_never_interleaved() -> None:
    page = minutes_page(MARGIN, BODY)
    lines = [line.text for line in ocr_image(PageImage(DPI, "rendered", image=page), "fra", 120).lines]
    column = [i for i, text in enumerate(lines) if "membres" in text or "exercice" in text]
    body = [i for i, text in enumerate(lines) if "Caisse" in text or "convention" in text]
    assert column and body and max(column) < min(body)
    assert not any("exercice" in text and ("Caisse" in text or "projet" in text) for text in lines)


@pytest.mark.ocr
def test_plain_reading_is_kept_as_the_reference() -> None:
    """PLAIN is Tesseract on the picture as it is: the bench's baseline; boxes stay in points."""
    page = full_width_page()
    result = ocr_image(PageImage(DPI, "rendered", image=page), "fra", 120, preparation=PLAIN)
    assert result.lines and all(line.bbox and line.bbox[2] <= 8.27 * 72 for line in result.lines)


@pytest.mark.ocr
def test_real_minutes_page_reads_stamp_then_margin_then_body() -> None:
    """A 1-bit 300 dpi scan of minutes: the stamp in the corner, the counts in the left column."""
    pdf = REAL / "flaux_cr_2022-03-25.pdf"
    if not pdf.exists():
        pytest.skip(f"real documents not found at {REAL}")
    import pypdfium2 as pdfium

    from ctg.extract.page_image import page_image

    gold = json.loads((REAL / "flaux_cr_2022-03-25.gold.json").read_text(encoding="utf-8"))["transcription"]
    document = pdfium.PdfDocument(str(pdf))
    picture = page_image(document[gold["page"] - 1], 300, 100_000_000)
    lines = [line.text for line in ocr_image(picture, "fra", 120, preparation=DEFAULT).lines]
    document.close()
    first = lambda needle: next(i for i, text in enumerate(lines) if needle in text)  # noqa: E731
    assert first("Envoyé en préfecture") < first("PUBLIQUE FRAN") < first("procurations")
    assert first("procurations") < first("URBASOLAR")
    assert not any("procurations" in text and "défrichement" in text for text in lines)
    assert not any("Reçu en préfecture" in text and "exercice" in text for text in lines)


@pytest.mark.ocr
def test_real_stamp_in_the_corner_is_read_as_a_block_of_its_own() -> None:
    """Page 1 of the same minutes: the ACTES id of the stamp scanned in the top corner, read
    apart from the body as one block of lines, comes out whole."""
    pdf = REAL / "flaux_cr_2022-03-25.pdf"
    if not pdf.exists():
        pytest.skip(f"real documents not found at {REAL}")
    import pypdfium2 as pdfium

    from ctg.extract.page_image import page_image

    document = pdfium.PdfDocument(str(pdf))
    picture = page_image(document[0], 300, 100_000_000)
    lines = [line.text for line in ocr_image(picture, "fra", 120, preparation=DEFAULT).lines]
    document.close()
    assert any("030-213001100-20220502-FLAUXCR25032022-DE" in text for text in lines[:6])
