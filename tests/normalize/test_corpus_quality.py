"""Measured on the project's generated corpus: OCR repair against the ground truth, and no
damage on its born-digital text."""

import re
from pathlib import Path

import pytest

from ctg.corpus.truth import iter_truth
from ctg.extract import read_file
from ctg.normalize import Lexicon, is_stamp_line, normalize_file
from ctg.normalize.unicode_clean import canonical
from evaluation.text_measure import cer, changed_share, lined, wer

MAX_CLEAN_CHANGE = 0.0005  # 0.05 % of characters


def _flat(text: str) -> str:
    return " ".join(canonical(text).split())


def test_forced_repair_leaves_born_digital_corpus_text_alone(corpus_text_layers) -> None:
    checked = 0
    for source, truth in corpus_text_layers:
        clean_pages = [page.page for page in truth.pages if not page.scanned]
        others = Lexicon().learn(
            line for other, _ in corpus_text_layers if other is not source for line in other.lines
        )
        before = normalize_file(source, ocr_repair=False, lexicon=others)
        after = normalize_file(source, ocr_repair=True, lexicon=others)
        for number in clean_pages:
            old, new = before.pages[number - 1].text, after.pages[number - 1].text
            assert lined(changed_share, old, new) <= MAX_CLEAN_CHANGE, (source.file, number)
            checked += 1
        for repair in (r for r in after.repairs if r.rule.startswith("ocr")):
            assert re.sub(r"\D", "", repair.before) == re.sub(r"\D", "", repair.after), repair
            assert not repair.before[:1].isupper(), repair
    assert checked >= 10


@pytest.mark.ocr
def test_ocr_repair_on_a_scanned_corpus_page(corpus_dir: Path) -> None:
    """The smallest corpus input holding a scanned page, OCRed: repair never worsens CER or WER
    against the truth, and leaves the prose (stamp lines aside) within 1 % CER."""
    candidates = [
        (len(t.pages), path, t) for path, t in iter_truth(corpus_dir) if any(p.scanned for p in t.pages)
    ]
    if not candidates:
        pytest.skip("no scanned page in the corpus")
    _, path, truth = min(candidates, key=lambda item: (item[0], item[1].name))
    source = read_file(path, corpus_dir)
    raw = normalize_file(source, ocr_repair=False)
    fixed = normalize_file(source)
    for number in (page.page for page in truth.pages if page.scanned):
        reference = _flat(
            "\n".join(t for t in truth.pages[number - 1].body_text.split("\n") if not is_stamp_line(t))
        )
        before = _flat("\n".join(line.text for line in raw.pages[number - 1].lines if line.role == "body"))
        after = _flat("\n".join(line.text for line in fixed.pages[number - 1].lines if line.role == "body"))
        assert cer(reference, after) <= cer(reference, before)
        assert wer(reference, after) <= wer(reference, before)
        assert cer(reference, after) < 0.01
