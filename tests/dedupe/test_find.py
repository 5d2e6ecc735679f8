"""find_duplicates on generated runs with planted copies, look-alikes, bundles and versions."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

import evaluation.dedupe_scoring as scoring
import evaluation.dedupe_synthetic as synthetic
from ctg.core.model import DedupeResult, DocumentDigest
from ctg.dedupe import digest, find_duplicates
from tests.dedupe.docs import seeds_dir


@cache
def _run(
    n: int, seed: int, templates_from: Path | None
) -> tuple[list[synthetic.DocSpec], list[DocumentDigest]]:
    specs = synthetic.corpus(n, seed=seed)
    digests = []
    for spec in specs:
        planted = synthetic.build(spec, templates_from)
        digests.append(digest(planted.doc, quality=planted.quality, repairs=planted.repairs))
    return specs, digests


@pytest.fixture(scope="module", params=["seeds", "built-in"])
def run(request: pytest.FixtureRequest) -> tuple[list[synthetic.DocSpec], list[DocumentDigest], DedupeResult]:
    templates_from = seeds_dir() if request.param == "seeds" else None
    specs, digests = _run(200, 11, templates_from)
    return specs, digests, find_duplicates(digests)


def test_copy_pairs_precision_and_recall_per_planted_kind(run):
    specs, _, result = run
    scores = {s.kind: s for s in scoring.copy_scores(specs, result)}
    assert {"exact", "reformatted", "ocr", "truncated", "all"} <= scores.keys()
    for score in scores.values():
        assert score.precision >= 0.99, score
        assert score.recall >= 0.99, score


def test_bundles_are_contained_and_drafts_amendments_are_versions(run):
    specs, _, result = run
    for score in scoring.relation_scores(specs, result):
        assert score.planted > 0, score
        assert score.recall >= 0.95, score
        assert score.precision >= 0.95, score
    bundles = {s.doc_id for s in specs if s.variant == "bundle"}
    # a bundle stays a document of its own: it is never merged into the convention it holds
    for link in result.links:
        if link.doc_id in bundles and link.relation == "contained":
            assert result.canonical[link.doc_id] != link.canonical_doc_id


def test_versions_are_counted_on_their_own(run):
    specs, _, result = run
    for spec in specs:
        if spec.variant in ("draft", "amendment"):
            assert result.canonical[spec.doc_id] == spec.doc_id or spec.variant == "draft"
            assert result.canonical[spec.doc_id] != result.canonical[spec.origin]


def test_canonical_prefers_text_layer_and_complete_copies(run):
    specs, _, result = run
    by_variant = {s.doc_id: s.variant for s in specs}
    canon = set(result.canonical.values())
    clusters: dict[str, list[str]] = {}
    for doc, c in result.canonical.items():
        clusters.setdefault(c, []).append(doc)
    for c, members in clusters.items():
        kinds = {by_variant[m] for m in members}
        if kinds & {"original", "exact", "reformatted"}:
            assert by_variant[c] not in ("ocr", "truncated"), (c, kinds)
    assert all(result.duplicate_of(c) is None for c in canon)
    assert all(result.duplicate_of(d) == c for d, c in result.canonical.items() if d != c)


def test_every_document_counted_once_and_rows_point_to_canonicals(run):
    _, digests, result = run
    assert set(result.canonical) == {d.doc_id for d in digests}
    canon = set(result.canonical.values())
    for link in result.links:
        assert link.canonical_doc_id in canon
        assert 0.0 < link.similarity <= 1.0
        if link.relation == "copy":
            assert result.canonical[link.doc_id] == link.canonical_doc_id


def test_result_does_not_depend_on_input_order(run):
    _, digests, result = run
    again = find_duplicates(list(reversed(digests)))
    assert again.canonical == result.canonical
    key = lambda link: (link.doc_id, link.relation, link.canonical_doc_id)  # noqa: E731
    assert sorted(map(key, again.links)) == sorted(map(key, result.links))
    assert {(x.doc_id, x.cluster) for x in again.links if x.relation == "copy"} == {
        (x.doc_id, x.cluster) for x in result.links if x.relation == "copy"
    }


def test_empty_and_single_runs():
    assert find_duplicates([]).canonical == {}
    specs, digests = _run(1, 5, None)
    assert find_duplicates(digests[:1]).canonical == {specs[0].doc_id: specs[0].doc_id}


def test_a_document_given_twice_is_reported_and_counted_once():
    specs, digests = _run(1, 5, None)
    result = find_duplicates([digests[0], digests[0]])
    assert result.canonical == {specs[0].doc_id: specs[0].doc_id}
    assert len(result.problems) == 1 and specs[0].doc_id in result.problems[0]
