"""The wheel is one package, `ctg`, that runs once installed into a fresh virtualenv."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow


def _wheel(folder: Path) -> Path:
    """Built from a copy of the checkout: building in place would leave build/ in it."""
    source = folder / "source"
    skipped = shutil.ignore_patterns(".git", ".venv", "out", "build", "__pycache__", "*.egg-info", ".*cache")
    shutil.copytree(REPO, source, ignore=skipped)
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q"]
    subprocess.run([*command, "-w", str(folder), str(source)], check=True, capture_output=True)
    (wheel,) = folder.glob("ctg-*.whl")
    return wheel


def _fresh_env(folder: Path) -> Path:
    """A new virtualenv that sees this one's dependencies (a .pth line) but not its ctg."""
    venv.create(folder, with_pip=True)
    python = folder / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    ours = Path(sysconfig.get_paths()["purelib"])
    dependencies = [p for p in ours.iterdir() if not p.name.startswith(("ctg", "__editable__"))]
    shadow = folder / "dependencies"
    shadow.mkdir()
    for entry in dependencies:
        (shadow / entry.name).symlink_to(entry)
    (Path(site) / "dependencies.pth").write_text(f"{shadow}\n", encoding="utf-8")
    return python


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    wheel = _wheel(work / "dist")
    python = _fresh_env(work / "venv")
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", str(wheel)], check=True)
    return python


def test_the_wheel_installs_ctg_and_nothing_else_at_the_top(installed: Path) -> None:
    shown = subprocess.run(
        [str(installed), "-m", "pip", "show", "-f", "ctg"], check=True, capture_output=True, text=True
    ).stdout
    files = shown.split("Files:", 1)[1].split()
    tops = {Path(name).parts[0] for name in files if not name.startswith("..")}
    assert {top for top in tops if not top.endswith(".dist-info")} == {"ctg"}
    assert "ctg/resolve/reference/communes.csv.gz" in files
    assert not any(name.startswith(("ctg/tests", "ctg/bench", "ctg/evaluation")) for name in files)


def test_the_installed_ctg_runs_on_a_sample(installed: Path, tmp_path: Path) -> None:
    ctg = installed.parent / "ctg"
    out = tmp_path / "out"
    sample = REPO / "corpus" / "delib_mouries_cp1252.txt"
    # Run outside the checkout, so nothing is imported from it.
    done = subprocess.run(
        [str(ctg), "run", str(sample), "--out", str(out), "--quiet"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    import sqlite3

    with sqlite3.connect(out / "ctg.sqlite") as db:
        kinds = [row[0] for row in db.execute("select kind from documents")]
        module = subprocess.run(
            [str(installed), "-c", "import ctg.segment; print(ctg.segment.__file__)"],
            capture_output=True,
            text=True,
            check=True,
            cwd=tmp_path,
        ).stdout
    assert kinds == ["deliberation"]
    assert "site-packages/ctg/segment" in module
