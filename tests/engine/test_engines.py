"""Engines give the same results; a long scan is split into per-page OCR work; a dying worker
costs one file, not the batch."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from ctg.core.model import FileResult
from ctg.engine import local, work
from ctg.engine.options import RunOptions, Task
from ctg.extract import ExtractPlan
from tests.extract.pdf_factory import BODY, write_pdf


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[Task]:
    folder = tmp_path_factory.mktemp("in")
    write_pdf(folder / "a_digital.pdf", [("text", BODY), ("text", BODY[2:])])
    write_pdf(folder / "b_scan.pdf", [("scan", BODY[:3]), ("text", BODY), ("scan", BODY[3:])])
    (folder / "c_deliberation.txt").write_text("COMMUNE DE VOLX\nSéance du 8 décembre 2025\n", "utf-8")
    return [Task(path, folder) for path in sorted(folder.iterdir())]


def _summary(
    results: list[FileResult],
) -> list[tuple[str, list[dict[str, object]], list[tuple[str, str, str]]]]:
    """What a run writes of each file: its page rows and its texts (made in the worker)."""
    ordered = sorted(results, key=lambda r: r.source.file)
    return [(r.source.file, r.rows.get("pages", []), r.texts) for r in ordered]


@pytest.fixture(scope="module")
def sequential(inputs: list[Task], tmp_path_factory: pytest.TempPathFactory) -> list[FileResult]:
    options = RunOptions(out=tmp_path_factory.mktemp("out"), jobs=1, use_cache=False)
    return list(local.run_sequential(inputs, options))


def test_a_scan_is_planned_as_per_page_ocr_work(inputs: list[Task], tmp_path: Path) -> None:
    planned = work.plan(inputs[1], RunOptions(out=tmp_path, use_cache=False))
    assert isinstance(planned, ExtractPlan)
    assert planned.ocr_pages == [1, 3]
    assert [job.page for job in work.ocr_jobs(planned)] == [1, 3]
    assert planned.source.pages[1].method == "text"  # the text-layer page is already read


@pytest.mark.ocr
def test_process_pool_matches_sequential(
    inputs: list[Task], sequential: list[FileResult], tmp_path: Path
) -> None:
    pooled = list(local.run_pool(inputs, RunOptions(out=tmp_path, jobs=2, use_cache=False)))
    assert _summary(pooled) == _summary(sequential)
    scan = next(r for r in pooled if r.source.file == "b_scan.pdf")
    assert [p.method for p in scan.source.pages] == ["ocr", "text", "ocr"]
    assert "Objet de la convention" in scan.texts[0][2]  # OCRed text of page 3 reached the texts


@pytest.mark.ocr
def test_dask_local_cluster_matches_sequential(
    inputs: list[Task], sequential: list[FileResult], tmp_path: Path
) -> None:
    pytest.importorskip("dask.distributed")
    from ctg.engine.cluster import run_dask

    clustered = list(run_dask(inputs, RunOptions(out=tmp_path, jobs=2, use_cache=False, engine="dask")))
    assert _summary(clustered) == _summary(sequential)


def dying_plan(task: Task, options: RunOptions) -> FileResult | ExtractPlan:
    """Stands in for a worker killed by a segfault or the OOM killer on one file."""
    if task.path.name == "c_deliberation.txt":
        os._exit(1)
    return ORIGINAL_PLAN(task, options)


ORIGINAL_PLAN = work.plan


def test_a_dying_worker_costs_one_file_not_the_batch(
    inputs: list[Task], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(work, "plan", dying_plan)
    text_only = [inputs[0], inputs[2]]
    results = {r.source.file: r for r in local.run_pool(text_only, RunOptions(out=tmp_path, jobs=2))}
    assert results["a_digital.pdf"].source.status == "ok"
    assert results["c_deliberation.txt"].source.status == "error"
    assert "worker process died" in results["c_deliberation.txt"].source.error


def stalling_plan(task: Task, options: RunOptions) -> FileResult | ExtractPlan:
    """Stands in for a file whose reading never ends."""
    if task.path.name == "c_deliberation.txt":
        time.sleep(60)
    return ORIGINAL_PLAN(task, options)


def test_an_item_over_the_time_budget_is_stopped_and_reported(
    inputs: list[Task], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(work, "plan", stalling_plan)
    options = RunOptions(out=tmp_path, jobs=2, item_timeout=3.0)
    started = time.monotonic()
    results = {r.source.file: r for r in local.run_pool([inputs[0], inputs[2]], options)}
    assert time.monotonic() - started < 30
    assert results["a_digital.pdf"].source.status == "ok"
    assert results["c_deliberation.txt"].source.error == "took more than 3 s"
