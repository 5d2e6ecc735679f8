"""Per-table F1 of segment_file against the hand-checked seed truth and the generated corpus truth."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ctg.core.model import SourceFile
from ctg.segment import segment_file
from evaluation.segment_scoring import TABLES, Score, score_file
from tests.conftest import REPO, SEEDS

TRUTH = Path(__file__).parent / "truth"
CORPUS = REPO / "corpus"
THRESHOLD = 0.98


def _source(path: Path, root: Path) -> SourceFile:
    extract = pytest.importorskip("extract")
    normalize = pytest.importorskip("normalize")
    return normalize.normalize_file(extract.read_file(path, root))


def _totals(pairs: list[tuple[Path, Path, dict]]) -> dict[str, Score]:  # type: ignore[type-arg]
    totals = {table: Score() for table in TABLES}
    for path, root, truth in pairs:
        for table, score in score_file(segment_file(_source(path, root)), truth).items():
            totals[table].add(score)
    return totals


@pytest.fixture(scope="module")
def seed_scores() -> dict[str, Score]:
    truths = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(TRUTH.glob("*.json"))]
    pairs = [(SEEDS / t["file"], SEEDS, t) for t in truths if (SEEDS / t["file"]).is_file()]
    if not pairs:
        pytest.skip(f"seed documents not found at {SEEDS}")
    return _totals(pairs)


@pytest.mark.parametrize("table", TABLES)
def test_seed_f1(seed_scores: dict[str, Score], table: str) -> None:
    score = seed_scores[table]
    assert score.tp > 0, f"no {table} matched at all"
    assert score.f1 >= THRESHOLD, f"{table}: P={score.precision:.3f} R={score.recall:.3f}"


@pytest.fixture(scope="module")
def corpus_scores() -> dict[str, Score]:
    """The corpus files read from their text layer or as text (the scanned ones need OCR: bench only)."""
    truths = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((CORPUS / "truth").glob("*.json"))]
    pairs = [
        (CORPUS / t["file"], CORPUS, t)
        for t in truths
        if t.get("variant") not in {"scanned", "mixed"} and (CORPUS / t["file"]).is_file()
    ]
    if not pairs:
        pytest.skip("generated corpus absent")
    return _totals(pairs)


@pytest.mark.parametrize("table", TABLES)
def test_corpus_f1(corpus_scores: dict[str, Score], table: str) -> None:
    score = corpus_scores[table]
    assert score.f1 >= THRESHOLD, f"{table}: P={score.precision:.3f} R={score.recall:.3f}"


def test_scoring_counts_misses_and_extras() -> None:
    """The matcher itself: a wrong title is both a miss and an extra, a missing row a miss."""
    from ctg.core.model import Article, Document, Span

    span = Span("f.txt", 1, 1, 9)
    doc = Document(
        "id",
        "f.txt",
        0,
        "convention",
        span,
        articles=[Article("1", "Objet", span), Article("2", "Durée", span)],
    )
    truth = {
        "documents": [
            {
                "kind": "convention",
                "page_start": 1,
                "page_end": 1,
                "line_start": 1,
                "line_end": 9,
                "articles": [
                    {"number": "1", "title": "Objet"},
                    {"number": "2", "title": "Engagements"},
                    {"number": "3", "title": "Durée"},
                ],
            }
        ]
    }
    score = score_file([doc], truth)["articles"]
    assert (score.tp, score.fp, score.fn) == (1, 1, 2)
    assert score_file([doc], truth)["documents"].f1 == 1.0
