"""Per-file results kept by content hash and pipeline version, so re-runs skip unchanged files."""

from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path

from core.model import FileResult
from engine.options import PIPELINE_VERSION, RunOptions


def cache_path(options: RunOptions, sha: str) -> Path:
    key = f"{PIPELINE_VERSION}-{options.extract.ocr}-{options.extract.ocr_lang}"
    return options.cache_dir / f"{sha}-{key}.pickle"


def load(path: Path) -> FileResult | None:
    try:
        with path.open("rb") as handle:
            result = pickle.load(handle)
    except Exception:  # missing, torn or from an incompatible version: simply recomputed
        return None
    return result if isinstance(result, FileResult) else None


def store(path: Path, result: FileResult) -> None:
    """Written under a temporary name then renamed: a crash never leaves a torn entry."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False, suffix=".tmp") as handle:
        pickle.dump(result, handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(handle.name, path)
