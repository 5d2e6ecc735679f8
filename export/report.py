"""out/report.html: one self-contained page in French a person can open, with no network and no script.

Per canonical convention: where and when it was signed, a picture of its territory (its communes
as tiles coloured by state), a matrix of its communes and EPCI × evidence (party, signature
block, signer named, deliberation, stamp) coloured green (oui), red (non) and grey (inconnu),
each cell linking to the file and page where the evidence was read (the line in the link's
title), its annexes, then every finding, counted by severity. Then each commune across the
conventions that name it, the deliberations of the corpus, and a footer with ctg's version,
the run's date and the input root.

The page is the template templates/report.html filled with the view built here; Jinja2
escapes everything that comes from a document (a document may hold any text).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import pandas as pd
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from ctg.core.model import AuditRow, CommuneEntry, ConventionAudit, Document, Finding, Span

TEMPLATES = Path(__file__).with_name("templates")
# The evidence columns of the matrix: (header, AuditRow attribute, evidence label that links it).
MATRIX_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("Partie", "is_party", "party"),
    ("Bloc de signature", "has_signature_block", "signature"),
    ("Signataire nommé", "signer_named", "signature"),
    ("Délibération", "deliberation", "deliberation"),
    ("Tampon de la préfecture", "stamp", "stamp"),
)
# How each state reads in a cell, beside its colour (the symbol keeps it readable without colour).
STATE_LABELS: dict[str, str] = {"yes": "✔ oui", "no": "✘ non", "unknown": "? inconnu"}
SOURCE_LABELS: dict[str, str] = {
    "party": "parties",
    "signature": "signatures",
    "visa": "visas",
    "preambule": "préambule",
    "annex_decisions": "annexe des décisions",
    "epci_member": "membre de l'EPCI (référentiel)",
    "earlier_territory": "territoire antérieur",
}
# A severity as counted: (one, several). Example: "2 problèmes, 1 à vérifier".
SEVERITY_LABELS: dict[str, tuple[str, str]] = {
    "problem": ("problème", "problèmes"),
    "warning": ("à vérifier", "à vérifier"),
    "note": ("note", "notes"),
}
STATUS_LABELS: dict[str, str] = {
    "ok": "lus",
    "partial": "lus en partie",
    "error": "en échec",
    "skipped": "ignorés",
}
# A commune's tile in the territory picture: (state, label), the first that holds wins.
TILE_STATES: tuple[tuple[str, str], ...] = (
    ("problem", "problème relevé"),
    ("complete", "partie, signée, délibération trouvée"),
    ("partial", "partie, une preuve manque"),
    ("outside", "pas partie (cité, membre de l'EPCI ou territoire antérieur)"),
)
# English words of the audit table's vote column, as the report says them.
VOTE_WORDS: tuple[tuple[str, str], ...] = (
    ("unanimous", "unanimité"),
    ("not read", "non lu"),
    ("unknown", "inconnu"),
)
# No script, no network: only inline style may run (and links may be followed).
CSP = "default-src 'none'; style-src 'unsafe-inline'"


@dataclass(frozen=True, slots=True)
class ReportContext:
    """What the footer says and how links reach the inputs: `link_prefix` + the file's path."""

    link_prefix: str = "../"
    version: str = ""
    run_date: str = ""
    input_root: str = ""
    prefixes: dict[str, str] = field(default_factory=dict)  # a file -> its own input root's prefix


@dataclass(frozen=True, slots=True)
class Link:
    text: str
    href: str
    title: str  # file, page and line


@dataclass(frozen=True, slots=True)
class Links:
    """How a span becomes a link: `prefix` + the file's path + "#page=N", the line in the title."""

    prefix: str = "../"
    prefixes: dict[str, str] = field(default_factory=dict)  # files of another input root

    def href(self, span: Span) -> str:
        return f"{self.prefixes.get(span.file, self.prefix)}{quote(span.file)}#page={span.page}"

    def of(self, span: Span | None, text: str | None = None) -> Link | None:
        if span is None:
            return None
        where = f"{span.file}, page {span.page}, ligne {span.line_start}"
        return Link(text or f"{Path(span.file).name} p. {span.page}", self.href(span), where)


@dataclass(slots=True)
class Cell:
    state: str
    label: str
    details: list[tuple[str, str, bool]] = field(default_factory=list)  # (label, value, is a date)
    link: Link | None = None


@dataclass(slots=True)
class MatrixRow:
    name: str
    code: str
    name_link: Link | None
    cells: list[Cell]
    sources: list[tuple[str, Link | None]]


@dataclass(slots=True)
class Tile:
    name: str
    state: str
    title: str


@dataclass(slots=True)
class FindingItem:
    severity: str
    who: str
    text: str


