"""Documents built from plain text for dedupe tests (segment builds the real ones)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ctg.core.model import Document, DocumentDigest, Line, Span
from ctg.dedupe import digest
from evaluation.dedupe_synthetic import split_copies
from tests.conftest import SEEDS


def document(
    doc_id: str, text: str, *, kind: str = "convention", file: str = "run/a.pdf", **fields
) -> Document:
    lines = [Line(text=t, page=1, number=n) for n, t in enumerate(text.split("\n"), 1)]
    return Document(
        doc_id=doc_id,
        file=file,
        position=0,
        kind=kind,  # type: ignore[arg-type]
        span=Span(file, 1, 1, len(lines)),
        lines=lines,
        **fields,
    )


def digest_of(doc_id: str, text: str, *, quality: float = 1.0, repairs: int = 0, **fields) -> DocumentDigest:
    return digest(document(doc_id, text, **fields), quality=quality, repairs=repairs)


def seed_text(prefix: str) -> str:
    """Text of the seed whose name starts with `prefix`; skips cleanly when seeds are absent."""
    matches = sorted(SEEDS.glob(f"{prefix}*.txt")) if SEEDS.is_dir() else []
    if not matches:
        pytest.skip(f"seed {prefix}* not found in {SEEDS}")
    return matches[0].read_text(encoding="utf-8")


def seeds_dir() -> Path:
    if not SEEDS.is_dir() or not any(SEEDS.glob("*.txt")):
        pytest.skip(f"seed documents not found at {SEEDS}")
    return SEEDS


def repeated_copies() -> list[str]:
    """The copies of the convention repeated in seed 001, cut on its title lines."""
    return split_copies(seed_text("001_"))
