"""Every output table, built from the core types in one place (DESIGN.md, Output contract)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pandas as pd

from core.model import FileResult

TableBuilder = Callable[[list[FileResult]], pd.DataFrame]


def files_table(results: list[FileResult]) -> pd.DataFrame:
    rows = [
        {
            "file": r.source.file,
            "sha256": r.source.sha256,
            "bytes": r.source.bytes,
            "pages": len(r.source.pages),
            "status": r.source.status,
            "error": r.source.error,
            "seconds": r.source.seconds,
            "encoding": r.source.encoding,
            "signed_date": r.source.signed_date,
            "documents": len(r.documents),
            "cached": r.cached,
        }
        for r in results
    ]
    return _frame(rows, FILES_COLUMNS)


def pages_table(results: list[FileResult]) -> pd.DataFrame:
    rows = [
        {
            "file": page.file,
            "page": page.number,
            "method": page.method,
            "chars": page.chars,
            "lines": len(page.lines),
            "ocr_confidence": page.ocr_confidence,
            "quality": page.quality,
            "rotation": page.rotation,
            "reason": page.reason,
        }
        for r in results
        for page in r.source.pages
    ]
    return _frame(rows, PAGES_COLUMNS)


FILES_COLUMNS = [
    "file", "sha256", "bytes", "pages", "status", "error", "seconds",
    "encoding", "signed_date", "documents", "cached",
]  # fmt: skip
PAGES_COLUMNS = [
    "file",
    "page",
    "method",
    "chars",
    "lines",
    "ocr_confidence",
    "quality",
    "rotation",
    "reason",
]

TABLES: dict[str, TableBuilder] = {
    "files": files_table,
    "pages": pages_table,
}


def _frame(rows: Iterable[dict[str, object]], columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=columns)


def build_tables(results: list[FileResult]) -> dict[str, pd.DataFrame]:
    return {name: builder(results) for name, builder in TABLES.items()}
