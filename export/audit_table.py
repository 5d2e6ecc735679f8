"""The `audit` table: one record per AuditRow, and the rows read back from a written table (so that
`ctg audit` prints a finished run without reading its inputs again)."""

from __future__ import annotations

from datetime import date
from typing import Literal

import pandas as pd

from ctg.core.model import FINDINGS_SEPARATOR, AuditRow, ConventionAudit, Finding, Span
from ctg.export.schema import AUDIT_FIELDS

# The audit table's columns, in order (export/schema.py describes each).
AUDIT_COLUMNS = [name for name, _, _ in AUDIT_FIELDS]


def provenance(row: AuditRow) -> str:
    return "; ".join(
        f"{label}: {span.file} p. {span.page} l. {span.line_start}" for label, span in row.evidence.items()
    )


# Evidence cells given as columns: (evidence label, column prefix, span parts).
EVIDENCE_COLUMNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("party", ("page", "line")),
    ("signature", ("page", "line")),
    ("deliberation", ("file", "page", "line")),
    ("stamp", ("file", "page", "line")),
)
SPAN_PARTS = {"file": "file", "page": "page", "line": "line_start"}


def evidence_record(row: AuditRow) -> dict[str, object]:
    record: dict[str, object] = {}
    for label, parts in EVIDENCE_COLUMNS:
        span = row.evidence.get(label)
        for part in parts:
            record[f"{label}_{part}"] = None if span is None else getattr(span, SPAN_PARTS[part])
    return record


def audit_record(row: AuditRow) -> dict[str, object]:
    return {
        "convention_doc_id": row.convention_doc_id, "territory": row.territory, "insee": row.insee,
        "commune": row.commune, "is_party": row.is_party, "has_signature_block": row.has_signature_block,
        "signer_named": row.signer_named, "deliberation_doc_id": row.deliberation_doc_id,
        "deliberation_date": row.deliberation_date.isoformat() if row.deliberation_date else None,
        "vote": row.vote, "findings": FINDINGS_SEPARATOR.join(f.text for f in row.findings), "kind": row.kind,
        "siren": row.siren, "deliberation": row.deliberation, "deliberation_number": row.deliberation_number,
        "stamp": row.stamp, "stamp_actes_id": row.stamp_actes_id, "sources": ";".join(row.sources),
        "spellings": "; ".join(row.spellings), "finding_codes": ";".join(f.code for f in row.findings),
        "convention_file": row.convention_file, "convention_title": row.convention_title,
        "period_start": row.period_start,
        "period_end": row.period_end, **evidence_record(row), "provenance": provenance(row),
    }  # fmt: skip


def audit_frame(rows: list[AuditRow]) -> pd.DataFrame:
    """The `audit` table (DESIGN.md): tri-state columns as text "yes"/"no"/"unknown"."""
    frame = pd.DataFrame([audit_record(row) for row in rows], columns=AUDIT_COLUMNS)
    for name, kind, _ in AUDIT_FIELDS:
        if kind == "integer":
            frame[name] = frame[name].astype("Int64")
    return frame


def text_or_none(value: object) -> str | None:
    return None if value is None or pd.isna(value) or value == "" else str(value)


def row_from_record(record: dict[str, object]) -> AuditRow:
    """An AuditRow back from a row of the audit table; evidence of party, signature, deliberation, stamp."""
    text = {key: text_or_none(value) for key, value in record.items()}
    codes = (text["finding_codes"] or "").split(";") if text["finding_codes"] else []
    texts = (text["findings"] or "").split(FINDINGS_SEPARATOR) if text["findings"] else []
    kind: Literal["commune", "epci"] = "epci" if text["kind"] == "epci" else "commune"
    row = AuditRow(
        str(text["convention_doc_id"]), text["territory"] or "", kind, text["commune"] or "", text["insee"],
        text["siren"],
    )  # fmt: skip
    for name in ("is_party", "has_signature_block", "signer_named", "deliberation", "stamp"):
        setattr(row, name, text[name] or "unknown")
    row.deliberation_doc_id, row.stamp_actes_id = text["deliberation_doc_id"], text["stamp_actes_id"]
    row.deliberation_date = (
        date.fromisoformat(text["deliberation_date"]) if text["deliberation_date"] else None
    )
    row.deliberation_number, row.vote = text["deliberation_number"] or "", text["vote"] or ""
    row.sources = (text["sources"] or "").split(";") if text["sources"] else []
    row.spellings = (text["spellings"] or "").split("; ") if text["spellings"] else []
    row.findings = [Finding(code, words) for code, words in zip(codes, texts, strict=False)]
    row.convention_file, row.convention_title = text["convention_file"] or "", text["convention_title"] or ""
    for name in ("period_start", "period_end"):
        setattr(row, name, int(record[name]) if text[name] else None)  # type: ignore[call-overload]
    for label, _ in EVIDENCE_COLUMNS:
        page, line = record.get(f"{label}_page"), record.get(f"{label}_line")
        file = text.get(f"{label}_file") or row.convention_file
        if text_or_none(page) and text_or_none(line):
            row.evidence[label] = Span(file, int(page), int(line), int(line))  # type: ignore[call-overload]
    return row


def rows_from_frame(frame: pd.DataFrame) -> list[AuditRow]:
    """The audit rows of a written audit table (out/csv/audit.csv, the SQLite `audit` table …),
    so that `ctg audit` can print a finished run without reading its inputs again."""
    return [row_from_record(record) for record in frame.to_dict("records")]


def convention_record(audit: ConventionAudit) -> dict[str, object]:
    """The `audit_conventions` row of one convention."""
    return {
        "convention_doc_id": audit.convention_doc_id, "file": audit.file, "title": audit.title,
        "territory": audit.territory, "period_start": audit.period_start, "period_end": audit.period_end,
        "signed_place": audit.signed_place or None,
        "signed_date": audit.signed_date.isoformat() if audit.signed_date else None,
        "annexes": "; ".join(f"{a.number}: {' '.join(a.title.split())}" for a in audit.annexes) or None,
        "annexes_missing": ";".join(a.number for a in audit.annexes if a.listed and not a.present) or None,
        "findings": FINDINGS_SEPARATOR.join(f.text for f in audit.findings) or None,
        "finding_codes": ";".join(f.code for f in audit.findings) or None,
    }  # fmt: skip
