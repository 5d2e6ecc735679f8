"""The reduce step, once per run: each file's rows streamed into the staging store as it
comes, then dedupe across files, the audit, and every output swapped in."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ctg.core.model import AuditRow, ConventionAudit, Document, FileResult
from ctg.engine.options import PIPELINE_VERSION

if TYPE_CHECKING:
    from ctg.export.report import ReportContext
    from ctg.export.store import Staging


def stream(staging: Staging, result: FileResult) -> None:
    """One file's rows and texts (made by the worker) go to the store now."""
    from ctg.export.tables import file_rows
    from ctg.export.texts import text_outputs

    rows = result.rows or {table: list(rows) for table, rows in file_rows(result).items()}
    for table, table_rows in rows.items():
        staging.add_rows(table, table_rows)
    for folder, name, text in result.texts or text_outputs(result):
        staging.write_text(folder, name, text)
    result.rows, result.texts = {}, []


@dataclass(frozen=True, slots=True)
class Found:
    """What the run found, for its summary: canonical conventions (copies aside), the communes and
    EPCI they name, and the audit's findings by severity."""

    conventions: int
    copies: int
    communes: int
    findings: dict[str, int]


def found_in(documents: list[Document], audit: list[AuditRow], conventions: list[ConventionAudit]) -> Found:
    kept = [d for d in documents if d.kind == "convention"]
    severities = Counter(
        finding.severity or "note" for holder in (*audit, *conventions) for finding in holder.findings
    )
    return Found(
        conventions=sum(1 for d in kept if not d.duplicate_of),
        copies=sum(1 for d in kept if d.duplicate_of),
        communes=len({row.insee or row.commune for row in audit}),
        findings=dict(severities),
    )


def reduce_and_commit(
    staging: Staging,
    results: list[FileResult],
    report: ReportContext | None = None,
    sirets: dict[str, str] | None = None,
) -> Found:
    """The reduce step, once per run: dedupe across files, audit, then every output swapped in."""
    from ctg.audit.commune import every_commune
    from ctg.audit.rows import build_audit, build_conventions, unreadable_pages
    from ctg.dedupe import find_duplicates
    from ctg.export.audit_table import audit_record, convention_record
    from ctg.export.report import write_report
    from ctg.export.scdl import write_scdl
    from ctg.export.schema import TABLES, write_datapackage, write_datasette
    from ctg.export.tables import duplicates_rows

    dedupe = find_duplicates(d for r in results for d in r.digests)
    for result in results:
        result.digests = []  # read once: the audit and the exports never do
    copies: list[tuple[str, str]] = []
    for result in results:
        for doc in result.documents:
            canonical = dedupe.canonical.get(doc.doc_id, doc.doc_id)
            doc.duplicate_of = canonical if canonical != doc.doc_id else None
            if doc.duplicate_of:
                copies.append((doc.duplicate_of, doc.doc_id))
                staging.remove_text("documents", f"{doc.doc_id}.txt")  # only canonical texts are kept
    staging.mark_copies(copies)
    staging.add_rows("duplicates", duplicates_rows(dedupe))
    documents = [doc for result in results for doc in result.documents]
    audit = build_audit(documents, unreadable=unreadable_pages(staging.frame("pages")), links=dedupe.links)
    staging.add_rows("audit", (audit_record(row) for row in audit))
    conventions = build_conventions(documents)
    staging.add_rows("audit_conventions", (convention_record(c) for c in conventions))
    files = staging.frame("files")

    def extra(folder: Path) -> None:
        write_datapackage(folder / "datapackage.json", TABLES, PIPELINE_VERSION)
        write_datasette(folder / "datasette.json", TABLES, PIPELINE_VERSION)
        write_scdl(folder, documents, sirets)
        write_report(
            folder,
            documents,
            audit,
            files,
            conventions=conventions,
            context=report,
            communes=every_commune(audit),
        )

    staging.commit(extra)
    return found_in(documents, audit, conventions)
