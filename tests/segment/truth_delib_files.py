"""Ground truth of deliberations and stamps in the seeds (tests/segment/truth_delib/*.json)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ctg.core.model import Line
from tests.segment.seed_lines import seed_lines

TRUTH_DIR = Path(__file__).parent / "truth_delib"


def truth_files() -> list[Path]:
    return sorted(TRUTH_DIR.glob("*.json"))


def load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def lines_for(truth: dict[str, Any]) -> list[Line]:
    """The seed's lines (skips when the seed folder is absent)."""
    prefix = truth["file"].split(".")[0]
    return seed_lines(prefix)


def deliberation_cases() -> list[Any]:
    cases = []
    for path in truth_files():
        truth = load(path)
        for position, document in enumerate(truth["documents"]):
            if document["kind"] == "deliberation":
                cases.append(pytest.param(truth, document, id=f"{truth['file']}#{position}"))
    return cases


def stamp_cases() -> list[Any]:
    return [pytest.param(load(path), id=load(path)["file"]) for path in truth_files()]


CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def corpus_truths() -> list[Any]:
    """Truth of the generated corpus (corpus/truth/*.json), empty when it has not been generated."""
    if not (CORPUS / "truth").is_dir():
        return []
    from ctg.corpus.truth import iter_truth

    return [pytest.param(truth, id=truth.file) for _, truth in iter_truth(CORPUS)]


def truth_page_lines(page: Any) -> list[Line]:
    """The lines drawn on a generated page, as the truth records them (header and footer included)."""
    return [
        Line(text=text, page=page.page, number=n) for n, text in enumerate(page.text.split("\n"), start=1)
    ]
