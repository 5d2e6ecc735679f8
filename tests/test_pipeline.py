"""The command line end to end on a small batch: outputs, errors, cache, lock."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from ctg import pipeline
from ctg.core.errors import PageTimeout
from tests.extract.pdf_factory import BODY, write_pdf

REPO = Path(__file__).resolve().parent.parent


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
    holder = _hold_lock(out)
    try:
        code = pipeline.main(["run", str(batch), "--out", str(out), "--quiet"])
    finally:
        holder.kill()
        holder.wait()
    assert code == pipeline.EXIT_LOCKED
    assert not (out / "ctg.sqlite").exists()


def _hold_lock(out: Path) -> subprocess.Popen[str]:
    """Another process holding the output lock (a run's lock is its own process's alone)."""
    code = "import sys, time, pipeline\nwith pipeline.output_lock(__import__('pathlib').Path(sys.argv[1])):\n"
    code += "    print('held', flush=True)\n    time.sleep(60)\n"
    holder = subprocess.Popen(
        [sys.executable, "-c", code, str(out)], cwd=REPO, stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    return holder


def test_a_lock_left_by_a_dead_run_is_taken_over(batch: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    holder = _hold_lock(out)
    holder.kill()  # SIGKILL: the lock file still names it
    holder.wait()
    assert (out / ".lock").read_text().strip() == str(holder.pid)
    summary = pipeline.run([batch], pipeline.RunOptions(out=out, jobs=1))
    assert summary.committed and any(str(holder.pid) in note for note in summary.notes)


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_typo_or_an_empty_input_leaves_the_outputs_as_they_were(batch: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert pipeline.main(["run", str(batch), "--out", str(out), "--quiet"]) == pipeline.EXIT_FILES_FAILED
    before = _tree(out)
    (tmp_path / "empty").mkdir()
    for inputs in ([str(tmp_path / "typo")], [str(tmp_path / "empty")], [str(batch), str(tmp_path / "typo")]):
        assert pipeline.main(["run", *inputs, "--out", str(out), "--quiet"]) == pipeline.EXIT_USAGE
        assert _tree(out) == before


def test_a_run_that_reads_no_file_keeps_the_previous_outputs(batch: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert pipeline.main(["run", str(batch), "--out", str(out), "--quiet"]) == pipeline.EXIT_FILES_FAILED
    with sqlite3.connect(out / "ctg.sqlite") as db:
        documents = db.execute("select count(*) from documents").fetchone()[0]
    summary = pipeline.run([batch / "broken.pdf"], pipeline.RunOptions(out=out, jobs=1))
    assert not summary.committed and summary.exit_code == pipeline.EXIT_FILES_FAILED
    with sqlite3.connect(out / "ctg.sqlite") as db:
        assert db.execute("select count(*) from documents").fetchone()[0] == documents > 0


def test_an_output_folder_holding_other_files_or_a_file_is_refused(batch: Path, tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    (mine / "documents").mkdir(parents=True)
    (mine / "documents" / "lettre.txt").write_text("à garder", "utf-8")
    (tmp_path / "a_file").write_text("à garder", "utf-8")
    for out in (mine, tmp_path / "a_file"):
        before = _tree(mine)
        assert pipeline.main(["run", str(batch), "--out", str(out), "--quiet"]) == pipeline.EXIT_USAGE
        assert _tree(mine) == before and (tmp_path / "a_file").read_text("utf-8") == "à garder"


def test_an_output_folder_inside_the_input_folder_is_not_read_back(batch: Path) -> None:
    out = batch / "out"
    for _ in range(2):
        assert pipeline.main(["run", str(batch), "--out", str(out), "--quiet"]) == pipeline.EXIT_FILES_FAILED
    files = pd.read_csv(out / "csv" / "files.csv")["file"]
    assert sorted(files) == ["broken.pdf", "convention.pdf", "sous dossier é/délibération.txt"]


def test_version_and_argument_ranges(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        pipeline.main(["--version"])
    assert exit_info.value.code == 0 and capsys.readouterr().out.startswith("ctg ")
    for bad in (["--jobs", "-3"], ["--jobs", "0"], ["--item-timeout", "-1"]):
        with pytest.raises(SystemExit) as exit_info:
            pipeline.main(["run", "corpus", *bad])
        assert exit_info.value.code == pipeline.EXIT_USAGE
    assert "(default: " in pipeline.build_parser()._subparsers._group_actions[0].choices["run"].format_help()


def test_text_command_prints_pages_with_form_feeds(batch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert pipeline.main(["text", str(batch / "convention.pdf")]) == pipeline.EXIT_OK
    printed = capsys.readouterr().out
    assert printed.count("\f") == 1 and printed.startswith(BODY[0])
    assert pipeline.main(["text", str(batch / "broken.pdf")]) == pipeline.EXIT_FILES_FAILED


def test_text_command_warns_of_pages_not_fully_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import ctg.extract.ocr

    def engine_gives_up(*_: object, **__: object) -> None:
        raise PageTimeout("OCR took more than 1 s")

    monkeypatch.setattr(ctg.extract.ocr, "ocr_image", engine_gives_up)
    path = write_pdf(tmp_path / "mixed.pdf", [("text", BODY), ("scan", BODY)])
    assert pipeline.main(["text", str(path)]) == pipeline.EXIT_OK  # partial files count as read
    printed = capsys.readouterr()
    assert printed.out.startswith(BODY[0])
    assert printed.err.startswith("ctg: mixed.pdf: page 2 not fully read: OCR failed: OCR took more than 1 s")
    assert printed.err.count("\n") == 1


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


def test_the_summary_says_what_was_found(tmp_path: Path) -> None:
    from ctg.extract import ExtractOptions

    out = tmp_path / "out"
    options = pipeline.RunOptions(out=out, jobs=1, extract=ExtractOptions(ocr="never"))
    found = pipeline.run([REPO / "corpus"], options).found
    assert found is not None
    documents = pd.read_csv(out / "csv" / "documents.csv")
    conventions = documents[documents["kind"] == "convention"]
    assert found.conventions == conventions["duplicate_of"].isna().sum() > 0
    assert found.copies == conventions["duplicate_of"].notna().sum()
    audit = pd.read_csv(out / "csv" / "audit.csv", dtype=str)
    assert found.communes == audit["insee"].fillna(audit["commune"]).nunique() > 0
    assert sum(found.findings.values()) > 0
    line = pipeline.found_line(found, out)
    assert line.startswith(f"found: {found.conventions} conventions") and str(out / "report.html") in line
