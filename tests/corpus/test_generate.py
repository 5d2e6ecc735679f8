"""The generator is deterministic and its truth is what the files hold."""

from __future__ import annotations

import json
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from ctg.corpus.layout import FONT, STAMP_TOP
from ctg.corpus.truth import TruthFile, load_truth

CorpusRun = tuple[Path, list[TruthFile]]


def _normal(text: str) -> str:
    return " ".join(text.split())


def _pdf_pages_text(path: Path) -> list[str]:
    """Each page's text as printed: annotations that print are flattened into the in-memory page
    first (their text then follows the page's own, as they are drawn after it)."""
    document = pdfium.PdfDocument(path)
    try:
        texts = []
        for index in range(len(document)):
            pdfium_c.FPDFPage_Flatten(document[index], pdfium_c.FLAT_PRINT)
            texts.append(document[index].get_textpage().get_text_range())
        return texts
    finally:
        document.close()


def test_two_runs_give_identical_truth(full_corpus: CorpusRun, digital_corpus: CorpusRun) -> None:
    first, second = full_corpus[0] / "truth", digital_corpus[0] / "truth"
    names = sorted(p.name for p in first.glob("*.json"))
    assert names == sorted(p.name for p in second.glob("*.json"))
    assert len(names) >= 6
    for name in names:
        assert (first / name).read_text(encoding="utf-8") == (second / name).read_text(encoding="utf-8"), name


def test_two_runs_give_identical_born_digital_pdfs(full_corpus: CorpusRun, digital_corpus: CorpusRun) -> None:
    written = sorted(digital_corpus[0].glob("*.pdf"))
    assert len(written) >= 4
    for path in written:
        twin = full_corpus[0] / path.name
        assert _pdf_pages_text(path) == _pdf_pages_text(twin), path.name
        assert path.read_bytes() == twin.read_bytes(), path.name


def test_text_layer_of_born_digital_pages_equals_truth(full_corpus: CorpusRun) -> None:
    out, truths = full_corpus
    checked = 0
    for truth in truths:
        if not truth.file.endswith(".pdf"):
            continue
        texts = _pdf_pages_text(out / truth.file)
        assert len(texts) == len(truth.pages), truth.file
        for page in truth.pages:
            if not page.scanned:
                assert _normal(texts[page.page - 1]) == _normal(page.text), (truth.file, page.page)
                checked += 1
    assert checked >= 20


def _images(page: pdfium.PdfPage) -> list[pdfium.PdfImage]:
    return list(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]))


def test_scanned_pages_are_one_300_dpi_image_without_interior_text(full_corpus: CorpusRun) -> None:
    out, truths = full_corpus
    scanned = 0
    for truth in truths:
        if not truth.file.endswith(".pdf"):
            continue
        document = pdfium.PdfDocument(out / truth.file)
        for page_truth in truth.pages:
            page = document[page_truth.page - 1]
            images = _images(page)
            if not page_truth.scanned:
                assert images == [], (truth.file, page_truth.page)
                continue
            scanned += 1
            width_pt, height_pt = page.get_size()
            if page_truth.layered:  # a 150 dpi background covering the page, then 300 dpi masks
                assert len(images) >= 10, (truth.file, page_truth.page)
                assert images[0].get_px_size()[0] / (width_pt / 72) == pytest.approx(150, abs=2)
                for mask in images[1:]:
                    left, _, right, _ = mask.get_bounds()
                    assert mask.get_px_size()[0] / ((right - left) / 72) == pytest.approx(300, abs=2)
                    assert mask.get_metadata().bits_per_pixel == 1
            else:
                assert len(images) == 1, (truth.file, page_truth.page)
                width_px, height_px = images[0].get_px_size()
                assert abs(width_px / (width_pt / 72) - 300) < 2
                assert abs(height_px / (height_pt / 72) - 300) < 2
            textpage = page.get_textpage()
            for index in range(textpage.count_chars()):
                _, _, _, top = textpage.get_charbox(index)
                # Only a stamp in the top margin may be real text on a scanned page.
                assert top > STAMP_TOP - 40, (truth.file, page_truth.page)
            margin = [line for line in page_truth.text.splitlines() if line.startswith(("Envoyé", "ID :"))]
            has_text = textpage.count_chars() > 0
            assert has_text == any(s.margin_text and s.page == page_truth.page for s in truth.stamps)
            assert not has_text or margin
        document.close()
    assert 4 <= scanned <= 12


def test_text_inputs_decode_and_split_into_the_truth_pages(full_corpus: CorpusRun) -> None:
    out, truths = full_corpus
    texts = [t for t in truths if t.file.endswith(".txt")]
    assert {t.encoding for t in texts} == {"cp1252", "utf-8"}
    for truth in texts:
        data = (out / truth.file).read_bytes()
        pages = data.decode(truth.encoding).split("\f")
        assert [p.rstrip("\n") for p in pages] == [p.text for p in truth.pages], truth.file
        if truth.encoding == "cp1252":
            assert any(byte > 127 for byte in data)  # accents in a single-byte encoding ...
            try:
                data.decode("utf-8")
                raise AssertionError("cp1252 input should not be valid UTF-8")
            except UnicodeDecodeError:
                pass


def test_loader_reads_back_what_was_written(full_corpus: CorpusRun) -> None:
    out, truths = full_corpus
    for truth in truths:
        path = out / "truth" / f"{truth.file}.json"
        assert load_truth(path) == truth
        assert json.loads(path.read_text(encoding="utf-8"))["file"] == truth.file


def test_committed_corpus_is_what_the_generator_writes(digital_corpus: CorpusRun) -> None:
    committed = Path(__file__).resolve().parents[2] / "corpus" / "truth"
    if not committed.is_dir():
        pytest.skip("no committed corpus")
    if FONT != "DejaVuSans":
        pytest.skip("the committed corpus was laid out with DejaVu Sans (fonts-dejavu-core)")
    fresh = digital_corpus[0] / "truth"
    names = sorted(p.name for p in fresh.glob("*.json"))
    assert names == sorted(p.name for p in committed.glob("*.json")), "run: python -m ctg.corpus.generate"
    for name in names:
        same = (fresh / name).read_text(encoding="utf-8") == (committed / name).read_text(encoding="utf-8")
        assert same, f"corpus/truth/{name} is stale: run python -m ctg.corpus.generate"
