"""The page as a person sees it, on the generated corpus: a layered scan (colour background under
1-bit text masks, a stamp typed over it) and a born-digital page whose stamp is an annotation."""

from __future__ import annotations

import os
from pathlib import Path

import pypdfium2 as pdfium
import pytest

import ctg.extract.pdf as extract_pdf
from ctg.core.model import Page, SourceFile
from ctg.corpus.truth import TruthFile, load_truth
from ctg.extract import ExtractOptions, read_file
from ctg.extract.page_image import PageImage, page_image, page_scan
from ctg.extract.pdf import read_pdf_pages
from ctg.extract.read_quality import MIN_MARKS, glyph_marks, judge_reading
from ctg.normalize import normalize_file
from ctg.segment import segment_file
from evaluation.text_measure import cer

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
LAYERED, ANNOTATED = "layered_oraison.pdf", "delib_saint_etienne_annotated.pdf"


def _corpus_file(name: str) -> tuple[Path, TruthFile]:
    path = CORPUS / name
    if not path.is_file():
        pytest.skip(f"generated corpus file {name} absent: run python -m ctg.corpus.generate")
    return path, load_truth(CORPUS / "truth" / f"{name}.json")


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def layered_file() -> tuple[SourceFile, TruthFile]:
    path, truth = _corpus_file(LAYERED)
    source = read_file(path, CORPUS)
    assert source.status == "ok", source.error
    return source, truth


@pytest.fixture(scope="module")
def layered(layered_file: tuple[SourceFile, TruthFile]) -> tuple[Page, TruthFile]:
    source, truth = layered_file
    return source.pages[0], truth


@pytest.mark.ocr
def test_layered_scan_is_read_whole(layered: tuple[Page, TruthFile]) -> None:
    page, truth = layered
    assert truth.pages[0].layered
    assert page.method == "ocr" and not page.lost
    assert cer(_flat(truth.pages[0].text), _flat(page.text)) < 0.02
    assert page.quality > 0.8


@pytest.mark.ocr
def test_stamp_typed_over_a_layered_scan_is_kept_once_as_text(layered: tuple[Page, TruthFile]) -> None:
    page, truth = layered
    stamp = [line for line in page.lines if line.origin == "text"]
    assert [line.text for line in stamp] == truth.pages[0].text.splitlines()[:4]
    assert [line.number for line in stamp] == [1, 2, 3, 4]  # above the OCRed body, in one block
    # Hidden from the picture, it is not read a second time by OCR.
    assert sum("ID :" in line.text for line in page.lines) == 1
    assert {line.origin for line in page.lines[4:]} == {"ocr"}


