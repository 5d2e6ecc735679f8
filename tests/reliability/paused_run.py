"""`ctg run` that stops still at one moment of its reduce or commit, for a test to SIGKILL it there.

    python -m tests.reliability.paused_run MOMENT MARKER ctg-run-arguments...

MOMENT is `reduce` (dedupe starting), `export` (tables being written to the staging folder) or
`swap` (the first new folder moved into place, the old one not yet removed). At that moment the
file MARKER is created and the process sleeps until it is killed. The code under test is untouched:
the pause wraps one of its functions from outside.
"""

from __future__ import annotations

import functools
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ctg import dedupe, pipeline
from ctg.export import store


def _pausing(function: Callable[..., Any], marker: Path, when: Callable[..., bool]) -> Callable[..., Any]:
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if when(*args, **kwargs):
            marker.touch()
            time.sleep(3600)
        return function(*args, **kwargs)

    return wrapper


def install(moment: str, marker: Path) -> None:
    always = lambda *args, **kwargs: True  # noqa: E731
    if moment == "reduce":
        dedupe.find_duplicates = _pausing(dedupe.find_duplicates, marker, always)
    elif moment == "export":
        store.Staging._export = _pausing(store.Staging._export, marker, always)
    elif moment == "swap":
        old_folder = lambda path, *args, **kwargs: Path(path).name.startswith(".old-")  # noqa: E731
        store.shutil.rmtree = _pausing(store.shutil.rmtree, marker, old_folder)
    else:
        raise SystemExit(f"unknown moment {moment!r}")


if __name__ == "__main__":
    install(sys.argv[1], Path(sys.argv[2]))
    sys.exit(pipeline.main(sys.argv[3:]))
