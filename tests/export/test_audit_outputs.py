"""The audit, SCDL and report written through the output store, and the audit read back from each format."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pandas as pd

from ctg.audit.rows import build_audit
from ctg.audit.view import format_audit
from ctg.export.audit_table import audit_record, rows_from_frame
from ctg.export.report import write_report
from ctg.export.scdl import VALIDATION_NAME, write_scdl
from ctg.export.schema import AUDIT_FIELDS, Column, TableSpec
from ctg.export.store import Staging
from tests.export.builders import convention, deliberation


def test_written_in_every_format_and_read_back(tmp_path: Path) -> None:
    documents = [
        convention(),
        deliberation("del00002", "Paradou", date(2025, 12, 1), (10, 3, 2), file="deliberations/paradou.pdf"),
    ]
    rows = build_audit(documents)
    files = pd.DataFrame([{"file": d.file, "status": "ok", "error": ""} for d in documents])
    spec = TableSpec(
        "audit", "one row per commune or EPCI of each convention", [Column(*f) for f in AUDIT_FIELDS]
    )
    out = tmp_path / "out"

    def extra(staging: Path) -> None:
        write_scdl(staging, documents)
        write_report(staging, documents, rows, files)

    with Staging(out, [spec]) as staging:
        staging.add_rows("audit", (audit_record(row) for row in rows))
        staging.commit(extra)
    assert (out / "report.html").read_text(encoding="utf-8").count('class="matrix"') == 2  # named + folded
    assert (out / "scdl" / "deliberations.csv").exists() and (out / "scdl" / VALIDATION_NAME).exists()
    expected = format_audit(rows)
    readers = {
        "csv": lambda: pd.read_csv(out / "csv" / "audit.csv", dtype=str, keep_default_na=False),
        "parquet": lambda: pd.read_parquet(out / "parquet" / "audit.parquet"),
        "sqlite": lambda: pd.read_sql("SELECT * FROM audit", sqlite3.connect(out / "ctg.sqlite")),
    }
    for name, read in readers.items():
        assert format_audit(rows_from_frame(read())) == expected, name
