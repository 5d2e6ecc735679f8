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

When a deliberation approves a convention (all must hold):
  1. its collectivité is the row's commune (INSEE) or EPCI (SIREN), as resolve read it;
  2. its objet, title or decisions name a CTG (table CTG_CUES);
  3. its period is compatible: the CTG years it names overlap the convention's; when it names
     none, its séance falls between two years before the convention's first year and its last.
  A deliberation that meets 1-2 but not 3 concerns another CTG: the row stays "unknown" and
  says so. Without any deliberation document, a prefecture stamp (ACTES nature DE) of the
  row's SIREN on the convention or one of its copies counts as its approving deliberation
  ("yes", vote unknown): the convention was transmitted as that deliberation's annex.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

import pandas as pd

from ctg.core.model import (
    AuditInputs,
    Deliberation,
    Document,
    Mention,
    MentionSource,
    SignatureBlock,
    Span,
    Stamp,
)
from ctg.export.findings import FINDINGS_SEPARATOR, Finding, finding
from ctg.export.mentions import convention_mentions, mention_key, territory_lists, written_mentions
from ctg.export.schema import AUDIT_FIELDS
from ctg.resolve.epci import read_written
from ctg.resolve.names import place_key, tokens
from ctg.resolve.reference import Reference, load_reference

Tri = Literal["yes", "no", "unknown"]

# Words that say a deliberation is about a CTG. Example above each.
CTG_CUES: tuple[re.Pattern[str], ...] = (
    # "CAF - Convention Territoriale Globale de Service aux familles 2022-2025"
    re.compile(r"convention\s+territoriale\s+globale", re.I),
    # "APPROUVE la démarche partenariale de convention territoriale globale (CTG)"
    re.compile(r"\bc\.?t\.?g\b", re.I),
)
# A CTG's years in an objet, e.g. "… aux familles 2022-2025", "2026 / 2030".
PERIOD = re.compile(r"\b(20\d\d)\s*(?:-|–|/|à)\s*(20\d\d)\b")
# How many years before its first year a convention's deliberation may be voted (renewals are
# voted the year before, sometimes two).
DELIBERATION_LEAD_YEARS = 2
# An older list of the territory counts only from this many communes ("la commune de X" is no territory).
MIN_TERRITORY_LIST = 2
# Sources that come from the convention's own text (the others come from the reference or other documents).
TEXT_SOURCES: tuple[MentionSource, ...] = ("party", "signature", "visa", "preambule", "annex_decisions")
NAMED_SOURCES: tuple[MentionSource, ...] = ("visa", "preambule", "annex_decisions")
SOURCE_WORDS: dict[str, str] = {
    "visa": "visas",
    "preambule": "préambule",
    "annex_decisions": "annex of council decisions",
}
# The audit table's columns: (name, Table Schema type, description). The first eleven are the
# contract's (DESIGN.md); tri-state columns hold "yes", "no" or "unknown".
AUDIT_COLUMNS = [name for name, _, _ in AUDIT_FIELDS]


@dataclass(slots=True)
class AuditRow:
    """One commune or EPCI of one canonical convention; tri-state fields are "yes"/"no"/"unknown"."""

    convention_doc_id: str
    territory: str
    kind: Literal["commune", "epci"]
    commune: str  # official name (of the EPCI for an EPCI row), else as written
    insee: str | None = None
    siren: str | None = None
    is_party: Tri = "unknown"
    has_signature_block: Tri = "unknown"
    signer_named: Tri = "unknown"
    deliberation: Tri = "unknown"
    deliberation_doc_id: str | None = None
    deliberation_date: date | None = None
    deliberation_number: str = ""
    vote: str = ""
    stamp: Tri = "unknown"
    stamp_actes_id: str | None = None
    sources: list[str] = field(default_factory=list)
    spellings: list[str] = field(default_factory=list)  # "Fontveille (signature)"
    findings: list[Finding] = field(default_factory=list)
    evidence: dict[str, Span] = field(default_factory=dict)  # cell -> where it was read
    convention_file: str = ""
    convention_title: str = ""
    period_start: int | None = None
    period_end: int | None = None


