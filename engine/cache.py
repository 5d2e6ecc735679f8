"""Per-file results kept by content hash and pipeline version, so re-runs skip unchanged files."""

from __future__ import annotations

import dataclasses
import os
import pickle
import tempfile
from pathlib import Path

from ctg.core.model import Document, DocumentDigest, FileResult
from ctg.dedupe import DIGEST_VERSION
from ctg.engine.options import PIPELINE_VERSION, RunOptions


def cache_path(options: RunOptions, sha: str) -> Path:
    # The digest's version is in the key: a digest made by other folding rules would not compare.
    key = f"{PIPELINE_VERSION}-d{DIGEST_VERSION}-{options.extract.ocr}-{options.extract.ocr_lang}"
    return options.cache_dir / f"{sha}-{key}.pickle"


def as_file(result: FileResult, file: str) -> FileResult:
    """A cached result given the name of the file it is reused for, and that file's doc ids.

    The cache is keyed by content, so two files with the same bytes share an entry; each keeps
    its own name (every `file` field that held the cached name) and ids of its own.
    """
    from ctg.segment import doc_id  # the ids are segment's; a cache hit never segments otherwise

    old = result.source.file
    ids = {d.doc_id: doc_id(result.source.sha256, d.position, file) for d in result.documents}
    _rename(result, old, file, ids, set())
    return result


def _rename(value: object, old: str, new: str, ids: dict[str, str], seen: set[int]) -> None:
    """Walk the dataclasses under `value`, renaming `file` fields and remapping doc ids."""
    if id(value) in seen:
        return
    seen.add(id(value))
    if isinstance(value, list | tuple):
        for item in value:
            _rename(item, old, new, ids, seen)
    elif isinstance(value, dict):
        for item in value.values():
            _rename(item, old, new, ids, seen)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        if getattr(value, "file", None) == old:
            value.file = new  # type: ignore[attr-defined]
        if isinstance(value, Document | DocumentDigest):
            value.doc_id = ids.get(value.doc_id, value.doc_id)
        for f in dataclasses.fields(value):
            child = getattr(value, f.name)
            if not isinstance(child, str | int | float | bytes | bool | None):
                _rename(child, old, new, ids, seen)


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
