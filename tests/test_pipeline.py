"""The command line end to end on a small batch: outputs, errors, cache, lock."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pandas as pd
import pytest

import pipeline
from tests.extract.pdf_factory import BODY, write_pdf


@pytest.fixture()
def batch(tmp_path: Path) -> Path:
    inputs = tmp_path / "in"
    (inputs / "sous dossier é").mkdir(parents=True)
    write_pdf(inputs / "convention.pdf", [("text", BODY), ("text", BODY[:3])])
    (inputs / "sous dossier é" / "délibération.txt").write_text("Séance du 8 décembre\fpage 2\n", "utf-8")
    (inputs / "broken.pdf").write_bytes(b"<html>not found</html>")
    (inputs / "notes.csv").write_text("ignored", "utf-8")
    (inputs / "loop").symlink_to(inputs, target_is_directory=True)
    return inputs


def test_run_writes_tables_and_reports_failures(batch: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code = pipeline.main(["run", str(batch), "--out", str(out), "--jobs", "2", "--quiet"])
    assert code == pipeline.EXIT_FILES_FAILED
    files = pd.read_csv(out / "csv" / "files.csv").set_index("file")
    assert sorted(files.index) == ["broken.pdf", "convention.pdf", "sous dossier é/délibération.txt"]
    assert files.loc["broken.pdf", "status"] == "error" and "HTML" in files.loc["broken.pdf", "error"]
    assert files.loc["convention.pdf", "pages"] == 2
    with sqlite3.connect(out / "ctg.sqlite") as db:
        pages = db.execute("select file, page, method from pages order by file, page").fetchall()
    assert pages == [
        ("convention.pdf", 1, "text"),
        ("convention.pdf", 2, "text"),
        ("sous dossier é/délibération.txt", 1, "plain"),
        ("sous dossier é/délibération.txt", 2, "plain"),
    ]
    assert pd.read_parquet(out / "parquet" / "pages.parquet").shape[0] == 4
    sha = files.loc["convention.pdf", "sha256"]
    text = (out / "text" / f"{sha[:16]}.txt").read_text("utf-8")
    assert text.count("\f") == 1 and BODY[3] in text


def test_rerun_reuses_the_cache(batch: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    options = pipeline.RunOptions(out=out, jobs=1)
    first = pipeline.run([batch], options)
    second = pipeline.run([batch], options)
    assert not any(r.cached for r in first.results)
    assert [r.source.file for r in second.results if r.cached] == [
        "convention.pdf",
        "sous dossier é/délibération.txt",
    ]
    assert [r.source.sha256 for r in first.results] == [r.source.sha256 for r in second.results]
    assert all(
        len(r.source.pages) == len(s.source.pages) for r, s in zip(first.results, second.results, strict=True)
    )
    assert not pipeline.run([batch], pipeline.RunOptions(out=out, jobs=1, use_cache=False)).results[0].cached


def test_a_second_run_on_the_same_output_is_refused(batch: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    with pipeline.output_lock(out):
        code = pipeline.main(["run", str(batch), "--out", str(out), "--quiet"])
    assert code == pipeline.EXIT_LOCKED
    assert not (out / "ctg.sqlite").exists()


def test_text_command_prints_pages_with_form_feeds(batch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert pipeline.main(["text", str(batch / "convention.pdf")]) == pipeline.EXIT_OK
    printed = capsys.readouterr().out
    assert printed.count("\f") == 1 and printed.startswith(BODY[0])
    assert pipeline.main(["text", str(batch / "broken.pdf")]) == pipeline.EXIT_FILES_FAILED


def test_audit_command_prints_a_finished_run(
    seeds_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    pipeline.run([seeds_dir], pipeline.RunOptions(out=out, jobs=1))
    for artefact in ("report.html", "scdl/deliberations.csv", "csv/audit.csv"):
        assert (out / artefact).exists(), artefact
    assert pipeline.main(["audit", "--out", str(out), "--commune", "Paradou"]) == pipeline.EXIT_OK
    printed = capsys.readouterr().out
    assert "Paradou" in printed and "no signature block" in printed
    assert pipeline.main(["audit", "--out", str(tmp_path / "nothing")]) == pipeline.EXIT_FILES_FAILED