@dataclass(slots=True)
class Approval:
    """What the corpus says about a council's approval of one convention."""

    state: Tri = "unknown"
    document: Document | None = None
    stamp: Stamp | None = None
    findings: list[Finding] = field(default_factory=list)


@dataclass(slots=True)
class EarlierTerritory:
    """The communes an earlier convention or deliberation of the same territory lists."""

    label: str  # "CTG 2022-2025 (deliberation of Maussane-les-Alpilles, 2022-07-29)"
    span: Span
    communes: set[str]


# --- deliberations ---------------------------------------------------------------------------


def is_ctg(doc: Document) -> bool:
    delib = doc.deliberation
    text = " ".join([doc.title, delib.objet if delib else "", *(delib.decisions if delib else [])])
    return any(cue.search(text) for cue in CTG_CUES)


def ctg_period(doc: Document) -> tuple[int | None, int | None]:
    if doc.period_start is not None:
        return doc.period_start, doc.period_end
    match = PERIOD.search(doc.deliberation.objet if doc.deliberation else doc.title)
    return (int(match[1]), int(match[2])) if match else (None, None)


def period_compatible(convention: Document, doc: Document) -> bool:
    start, end = convention.period_start, convention.period_end or convention.period_start
    if start is None or end is None:
        return True  # the convention gives no years: nothing to contradict
    first, last = ctg_period(doc)
    if first is not None:
        return first <= end and (last or first) >= start
    seance = doc.deliberation.seance_date if doc.deliberation else None
    if seance is None:
        return True
    return start - DELIBERATION_LEAD_YEARS <= seance.year <= end


def owned_by(delib: Deliberation, insee: str | None, siren: str | None) -> bool:
    return bool((insee and delib.insee == insee) or (siren and delib.siren == siren))


def vote_text(delib: Deliberation) -> str:
    counts = [f"{label} {value}" for label, value in
              (("pour", delib.pour), ("contre", delib.contre), ("abstention", delib.abstention))
              if value is not None]  # fmt: skip
    if delib.unanimite:
        return "unanimous" + (f" ({', '.join(counts)})" if counts else "")
    return ", ".join(counts) or "not read"


def adopted(delib: Deliberation) -> bool:
    if delib.pour is not None and delib.contre is not None:
        return delib.pour > delib.contre
    return True  # the counts are not read: its decisions (APPROUVE …) stand


def deliberation_findings(doc: Document) -> list[Finding]:
    delib = doc.deliberation
    assert delib is not None
    when = delib.seance_date.isoformat() if delib.seance_date else "unknown date"
    if not adopted(delib):
        return [finding("deliberation_rejects", date=when, vote=vote_text(delib))]
    split = bool(delib.contre) or bool(delib.abstention) or delib.unanimite is False
    return [finding("not_unanimous", vote=vote_text(delib))] if split else []


def stamp_of(stamps: Iterable[Stamp], siren: str | None) -> Stamp | None:
    """A deliberation's stamp (ACTES nature DE) of that SIREN, the first one read."""
    return next((s for s in stamps if siren and s.siren == siren and (s.nature or "DE") == "DE"), None)


def approval(
    convention: Document,
    insee: str | None,
    siren: str | None,
    deliberations: list[Document],
    stamps: list[Stamp],
) -> Approval:
    """The convention's approval by one council; see the module docstring for the rule.

    `deliberations` are the canonical CTG deliberations of the run (or only this council's).
    """
    mine = [
        d for d in deliberations if d.deliberation and owned_by(d.deliberation, insee, siren) and is_ctg(d)
    ]
    compatible = [d for d in mine if period_compatible(convention, d)]
    if compatible:
        # The deliberation bundled with the convention first, then the latest one.
        best = max(
            compatible, key=lambda d: (d.file == convention.file, d.deliberation.seance_date or date.min)
        )
        state: Tri = "yes" if adopted(best.deliberation) else "no"
        return Approval(state, best, None, deliberation_findings(best))
    found: list[Finding] = []
    for other in mine:
        delib = other.deliberation
        first, last = ctg_period(other)
        found.append(
            finding(
                "deliberation_other_ctg",
                date=delib.seance_date.isoformat() if delib.seance_date else "unknown date",
                number=delib.number or "?",
                period=f"{first}-{last}" if first else "other years",
            )
        )
    stamp = stamp_of(stamps, siren)
    if stamp is not None:
        found.append(
            finding(
                "deliberation_from_stamp",
                number=stamp.act_number or "?",
                date=stamp.act_date.isoformat() if stamp.act_date else "unknown date",
                actes_id=stamp.actes_id or "no ACTES ID",
            )
        )
        return Approval("yes", None, stamp, found)
    return Approval("unknown", None, None, found)


