"""Dates in order: a convention is signed after the deliberations that authorise it, once they
are executoire, within its period, and on the text they approved.

Each rule needs both dates read in the documents; a date that was not read gives no finding
(precision before recall). Rules, one finding kind each (audit/findings.py):
  - signed before the council's deliberation (séance date, or the act date of its ACTES stamp);
  - signed after the séance but before the deliberation was executoire: its "rendue exécutoire"
    date, else the prefecture's reception of its own stamp;
  - a deliberation voted outside the convention's period: after its last year, or more than
    DELIBERATION_LEAD_YEARS before its first (renewals are voted the year before, sometimes two);
  - signed outside the period in the same sense (signing in the year before it starts is usual);
  - the deliberation's file holds another version of the convention (dedupe's "version"
    relation) rather than a copy of the text signed.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from ctg.audit.approval import DELIBERATION_LEAD_YEARS, Approval
from ctg.audit.findings import finding
from ctg.core.model import Document, DuplicateLink, Finding, Stamp


def outside_period(when: date, convention: Document) -> bool:
    start, end = convention.period_start, convention.period_end or convention.period_start
    if start is None or end is None:
        return False
    return when.year > end or when.year < start - DELIBERATION_LEAD_YEARS


def period_text(convention: Document) -> str:
    return f"{convention.period_start}-{convention.period_end or convention.period_start}"


def approval_dates(result: Approval) -> tuple[date | None, date | None]:
    """The approving deliberation's date and the date it became executoire, as far as read."""
    if result.document is not None and result.document.deliberation is not None:
        delib = result.document.deliberation
        own = own_stamp(result.document.stamps, delib.actes_id, delib.seance_date)
        return delib.seance_date, delib.executoire_date or (own.received if own else None)
    if result.stamp is not None:
        return result.stamp.act_date, result.stamp.received
    return None, None


def own_stamp(stamps: Iterable[Stamp], actes_id: str | None, seance: date | None) -> Stamp | None:
    """The deliberation's own ACTES stamp: its ACTES ID, else a stamp of an act of that séance."""
    stamps = list(stamps)
    if actes_id:
        return next((s for s in stamps if s.actes_id == actes_id), None)
    return next((s for s in stamps if seance and s.act_date == seance), None)


def order_findings(convention: Document, result: Approval) -> list[Finding]:
    """Findings on the dates of one council's approval of the convention."""
    when, executoire = approval_dates(result)
    found: list[Finding] = []
    if when is not None and outside_period(when, convention):
        found.append(
            finding("deliberation_outside_period", date=when.isoformat(), period=period_text(convention))
        )
    signed = convention.signed_date
    if signed is None or when is None:
        return found
    if when > signed:
        found.append(finding("signed_before_deliberation", signed=signed.isoformat(), date=when.isoformat()))
    elif executoire is not None and executoire > signed:
        found.append(
            finding(
                "signed_before_executoire",
                signed=signed.isoformat(),
                date=when.isoformat(),
                executoire=executoire.isoformat(),
            )
        )
    return found


def signature_findings(convention: Document) -> list[Finding]:
    """Findings on the convention's own signing date."""
    signed = convention.signed_date
    if signed is None or not outside_period(signed, convention):
        return []
    return [finding("signed_outside_period", signed=signed.isoformat(), period=period_text(convention))]


class Versions:
    """Dedupe's "version" links between documents, through their canonical documents."""

    def __init__(self, links: Iterable[DuplicateLink], canonical: dict[str, str]) -> None:
        self.canonical = canonical
        self.pairs: dict[frozenset[str], DuplicateLink] = {}
        for link in links:
            if link.relation == "version":
                self.pairs[frozenset({self.of(link.doc_id), self.of(link.canonical_doc_id)})] = link

    def of(self, doc_id: str) -> str:
        return self.canonical.get(doc_id, doc_id)

    def between(self, first: str, second: str) -> DuplicateLink | None:
        a, b = self.of(first), self.of(second)
        return None if a == b else self.pairs.get(frozenset({a, b}))


def version_findings(
    convention: Document, result: Approval, bundled: list[Document], versions: Versions
) -> list[Finding]:
    """The approving deliberation's file holds a convention that is another version of this one,
    and no copy of it."""
    if result.document is None:
        return []
    found = [doc for doc in bundled if doc.file == result.document.file and doc.kind == "convention"]
    if any(versions.of(doc.doc_id) == versions.of(convention.doc_id) for doc in found):
        return []  # the file holds the text signed
    for doc in found:
        link = versions.between(doc.doc_id, convention.doc_id)
        if link is not None:
            return [finding("approves_other_version", file=doc.file, evidence=link.evidence or "dedupe")]
    return []
