"""A council's approval of a convention: which of its deliberations (or stamps) approves it.

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
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from ctg.audit.findings import finding
from ctg.core.model import Deliberation, Document, Finding, Stamp, Tri
from ctg.resolve.mentions import is_ctg

# A CTG's years in an objet, e.g. "… aux familles 2022-2025", "2026 / 2030".
PERIOD = re.compile(r"\b(20\d\d)\s*(?:-|–|/|à)\s*(20\d\d)\b")
# How many years before its first year a convention's deliberation may be voted (renewals are
# voted the year before, sometimes two).
DELIBERATION_LEAD_YEARS = 2


@dataclass(slots=True)
class Approval:
    """What the corpus says about a council's approval of one convention."""

    state: Tri = "unknown"
    document: Document | None = None
    stamp: Stamp | None = None
    findings: list[Finding] = field(default_factory=list)


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


def adopted(delib: Deliberation) -> bool:
    if delib.pour is not None and delib.contre is not None:
        return delib.pour > delib.contre
    return True  # the counts are not read: its decisions (APPROUVE …) stand


def deliberation_findings(doc: Document) -> list[Finding]:
    delib = doc.deliberation
    assert delib is not None
    when = delib.seance_date.isoformat() if delib.seance_date else "unknown date"
    if not adopted(delib):
        return [finding("deliberation_rejects", date=when, vote=delib.vote_text)]
    split = bool(delib.contre) or bool(delib.abstention) or delib.unanimite is False
    return [finding("not_unanimous", vote=delib.vote_text)] if split else []


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
