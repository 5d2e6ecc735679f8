"""out/report.html: one self-contained page a person can open, with no network and no script.

Per canonical convention, a matrix of its communes and EPCI × evidence (party, signature
block, signer named, deliberation, stamp), coloured green (yes), red (no) and grey (unknown),
each cell linking to the file and page where the evidence was read, then every finding.
Everything that comes from a document is HTML-escaped: a document may hold any text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from pathlib import Path
from urllib.parse import quote

import pandas as pd

from ctg.core.model import AuditRow, ConventionAudit, Document, Finding, Span, Tri

# The evidence columns of the matrix: (header, AuditRow attribute, evidence label that links it).
MATRIX_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("Party", "is_party", "party"),
    ("Signature block", "has_signature_block", "signature"),
    ("Signer named", "signer_named", "signature"),
    ("Deliberation", "deliberation", "deliberation"),
    ("Prefecture stamp", "stamp", "stamp"),
)
# How each state reads in a cell, beside its colour (the symbol keeps it readable without colour).
STATE_LABELS: dict[str, str] = {"yes": "✔ yes", "no": "✘ no", "unknown": "? unknown"}
SOURCE_LABELS: dict[str, str] = {
    "party": "party",
    "signature": "signature",
    "visa": "visa",
    "preambule": "préambule",
    "annex_decisions": "annex of decisions",
    "epci_member": "EPCI member (reference)",
    "earlier_territory": "earlier territory",
}
# No script, no network: only inline style may run (and links may be followed).
CSP = "default-src 'none'; style-src 'unsafe-inline'"
STYLE = """
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #1b1b1b; }
h1 { font-size: 1.6em; } h2 { font-size: 1.25em; margin-top: 2em; border-bottom: 2px solid #444; }
table { border-collapse: collapse; margin: .6em 0; }
th, td { border: 1px solid #999; padding: 3px 7px; vertical-align: top; text-align: left; }
th { background: #eee; }
td.yes { background: #b9e4bc; color: #0b3d0e; }
td.no { background: #f6b3b3; color: #5c0909; font-weight: 600; }
td.unknown { background: #dedede; color: #444; }
td a, li a { color: inherit; font-size: .85em; display: block; }
.legend span { display: inline-block; padding: 2px 8px; margin-right: 6px; border: 1px solid #999; }
.legend .yes { background: #b9e4bc; } .legend .no { background: #f6b3b3; }
.legend .unknown { background: #dedede; }
td a.inline { display: inline; font-size: 1em; }
summary { cursor: pointer; color: #333; margin: .4em 0; }
li.problem { color: #8b0000; } li.warning { color: #7a4a00; } li.note { color: #333; }
.meta { color: #555; }
"""


@dataclass(frozen=True, slots=True)
class Links:
    """How a file and page become a link: `prefix` + the file's path + "#page=N"."""

    prefix: str = "../"

    def href(self, span: Span) -> str:
        return f"{self.prefix}{quote(span.file)}#page={span.page}"

    def labelled(self, label: str, span: Span | None) -> str:
        """The label itself as the link (inline), the place in its title; plain text without a place."""
        if span is None:
            return escape(label)
        where = f"{span.file}, page {span.page}, line {span.line_start}"
        return (
            f'<a class="inline" href="{escape(self.href(span))}" title="{escape(where)}">{escape(label)}</a>'
        )

    def anchor(self, span: Span | None) -> str:
        if span is None:
            return ""
        text = f"{Path(span.file).name} p. {span.page}"
        where = f"{span.file}, page {span.page}, line {span.line_start}"
        return f'<a href="{escape(self.href(span))}" title="{escape(where)}">{escape(text)}</a>'


def cell(state: Tri, span: Span | None, links: Links, detail: str = "") -> str:
    extra = f"<br>{escape(detail)}" if detail else ""
    label = STATE_LABELS.get(state, escape(state))
    return f'<td class="{escape(state)}">{label}{extra}{links.anchor(span)}</td>'


def matrix_row(row: AuditRow, links: Links) -> str:
    first = next(iter(row.evidence.values()), None)
    name = f"{escape(row.commune)}{links.anchor(first) if row.is_party != 'yes' else ''}"
    cells = [f"<td>{name}</td>", f"<td>{escape(row.insee or row.siren or '')}</td>"]
    for _, attribute, label in MATRIX_COLUMNS:
        state = getattr(row, attribute)
        detail = ""
        if attribute == "deliberation" and (row.deliberation_date or row.vote):
            when = row.deliberation_date.isoformat() if row.deliberation_date else ""
            detail = " ".join(part for part in (when, row.deliberation_number, row.vote) if part)
        cells.append(cell(state, row.evidence.get(label), links, detail))
    sources = [
        links.labelled(SOURCE_LABELS.get(source, source), row.evidence.get(source)) for source in row.sources
    ]
    cells.append(f'<td class="sources">{" · ".join(sources)}</td>')
    return "<tr>" + "".join(cells) + "</tr>"


def matrix(rows: list[AuditRow], links: Links) -> str:
    headers = ["Commune / EPCI", "INSEE / SIREN", *(h for h, _, _ in MATRIX_COLUMNS), "Named in"]
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "\n".join(matrix_row(row, links) for row in rows)
    return f'<table class="matrix">\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>'


def findings_list(rows: list[AuditRow], members: list[AuditRow], own: Iterable[Finding] = ()) -> str:
    items = [f'<li class="{escape(f.severity)}"><b>Convention</b>: {escape(f.text)}</li>' for f in own]
    items += [
        f'<li class="{escape(f.severity)}"><b>{escape(row.commune)}</b>: {escape(f.text)}</li>'
        for row in rows
        for f in row.findings
    ]
    if members:
        names = ", ".join(row.commune for row in members)
        epci = {f.text for row in members for f in row.findings if f.code == "epci_member_not_party"}
        why = next(iter(epci), "members of the signing EPCI (reference), not parties")
        items.append(f'<li class="note"><b>{len(members)} communes</b> ({escape(names)}): {escape(why)}</li>')
    if not items:
        return "<p>No finding.</p>"
    return '<ul class="findings">\n' + "\n".join(items) + "\n</ul>"


def only_epci_member(row: AuditRow) -> bool:
    """A commune the convention never names, there only because the reference puts it in the EPCI."""
    return row.sources == ["epci_member"]


def summary(rows: list[AuditRow]) -> str:
    parties = [row for row in rows if row.is_party == "yes"]
    counts = [
        f"{len(parties)} parties",
        f"{sum(row.has_signature_block == 'yes' for row in parties)} with a signature block",
        f"{sum(row.signer_named == 'yes' for row in parties)} with a named signer",
        f"{sum(row.deliberation == 'yes' for row in parties)} with an approving deliberation found",
        f"{sum(f.severity == 'problem' for row in rows for f in row.findings)} problems",
    ]
    return f"<p>{escape(', '.join(counts))}.</p>"


def signing(whole: ConventionAudit | None) -> str:
    """Where and when the convention was signed, as read ("Fait à …, le …")."""
    if whole is None:
        return ""
    place = escape(whole.signed_place) if whole.signed_place else "place not read"
    when = escape(whole.signed_date.isoformat()) if whole.signed_date else "date not read"
    return f'<p class="signed">Signed at {place} on <span class="date">{when}</span>.</p>'


def annex_list(whole: ConventionAudit | None, links: Links) -> str:
    if whole is None or not whole.annexes:
        return ""
    items = [
        f'<li class="{"present" if a.present else "missing"}">Annex {escape(a.number)}: '
        f"{escape(' '.join(a.title.split()))} — {'held' if a.present else 'missing'} "
        f"{links.anchor(a.span)}</li>"
        for a in whole.annexes
    ]
    return f'<h3>Annexes ({len(whole.annexes)})</h3>\n<ul class="annexes">' + "".join(items) + "</ul>"


def convention_section(
    doc: Document | None, rows: list[AuditRow], links: Links, whole: ConventionAudit | None = None
) -> str:
    first = rows[0]
    period = f"{first.period_start}-{first.period_end}" if first.period_start else "years unknown"
    title = (doc.title if doc else first.convention_title) or "Convention"
    span = doc.span if doc else None
    named = [row for row in rows if not only_epci_member(row)]
    members = [row for row in rows if only_epci_member(row)]
    parts = [
        f'<section id="{escape(first.convention_doc_id)}">',
        f"<h2>{escape(title)} — {escape(first.territory or 'territory unknown')} ({escape(period)})</h2>",
        f'<p class="meta">{escape(first.convention_file)} · doc {escape(first.convention_doc_id)} '
        f"{links.anchor(span)}</p>",
        signing(whole),
        summary(rows),
        matrix(named, links),
    ]
    if members:
        parts += [
            f"<details><summary>{len(members)} other communes of the signing EPCI (reference), "
            "not named in the convention</summary>",
            matrix(members, links),
            "</details>",
        ]
    own = list(whole.findings) if whole else []
    parts += [
        annex_list(whole, links),
        f"<h3>Findings ({sum(len(r.findings) for r in rows) + len(own)})</h3>",
        findings_list(named, members, own),
        "</section>",
    ]
    return "\n".join(parts)


def deliberations_table(documents: Iterable[Document], links: Links) -> str:
    rows: list[str] = []
    for doc in documents:
        if doc.kind not in ("deliberation", "minutes") or doc.duplicate_of is not None:
            continue
        for delib in doc.deliberations:
            when = delib.seance_date.isoformat() if delib.seance_date else ""
            values = [
                delib.collectivite,
                delib.insee or "",
                when,
                delib.number,
                delib.objet,
                delib.vote_text,
            ]
            cells = "".join(f"<td>{escape(' '.join(str(v).split()))}</td>" for v in values)
            rows.append(f"<tr>{cells}<td>{links.anchor(delib.span)}</td></tr>")
    if not rows:
        return "<p>No deliberation in the corpus.</p>"
    head = "".join(
        f"<th>{h}</th>" for h in ("Collectivité", "INSEE", "Séance", "N°", "Objet", "Vote", "Source")
    )
    return (
        f'<table class="deliberations"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


def files_summary(files: pd.DataFrame) -> str:
    if files is None or files.empty:
        return "<p>No file.</p>"
    statuses = files["status"].value_counts().to_dict() if "status" in files else {}
    counts = ", ".join(f"{n} {escape(str(s))}" for s, n in sorted(statuses.items()))
    # Failed files, then files read only in part (a page whose text was lost), each with why.
    shown = files[files["status"].isin(["error", "partial"])] if "status" in files else files.iloc[0:0]
    shown = shown.sort_values("status", kind="stable")
    items = "".join(
        f"<li>{escape(str(r.file))} ({escape(str(r.status))}): {escape(str(r.error))}</li>"
        for r in shown.itertuples(index=False)
    )
    return f"<p>{len(files)} files: {counts}.</p>" + (f"<ul>{items}</ul>" if items else "")


def render_report(
    documents: list[Document],
    audit_rows: list[AuditRow],
    files_frame: pd.DataFrame,
    link_prefix: str = "../",
    conventions: Iterable[ConventionAudit] = (),
) -> str:
    """The whole report as one HTML page (inline CSS, no script, no network).

    Links point at `link_prefix` + the input's relative path + "#page=N"; with the default
    "../", an out/ folder beside the inputs' root opens the source at the page.
    """
    links = Links(link_prefix)
    by_id = {doc.doc_id: doc for doc in documents}
    whole = {c.convention_doc_id: c for c in conventions}
    grouped: dict[str, list[AuditRow]] = {}
    for row in audit_rows:
        grouped.setdefault(row.convention_doc_id, []).append(row)
    sections = [
        convention_section(by_id.get(doc_id), rows, links, whole.get(doc_id))
        for doc_id, rows in grouped.items()
    ]
    findings = sum(len(row.findings) for row in audit_rows) + sum(len(c.findings) for c in whole.values())
    legend = "".join(f'<span class="{state}">{label}</span>' for state, label in STATE_LABELS.items())
    toc = "".join(
        f'<li><a href="#{escape(doc_id)}">{escape(rows[0].territory or doc_id)} '
        f"({escape(str(rows[0].period_start or ''))}-{escape(str(rows[0].period_end or ''))})</a></li>"
        for doc_id, rows in grouped.items()
    )
    body = [
        "<h1>CTG audit report</h1>",
        files_summary(files_frame),
        f"<p>{len(grouped)} conventions, {len(audit_rows)} communes and EPCI, {findings} findings.</p>",
        f'<p class="legend">{legend} — "unknown": the evidence is not in the corpus or could not be read; '
        "it never means no.</p>",
        f"<ul>{toc}</ul>",
        *sections,
        "<h2>Deliberations in the corpus</h2>",
        deliberations_table(documents, links),
    ]
    return (
        '<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        f"<title>CTG audit report</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def write_report(
    out: Path,
    documents: list[Document],
    audit_rows: list[AuditRow],
    files_frame: pd.DataFrame,
    link_prefix: str = "../",
    conventions: Iterable[ConventionAudit] = (),
) -> Path:
    """Write out/report.html; return its path."""
    path = out / "report.html"
    page = render_report(documents, audit_rows, files_frame, link_prefix, conventions)
    path.write_text(page, encoding="utf-8")
    return path
