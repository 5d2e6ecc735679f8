"""Derived data kept on disk between processes (lexicon forms, commune-name words).

Building them from their sources takes ~0.8 s per process, too much for `ctg text` and for
every worker; a pickle next to the user's other caches loads in a few milliseconds. The key
names the sources' paths, sizes and times, so a changed source rebuilds the entry.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def cache_dir() -> Path:
    base = (
        os.environ.get("CTG_CACHE_DIR")
        or Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "ctg"
    )
    return Path(base)


def source_key(*sources: Path) -> str:
    parts = [f"{path}:{path.stat().st_size}:{path.stat().st_mtime_ns}" for path in sources if path.exists()]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:20]


def cached(name: str, key: str, build: Callable[[], T]) -> T:
    """The value built by `build`, from disk when an entry for (name, key) exists."""
    path = cache_dir() / f"{name}-{key}.pickle"
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        pass
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False, suffix=".tmp") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
    except OSError:  # a read-only home still works, only slower
        pass
    return value