@dataclass(slots=True)
class Section:
    doc_id: str
    heading: str
    file: str
    doc_link: Link | None
    signed_place: str
    signed_date: str
    counts: str
    named: list[MatrixRow]
    members: list[MatrixRow]
    tiles: list[Tile]
    annexes: list[tuple[str, str, bool, Link | None]]  # number, title, present, where listed
    findings: list[FindingItem]
    severities: list[tuple[str, int]]  # (label, count), summing to len(findings)

    @property
    def finding_count(self) -> int:
        return sum(count for _, count in self.severities)


def french_vote(vote: str) -> str:
    for english, french in VOTE_WORDS:
        vote = vote.replace(english, french)
    return vote


def finding_text(found: Finding) -> str:
    return found.french or found.text


def deliberation_details(row: AuditRow) -> list[tuple[str, str, bool]]:
    details = [("Séance", row.deliberation_date.isoformat(), True)] if row.deliberation_date else []
    details += [("N°", row.deliberation_number, False)] if row.deliberation_number else []
    details += [("Vote", french_vote(row.vote), False)] if row.vote else []
    return details


def matrix_row(row: AuditRow, links: Links) -> MatrixRow:
    first = next(iter(row.evidence.values()), None)
    cells = []
    for _, attribute, label in MATRIX_COLUMNS:
        state = getattr(row, attribute)
        details = deliberation_details(row) if attribute == "deliberation" else []
        cells.append(Cell(state, STATE_LABELS.get(state, state), details, links.of(row.evidence.get(label))))
    sources = [
        (SOURCE_LABELS.get(source, source), links.of(row.evidence.get(source), SOURCE_LABELS.get(source)))
        for source in row.sources
    ]
    name_link = links.of(first) if row.is_party != "yes" else None
    return MatrixRow(row.commune, row.insee or row.siren or "", name_link, cells, sources)


def only_epci_member(row: AuditRow) -> bool:
    """A commune the convention never names, there only because the reference puts it in the EPCI."""
    return row.sources == ["epci_member"]


def tile_state(row: AuditRow) -> str:
    if any(f.severity == "problem" for f in row.findings):
        return "problem"
    if row.is_party != "yes":
        return "outside"
    evidence = (row.has_signature_block, row.signer_named, row.deliberation)
    return "complete" if all(state == "yes" for state in evidence) else "partial"


def tiles(rows: list[AuditRow]) -> list[Tile]:
    """The territory picture: one tile per commune the convention names (not the EPCI's other members)."""
    labels = dict(TILE_STATES)
    found = []
    for row in rows:
        if row.kind != "commune" or only_epci_member(row):
            continue
        state = tile_state(row)
        found.append(
            Tile(row.commune, state, f"{row.commune} ({row.insee or 'INSEE inconnu'}) : {labels[state]}")
        )
    return found


def finding_items(rows: list[AuditRow], whole: ConventionAudit | None) -> list[FindingItem]:
    items = [
        FindingItem(f.severity, "Convention", finding_text(f)) for f in (whole.findings if whole else [])
    ]
    items += [FindingItem(f.severity, row.commune, finding_text(f)) for row in rows for f in row.findings]
    return items


def severity_counts(items: list[FindingItem]) -> list[tuple[str, int]]:
    found = [(code, sum(item.severity == code for item in items)) for code in SEVERITY_LABELS]
    return [(SEVERITY_LABELS[code][count > 1], count) for code, count in found if count]


def counts(rows: list[AuditRow]) -> str:
    parties = [row for row in rows if row.is_party == "yes"]
    return (
        f"{len(parties)} parties : {sum(r.has_signature_block == 'yes' for r in parties)} avec un bloc de "
        f"signature, {sum(r.signer_named == 'yes' for r in parties)} avec un signataire nommé, "
        f"{sum(r.deliberation == 'yes' for r in parties)} avec une délibération d'approbation trouvée."
    )


def section(
    doc: Document | None, rows: list[AuditRow], links: Links, whole: ConventionAudit | None
) -> Section:
    first = rows[0]
    period = f"{first.period_start}-{first.period_end}" if first.period_start else "années inconnues"
    title = (doc.title if doc else first.convention_title) or "Convention"
    named = [row for row in rows if not only_epci_member(row)]
    members = [row for row in rows if only_epci_member(row)]
    annexes = [
        (a.number, " ".join(a.title.split()), a.present, links.of(a.span))
        for a in (whole.annexes if whole else [])
    ]
    items = finding_items(rows, whole)
    return Section(
        doc_id=first.convention_doc_id,
        heading=f"{title} — {first.territory or 'territoire inconnu'} ({period})",
        file=first.convention_file,
        doc_link=links.of(doc.span) if doc else None,
        signed_place=whole.signed_place if whole else "",
        signed_date=whole.signed_date.isoformat() if whole and whole.signed_date else "",
        counts=counts(rows),
        named=[matrix_row(row, links) for row in named],
        members=[matrix_row(row, links) for row in members],
        tiles=tiles(rows),
        annexes=annexes,
        findings=items,
        severities=severity_counts(items),
    )


