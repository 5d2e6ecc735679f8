"""Confirm one candidate pair: copy, contained, version, or unrelated look-alike.

Text similarity alone cannot separate a copy from a convention of another territory built on
the same template (seeds 000 and 001: 89 % of the Bassin minier text is in the Vallée des Baux
one). So a pair is a copy only if its text is close *and* its distinguishing facts agree:
structured fields when both sides have them (territory, period, parties, signed date), and
always the names in capitals and the numbers read from the text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from rapidfuzz import fuzz

from ctg.core.model import DocumentDigest, DuplicateRelation
from ctg.dedupe import facts, sketch


class Threshold(NamedTuple):
    value: float
    why: str


THRESHOLDS: dict[str, Threshold] = {
    "copy_jaccard": Threshold(0.7, "OCR-noised copies keep ~0.8 of their shingles; look-alikes ~0.65"),
    "copy_containment": Threshold(0.88, "a truncated copy lies wholly inside the complete one"),
    "contained": Threshold(0.85, "a convention bundled in a deliberation lies inside it"),
    "version": Threshold(
        0.5,
        "Jaccard: a draft or an avenant keeps most of the text's shingles; "
        "distinct minutes of one council share 0.17-0.23, acts of two years 0.57 "
        "(those differ by their sitting, so are apart anyway)",
    ),
    "years": Threshold(0.9, "share of the shorter one's years the longer names: 1 of 10 may be misread"),
    "ocr_copy_jaccard": Threshold(
        0.55, "a copy read by OCR (5 % of its characters misread) keeps 0.60-0.70 of its shingles"
    ),
    "ocr_copy_containment": Threshold(0.75, "the same, for a truncated copy read by OCR: 0.78-0.85"),
    "ocr_quality": Threshold(0.9, "a digest of lower reading quality than this was read by OCR"),
    "names": Threshold(0.85, "look-alikes share ~0.7 of their capitalised words, copies ~1.0"),
    "numbers": Threshold(0.85, "look-alikes share ~0.65 of their numbers, copies ~1.0"),
    "territory": Threshold(90.0, "rapidfuzz token_set_ratio of folded territory names"),
    "parties": Threshold(0.8, "share of parties found on both sides"),
    "party_name": Threshold(85.0, "rapidfuzz ratio for unresolved party names"),
}


def _t(name: str) -> float:
    return THRESHOLDS[name].value


@dataclass(slots=True)
class Prepared:
    """A digest with its packed arrays opened once (np.frombuffer: no copy)."""

    digest: DocumentDigest
    sample: np.ndarray
    names: np.ndarray
    numbers: np.ndarray

    @classmethod
    def of(cls, d: DocumentDigest) -> Prepared:
        return cls(
            d, np.frombuffer(d.sample, dtype=np.uint32), facts.unpack(d.names), facts.unpack(d.numbers)
        )


class Evidence(NamedTuple):
    """The identity facts two documents both state, split into those that agree and differ."""

    agree: tuple[str, ...]
    differ: tuple[str, ...]

    def text(self, jaccard: float, containment: float, marks: tuple[str, ...] = ()) -> str:
        parts = [f"similarity jaccard {jaccard:.2f} containment {containment:.2f}"]
        parts.append("agree: " + (", ".join(self.agree) or "none"))
        differ = (*self.differ, *marks)
        if differ:
            parts.append("differ: " + ", ".join(differ))
        return "; ".join(parts)


class Verdict(NamedTuple):
    relation: DuplicateRelation
    similarity: float
    inner: str  # for "contained": the doc_id that lies inside the other; else ""
    evidence: str = ""


def _fact_containment(a: np.ndarray, b: np.ndarray) -> float:
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return facts.containment(small, large)


def _parties_agree(a: frozenset[str], b: frozenset[str]) -> bool:
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    found = sum(1 for p in small if p in large or any(fuzz.ratio(p, q) >= _t("party_name") for q in large))
    return found / len(small) >= _t("parties")


def _facts(a: Prepared, b: Prepared) -> Iterator[tuple[str, bool]]:
    """(fact, agrees) for each identity fact both documents state.

    An avenant may extend the period, so its end year is not compared with the original's.
    """
    da, db = a.digest, b.digest
    if da.territory and db.territory:
        yield "territory", fuzz.token_set_ratio(da.territory, db.territory) >= _t("territory")
    if da.period_start and db.period_start:
        yield "period start", da.period_start == db.period_start
    end_may_move = da.amendment != db.amendment  # an avenant often extends the convention
    if not end_may_move and da.period_end and db.period_end:
        yield "period end", da.period_end == db.period_end
    if da.parties and db.parties:
        yield "parties", _parties_agree(da.parties, db.parties)
    if da.sitting and db.sitting:
        yield "sitting date", da.sitting == db.sitting
    if not end_may_move and da.years and db.years:  # an avenant's years are those it moves
        yield "years", _years_agree(da, db)
    if da.acts and db.acts:
        yield "act number", bool(da.acts & db.acts)
    if da.actes and db.actes:
        yield "ACTES id", bool(da.actes & db.actes)
    yield "names", _fact_containment(a.names, b.names) >= _t("names")


def _years_agree(a: DocumentDigest, b: DocumentDigest) -> bool:
    """The years of the shorter are named by the longer (a truncated copy names fewer), and when
    both hold their whole heading, the own years (sitting, period) of one at least are named by
    the other (a draft leaves its dates blank): the same text of another year moves them all."""
    small, large = (a, b) if a.tokens <= b.tokens else (b, a)
    if len(small.years - large.years) > len(small.years) * (1 - _t("years")):
        return False
    whole_heads = min(a.tokens, b.tokens) >= facts.HEAD_WORDS * 1.5
    return not whole_heads or a.head_years <= b.years or b.head_years <= a.years


def identity(a: Prepared, b: Prepared) -> Evidence:
    """Which identity facts agree and which differ (OCR-tolerant: all are folded in the digest)."""
    found = list(_facts(a, b))
    return Evidence(tuple(f for f, ok in found if ok), tuple(f for f, ok in found if not ok))


def same_identity(a: Prepared, b: Prepared) -> bool:
    """Do the distinguishing facts allow `a` and `b` to be the same document? One distinctive
    fact that differs (another sitting, council, territory, act number) keeps them apart."""
    return not identity(a, b).differ


def _version_marks(a: DocumentDigest, b: DocumentDigest) -> tuple[str, ...]:
    """What makes two texts of one act two versions: a draft mark, an avenant, another signing date."""
    marks = []
    if a.draft != b.draft:
        marks.append("draft mark")
    if a.amendment != b.amendment:
        marks.append("avenant")
    if a.signed_date is not None and b.signed_date is not None and a.signed_date != b.signed_date:
        marks.append("signed date")
    return tuple(marks)


def compatible(a: Prepared, b: Prepared) -> bool:
    """May `a` and `b` sit in one cluster of copies (even if not compared directly)?"""
    return same_identity(a, b) and not _version_marks(a.digest, b.digest)


def _bundled(a: Prepared, b: Prepared, contained: float) -> Verdict | None:
    # A bundle holds the whole other document; the reverse (a deliberation inside a convention)
    # does not happen, so the smaller one is the inner one. The bundle's own period or territory
    # are those of its first act, so only the inner text, names and numbers are compared.
    inner, outer = (a, b) if len(a.sample) <= len(b.sample) else (b, a)
    names = facts.containment(inner.names, outer.names)
    numbers = facts.containment(inner.numbers, outer.numbers)
    if contained < _t("contained") or names < _t("names") or numbers < _t("numbers"):
        return None
    if not inner.digest.head_years <= outer.digest.years:  # the same text of another year
        return None
    evidence = f"similarity containment {contained:.2f}; agree: names {names:.2f}, figures {numbers:.2f}"
    return Verdict("contained", round(contained, 4), inner.digest.doc_id, evidence)


def _close(a: DocumentDigest, b: DocumentDigest, jaccard: float, contained: float) -> bool:
    """Close enough in text to be copies; OCR damage lowers the overlap of copies, never that of
    look-alikes (their facts keep those apart), so a copy read by OCR is allowed less."""
    ocr = min(a.quality, b.quality) < _t("ocr_quality")
    if ocr:
        return jaccard >= _t("ocr_copy_jaccard") or contained >= _t("ocr_copy_containment")
    return jaccard >= _t("copy_jaccard") or contained >= _t("copy_containment")


def relate(a: Prepared, b: Prepared) -> Verdict | None:
    """The relation between two documents, or None when they are different documents."""
    da, db = a.digest, b.digest
    jaccard, contained = sketch.overlap(a.sample, b.sample)
    if da.kind != db.kind:
        return _bundled(a, b, contained)
    evidence = identity(a, b)
    if evidence.differ:
        return None
    marks = _version_marks(da, db)
    if da.text_sha == db.text_sha and not marks:
        return Verdict("copy", 1.0, "", evidence.text(1.0, 1.0))
    close = _close(da, db, jaccard, contained)
    same_figures = _fact_containment(a.numbers, b.numbers) >= _t("numbers")
    agree = (*evidence.agree, *(("figures",) if same_figures else ()))
    said = Evidence(agree, () if same_figures else ("figures",))
    if close and same_figures and not marks:
        return Verdict("copy", round(max(jaccard, contained), 4), "", said.text(jaccard, contained))
    # A version is the same act of the same parties whose text changed: a draft, an avenant, a
    # signing date (marks), or the same figures with some wording changed (a corrected
    # re-publication). Other figures and no mark is a look-alike of another act; and some fact
    # beyond the capitalised words must say it is the same act.
    same_act = any(f != "names" for f in evidence.agree)
    if jaccard >= _t("version") and same_act and (marks or same_figures):
        return Verdict("version", round(jaccard, 4), "", said.text(jaccard, contained, marks))
    return None
