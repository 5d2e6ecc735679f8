"""Write tables and texts so that a crash never leaves a half-written output.

Everything is first written into a staging folder inside the output folder (same file
system), then each finished artefact replaces the old one with an atomic rename.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd

WriteExtra = Callable[[Path], None] | None  # writes more artefacts into the staging folder


def write_outputs(
    out: Path, tables: dict[str, pd.DataFrame], texts: dict[str, str], extra: WriteExtra = None
) -> None:
    """Write every table (SQLite, CSV, Parquet) and text file, then swap them in."""
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=out))
    try:
        _write_sqlite(staging / "ctg.sqlite", tables)
        _write_dir(staging / "csv", tables, lambda frame, path: frame.to_csv(path, index=False), ".csv")
        _write_dir(staging / "parquet", tables, _to_parquet, ".parquet")
        _write_texts(staging / "text", texts)
        if extra is not None:
            extra(staging)
        _swap_in(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _write_sqlite(path: Path, tables: dict[str, pd.DataFrame]) -> None:
    with sqlite3.connect(path) as connection:
        for name, frame in tables.items():
            frame.to_sql(name, connection, index=False, if_exists="replace")
    connection.close()


def _to_parquet(frame: pd.DataFrame, path: Path) -> None:
    frame.astype({c: "string" for c in frame.columns if frame[c].dtype == object}).to_parquet(
        path, index=False
    )


def _write_dir(
    folder: Path, tables: dict[str, pd.DataFrame], write: Callable[[pd.DataFrame, Path], None], suffix: str
) -> None:
    folder.mkdir()
    for name, frame in tables.items():
        write(frame, folder / f"{name}{suffix}")


def _write_texts(folder: Path, texts: dict[str, str]) -> None:
    folder.mkdir()
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")


def _swap_in(staging: Path, out: Path) -> None:
    """Replace each artefact with an atomic rename; old folders go only after the new are in."""
    for entry in sorted(staging.iterdir()):
        target = out / entry.name
        if entry.is_dir():
            old = out / f".old-{entry.name}-{os.getpid()}"
            if target.exists():
                target.rename(old)
            entry.rename(target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(entry, target)