@dataclass(slots=True)
class DeliberationLine:
    collectivite: str
    code: str
    seance: str
    number: str
    objet: str
    vote: str
    link: Link | None


def deliberation_lines(documents: Iterable[Document], links: Links) -> list[DeliberationLine]:
    found = []
    for doc in documents:
        if doc.kind not in ("deliberation", "minutes") or doc.duplicate_of is not None:
            continue
        for delib in doc.deliberations:
            seance = delib.seance_date.isoformat() if delib.seance_date else ""
            found.append(
                DeliberationLine(
                    " ".join(delib.collectivite.split()), delib.insee or "", seance,
                    " ".join(delib.number.split()), " ".join(delib.objet.split()),
                    french_vote(delib.vote_text), links.of(delib.span),
                )
            )  # fmt: skip
    return found


@dataclass(slots=True)
class CommuneBlock:
    """A commune across the run's conventions: (section anchor, convention, what the audit says)."""

    name: str
    insee: str
    items: list[tuple[str, str, str]]


def commune_blocks(entries: Iterable[CommuneEntry]) -> list[CommuneBlock]:
    blocks: dict[tuple[str, str], CommuneBlock] = {}
    for item in entries:
        block = blocks.setdefault((item.commune, item.insee), CommuneBlock(item.commune, item.insee, []))
        where = " · ".join(SOURCE_LABELS.get(source, source) for source in item.sources)
        said = f"partie : {STATE_LABELS[item.is_party]}, délibération : {STATE_LABELS[item.deliberation]}"
        if item.deliberation_date:
            said += f" du {item.deliberation_date}"
        title = f"{item.territory or 'territoire inconnu'} ({item.period or 'années inconnues'})"
        block.items.append((f"#{item.convention_doc_id}", title, f"cité dans : {where} ; {said}"))
    return list(blocks.values())


def files_view(files: pd.DataFrame | None) -> tuple[str, list[str]]:
    """The files' counts by status, and the failed then partly read files with why."""
    if files is None or files.empty:
        return "Aucun fichier.", []
    statuses = files["status"].value_counts().to_dict() if "status" in files else {}
    said = ", ".join(f"{n} {STATUS_LABELS.get(str(s), str(s))}" for s, n in sorted(statuses.items()))
    shown = files[files["status"].isin(["error", "partial"])] if "status" in files else files.iloc[0:0]
    shown = shown.sort_values("status", kind="stable")
    items = [
        f"{r.file} ({STATUS_LABELS.get(str(r.status), str(r.status))}) : {r.error}"
        for r in shown.itertuples(index=False)
    ]
    return f"{len(files)} fichiers : {said}.", items


def environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_report(
    documents: list[Document],
    audit_rows: list[AuditRow],
    files_frame: pd.DataFrame,
    link_prefix: str = "../",
    conventions: Iterable[ConventionAudit] = (),
    context: ReportContext | None = None,
    communes: Iterable[CommuneEntry] = (),
) -> str:
    """The whole report as one HTML page (inline CSS, no script, no network).

    Links point at `link_prefix` + the input's relative path + "#page=N"; with the default
    "../", an out/ folder beside the inputs' root opens the source at the page.
    """
    context = context or ReportContext(link_prefix)
    links = Links(context.link_prefix, context.prefixes)
    by_id = {doc.doc_id: doc for doc in documents}
    whole = {c.convention_doc_id: c for c in conventions}
    grouped: dict[str, list[AuditRow]] = {}
    for row in audit_rows:
        grouped.setdefault(row.convention_doc_id, []).append(row)
    sections = [
        section(by_id.get(doc_id), rows, links, whole.get(doc_id)) for doc_id, rows in grouped.items()
    ]
    files_said, files_listed = files_view(files_frame)
    return (
        environment()
        .get_template("report.html")
        .render(
            csp=Markup(CSP),  # a constant of ours, not a document's text
            files_said=files_said,
            files_listed=files_listed,
            sections=sections,
            places=len(audit_rows),
            findings=sum(s.finding_count for s in sections),
            states=STATE_LABELS,
            tile_states=TILE_STATES,
            deliberations=deliberation_lines(documents, links),
            communes=commune_blocks(communes),
            context=context,
            headers=[header for header, _, _ in MATRIX_COLUMNS],
        )
    )


def write_report(
    out: Path,
    documents: list[Document],
    audit_rows: list[AuditRow],
    files_frame: pd.DataFrame,
    link_prefix: str = "../",
    conventions: Iterable[ConventionAudit] = (),
    context: ReportContext | None = None,
    communes: Iterable[CommuneEntry] = (),
) -> Path:
    """Write out/report.html; return its path."""
    path = out / "report.html"
    page = render_report(documents, audit_rows, files_frame, link_prefix, conventions, context, communes)
    path.write_text(page, encoding="utf-8")
    return path
