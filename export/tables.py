"""Every output table, built from the core types in one place (DESIGN.md, Output contract).

Each builder yields one flat row per value; `build_tables` orders the columns as the
contract in export/schema.py declares them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from ctg.core.model import DedupeResult, Deliberation, Document, FileResult, Party, SignatureBlock, Span

Row = dict[str, object]


@dataclass(frozen=True, slots=True)
class RunData:
    """What the tables are made from: every file's result and the dedupe links."""

    results: list[FileResult]
    dedupe: DedupeResult

    @property
    def documents(self) -> Iterator[Document]:
        for result in self.results:
            yield from result.documents


def _where(span: Span | None, line_end: bool = True) -> Row:
    if span is None:
        return {"page": None, "line_start": None, "line_end": None} | ({"page_end": None} if line_end else {})
    row: Row = {"file": span.file, "page": span.page, "line_start": span.line_start}
    if line_end:  # a row over two pages ends at line_end of page_end
        row["page_end"] = span.page_end or span.page
        row["line_end"] = span.line_end
    return row


def _joined(values: Iterable[str]) -> str:
    return "; ".join(value for value in values if value)


def files_rows(data: RunData) -> Iterator[Row]:
    for r in data.results:
        source = r.source
        yield {
            "file": source.file,
            "sha256": source.sha256,
            "bytes": source.bytes,
            "pages": len(source.pages),
            "status": source.status,
            "error": source.error,
            "seconds": source.seconds,
            "encoding": source.encoding,
            "signed_date": source.signed_date,
            "documents": len(r.documents),
            "cached": r.cached,
        }


def pages_rows(data: RunData) -> Iterator[Row]:
    for r in data.results:
        for page in r.source.pages:
            yield {
                "file": page.file,
                "page": page.number,
                "method": page.method,
                "chars": page.chars,
                "lines": len(page.lines),
                "ocr_confidence": page.ocr_confidence,
                "quality": page.quality,
                "rotation": page.rotation,
                "reason": page.reason,
                "read_from": page.read_from,
            }


def documents_rows(data: RunData) -> Iterator[Row]:
    for doc in data.documents:
        canonical = data.dedupe.canonical.get(doc.doc_id, doc.doc_id)
        span = doc.span
        yield {
            "doc_id": doc.doc_id,
            "file": doc.file,
            "position": doc.position,
            "kind": doc.kind,
            "convention_type": doc.convention_type,
            "title": doc.title,
            "territory": doc.territory,
            "period_start": doc.period_start,
            "period_end": doc.period_end,
            "signed_place": doc.signed_place,
            "signed_date": doc.signed_date,
            "page_start": span.page,
            "page_end": span.page_end or span.page,
            "line_start": span.line_start,
            "line_end": span.line_end,
            "duplicate_of": doc.duplicate_of or (canonical if canonical != doc.doc_id else None),
            "text_sha": doc.text_sha,
            "problems": _joined(doc.problems),
        }


def _named(doc: Document, item: Party | SignatureBlock) -> Row:
    """What a party and a signature block both say: who, as written, and its official codes."""
    return {
        "doc_id": doc.doc_id,
        "position": item.position,
        "as_written": item.as_written,
        "party_type": item.party_type,
        "name": item.name,
        "insee": item.insee,
        "siren": item.siren,
    }


def parties_rows(data: RunData) -> Iterator[Row]:
    for doc in data.documents:
        for party in doc.parties:
            yield {
                **_named(doc, party),
                "representative": party.representative,
                "role": party.role,
                "resolution": party.resolution,
                **_where(party.span),
            }


def signatures_rows(data: RunData) -> Iterator[Row]:
    for doc in data.documents:
        for block in doc.signatures:
            yield {
                **_named(doc, block),
                "signers": _joined(_person_name(p) for p in block.signers),
                "signer_roles": _joined(p.role for p in block.signers),
                "resolution": block.resolution,
                **_where(block.span),
            }


def _person_name(person: object) -> str:
    first = getattr(person, "first_name", "")
    last = getattr(person, "last_name", "")
    return " ".join(part for part in (first, last) if part) or getattr(person, "as_written", "")


def articles_rows(data: RunData) -> Iterator[Row]:
    for doc in data.documents:
        for article in doc.articles:
            yield {
                "doc_id": doc.doc_id,
                "number": article.number,
                "title": article.title,
                **_where(article.span),
                "chars": article.chars,
            }


