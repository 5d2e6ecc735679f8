"""SIGKILL at random moments: the next run completes, the store is whole, finished files are reused."""

from __future__ import annotations

import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.extract.pdf_factory import BODY, write_pdf

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Path:
    folder = tmp_path_factory.mktemp("batch")
    for seed in sorted(seeds_dir.glob("*.txt")):
        shutil.copy(seed, folder / seed.name)
    for number in range(4):
        write_pdf(folder / f"convention_{number}.pdf", [("text", BODY)] * (3 + number))
    return folder


def _ctg(batch: Path, out: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, str(REPO / "pipeline.py"), "run", str(batch), "--out", str(out), "--jobs", "1"]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO)


def _wait_for_cache(out: Path, entries: int, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while len(list(out.glob("cache/*.pickle"))) < entries and time.monotonic() < deadline:
        time.sleep(0.05)


def _files_rows(out: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(out / "ctg.sqlite") as db:
        return db.execute("select file, status from files order by file").fetchall()


def test_killed_runs_leave_a_whole_store_and_lose_no_finished_work(batch: Path, tmp_path: Path) -> None:
    reference = tmp_path / "reference"
    assert _ctg(batch, reference).wait(timeout=300) == 0
    expected = _files_rows(reference)
    out = tmp_path / "out"
    rng = random.Random(7)
    for kill_after_cached in (0, 1, 3):  # kill before anything is done, then after some files are
        process = _ctg(batch, out)
        _wait_for_cache(out, kill_after_cached)
        time.sleep(rng.uniform(0.0, 0.5))
        process.send_signal(signal.SIGKILL)
        process.wait()
        if (out / "ctg.sqlite").exists():  # an earlier run committed: its store is whole
            assert _files_rows(out) == expected
        assert not list(out.glob(".old-*"))
    finished = len(list((out / "cache").glob("*.pickle"))) if (out / "cache").exists() else 0
    assert finished > 0, "no kill came late enough to test reuse"
    assert _ctg(batch, out).wait(timeout=300) == 0
    assert _files_rows(out) == expected
    with sqlite3.connect(out / "ctg.sqlite") as db:
        reused = db.execute("select count(*) from files where cached = 1").fetchone()[0]
        documents = db.execute("select count(*), count(distinct doc_id) from documents").fetchone()
    assert reused == finished  # every file finished before a kill was taken from the cache
    assert documents[0] == documents[1]  # no duplicate rows
    assert not [p for p in out.iterdir() if p.name.startswith(".staging-")]


def test_a_kill_during_the_swap_keeps_the_previous_outputs(tmp_path: Path) -> None:
    from ctg.export.store import Staging

    out = tmp_path / "out"
    (out / "csv").mkdir(parents=True)
    (out / "csv" / "files.csv").write_text("previous", "utf-8")
    (out / "csv").rename(out / ".old-csv-4242")  # the state a kill leaves mid-swap
    with Staging(out):
        pass
    assert (out / "csv" / "files.csv").read_text("utf-8") == "previous"
    assert not list(out.glob(".old-*")) and not list(out.glob(".staging-*"))


def _descendants(pid: int) -> set[int]:
    from ctg.engine.lifetime import children

    found, todo = set(), [pid]
    while todo:
        for child in children(todo.pop()):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def _alive(pids: set[int]) -> set[int]:
    alive = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            alive.add(pid)
    return alive


@pytest.mark.ocr
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to follow the workers")
def test_a_killed_run_leaves_no_worker_and_the_next_run_completes(tmp_path: Path) -> None:
    folder = tmp_path / "scans"
    folder.mkdir()
    for number in range(3):
        write_pdf(folder / f"scan_{number}.pdf", [("scan", BODY)] * 2)
    out = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, str(REPO / "pipeline.py"), "run", str(folder), "--out", str(out), "--jobs", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=REPO,
    )
    deadline = time.monotonic() + 60
    workers: set[int] = set()
    while time.monotonic() < deadline and not any("tesseract" in _command(p) for p in workers):
        time.sleep(0.1)
        workers = _descendants(process.pid)
    assert workers, "the run never started its workers"
    process.send_signal(signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 10
    while _alive(workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(workers), [_command(p) for p in _alive(workers)]
    assert _ctg(folder, out).wait(timeout=300) == 0  # not refused: the lock died with its run


def _command(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""
