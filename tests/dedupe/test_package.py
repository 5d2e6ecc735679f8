"""Ids and the data package on a batch holding the same file twice under two names."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from ctg import pipeline
from ctg.engine import cache
from ctg.engine.options import RunOptions

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
INPUTS = ("delib_maussane.pdf", "delib_mouries_cp1252.txt", "delib_ccvba_pages.txt")


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three corpus files, and the first one saved again under another name."""
    folder = tmp_path_factory.mktemp("in")
    for name in INPUTS:
        shutil.copy(CORPUS / name, folder / name)
    shutil.copy(CORPUS / INPUTS[0], folder / "z_copie de délibération.pdf")
    return folder


def _run(batch: Path, out: Path, jobs: int, use_cache: bool = False) -> Path:
    pipeline.run([batch], RunOptions(out=out, jobs=jobs, use_cache=use_cache))
    return out


@pytest.fixture(scope="module")
def one_job(batch: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _run(batch, tmp_path_factory.mktemp("out1"), jobs=1)


def test_identical_files_are_two_documents_the_second_a_copy(one_job: Path) -> None:
    documents = pd.read_csv(one_job / "csv" / "documents.csv")
    assert documents["doc_id"].is_unique
    first = documents[documents["file"] == INPUTS[0]]
    again = documents[documents["file"] == "z_copie de délibération.pdf"]
    assert len(first) == len(again) >= 1
    assert set(first["doc_id"]).isdisjoint(again["doc_id"])
    # the copy points at the first file's document of the same place, never at itself
    pairs = dict(zip(again["position"], again["duplicate_of"], strict=True))
    assert pairs == dict(zip(first["position"], first["doc_id"], strict=True))
    duplicates = pd.read_csv(one_job / "csv" / "duplicates.csv")
    assert (duplicates["doc_id"] != duplicates["canonical_doc_id"]).all()
    assert set(again["doc_id"]) <= set(duplicates["doc_id"])
    assert duplicates["evidence"].str.contains("agree:").all()


def test_the_data_package_validates_with_duplicates(one_job: Path) -> None:
    from frictionless import validate

    report = validate(one_job / "datapackage.json")
    errors = [e.message for task in report.tasks for e in task.errors][:5]
    assert report.valid, errors


def test_same_tables_whatever_the_number_of_jobs_and_the_cache(
    batch: Path, one_job: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # files finishing in the reverse order
    finished = pipeline.map_files
    monkeypatch.setattr(
        pipeline, "map_files", lambda tasks, options: reversed(list(finished(tasks, options)))
    )
    two_jobs = _run(batch, tmp_path / "out2", jobs=2)
    # on the cache: an identical file may take the result cached for the other name
    cached = _run(batch, tmp_path / "out3", jobs=2, use_cache=True)
    cached = _run(batch, tmp_path / "out3", jobs=2, use_cache=True)
    for table in ("documents", "deliberations", "stamps", "duplicates", "parties", "signatures", "pages"):
        expected = (one_job / "csv" / f"{table}.csv").read_bytes()
        assert (two_jobs / "csv" / f"{table}.csv").read_bytes() == expected, table
        assert (cached / "csv" / f"{table}.csv").read_bytes() == expected, table
    # the files table says how each file was read this time (seconds, cached); the rest is equal
    run_facts = ["seconds", "cached"]
    files = [pd.read_csv(out / "csv" / "files.csv").drop(columns=run_facts) for out in (one_job, cached)]
    pd.testing.assert_frame_equal(*files)


def test_a_cached_result_reused_for_another_name_takes_its_name_and_ids(batch: Path, tmp_path: Path) -> None:
    out = _run(batch, tmp_path / "out", jobs=1, use_cache=True)
    entries = sorted((out / "cache").glob("*.pickle"))
    assert len(entries) == len(INPUTS)  # one entry for the two identical files
    result = cache.load(entries[0])
    assert result is not None
    old_ids = [d.doc_id for d in result.documents]
    renamed = cache.as_file(result, "autre/nom.pdf")
    assert renamed.source.file == "autre/nom.pdf"
    assert all(d.file == "autre/nom.pdf" and d.span.file == "autre/nom.pdf" for d in renamed.documents)
    assert {d.doc_id for d in renamed.documents}.isdisjoint(old_ids)
    assert [g.doc_id for g in renamed.digests] == [d.doc_id for d in renamed.documents]
