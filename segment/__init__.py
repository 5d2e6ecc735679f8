"""Segment stage: a normalized file's lines → documents, each with its parts and their provenance.

`segment_file(source) -> list[Document]` is the entry point the pipeline calls. The work is split by
concern:

- documents.py  cut the file into documents (deliberation, minutes, each copy of a convention,
                annexes, acknowledgements of receipt, the acts of a recueil) from start cues,
                covers and stamps;
- conventions.py  a state machine over a convention's lines (cover → parties → SOMMAIRE → visas →
                préambule → articles → signatures → annex list → annex bodies) whose refused moves
                become the document's problems;
- parties.py, articles.py, signatures.py, annexes.py, tables.py  read each section;
- titles.py  title, territory and period;
- patterns.py  the domain patterns, as data, each with an example;
- scoring.py  precision / recall / F1 per table against ground truth (bench/accuracy.py, tests).

Deliberation fields and prefecture stamps are read by deliberations.py and stamps.py, vote
formulas by votes.py; minutes.py cuts the minutes of a sitting into its voted items (one
`Deliberation` each, with the sitting's date and counts) and reads the items a list or summary of
deliberations names.
"""

from __future__ import annotations

import hashlib

from ctg.core.model import Document, Line, SourceFile, Span
from ctg.segment.annexes import HEADING_LINES, annex_body_headings, annex_heading
from ctg.segment.convention_types import convention_type, type_named
from ctg.segment.conventions import parse_convention
from ctg.segment.deliberations import looks_like_deliberation, parse_deliberation
from ctg.segment.documents import Segment, split_documents, toc_lines
from ctg.segment.minutes import is_list_title, list_items, minutes_title, parse_items
from ctg.segment.patterns import DELIB_HEADING
from ctg.segment.signatures import closing_signatures
from ctg.segment.stamps import find_stamps
from ctg.segment.tables import parse_actions, parse_equipments
from ctg.segment.text import clean, content_lines
from ctg.segment.titles import convention_title, find_period, heading_title, mentioned_territory, territory_of

__all__ = ["segment_file"]


def doc_id(file_sha256: str, position: int, file: str) -> str:
    """Stable across runs: the file's content hash, its name and the document's place in it.

    The name is part of it: the same PDF saved twice under two names in one batch gives two
    documents (the second a copy of the first), never one id for two rows.
    """
    return hashlib.sha256(f"{file_sha256}:{file}:{position}".encode()).hexdigest()[:16]


def text_sha(lines: list[Line]) -> str:
    body = "\n".join(" ".join(line.text.split()) for line in lines)
    return hashlib.sha256(body.encode()).hexdigest()


def _document(source: SourceFile, segment: Segment, position: int, all_lines: list[Line]) -> Document:
    first, last = segment.lines[0], segment.lines[-1]
    # The document keeps every line between its first and last content line (blank lines too).
    lines = [
        line
        for line in all_lines
        if (first.page, first.number) <= (line.page, line.number) <= (last.page, last.number)
    ]
    # Body text only: copies of a document differ by their stamps, running headers and page numbers.
    content = [line for line in lines if line.role == "body" and line.text.strip()]
    return Document(
        doc_id=doc_id(source.sha256, position, source.file),
        file=source.file,
        position=position,
        kind=segment.kind,
        span=Span.of_lines(source.file, segment.lines),
        text_sha=text_sha(content),
        lines=lines,
    )


def _fill(document: Document, segment: Segment, annex_bodies: dict[str, tuple[str, Span]]) -> None:
    lines, file = segment.lines, document.file
    document.stamps = list(find_stamps(lines, file))
    if document.kind == "convention":
        parse_convention(document, lines, annex_bodies)
        document.title = convention_title(lines)
        document.convention_type = convention_type(lines)
        document.territory = territory_of(document)
    elif document.kind == "annex":
        heading = annex_heading(lines)
        document.title = clean(f"Annexe {heading[0]} – {heading[1]}") if heading else clean(lines[0].text)
        document.period_start, document.period_end = find_period([Line(document.title, 0, 0)])
    items = parse_items(_paragraphs(document.lines), file) if document.kind == "minutes" else []
    if document.kind == "minutes" and len(items) <= 1 and looks_like_deliberation(lines):
        document.kind = "deliberation"  # one act titled as an extract of the minutes
    if document.kind == "minutes":
        document.deliberations = items
        document.title = minutes_title(lines)
        document.territory = mentioned_territory(lines)
    elif document.kind == "deliberation":
        act = parse_deliberation(lines, file)
        document.deliberations = [act] if act is not None else []
        objet = act.objet if act else ""
        document.title = heading_title(lines, DELIB_HEADING.regex, objet)
        document.territory = mentioned_territory(lines)
        document.period_start, document.period_end = find_period(lines)
    elif document.kind not in ("convention", "annex"):  # read above
        document.title = clean(lines[0].text)
        document.territory = mentioned_territory(lines)
        if is_list_title(lines):  # a list or summary of deliberations: its items are rows
            document.deliberations = list_items(_paragraphs(document.lines), file)
    if document.kind not in {"convention", "annex"}:
        document.signatures = closing_signatures(lines, file)
    document.actions = parse_actions(lines, file)
    for act in document.deliberations:
        act.approves = type_named(act.objet)


def _paragraphs(lines: list[Line]) -> list[Line]:
    """Body lines with the blank lines between them (paragraph breaks) and the lines normalize took for
    running headers or footers: a vote line repeated at the foot of pages ("Vote : unanimité") is one."""
    return [line for line in lines if line.role in ("body", "blank", "header", "footer")]


def _annex_bodies(file: str, lines: list[Line]) -> dict[str, tuple[str, Span]]:
    """Number -> (title, span of the heading) of every annex body in the file."""
    bodies: dict[str, tuple[str, Span]] = {}
    for i in sorted(annex_body_headings(lines, toc_lines(lines))):
        heading = annex_heading(lines[i : i + 1 + HEADING_LINES])
        if heading:
            bodies.setdefault(heading[0], (heading[1], Span.of_lines(file, [lines[i]])))
    return bodies


def segment_file(source: SourceFile) -> list[Document]:
    """Split a normalized file into documents and read each one's structure."""
    all_lines = source.lines
    segments = split_documents(all_lines)
    annex_bodies = _annex_bodies(source.file, content_lines(all_lines))
    documents: list[Document] = []
    for position, segment in enumerate(segments):
        document = _document(source, segment, position, all_lines)
        _fill(document, segment, annex_bodies)
        documents.append(document)
    # Equipment rows name their commune; the file's parties say which names are communes.
    communes = [
        name
        for doc in documents
        for p in doc.parties
        if p.party_type == "commune"
        for name in (p.name, p.as_written)
    ]
    for document, segment in zip(documents, segments, strict=True):
        document.equipments = parse_equipments(segment.lines, source.file, communes)
    return documents
