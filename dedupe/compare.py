"""Confirm one candidate pair: copy, contained, version, or unrelated look-alike.

Text similarity alone cannot separate a copy from a convention of another territory built on
the same template (seeds 000 and 001: 89 % of the Bassin minier text is in the Vallée des Baux
one). So a pair is a copy only if its text is close *and* its distinguishing facts agree:
structured fields when both sides have them (territory, period, parties, signed date), and
always the names in capitals and the numbers read from the text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from rapidfuzz import fuzz

from core.model import DocumentDigest, DuplicateRelation
from dedupe import facts, sketch


class Threshold(NamedTuple):
    value: float
    why: str


THRESHOLDS: dict[str, Threshold] = {
    "copy_jaccard": Threshold(0.7, "OCR-noised copies keep ~0.8 of their shingles; look-alikes ~0.65"),
    "copy_containment": Threshold(0.88, "a truncated copy lies wholly inside the complete one"),
    "contained": Threshold(0.85, "a convention bundled in a deliberation lies inside it"),
    "version": Threshold(0.5, "a draft or an amendment keeps most of the convention's wording"),
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


class Verdict(NamedTuple):
    relation: DuplicateRelation
    similarity: float
    inner: str  # for "contained": the doc_id that lies inside the other; else ""


def _fact_containment(a: np.ndarray, b: np.ndarray) -> float:
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return facts.containment(small, large)


def _parties_agree(a: frozenset[str], b: frozenset[str]) -> bool:
    if not a or not b:
        return True
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    found = sum(1 for p in small if p in large or any(fuzz.ratio(p, q) >= _t("party_name") for q in large))
    return found / len(small) >= _t("parties")


def same_identity(a: Prepared, b: Prepared) -> bool:
    """Do the distinguishing facts allow `a` and `b` to be the same convention?

    An avenant may extend the period, so its end year is not compared with the original's.
    """
    da, db = a.digest, b.digest
    if da.territory and db.territory and fuzz.token_set_ratio(da.territory, db.territory) < _t("territory"):
        return False
    if da.period_start and db.period_start and da.period_start != db.period_start:
        return False
    end_may_move = da.amendment != db.amendment  # an avenant often extends the convention
    if not end_may_move and da.period_end and db.period_end and da.period_end != db.period_end:
        return False
    if not _parties_agree(da.parties, db.parties):
        return False
    return _fact_containment(a.names, b.names) >= _t("names")


def _differs_as_version(a: DocumentDigest, b: DocumentDigest) -> bool:
    dated_apart = a.signed_date is not None and b.signed_date is not None and a.signed_date != b.signed_date
    return a.draft != b.draft or a.amendment != b.amendment or dated_apart


def compatible(a: Prepared, b: Prepared) -> bool:
    """May `a` and `b` sit in one cluster of copies (even if not compared directly)?"""
    return same_identity(a, b) and not _differs_as_version(a.digest, b.digest)


def _bundled(a: Prepared, b: Prepared, contained: float) -> Verdict | None:
    # A bundle holds the whole other document; the reverse (a deliberation inside a convention)
    # does not happen, so the smaller one is the inner one. The bundle's own period or territory
    # are those of its first act, so only the inner text, names and numbers are compared.
    inner, outer = (a, b) if len(a.sample) <= len(b.sample) else (b, a)
    if (
        contained < _t("contained")
        or facts.containment(inner.names, outer.names) < _t("names")
        or facts.containment(inner.numbers, outer.numbers) < _t("numbers")
    ):
        return None
    return Verdict("contained", round(contained, 4), inner.digest.doc_id)


def relate(a: Prepared, b: Prepared) -> Verdict | None:
    """The relation between two documents, or None when they are different documents."""
    da, db = a.digest, b.digest
    jaccard, contained = sketch.overlap(a.sample, b.sample)
    if da.kind != db.kind:
        return _bundled(a, b, contained)
    if not same_identity(a, b):
        return None
    as_version = _differs_as_version(da, db)
    if da.text_sha == db.text_sha and not as_version:
        return Verdict("copy", 1.0, "")
    close = jaccard >= _t("copy_jaccard") or contained >= _t("copy_containment")
    same_figures = _fact_containment(a.numbers, b.numbers) >= _t("numbers")
    if close and same_figures and not as_version:
        return Verdict("copy", round(max(jaccard, contained), 4), "")
    # Same parties and wording but a draft mark, an avenant, another signing date or other
    # figures: a version of the same convention.
    if contained >= _t("version"):
        return Verdict("version", round(jaccard, 4), "")
    return None
