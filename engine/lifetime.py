"""Worker processes end with the run that started them, however it ends, and take their own
children (a Tesseract process) with them.

On Linux the kernel signals a worker when its parent dies (prctl PR_SET_PDEATHSIG); elsewhere,
and as a second guard, a daemon thread in each worker watches its parent's pid. Without them a
killed `ctg run` left its pool workers alive indefinitely.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import threading
import time
from pathlib import Path
from types import FrameType

PR_SET_PDEATHSIG = 1  # linux/prctl.h
WATCH_SECONDS = 1.0


def die_with_parent() -> None:
    """Pool initializer: tie this worker's life to its parent's."""
    parent = os.getppid()
    signal.signal(signal.SIGTERM, _on_term)
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
        except (OSError, AttributeError):  # no prctl: the watch below still ends the worker
            pass
    if os.getppid() != parent:  # the parent died before the signal was armed
        _end()
    threading.Thread(target=_watch, args=(parent,), name="ctg-parent-watch", daemon=True).start()


def _on_term(signum: int, frame: FrameType | None) -> None:
    _end()


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(WATCH_SECONDS)
    _end()  # orphaned: re-parented to init or a subreaper


def _end() -> None:
    for child in children(os.getpid()):
        with contextlib.suppress(OSError):  # already gone
            os.kill(child, signal.SIGKILL)
    os._exit(1)


def children(pid: int) -> list[int]:
    """Pids whose parent is `pid` (from /proc; empty where there is none)."""
    found: list[int] = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found
