"""The signature audit: for each canonical convention, every commune and EPCI it involves.

One `AuditRow` per convention and place (commune or EPCI) named anywhere in it — parties,
signature blocks, visas, préambule, annex of council decisions, members (reference) of the
EPCI that signs — and per commune of an earlier convention or deliberation of the same
territory that this one no longer holds. "Earlier" is the latest canonical convention of the
same territory, or CTG deliberation naming the territory, whose CTG starts before this one;
its communes are its parties (a convention) or its longest list of communes (a deliberation).

Tri-state columns (`is_party`, `has_signature_block`, `signer_named`, `deliberation`,
`stamp`) hold the text "yes", "no" or "unknown". "unknown" means the evidence is not in the
corpus or could not be read: a council whose deliberation is not in the corpus is "unknown",
never "no"; "no" is said only when the document shows the absence (a parties list that
lacks the commune, a signature section without its block, a deliberation that did not adopt).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping

import pandas as pd

from ctg.audit.annexes import annex_list, missing_annexes
from ctg.audit.approval import approval, stamp_of
from ctg.audit.dates import order_findings, signature_findings, version_findings
from ctg.audit.findings import finding
from ctg.audit.index import AuditIndex, audit_inputs
from ctg.audit.territory import EarlierTerritory, earlier_mentions, earlier_territory, territory_findings
from ctg.core.model import (
    AuditRow,
    ConventionAudit,
    Document,
    DuplicateLink,
    Finding,
    Mention,
    MentionSource,
    SignatureBlock,
    Stamp,
    Tri,
)
from ctg.resolve.epci import read_written
from ctg.resolve.mentions import convention_mentions, mention_key
from ctg.resolve.names import place_key
from ctg.resolve.reference import Reference, load_reference

# Sources that come from the convention's own text (the others come from the reference or other documents).
TEXT_SOURCES: tuple[MentionSource, ...] = ("party", "signature", "visa", "preambule", "annex_decisions")
NAMED_SOURCES: tuple[MentionSource, ...] = ("visa", "preambule", "annex_decisions")
SOURCE_WORDS: dict[str, str] = {
    "visa": "visas",
    "preambule": "préambule",
    "annex_decisions": "annex of council decisions",
}
# The audit table's columns: (name, Table Schema type, description). The first eleven are the


def group_mentions(mentions: list[Mention]) -> dict[str, list[Mention]]:
    groups: dict[str, list[Mention]] = {}
    for mention in mentions:
        groups.setdefault(mention_key(mention), []).append(mention)
    return groups


def block_of(doc: Document, insee: str | None, siren: str | None) -> SignatureBlock | None:
    return next(
        (
            b
            for b in doc.signatures
            if (insee and b.insee == insee) or (not insee and siren and b.siren == siren)
        ),
        None,
    )


def signer_named(block: SignatureBlock) -> bool:
    return any(s.last_name or s.first_name or s.as_written.strip() for s in block.signers)


def spelling_key(mention: Mention) -> str:
    """What must differ for two spellings to count: the name's key; for an EPCI, its nature and base name
    ("Communauté de communes de Vallée des Baux" is "Communauté de Communes Vallée des Baux")."""
    if mention.kind == "epci":
        nature, base, _ = read_written(mention.as_written)
        return f"{nature} {base}"
    return place_key(mention.as_written)


def spellings(mentions: list[Mention]) -> list[str]:
    """Distinct spellings by source, when the document writes the name in more than one way."""
    by_key: dict[str, list[str]] = {}
    written: dict[str, str] = {}
    for mention in mentions:
        if mention.source not in TEXT_SOURCES:
            continue
        key = spelling_key(mention)
        written.setdefault(key, mention.as_written)
        source = SOURCE_WORDS.get(mention.source, mention.source)
        if source not in by_key.setdefault(key, []):
            by_key[key].append(source)
    if len(by_key) < 2:
        return []
    return [f"{written[key]} ({', '.join(sources)})" for key, sources in by_key.items()]


def signature_state(
    doc: Document, block: SignatureBlock | None, unreadable: Collection[int]
) -> tuple[Tri, list[Finding]]:
    if block is not None:
        return "yes", []
    if not doc.signatures:
        return "unknown", [finding("no_signatures_read")]
    if unreadable:
        return "unknown", [finding("unreadable_pages", pages=", ".join(map(str, sorted(unreadable))))]
    return "no", []


def place_row(
    doc: Document,
    mentions: list[Mention],
    index: AuditIndex,
    stamps: list[Stamp],
    signing_epci: dict[str, str],
    earlier: EarlierTerritory | None,
    unreadable: Collection[int],
) -> AuditRow:
    """The audit row of one place of one convention: states, evidence and findings."""
    first = mentions[0]
    kind = first.kind
    insee = next((m.insee for m in mentions if m.insee), None)
    siren = next((m.siren for m in mentions if m.siren), None)
    sources = list(dict.fromkeys(m.source for m in mentions))
    name = next((m.name for m in mentions if m.name and (m.insee or m.siren)), first.name or first.as_written)
    row = AuditRow(doc.doc_id, doc.territory, kind, name, insee, siren, sources=sources)
    row.convention_file, row.convention_title = doc.file, doc.title
    row.period_start, row.period_end = doc.period_start, doc.period_end
    for mention in mentions:
        if mention.span is not None:
            row.evidence.setdefault(mention.source, mention.span)
    parties_read = any(p.party_type in ("commune", "epci") for p in doc.parties)
    row.is_party = "yes" if "party" in sources else "no" if parties_read else "unknown"
    block = block_of(doc, insee, siren) if (insee or siren) else None
    if block is None and "signature" in sources:
        block = next((b for b in doc.signatures if b.span == row.evidence.get("signature")), None)
    row.has_signature_block, found = signature_state(doc, block, unreadable)
    row.signer_named = "unknown" if row.has_signature_block == "unknown" else "no"
    if block is not None:
        row.signer_named = "yes" if signer_named(block) else "no"
        if row.signer_named == "no":
            roles = ", ".join(s.role for s in block.signers if s.role) or "none"
            found.append(finding("signature_without_name", role=roles))
    if row.is_party == "yes" and row.has_signature_block == "no":
        found.append(finding("party_without_signature"))
    if row.has_signature_block == "yes" and row.is_party == "no":
        found.append(finding("signature_not_party"))
    named = [SOURCE_WORDS[s] for s in sources if s in NAMED_SOURCES]
    if row.is_party == "no" and named:
        found.append(finding("named_not_party", sources=" and ".join(named)))
    visa_cites_councils = any(m.source == "visa" for m in mentions) or any(
        re.search(r"conseils?\s+municipa", visa, re.I) for visa in doc.visas
    )
    if kind == "commune" and row.is_party == "yes" and "visa" not in sources and visa_cites_councils:
        found.append(finding("party_not_in_visa"))
    found += membership_findings(row, signing_epci)
    row.spellings = spellings(mentions)
    if row.spellings:
        found.append(finding("spelt_differently", spellings=", ".join(row.spellings)))
    if kind == "commune" and not insee:
        found.append(finding("unresolved_name", name=name))
    found += approval_findings(row, doc, index, stamps)
    if earlier is not None and kind == "commune":
        found += territory_findings(row, earlier)
    row.findings = found
    return row


def membership_findings(row: AuditRow, signing_epci: dict[str, str]) -> list[Finding]:
    """Members of the signing EPCI that are not parties; parties that are not its members."""
    if row.kind != "commune" or not signing_epci:
        return []
    if "epci_member" in row.sources and row.is_party == "no":
        return [finding("epci_member_not_party", epci=" / ".join(signing_epci.values()))]
    if row.is_party == "yes" and row.insee and "epci_member" not in row.sources:
        return [finding("party_not_epci_member", epci=" / ".join(signing_epci.values()))]
    return []


def approval_findings(row: AuditRow, doc: Document, index: AuditIndex, stamps: list[Stamp]) -> list[Finding]:
    """Fill the deliberation and stamp cells of a row; the findings they give."""
    if not (row.insee or row.siren):
        return []
    commune_siren = row.siren
    result = approval(doc, row.insee, commune_siren, index.owned(row.insee, commune_siren), stamps)
    row.deliberation = result.state
    if result.document is not None and result.document.deliberation is not None:
        delib = result.document.deliberation
        row.deliberation_doc_id = result.document.doc_id
        row.deliberation_date = delib.seance_date
        row.deliberation_number = delib.number
        row.vote = delib.vote_text
        row.evidence["deliberation"] = delib.span
        stamps = [*stamps, *result.document.stamps]
    elif result.stamp is not None:
        row.deliberation_date = result.stamp.act_date
        row.deliberation_number = result.stamp.act_number or ""
        row.vote = "unknown"
        row.evidence["deliberation"] = result.stamp.span
    stamp = stamp_of(stamps, commune_siren)
    if stamp is not None:
        row.stamp, row.stamp_actes_id = "yes", stamp.actes_id
        row.evidence["stamp"] = stamp.span
    found = list(result.findings)
    if result.state == "unknown" and row.is_party == "yes" and not found:
        found.append(finding("no_deliberation"))
    found += order_findings(doc, result)
    if result.document is not None:
        bundled = index.by_file.get(result.document.file, [])
        found += version_findings(doc, result, bundled, index.versions)
    return found


def audit_convention(
    doc: Document,
    index: AuditIndex,
    ref: Reference,
    unreadable: Collection[int] = (),
) -> list[AuditRow]:
    """The audit rows of one canonical convention."""
    mentions = convention_mentions(doc, ref, audit_inputs(doc, ref).mentions)
    earlier = earlier_territory(doc, index, ref)
    if earlier is not None:
        mentions += earlier_mentions(earlier, {m.insee for m in mentions if m.insee}, ref)
    stamps = [stamp for copy in [doc, *index.copies.get(doc.doc_id, [])] for stamp in copy.stamps]
    signing_epci = {
        m.siren: m.name
        for m in mentions
        if m.kind == "epci" and m.siren and m.source in ("party", "signature")
    }
    return [
        place_row(doc, group, index, stamps, signing_epci, earlier, unreadable)
        for group in group_mentions(mentions).values()
    ]


def build_audit(
    documents: list[Document],
    ref: Reference | None = None,
    unreadable: Mapping[str, Collection[int]] | None = None,
    links: Iterable[DuplicateLink] = (),
) -> list[AuditRow]:
    """Audit rows of every canonical convention (`duplicate_of is None`) of a run.

    `documents` are all documents of the run (copies are used for their stamps);
    `unreadable` maps a file to its pages that could not be read (see `unreadable_pages`);
    `links` are dedupe's, whose "version" relations tell a deliberation that approved another text.
    """
    ref = ref or load_reference()
    index = AuditIndex.of(documents, links)
    rows: list[AuditRow] = []
    for doc in index.conventions:
        rows += audit_convention(doc, index, ref, (unreadable or {}).get(doc.file, ()))
    return rows


def unreadable_pages(pages: pd.DataFrame, min_quality: float = 0.3) -> dict[str, set[int]]:
    """Pages of the `pages` table with no text or a quality under `min_quality`, by file."""
    bad = pages[(pages["chars"] == 0) | (pages["quality"] < min_quality)]
    found: dict[str, set[int]] = {}
    for file, page in zip(bad["file"], bad["page"], strict=True):
        found.setdefault(str(file), set()).add(int(page))
    return found


def convention_audit(doc: Document, index: AuditIndex) -> ConventionAudit:
    """What the audit says of one canonical convention as a whole."""
    annexes = annex_list(doc, index.copies.get(doc.doc_id, []))
    result = ConventionAudit(doc.doc_id, doc.file, doc.title, doc.territory, doc.period_start, doc.period_end)
    result.signed_place, result.signed_date, result.span = doc.signed_place, doc.signed_date, doc.span
    result.annexes = annexes
    result.findings = signature_findings(doc) + missing_annexes(annexes)
    return result


def build_conventions(documents: list[Document]) -> list[ConventionAudit]:
    """One ConventionAudit per canonical convention of a run, in the order of `build_audit`."""
    index = AuditIndex.of(documents)
    return [convention_audit(doc, index) for doc in index.conventions]
