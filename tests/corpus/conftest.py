"""The corpus generated once per test session into temporary folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from ctg.corpus.generate import generate
from ctg.corpus.truth import TruthFile


@pytest.fixture(scope="session")
def full_corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[TruthFile]]:
    """Every input, scans included (a few seconds)."""
    out = tmp_path_factory.mktemp("corpus_full")
    return out, generate(out)


@pytest.fixture(scope="session")
def digital_corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[TruthFile]]:
    """A second, independent run without the scanned PDFs."""
    out = tmp_path_factory.mktemp("corpus_digital")
    return out, generate(out, with_scans=False)
