"""Build SourceFiles from the seed texts, with normalize when it exists, else a simple markup strip."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from core.model import Line, Page, SourceFile

SEEDS = Path("/work/shared/seeds")
# Converter markup in the seeds: **bold**, <u>…</u>, <p>, ^{er}, backslash escapes.
MARKUP = re.compile(r"\*\*|</?u>|</?p>|\^\{([^}]*)\}|\\(?=\S)")


def strip_markup(text: str) -> str:
    return MARKUP.sub(lambda m: m.group(1) or "", text).replace("’", "'")


def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []


def load_seed(path: Path) -> SourceFile:
    """A normalized SourceFile of one seed text file."""
    try:
        from extract import read_text_file
        from normalize import normalize_file

        return normalize_file(read_text_file(path, path.parent))
    except ImportError:
        pass
    data = path.read_bytes()
    raw_lines = data.decode("utf-8").split("\n")
    if raw_lines and raw_lines[-1] == "":
        raw_lines.pop()
    lines = [
        Line(text=strip_markup(raw), page=1, number=n, raw=raw, role="body" if raw.strip() else "blank")
        for n, raw in enumerate(raw_lines, start=1)
    ]
    page = Page(file=path.name, number=1, method="plain", lines=lines)
    return SourceFile(file=path.name, sha256=hashlib.sha256(data).hexdigest(), bytes=len(data), pages=[page])
