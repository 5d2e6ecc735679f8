from __future__ import annotations

from pathlib import Path

import pytest
from rapidfuzz.distance import Levenshtein

from ctg.extract import ExtractOptions, read_file
from tests.extract.pdf_factory import BODY, write_pdf


def _cer(found: str, truth: str) -> float:
    norm_found, norm_truth = " ".join(found.split()), " ".join(truth.split())
    return Levenshtein.distance(norm_found, norm_truth) / max(len(norm_truth), 1)


def test_born_digital_page_reads_exactly_with_font_cues(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "digital.pdf", [("text", BODY)])
    source = read_file(path, tmp_path, ExtractOptions(ocr="never"))
    page = source.pages[0]
    assert source.status == "ok" and page.method == "text"
    assert _cer(page.text, "\n".join(BODY)) == 0
    bold = [line.text for line in page.lines if line.bold]
    assert bold == ["CONVENTION TERRITORIALE GLOBALE", "Article 1 : Objet de la convention",
                    "Article 2 : Durée de la convention"]  # fmt: skip
    first = page.lines[0]
    assert first.bbox is not None and 60 < first.bbox[0] < 80 and first.bbox[1] < first.bbox[3]
    assert [line.number for line in page.lines] == list(range(1, len(BODY) + 1))


@pytest.mark.ocr
def test_scanned_page_with_margin_stamp_is_ocred(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "scan.pdf", [("scan", BODY)], stamp_in_margin=True)
    page = read_file(path, tmp_path).pages[0]
    assert page.method == "ocr", page.reason
    assert page.reason == "text only in the margins"
    assert page.ocr_confidence is not None and page.ocr_confidence > 80
    # the stamp typed over the scan is text OCR cannot see: kept from the text layer, first
    stamp = [line.text for line in page.lines if line.confidence is None]
    assert stamp == ["Envoyé en préfecture le 10/12/2025", "ID : 004-210400708-20251208-DEL_2025_07-DE"]
    assert [line.number for line in page.lines] == list(range(1, len(page.lines) + 1))
    ocred = [line for line in page.lines if line.confidence is not None]
    assert _cer("\n".join(line.text for line in ocred), "\n".join(BODY)) <= 0.08
    assert all(line.bbox is not None for line in page.lines)


@pytest.mark.ocr
def test_mixed_pdf_ocrs_only_its_scanned_page(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "mixed.pdf", [("text", BODY), ("scan", BODY[:3]), ("text", BODY[3:])])
    source = read_file(path, tmp_path)
    assert [page.method for page in source.pages] == ["text", "ocr", "text"]
    assert [page.number for page in source.pages] == [1, 2, 3]
    assert all(line.page == 2 for line in source.pages[1].lines)


def test_ocr_never_keeps_an_image_page_as_text_with_its_reason(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "scan.pdf", [("scan", BODY[:2])])
    page = read_file(path, tmp_path, ExtractOptions(ocr="never")).pages[0]
    assert page.method == "text" and page.chars == 0 and "OCR disabled" in page.reason


def test_sparse_born_digital_page_without_image_is_not_ocred(tmp_path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "signatures.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.drawString(70, A4[1] - 40, "Pour la Commune de Volx, le Maire")
    pdf.save()
    page = read_file(path, tmp_path).pages[0]
    assert page.method == "text" and page.text == "Pour la Commune de Volx, le Maire"
    assert page.reason == "text only in the margins, no image"
