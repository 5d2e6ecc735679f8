"""The project's generated corpus (PDFs + ground truth), skipped cleanly where absent."""

from __future__ import annotations

from pathlib import Path

import pytest

from ctg.core.model import SourceFile
from ctg.corpus.truth import TruthFile, iter_truth
from ctg.extract import ExtractOptions, read_file

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not (CORPUS / "truth").is_dir() or not any((CORPUS / "truth").glob("*.json")):
        pytest.skip(f"generated corpus with truth not found at {CORPUS}")
    return CORPUS


@pytest.fixture(scope="session")
def corpus_text_layers(corpus_dir: Path) -> list[tuple[SourceFile, TruthFile]]:
    """Every corpus input read without OCR (fast), with its truth."""
    return [
        (read_file(path, corpus_dir, ExtractOptions(ocr="never")), truth)
        for path, truth in iter_truth(corpus_dir)
        if path.exists()
    ]
