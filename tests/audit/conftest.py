"""The sample corpus run once for the audit's tests (text layers only: no OCR, a few seconds)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ctg import pipeline
from ctg.engine.options import RunOptions
from ctg.extract import ExtractOptions

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def corpus_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus") / "out"
    options = RunOptions(out=out, jobs=2, use_cache=False, extract=ExtractOptions(ocr="never"))
    pipeline.run([REPO / "corpus"], options)
    return out
