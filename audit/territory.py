"""The territory over time: the communes of the latest earlier convention or CTG deliberation
of the same territory, and the communes this convention no longer (or newly) holds.

"Earlier" is the latest canonical convention of the same territory, or CTG deliberation naming
the territory, whose CTG starts before this one; its communes are its parties (a convention) or
its longest list of communes (a deliberation).
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

from ctg.audit.approval import ctg_period
from ctg.audit.findings import finding
from ctg.audit.index import AuditIndex, audit_inputs
from ctg.core.model import AuditRow, Document, Finding, Mention, Span
from ctg.resolve.mentions import MIN_TERRITORY_LIST
from ctg.resolve.names import tokens
from ctg.resolve.reference import Reference


@dataclass(slots=True)
class EarlierTerritory:
    """The communes an earlier convention or deliberation of the same territory lists."""

    label: str  # "CTG 2022-2025 (deliberation of Maussane-les-Alpilles, 2022-07-29)"
    span: Span
    communes: set[str]


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
