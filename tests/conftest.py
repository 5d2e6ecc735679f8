"""Shared fixtures: where the real seed documents are (skipped cleanly where absent)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = Path(os.environ.get("CTG_SEEDS", REPO.parent / "shared" / "seeds"))


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir() or not any(SEEDS.glob("*.txt")):
        pytest.skip(f"seed documents not found at {SEEDS}")
    return SEEDS