# --- the run's documents, indexed once -----------------------------------------------------------


@dataclass(slots=True)
class AuditIndex:
    """The run's canonical documents indexed for the audit: each lookup is done once per run."""

    conventions: list[Document]
    ctg_deliberations: list[Document]
    by_owner: dict[str, list[Document]]  # INSEE or "siren:…" -> the council's CTG deliberations
    copies: dict[str, list[Document]]  # canonical doc_id -> its copies

    @classmethod
    def of(cls, documents: list[Document]) -> AuditIndex:
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
        return cls(conventions, ctg, by_owner, copies)

    def owned(self, insee: str | None, siren: str | None) -> list[Document]:
        found = self.by_owner.get(insee or "", []) + self.by_owner.get(f"siren:{siren}", [])
        return list({id(doc): doc for doc in found}.values())


def audit_inputs(doc: Document, ref: Reference) -> AuditInputs:
    """What the audit reads in `doc`'s lines (Document.audit). The pipeline calls it in the map
    step, where the lines are, so that the run keeps no lines (≈ 25 kB per act); the audit calls
    it for a document that has none yet."""
    if doc.audit is not None:
        return doc.audit
    if doc.kind == "convention":
        doc.audit = AuditInputs(mentions=written_mentions(doc, ref))
    elif doc.kind == "deliberation" and is_ctg(doc):
        lists = territory_lists(doc, ref)
        territory = any(len(codes) >= MIN_TERRITORY_LIST for codes in lists)
        folded = zlib.compress(f" {territory_key(doc.text)} ".encode(), 1) if territory else b""
        doc.audit = AuditInputs(commune_lists=lists, territory_text=folded)
    else:
        doc.audit = AuditInputs()
    return doc.audit


# --- territory over time -----------------------------------------------------------------------


def territory_key(text: str) -> str:
    return " ".join(tokens(text))


def territory_text(doc: Document, ref: Reference) -> str:
    """A CTG deliberation's folded, space-padded text when it lists a territory, else ""."""
    packed = audit_inputs(doc, ref).territory_text
    return zlib.decompress(packed).decode() if packed else ""


def names_territory(folded_text: str, territory: str) -> bool:
    """Whether a folded, space-padded text names the territory ("… Territoire Vallée des Baux Alpilles")."""
    key = territory_key(territory)
    return len(key.split()) >= 2 and f" {key} " in folded_text


def party_communes(doc: Document) -> set[str]:
    return {p.insee for p in doc.parties if p.party_type == "commune" and p.insee}


def earlier_territory(convention: Document, index: AuditIndex, ref: Reference) -> EarlierTerritory | None:
    """The latest earlier convention or CTG deliberation of the same territory, with its communes."""
    start = convention.period_start
    if start is None or not convention.territory:
        return None
    found: list[tuple[int, EarlierTerritory]] = []
    for doc in [*index.conventions, *index.ctg_deliberations]:
        first, last = ctg_period(doc) if doc.kind == "deliberation" else (doc.period_start, doc.period_end)
        if doc is convention or first is None or first >= start:
            continue
        if doc.kind == "convention" and territory_key(doc.territory) == territory_key(convention.territory):
            communes = party_communes(doc)
            label = f"CTG {first}-{last} ({doc.title or 'convention'}, {doc.file})"
        elif doc.kind == "deliberation" and names_territory(territory_text(doc, ref), convention.territory):
            communes = max(audit_inputs(doc, ref).commune_lists, key=len, default=set())
            delib = doc.deliberation
            official = ref.commune(delib.insee) if delib and delib.insee else None
            who = str(official["name"]) if official is not None else delib.collectivite if delib else ""
            when = delib.seance_date.isoformat() if delib and delib.seance_date else ""
            label = f"CTG {first}-{last} (deliberation of {who} {when})".replace(" )", ")")
        else:
            continue
        if len(communes) >= MIN_TERRITORY_LIST:
            found.append((first, EarlierTerritory(label, doc.span, communes)))
    return max(found, key=lambda item: item[0])[1] if found else None


