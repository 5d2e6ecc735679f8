"""The whole output contract on the real seeds: tables, keys, data package, stable ids."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pandas as pd
import pytest
from frictionless import validate

from ctg import pipeline
from ctg.export.schema import TABLES


@pytest.fixture(scope="module")
def seed_inputs(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    inputs = tmp_path_factory.mktemp("in")
    for seed in sorted(seeds_dir.glob("*.txt")):
        shutil.copy(seed, inputs / seed.name)
    return inputs


@pytest.fixture(scope="module")
def seed_run(seed_inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    pipeline.run([seed_inputs], pipeline.RunOptions(out=out, jobs=1, use_cache=False))
    return out


def test_every_contract_table_is_written_in_every_format(seed_run: Path) -> None:
    with sqlite3.connect(seed_run / "ctg.sqlite") as db:
        stored = {row[0] for row in db.execute("select name from sqlite_master where type='table'")}
    for spec in TABLES:
        assert spec.name in stored
        frame = pd.read_csv(seed_run / "csv" / f"{spec.name}.csv", dtype=str, keep_default_na=False)
        assert list(frame.columns) == spec.column_names
        assert len(pd.read_parquet(seed_run / "parquet" / f"{spec.name}.parquet")) == len(frame)


def test_data_package_is_valid_with_its_keys(seed_run: Path) -> None:
    report = validate(str(seed_run / "datapackage.json"))
    errors = [error.message for task in report.tasks for error in task.errors][:5]
    assert report.valid, errors


def test_rows_point_back_to_the_source_text(seed_run: Path, seeds_dir: Path) -> None:
    parties = pd.read_csv(seed_run / "csv" / "parties.csv", dtype=str, keep_default_na=False)
    assert len(parties) >= 20
    for row in parties.itertuples():
        lines = (seeds_dir / row.file).read_text(encoding="utf-8").split("\n")
        source = " ".join(lines[int(row.line_start) - 1 : int(row.line_end)])
        # the party's first word, as written, is on the lines the row names
        first_word = row.as_written.split()[0].strip("*").lower()
        assert first_word in source.lower(), (row.as_written, source)


def test_doc_ids_are_stable_and_copies_point_to_a_canonical(seed_run: Path, tmp_path: Path) -> None:
    documents = pd.read_csv(seed_run / "csv" / "documents.csv", dtype=str, keep_default_na=False)
    again = tmp_path / "again"
    inputs = tmp_path / "in"
    shutil.copytree(
        seed_run.parent / next(p.name for p in seed_run.parent.iterdir() if p.name.startswith("in")), inputs
    )
    pipeline.run([inputs], pipeline.RunOptions(out=again, jobs=1, use_cache=False))
    second = pd.read_csv(again / "csv" / "documents.csv", dtype=str, keep_default_na=False)
    assert list(documents.doc_id) == list(second.doc_id)
    copies = documents[documents.duplicate_of != ""]
    assert len(copies) >= 3  # seed 001 holds its convention four times
    assert set(copies.duplicate_of) <= set(documents.doc_id)
    canonical = documents[documents.duplicate_of == ""]
    written = {p.stem for p in (seed_run / "documents").glob("*.txt")}
    assert written == set(canonical.doc_id)
