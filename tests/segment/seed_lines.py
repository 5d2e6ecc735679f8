"""Build clean `Line`s from a seed file without the normalize stage.

Segment's own unit tests read the seeds through this minimal cleaning (converter markup
`**`, `<u>`, `^{…}`, backslash escapes removed; straight apostrophes; one page per file), so a
change in normalize cannot hide or cause a segment failure; test_deliberations_normalized.py
and the accuracy bench read the same seeds through the real normalize stage.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ctg.core.model import Line
from tests.conftest import SEEDS

MARKUP = re.compile(r"\*\*|</?u>|\^\{([^}]*)\}|\\(?=\S)")


def clean(text: str) -> str:
    return MARKUP.sub(lambda match: match.group(1) or "", text).replace("’", "'").rstrip()


def lines_of_text(text: str, *, keep_blank: bool = True) -> list[Line]:
    lines = [
        Line(text=clean(raw), page=1, number=number, raw=raw, role="body" if raw.strip() else "blank")
        for number, raw in enumerate(text.split("\n"), start=1)
    ]
    return lines if keep_blank else [line for line in lines if line.text.strip()]


def seed_path(prefix: str) -> Path:
    """The seed whose name starts with `prefix`; skips the test when seeds are absent."""
    if not SEEDS.is_dir():
        pytest.skip("seed folder absent")
    matches = sorted(SEEDS.glob(f"{prefix}*.txt"))
    if not matches:
        pytest.skip(f"no seed {prefix}")
    return matches[0]


def seed_lines(prefix: str, *, keep_blank: bool = True) -> list[Line]:
    return lines_of_text(seed_path(prefix).read_text(encoding="utf-8"), keep_blank=keep_blank)