def annexes_rows(data: RunData) -> Iterator[Row]:
    for doc in data.documents:
        for annex in doc.annexes:
            yield {
                "doc_id": doc.doc_id,
                "number": annex.number,
                "title": annex.title,
                "listed": annex.listed,
                "present": annex.present,
                "file": doc.file,
                **_where(annex.span),
            }


def deliberations_rows(data: RunData) -> Iterator[Row]:
    for doc in data.documents:
        for position, d in enumerate(doc.deliberations):
            yield _deliberation_row(doc, position, d)


def _deliberation_row(doc: Document, position: int, d: Deliberation) -> Row:
    return {
        "doc_id": doc.doc_id,
        "position": position,
        "collectivite": d.collectivite,
        "insee": d.insee,
        "siren": d.siren,
        "seance_date": d.seance_date,
        "number": d.number,
        "objet": d.objet,
        "en_exercice": d.en_exercice,
        "votants": d.votants,
        "pour": d.pour,
        "contre": d.contre,
        "abstention": d.abstention,
        "unanimite": d.unanimite,
        # figures as printed; the names listed are in presents_names / pouvoirs_detail
        "presents": d.presents_count,
        "pouvoirs": d.pouvoirs_count,
        "presents_names": _joined(d.presents),
        "pouvoirs_detail": _joined(f"{p.giver} → {p.holder}" for p in d.pouvoirs),
        "absents": _joined(d.absents),
        "president": d.president,
        "secretaire": d.secretaire,
        "decisions": _joined(d.decisions),
        "executoire_date": d.executoire_date,
        "actes_id": d.actes_id,
        "derived": _joined(d.derived),
        **_where(d.span),
    }


def stamps_rows(data: RunData) -> Iterator[Row]:
    for doc in data.documents:
        for s in doc.stamps:
            yield {
                **_where(s.span),
                "doc_id": doc.doc_id,
                "source": s.source,
                "sent": s.sent,
                "received": s.received,
                "published": s.published,
                "displayed": s.displayed,
                "actes_id": s.actes_id,
                "departement": s.departement,
                "siren": s.siren,
                "insee": s.insee,
                "act_date": s.act_date,
                "act_number": s.act_number,
                "nature": s.nature,
                "matiere": s.matiere,
                "matiere_nom": s.matiere_nom,
            }


def equipments_rows(data: RunData) -> Iterator[Row]:
    for doc in data.documents:
        for e in doc.equipments:
            yield {
                "doc_id": doc.doc_id,
                "structure_type": e.structure_type,
                "name": e.name,
                "address": e.address,
                "commune": e.commune,
                "insee": e.insee,
                "manager": e.manager,
                **_where(e.span, line_end=False),
            }


def actions_rows(data: RunData) -> Iterator[Row]:
    for doc in data.documents:
        for a in doc.actions:
            yield {
                "doc_id": doc.doc_id,
                "number": a.number,
                "title": a.title,
                "theme": a.theme,
                "pilot": a.pilot,
                "partners": a.partners,
                "objectives": a.objectives,
                "budget": a.budget,
                **_where(a.span, line_end=False),
            }


def duplicates_rows(dedupe: DedupeResult) -> Iterator[Row]:
    """The one run-level table: made once, after every file is read; sorted, so the same run
    gives the same rows whatever order its files were read in."""
    for link in sorted(dedupe.links, key=lambda x: (x.cluster, x.relation, x.doc_id)):
        yield {
            "doc_id": link.doc_id,
            "cluster": link.cluster,
            "canonical_doc_id": link.canonical_doc_id,
            "similarity": round(link.similarity, 4),
            "relation": link.relation,
            "evidence": link.evidence,
        }


BUILDERS: dict[str, Callable[[RunData], Iterator[Row]]] = {
    "files": files_rows,
    "pages": pages_rows,
    "documents": documents_rows,
    "parties": parties_rows,
    "signatures": signatures_rows,
    "articles": articles_rows,
    "annexes": annexes_rows,
    "deliberations": deliberations_rows,
    "stamps": stamps_rows,
    "equipments": equipments_rows,
    "actions": actions_rows,
}


def file_rows(result: FileResult) -> dict[str, Iterator[Row]]:
    """The rows one file contributes to each per-file table."""
    data = RunData(results=[result], dedupe=DedupeResult())
    return {name: builder(data) for name, builder in BUILDERS.items()}
