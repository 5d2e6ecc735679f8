"""Precision and recall of a DedupeResult against a generated run's ground truth."""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ctg.core.model import DedupeResult
from evaluation.dedupe_synthetic import COPY_VARIANTS, DocSpec

# Planted documents that are the same deliberation act: a deliberation published alone and the
# same deliberation with the convention annexed.
ACT_VARIANTS = frozenset({"bundle", "deliberation"})

Pair = tuple[str, str]


@dataclass(slots=True)
class Score:
    kind: str
    truth: int  # true copy pairs involving a document of this kind
    predicted: int  # predicted copy pairs involving one
    correct: int

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.truth if self.truth else 1.0


def _pairs(groups: Iterable[Sequence[str]]) -> set[Pair]:
    return {(a, b) if a < b else (b, a) for g in groups for a, b in itertools.combinations(g, 2)}


def true_copy_pairs(specs: Sequence[DocSpec]) -> set[Pair]:
    """Pairs of documents that are copies of one another (same origin, a copy variant)."""
    groups: dict[tuple[str, bool], list[str]] = defaultdict(list)
    for s in specs:
        if s.variant in COPY_VARIANTS or s.variant in ACT_VARIANTS:
            groups[(s.origin, s.variant in ACT_VARIANTS)].append(s.doc_id)
    return _pairs(groups.values())


def predicted_copy_pairs(result: DedupeResult) -> set[Pair]:
    clusters: dict[str, list[str]] = defaultdict(list)
    for doc_id, canonical in result.canonical.items():
        clusters[canonical].append(doc_id)
    return _pairs(clusters.values())


def copy_scores(specs: Sequence[DocSpec], result: DedupeResult) -> list[Score]:
    """One Score per planted kind (a pair counts for the kinds of both its documents), then 'all'."""
    variant = {s.doc_id: s.variant for s in specs}
    truth, predicted = true_copy_pairs(specs), predicted_copy_pairs(result)
    kinds = sorted({variant[d] for pair in truth | predicted for d in pair})
    scores = []
    for kind in [*kinds, "all"]:

        def involves(pair: Pair, kind: str = kind) -> bool:
            return kind == "all" or kind in (variant[pair[0]], variant[pair[1]])

        t = {p for p in truth if involves(p)}
        p = {p for p in predicted if involves(p)}
        scores.append(Score(kind, len(t), len(p), len(t & p)))
    return scores


@dataclass(slots=True)
class RelationScore:
    relation: str
    planted: int  # planted documents that should carry this relation
    found: int  # of those, linked to a copy of their origin
    links: int  # links of this relation in the result
    correct: int  # of those, joining documents of one origin

    @property
    def precision(self) -> float:
        return self.correct / self.links if self.links else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.planted if self.planted else 1.0


RELATION_VARIANTS: dict[str, frozenset[str]] = {
    "contained": frozenset({"bundle"}),
    "version": frozenset({"draft", "amendment"}),
}


def relation_scores(specs: Sequence[DocSpec], result: DedupeResult) -> list[RelationScore]:
    """ "contained" (bundles) and "version" (draft, amendment) links against what was planted."""
    origin = {s.doc_id: s.origin for s in specs}
    scores = []
    for relation, kinds in RELATION_VARIANTS.items():
        planted = {s.doc_id for s in specs if s.variant in kinds}
        links = [link for link in result.links if link.relation == relation]
        good = [link for link in links if origin[link.doc_id] == origin[link.canonical_doc_id]]
        found = {d for link in good for d in (link.doc_id, link.canonical_doc_id)} & planted
        scores.append(RelationScore(relation, len(planted), len(found), len(links), len(good)))
    return scores
