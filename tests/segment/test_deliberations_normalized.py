"""The seed truth holds on lines as normalize really delivers them (not only on the markup-stripped text)."""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest

from ctg.core.model import Line
from ctg.segment.deliberations import parse_deliberation
from ctg.segment.stamps import find_stamps
from evaluation.deliberation_scoring import score_deliberation, score_stamps
from tests.conftest import SEEDS
from tests.segment.truth_delib_files import deliberation_cases, stamp_cases

RESOLVED_LATER = {"insee", "siren"}


@cache
def _normalized(name: str) -> tuple[Line, ...]:
    extract = pytest.importorskip("extract")
    normalize = pytest.importorskip("normalize")
    if not (SEEDS / name).is_file():
        pytest.skip("seed folder absent")
    source = normalize.normalize_file(extract.read_file(SEEDS / name, SEEDS))
    return tuple(source.lines)


@pytest.mark.parametrize(("truth", "document"), deliberation_cases())
def test_normalized_seed_deliberation(truth: dict[str, Any], document: dict[str, Any]) -> None:
    lines = [
        line
        for line in _normalized(truth["file"])
        if document["line_start"] <= line.number <= document["line_end"]
    ]
    scores = score_deliberation(parse_deliberation(lines, truth["file"]), document["deliberation"])
    assert {field for field, score in scores.items() if score.f1 < 1.0} <= RESOLVED_LATER


@pytest.mark.parametrize("truth", stamp_cases())
def test_normalized_seed_stamps(truth: dict[str, Any]) -> None:
    expected = truth["stamps"] + [stamp for document in truth["documents"] for stamp in document["stamps"]]
    found = find_stamps(list(_normalized(truth["file"])), truth["file"])
    assert [stamp.span.line_start for stamp in found] == [stamp["line_start"] for stamp in expected]
    scores = score_stamps(found, expected)
    assert {field for field, score in scores.items() if score.f1 < 1.0} <= {"insee"}
