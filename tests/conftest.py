"""Shared fixtures: where the real seed documents are (skipped cleanly where absent)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ctg import pipeline
from ctg.engine.options import RunOptions
from ctg.extract import ExtractOptions

REPO = Path(__file__).resolve().parent.parent
SEEDS = Path(os.environ.get("CTG_SEEDS", REPO.parent / "shared" / "seeds"))


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir() or not any(SEEDS.glob("*.txt")):
        pytest.skip(f"seed documents not found at {SEEDS}")
    return SEEDS


@pytest.fixture(scope="session")
def corpus_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample corpus through a whole run, text layers only (no OCR: a few seconds)."""
    out = tmp_path_factory.mktemp("corpus") / "out"
    options = RunOptions(out=out, jobs=2, use_cache=False, extract=ExtractOptions(ocr="never"))
    pipeline.run([REPO / "corpus"], options)
    return out
