"""Small line fixtures: a few lines of text in, `Line`s out (numbered from 1, one page)."""

from __future__ import annotations

from ctg.core.model import Line


def lines(text: str) -> list[Line]:
    rows = text.strip("\n").split("\n")
    return [
        Line(text=row, page=1, number=n, raw=row, role="body" if row.strip() else "blank")
        for n, row in enumerate(rows, start=1)
    ]