# --- rows ------------------------------------------------------------------------------------


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
    found += approval_findings(row, doc, index.owned(insee, siren), stamps)
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


def approval_findings(
    row: AuditRow, doc: Document, deliberations: list[Document], stamps: list[Stamp]
) -> list[Finding]:
    """Fill the deliberation and stamp cells of a row; the findings they give."""
    if not (row.insee or row.siren):
        return []
    commune_siren = row.siren
    result = approval(doc, row.insee, commune_siren, deliberations, stamps)
    row.deliberation = result.state
    if result.document is not None and result.document.deliberation is not None:
        delib = result.document.deliberation
        row.deliberation_doc_id = result.document.doc_id
        row.deliberation_date = delib.seance_date
        row.deliberation_number = delib.number
        row.vote = vote_text(delib)
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
    return found


def territory_findings(row: AuditRow, earlier: EarlierTerritory) -> list[Finding]:
    if row.insee in earlier.communes and row.is_party == "no":
        row.evidence.setdefault("earlier_territory", earlier.span)
        return [finding("left_territory", earlier=earlier.label)]
    if row.insee and row.insee not in earlier.communes and row.is_party == "yes":
        return [finding("joined_territory", earlier=earlier.label)]
    return []


def earlier_mentions(earlier: EarlierTerritory, known: set[str], ref: Reference) -> list[Mention]:
    """Communes of the earlier territory that this convention does not name at all."""
    found: list[Mention] = []
    for insee in sorted(earlier.communes - known):
        official = ref.commune(insee)
        name = str(official["name"]) if official is not None else insee
        siren = official.siren if official is not None else None
        found.append(
            Mention(name, "earlier_territory", "commune", earlier.span, insee, siren, name, "earlier")
        )
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
) -> list[AuditRow]:
    """Audit rows of every canonical convention (`duplicate_of is None`) of a run.

    `documents` are all documents of the run (copies are used for their stamps);
    `unreadable` maps a file to its pages that could not be read (see `unreadable_pages`).
    """
    ref = ref or load_reference()
    index = AuditIndex.of(documents)
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


# --- outputs -----------------------------------------------------------------------------------


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


def matches(row: AuditRow, commune: str | None, territory: str | None) -> bool:
    """`commune`: a name, a name's beginning ("Saint-Rémy"), an INSEE code or a SIREN."""
    if commune:
        key, row_key = place_key(commune), place_key(row.commune)
        named = key == row_key or f"{row_key} ".startswith(f"{key} ")
        if not (named or commune in (row.insee, row.siren)):
            return False
    return not territory or territory_key(territory) in territory_key(row.territory)


def format_audit(rows: list[AuditRow], commune: str | None = None, territory: str | None = None) -> str:
    """Console text of `ctg audit`: per convention, one line per place, then its findings."""
    kept = [row for row in rows if matches(row, commune, territory)]
    if not kept:
        return (
            "no audit row matches"
            + (f" commune {commune!r}" if commune else "")
            + (f" territory {territory!r}" if territory else "")
        )
    out: list[str] = []
    header = (
        f"  {'place':<32} {'insee':<6} {'party':<7} {'block':<7} {'named':<7} {'delib':<7} {'stamp':<7} vote"
    )
    current = None
    for row in kept:
        if row.convention_doc_id != current:
            current = row.convention_doc_id
            period = f"{row.period_start}-{row.period_end}" if row.period_start else "years unknown"
            out += ["", f"{row.convention_title or 'Convention'} — {row.territory or '?'} {period}"]
            out += [f"  {row.convention_file} (doc {row.convention_doc_id})", header]
        out.append(
            f"  {row.commune[:32]:<32} {row.insee or '':<6} {row.is_party:<7} {row.has_signature_block:<7} "
            f"{row.signer_named:<7} {row.deliberation:<7} {row.stamp:<7} {row.vote}"
        )
        out += [f"      - {f.text}" for f in row.findings]
    return "\n".join(out).strip("\n")
