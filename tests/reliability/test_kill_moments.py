"""SIGKILL of `ctg run` during the reduce, while writing the tables, and halfway through swapping
them in: no process is left behind, the outputs already there stay whole, and the next run
completes with the tables an uninterrupted run writes."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from tests.extract.pdf_factory import BODY, write_pdf
from tests.reliability.test_crash import _alive, _descendants

REPO = Path(__file__).resolve().parents[2]
VOLATILE = {"files.csv": ["seconds", "cached"]}  # timings and cache use differ from run to run
KEPT = (
    "csv",
    "documents",
    "scdl",
    "text",
    "report.html",
    "datapackage.json",
    "datasette.json",
    "ctg.sqlite",
    "parquet",
)


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Path:
    folder = tmp_path_factory.mktemp("batch")
    for seed in sorted(seeds_dir.glob("*.txt"), key=lambda p: p.stat().st_size)[:2]:
        shutil.copy(seed, folder / seed.name)
    write_pdf(folder / "convention.pdf", [("text", BODY)] * 3)
    return folder


def _run(batch: Path, out: Path) -> int:
    command = [sys.executable, "-m", "ctg.pipeline", "run", str(batch), "--out", str(out), "--quiet"]
    return subprocess.run(command, cwd=REPO, capture_output=True, timeout=300).returncode


def _killed_at(moment: str, batch: Path, out: Path, marker: Path) -> set[int]:
    """Run until MOMENT, SIGKILL the run there; the processes it had started."""
    command = [sys.executable, "-m", "tests.reliability.paused_run", moment, str(marker)]
    run = [*command, "run", str(batch), "--out", str(out), "--quiet", "--jobs", "2"]
    process = subprocess.Popen(run, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while not marker.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert marker.exists(), f"the run never reached {moment} (exit {process.poll()})"
    started = _descendants(process.pid)
    process.send_signal(signal.SIGKILL)
    process.wait()
    return started


def _snapshot(out: Path) -> dict[str, bytes]:
    files = {}
    for name in KEPT:
        path = out / name
        for entry in sorted([path] if path.is_file() else path.rglob("*")):
            if entry.is_file():
                files[str(entry.relative_to(out))] = entry.read_bytes()
    return files


def _tables(out: Path) -> dict[str, pd.DataFrame]:
    tables = {}
    for path in sorted((out / "csv").glob("*.csv")):
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        tables[path.name] = frame.drop(columns=VOLATILE.get(path.name, []))
    return tables


def _same_tables(out: Path, reference: Path) -> None:
    ours, theirs = _tables(out), _tables(reference)
    assert sorted(ours) == sorted(theirs)
    for name, frame in theirs.items():
        pd.testing.assert_frame_equal(ours[name], frame, obj=name)
    for folder in ("documents", "scdl", "text"):
        listed = {p.name: p.read_bytes() for p in (out / folder).rglob("*") if p.is_file()}
        assert listed == {p.name: p.read_bytes() for p in (reference / folder).rglob("*") if p.is_file()}


def _no_process_left(started: set[int]) -> None:
    deadline = time.monotonic() + 10
    while _alive(started) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(started)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to follow the workers")
def test_kills_in_the_reduce_and_the_commit_lose_nothing(batch: Path, tmp_path: Path) -> None:
    reference, out = tmp_path / "reference", tmp_path / "out"
    assert _run(batch, reference) == 0
    assert _run(batch, out) == 0
    before = _snapshot(out)
    for moment in ("reduce", "export"):
        _no_process_left(_killed_at(moment, batch, out, tmp_path / f"{moment}.marker"))
        assert _snapshot(out) == before, f"a kill during {moment} changed the outputs in place"
    _no_process_left(_killed_at("swap", batch, out, tmp_path / "swap.marker"))
    _same_tables(out, reference)  # half swapped: every table there is whole, old or new
    assert _run(batch, out) == 0  # not refused: the lock died with the killed run
    _same_tables(out, reference)
    assert not [p.name for p in out.iterdir() if p.name.startswith((".old-", ".staging-"))]
