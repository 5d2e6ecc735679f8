"""Deliberations and stamps of the generated corpus, read from the text its truth records per page."""

from __future__ import annotations

from typing import Any

import pytest

from ctg.core.model import Line
from ctg.segment.deliberations import looks_like_deliberation, parse_deliberation
from ctg.segment.stamps import find_stamps
from evaluation.deliberation_scoring import score_deliberation, score_stamps
from tests.segment.truth_delib_files import corpus_truths, truth_page_lines

RESOLVED_LATER = {"insee"}  # resolve fills INSEE codes from names and SIRENs
CASES = corpus_truths()


def _imperfect(scores: dict[str, Any]) -> dict[str, tuple[int, int]]:
    return {field: (s.fp, s.fn) for field, s in scores.items() if s.f1 < 1.0 and field not in RESOLVED_LATER}


@pytest.mark.skipif(not CASES, reason="corpus not generated")
@pytest.mark.parametrize("truth", CASES)
def test_corpus_deliberations(truth: Any) -> None:
    pages = {page.page: page for page in truth.pages}
    for document in truth.documents:
        if document.kind != "deliberation":
            continue
        lines = [
            line
            for n in range(document.page_start, document.page_end + 1)
            for line in truth_page_lines(pages[n])
        ]
        assert looks_like_deliberation(lines)
        found = parse_deliberation(lines, truth.file)
        assert _imperfect(score_deliberation(found, document.deliberation)) == {}
        assert found.actes_id == document.deliberation.actes_id


@pytest.mark.skipif(not CASES, reason="corpus not generated")
@pytest.mark.parametrize("truth", CASES)
def test_corpus_stamps(truth: Any) -> None:
    found = [stamp for page in truth.pages for stamp in find_stamps(truth_page_lines(page), truth.file)]
    expected = truth.stamps or [stamp for document in truth.documents for stamp in document.stamps]
    assert _imperfect(score_stamps(found, expected)) == {}


@pytest.mark.skipif(not CASES, reason="corpus not generated")
@pytest.mark.parametrize("truth", CASES)
def test_corpus_conventions_do_not_look_like_deliberations(truth: Any) -> None:
    pages = {page.page: page for page in truth.pages}
    for document in truth.documents:
        if document.kind == "convention":
            lines = [
                line
                for n in range(document.page_start, document.page_end + 1)
                for line in truth_page_lines(pages[n])
            ]
            assert not looks_like_deliberation(lines)


# Fields that carry no accented words: OCR damage of accents must not change them.
NUMERIC_FIELDS = ("number", "seance_date", "votants", "pour", "contre", "abstention", "unanimite", "siren")


@pytest.mark.skipif(not CASES, reason="corpus not generated")
@pytest.mark.parametrize("truth", CASES)
def test_corpus_deliberations_survive_ocr_damage(truth: Any) -> None:
    damage = pytest.importorskip("evaluation.synthetic_damage").damage
    for seed in range(3):
        pages = {
            page.page: [
                Line(text=text, page=page.page, number=n)
                for n, text in enumerate(damage(page.text, seed).split("\n"), start=1)
            ]
            for page in truth.pages
        }
        for document in truth.documents:
            if document.kind != "deliberation":
                continue
            lines = [line for n in range(document.page_start, document.page_end + 1) for line in pages[n]]
            scores = score_deliberation(parse_deliberation(lines, truth.file), document.deliberation)
            assert {field: scores[field].f1 for field in NUMERIC_FIELDS} == dict.fromkeys(NUMERIC_FIELDS, 1.0)