@pytest.mark.ocr
def test_layered_scan_read_from_its_background_alone_makes_the_file_partial(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The masks ignored, as when the full-page background was taken for the scan: the page's
    ink shows the text that was not read, and the file says so."""
    path, _ = _corpus_file(LAYERED)

    def background_only(page: pdfium.PdfPage, dpi: int, max_pixels: int) -> PageImage:
        scan = page_scan(page)
        assert scan is not None
        return PageImage(dpi=150, source="embedded", image=scan.get_bitmap(render=False).to_pil())

    monkeypatch.setattr(extract_pdf, "page_image", background_only)
    source = read_file(path, CORPUS)
    page = source.pages[0]
    assert page.lost.startswith("text lost") and page.quality < 0.1
    assert "text lost" in page.reason
    assert source.status == "partial"
    assert source.error.startswith("partial: page(s) 1 not fully read: text lost")


def test_reading_judged_against_the_ink() -> None:
    assert judge_reading(1500, 1600, 90.0).lost == ""  # a clean scan reads about a character a mark
    assert judge_reading(30, 1600, 90.0).lost.startswith("text lost")
    assert judge_reading(0, 39, None).lost == ""  # a photo: too few marks in lines to judge
    assert judge_reading(600, 1600, 90.0).quality < judge_reading(1500, 1600, 90.0).quality


def test_glyph_marks_count_letters_not_a_photo() -> None:
    import numpy as np
    from PIL import Image, ImageDraw, ImageFilter

    text = Image.new("L", (1200, 300), 255)
    ImageDraw.Draw(text).text((20, 100), "Le conseil municipal approuve", fill=0, font_size=40)
    # A photo: half its pixels dark, in smooth blobs of every size.
    noise = np.random.default_rng(7).normal(128, 100, (900, 1200)).clip(0, 255).astype(np.uint8)
    photo = Image.fromarray(noise, mode="L").filter(ImageFilter.GaussianBlur(8))
    photo = photo.point(lambda v: min(255, max(0, (v - 128) * 6 + 128)))
    assert 20 <= glyph_marks(text, 150) <= 30
    assert glyph_marks(photo, 150) < MIN_MARKS


@pytest.fixture(scope="module")
def annotated() -> tuple[Page, TruthFile]:
    path, truth = _corpus_file(ANNOTATED)
    source = read_file(path, CORPUS)
    assert source.status == "ok", source.error
    return source.pages[0], truth


def test_annotation_stamp_lines_follow_the_body(annotated: tuple[Page, TruthFile]) -> None:
    page, truth = annotated
    stamp = truth.stamps[0]
    assert stamp.annotation and stamp.line is not None
    origins = [line.origin for line in page.lines]
    first = origins.index("annotation")
    assert set(origins[:first]) == {"text"} and set(origins[first:]) == {"annotation"}
    assert first + 1 == stamp.line
    assert [line.number for line in page.lines] == list(range(1, len(page.lines) + 1))
    assert page.lines[-1].text == f"ID : {stamp.actes_id}"
    assert cer(_flat(truth.pages[0].text), _flat(page.text)) == 0.0


def test_annotation_stamp_is_found_with_its_source() -> None:
    path, truth = _corpus_file(ANNOTATED)
    source = read_file(path, CORPUS)
    stamps = [stamp for doc in segment_file(normalize_file(source)) for stamp in doc.stamps]
    assert [(s.actes_id, s.source) for s in stamps] == [(truth.stamps[0].actes_id, "annotation")]


@pytest.mark.ocr
def test_stamp_typed_over_a_scan_is_found_with_its_source(layered_file: tuple[SourceFile, TruthFile]) -> None:
    source, truth = layered_file
    stamps = [stamp for doc in segment_file(normalize_file(source)) for stamp in doc.stamps]
    assert [(s.actes_id, s.source) for s in stamps] == [(truth.stamps[0].actes_id, "text")]


def test_an_annotation_that_does_not_print_adds_nothing(tmp_path: Path) -> None:
    import pypdfium2.raw as pdfium_c

    path, _ = _corpus_file(ANNOTATED)
    document = pdfium.PdfDocument(path)
    try:
        page = document[0]
        annot = pdfium_c.FPDFPage_GetAnnot(page, 0)
        pdfium_c.FPDFAnnot_SetFlags(annot, pdfium_c.FPDF_ANNOT_FLAG_HIDDEN)
        pdfium_c.FPDFPage_CloseAnnot(annot)
        page.close()
        hidden = tmp_path / "hidden.pdf"
        document.save(hidden)
    finally:
        document.close()
    lines = read_file(hidden, tmp_path).pages[0].lines
    assert lines and all(line.origin == "text" for line in lines)
    assert not any(line.text.startswith("ID :") for line in lines)


REAL = Path(os.environ.get("CTG_REAL", CORPUS.parents[1] / "shared" / "real"))


def _real(name: str) -> Path:
    path = REAL / name
    if not path.is_file():
        pytest.skip(f"real document {name} not found under {REAL}")
    return path


def test_a_signature_field_that_prints_is_read_after_the_body() -> None:
    path = _real("pastell_acte_signe_jo.pdf")
    lines = read_file(path, path.parent, ExtractOptions(ocr="never")).pages[0].lines
    signed = [line.text.strip() for line in lines if line.origin == "annotation"]
    assert signed == ["Signé par : Bernard MAGNIEN", "Date : 19/12/2017", "Qualité : Maire"]
    assert [line.origin for line in lines[-3:]] == ["annotation"] * 3


def test_a_stamp_annotation_on_a_born_digital_page_is_read_apart_from_its_heading() -> None:
    path = _real("ccsa_cls_2025-2028_delib370a.pdf")
    document = pdfium.PdfDocument(path)
    try:
        pages = list(read_pdf_pages(document, path.name, ExtractOptions(ocr="never")))[:2]
    finally:
        document.close()
    for page in pages:
        stamp = [line.text.strip() for line in page.lines if line.origin == "annotation"]
        assert stamp[0].startswith("Envoyé en préfecture le")
        assert stamp[-1] == "ID : 059-200043404-20250924-DELIB370A-DE"


def test_a_layered_real_page_is_rendered_at_its_masks_resolution() -> None:
    path = _real("flaux_pv_2022-12-16.pdf")
    document = pdfium.PdfDocument(path)
    try:
        layered, single = page_image(document[2], 300, 100_000_000), page_image(document[0], 300, 100_000_000)
    finally:
        document.close()
    assert (layered.source, round(layered.dpi)) == ("rendered", 300)
    assert (single.source, round(single.dpi)) == ("embedded", 300)  # one 1-bit scan: as it is
