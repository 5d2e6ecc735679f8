"""The run's canonical documents indexed once for the audit, and what resolve read of their places."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ctg.audit.dates import Versions
from ctg.core.model import AuditInputs, Document, DuplicateLink
from ctg.resolve.mentions import is_ctg, read_places
from ctg.resolve.reference import Reference


@dataclass(slots=True)
class AuditIndex:
    """The run's canonical documents indexed for the audit: each lookup is done once per run."""

    conventions: list[Document]
    ctg_deliberations: list[Document]
    by_owner: dict[str, list[Document]]  # INSEE or "siren:…" -> the council's CTG deliberations
    copies: dict[str, list[Document]]  # canonical doc_id -> its copies
    versions: Versions = field(default_factory=lambda: Versions([], {}))
    by_file: dict[str, list[Document]] = field(default_factory=dict)  # every document of each file

    @classmethod
    def of(cls, documents: list[Document], links: Iterable[DuplicateLink] = ()) -> AuditIndex:
        canonical = [d for d in documents if d.duplicate_of is None]
        ctg = [d for d in canonical if d.kind == "deliberation" and d.deliberation is not None and is_ctg(d)]
        by_owner: dict[str, list[Document]] = {}
        for doc in ctg:
            assert doc.deliberation is not None
            for key in {
                doc.deliberation.insee,
                f"siren:{doc.deliberation.siren}" if doc.deliberation.siren else None,
            }:
                if key:
                    by_owner.setdefault(key, []).append(doc)
        copies: dict[str, list[Document]] = {}
        for doc in documents:
            if doc.duplicate_of is not None:
                copies.setdefault(doc.duplicate_of, []).append(doc)
        conventions = [d for d in canonical if d.kind == "convention"]
        canonical_of = {d.doc_id: d.duplicate_of or d.doc_id for d in documents}
        by_file: dict[str, list[Document]] = {}
        for doc in documents:
            by_file.setdefault(doc.file, []).append(doc)
        return cls(conventions, ctg, by_owner, copies, Versions(links, canonical_of), by_file)

    def owned(self, insee: str | None, siren: str | None) -> list[Document]:
        found = self.by_owner.get(insee or "", []) + self.by_owner.get(f"siren:{siren}", [])
        return list({id(doc): doc for doc in found}.values())


def audit_inputs(doc: Document, ref: Reference) -> AuditInputs:
    """What resolve read of the places in `doc`'s lines (Document.audit); read now for a document
    that resolve did not fill (one built by hand with its lines)."""
    if doc.audit is None:
        doc.audit = read_places(doc, ref)
    return doc.audit
