"""Write a run's outputs so that a crash never leaves a half-written or mixed output.

Rows stream into a staging SQLite database inside the output folder as each file finishes
(memory stays flat however many files there are); at the end the CSV and Parquet copies are
written from it in chunks, and each finished artefact replaces the old one with an atomic
rename. Until then the previous outputs stay as they were; an aborted run leaves only its
staging folder, which the next run removes.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from types import TracebackType

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from ctg.export.schema import TABLES, TableSpec

SQL_TYPES = {"integer": "INTEGER", "number": "REAL", "boolean": "INTEGER", "date": "TEXT", "string": "TEXT"}
PANDAS_TYPES = {"integer": "Int64", "number": "Float64", "boolean": "boolean"}
ARROW_TYPES = {
    "integer": pa.int64(),
    "number": pa.float64(),
    "boolean": pa.bool_(),
    "date": pa.date32(),
    "string": pa.string(),
}
CHUNK_ROWS = 50_000
STAGING_PREFIX = ".staging-"

Row = dict[str, object]


class Staging:
    """A run's outputs in the making; `commit()` swaps them in, leaving the block aborts them."""

    def __init__(self, out: Path, specs: list[TableSpec] = TABLES) -> None:
        out.mkdir(parents=True, exist_ok=True)
        _remove_abandoned(out)
        self.out = out
        self.specs = {spec.name: spec for spec in specs}
        self.path = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out))
        self.db = sqlite3.connect(self.path / "ctg.sqlite")
        for spec in specs:
            columns = ", ".join(f'"{c.name}" {SQL_TYPES[c.type]}' for c in spec.columns)
            self.db.execute(f'CREATE TABLE "{spec.name}" ({columns})')
        self.committed = False

    def __enter__(self) -> Staging:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.db.close()
        shutil.rmtree(self.path, ignore_errors=True)

    def add_rows(self, table: str, rows: Iterable[Row]) -> None:
        spec = self.specs[table]
        names = spec.column_names
        values = [tuple(_sql_value(row.get(name)) for name in names) for row in rows]
        if values:
            marks = ", ".join("?" * len(names))
            self.db.executemany(f'INSERT INTO "{table}" VALUES ({marks})', values)

    def execute(self, sql: str, parameters: Iterable[tuple[object, ...]]) -> None:
        self.db.executemany(sql, parameters)

    def mark_copies(self, copies: Iterable[tuple[str, str]]) -> None:
        """Set documents.duplicate_of: each (canonical doc_id, copy's doc_id) once dedupe has run."""
        self.execute("UPDATE documents SET duplicate_of = ? WHERE doc_id = ?", copies)

    def write_text(self, folder: str, name: str, text: str) -> None:
        target = self.path / folder
        target.mkdir(exist_ok=True)
        (target / name).write_text(text, encoding="utf-8")

    def remove_text(self, folder: str, name: str) -> None:
        (self.path / folder / name).unlink(missing_ok=True)

    def frame(self, table: str) -> pd.DataFrame:
        """A whole table, typed (for the reduce step's small tables)."""
        return pd.concat(list(self._chunks(table)), ignore_index=True)

    def commit(self, extra: Callable[[Path], None] | None = None) -> None:
        """Write CSV and Parquet from the database, then every artefact replaces the old one."""
        self.db.commit()
        for folder in ("csv", "parquet", "text", "documents"):
            (self.path / folder).mkdir(exist_ok=True)
        for table in self.specs:
            self._export(table)
        if extra is not None:
            extra(self.path)
        self.db.close()
        _swap_in(self.path, self.out)
        self.committed = True

    def _chunks(self, table: str) -> Iterable[pd.DataFrame]:
        spec = self.specs[table]
        # Rows stream in as files finish, in an order the number of jobs changes: read back by file
        # name (each file's rows were inserted together, in reading order), the same on every run.
        order = '"file", rowid' if "file" in spec.column_names else "rowid"
        query = f'SELECT * FROM "{table}" ORDER BY {order}'
        types = {c.name: PANDAS_TYPES[c.type] for c in spec.columns if c.type in PANDAS_TYPES}
        chunks = pd.read_sql_query(query, self.db, chunksize=CHUNK_ROWS)
        empty = True
        for chunk in chunks:
            empty = False
            yield chunk.astype(types)
        if empty:
            yield pd.DataFrame(columns=spec.column_names).astype(types)

    def _export(self, table: str) -> None:
        spec = self.specs[table]
        schema = pa.schema([(c.name, ARROW_TYPES[c.type]) for c in spec.columns])
        csv_path = self.path / "csv" / f"{table}.csv"
        with pq.ParquetWriter(self.path / "parquet" / f"{table}.parquet", schema) as parquet:
            for number, chunk in enumerate(self._chunks(table)):
                chunk.to_csv(csv_path, index=False, mode="w" if number == 0 else "a", header=number == 0)
                parquet.write_table(
                    pa.Table.from_pandas(_arrow_ready(chunk, spec), schema, preserve_index=False)
                )


def _sql_value(value: object) -> object:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def _arrow_ready(chunk: pd.DataFrame, spec: TableSpec) -> pd.DataFrame:
    """Dates come back from SQLite as ISO text; Arrow wants dates."""
    dates = [c.name for c in spec.columns if c.type == "date"]
    if not dates:
        return chunk
    chunk = chunk.copy()
    for name in dates:
        chunk[name] = pd.to_datetime(chunk[name], errors="coerce").dt.date
    return chunk


def _remove_abandoned(out: Path) -> None:
    """Staging folders of runs that were killed (the lock guarantees none is live)."""
    for entry in out.glob(f"{STAGING_PREFIX}*"):
        shutil.rmtree(entry, ignore_errors=True)
    for entry in out.glob(".old-*"):
        name = entry.name.removeprefix(".old-").rsplit("-", 1)[0]
        if (out / name).exists():
            shutil.rmtree(entry, ignore_errors=True)
        else:  # killed between moving the old folder aside and moving the new one in
            entry.rename(out / name)


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
