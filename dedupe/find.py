"""Reduce step: all digests of a run (and of earlier runs' cache) -> DedupeResult."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from ctg.core.model import DedupeResult, DocumentDigest, DuplicateLink
from ctg.dedupe import cluster, sketch
from ctg.dedupe.candidates import Method, candidate_pairs
from ctg.dedupe.compare import Prepared, Verdict, compatible, identity, relate


def _confirmed(docs: list[Prepared], method: Method) -> list[tuple[int, int, Verdict]]:
    pairs = candidate_pairs(docs, method)
    return [(i, j, v) for i, j in pairs if (v := relate(docs[i], docs[j])) is not None]


def _evidence_to(canonical: Prepared, member: Prepared) -> tuple[float, str]:
    """Similarity of a copy to its cluster's canonical, and what agrees (a copy joined through
    another member is compared with the canonical itself here)."""
    jaccard, contained = sketch.overlap(canonical.sample, member.sample)
    if canonical.digest.text_sha == member.digest.text_sha:
        jaccard = contained = 1.0
    return round(max(jaccard, contained), 4), identity(canonical, member).text(jaccard, contained)


def find_duplicates(docs: Iterable[DocumentDigest], *, method: Method = "hybrid") -> DedupeResult:
    """Cluster copies, pick one canonical per cluster, link bundles and versions.

    Every input document appears in `canonical` (itself when it has no copy). Links: one
    "copy" row per member of a cluster of two or more; a "contained" row for a document that
    bundles a copy of another; a "version" row from a draft/amendment to the reference text.
    `method` chooses the candidate index (see dedupe.candidates.candidate_pairs).
    """
    problems: list[str] = []
    by_id: dict[str, DocumentDigest] = {}
    for d in docs:
        if d.doc_id in by_id:  # e.g. a cached digest and a fresh one of the same document
            problems.append(f"{d.doc_id}: given twice, the later digest is used")
        by_id[d.doc_id] = d
    prepared = [Prepared.of(by_id[k]) for k in sorted(by_id)]  # sorted: same result whatever the order
    result = DedupeResult(canonical={k: k for k in by_id}, problems=problems)
    confirmed = sorted(_confirmed(prepared, method), key=lambda c: (c[0], c[1]))
    copies = [(i, j, v.similarity) for i, j, v in confirmed if v.relation == "copy"]
    labels = cluster.constrained_components(
        len(prepared), copies, lambda i, j: compatible(prepared[i], prepared[j])
    )
    groups: dict[int, list[int]] = defaultdict(list)
    for i, label in enumerate(labels):
        groups[int(label)].append(i)

    canon_of: dict[int, int] = {}  # document index -> its canonical's index
    cluster_of: dict[int, str] = {}  # document index -> its cluster id
    for members in groups.values():
        digests = [prepared[i].digest for i in members]
        best = cluster.canonical_of(digests)
        best_i = next(i for i in members if prepared[i].digest is best)
        cid = cluster.cluster_id(digests)
        for i in members:
            canon_of[i] = best_i
            cluster_of[i] = cid
            result.canonical[prepared[i].digest.doc_id] = best.doc_id
        if len(members) > 1:
            said = {prepared[i].digest.doc_id: _evidence_to(prepared[best_i], prepared[i]) for i in members}
            result.links.extend(cluster.copy_links(digests, best, said))

    result.links.extend(_cross_links(prepared, confirmed, canon_of, cluster_of))
    result.links = _one_row_each(result.links)
    return result


RELATION_ORDER = {"copy": 0, "contained": 1, "version": 2}


def _one_row_each(links: list[DuplicateLink]) -> list[DuplicateLink]:
    """At most one row per (doc_id, cluster), the table's primary key (a copy over a bundle over
    a version), sorted: the same rows whatever order the digests came in."""
    kept: dict[tuple[str, str], DuplicateLink] = {}
    for link in sorted(links, key=lambda x: (x.cluster, x.doc_id, RELATION_ORDER[x.relation])):
        if link.doc_id != link.canonical_doc_id:
            kept.setdefault((link.doc_id, link.cluster), link)
    return list(kept.values())


def _cross_links(
    prepared: list[Prepared],
    confirmed: list[tuple[int, int, Verdict]],
    canon_of: dict[int, int],
    cluster_of: dict[int, str],
) -> list[DuplicateLink]:
    """ "contained" links from a bundle to the cluster it holds; "version" links from each
    version to the reference text of its family (versions joined by any version verdict)."""
    links: dict[tuple[str, str], DuplicateLink] = {}
    version_edges: list[tuple[int, int, float]] = []
    for i, j, verdict in confirmed:
        if verdict.relation == "contained":
            inner = i if prepared[i].digest.doc_id == verdict.inner else j
            outer = j if inner == i else i
            target = prepared[canon_of[inner]].digest.doc_id
            link = DuplicateLink(
                prepared[outer].digest.doc_id,
                cluster_of[inner],
                target,
                verdict.similarity,
                "contained",
                verdict.evidence,
            )
            links.setdefault((link.doc_id, link.canonical_doc_id), link)
        elif verdict.relation == "version" and canon_of[i] != canon_of[j]:
            version_edges.append((canon_of[i], canon_of[j], verdict.similarity, verdict.evidence))
    return list(links.values()) + _version_links(prepared, version_edges, cluster_of)


def _version_links(
    prepared: list[Prepared], edges: list[tuple[int, int, float, str]], cluster_of: dict[int, str]
) -> list[DuplicateLink]:
    """Each version to its family's reference text, with the evidence of the pair that joined
    them (or, joined through another version, the reference's own comparison when it is one)."""
    labels = cluster.components(len(prepared), [(i, j) for i, j, _, _ in edges])
    families: dict[int, set[int]] = defaultdict(set)
    for i, j, _, _ in edges:
        families[int(labels[i])].update((i, j))
    best = {(i, j): (s, e) for i, j, s, e in edges} | {(j, i): (s, e) for i, j, s, e in edges}
    links = []
    for members in families.values():
        ref = min(members, key=lambda k: cluster.version_rank(prepared[k].digest))
        for k in sorted(members - {ref}, key=lambda k: prepared[k].digest.doc_id):
            direct = best.get((k, ref))
            if direct is None:  # joined through another version: stated against the reference
                verdict = relate(prepared[k], prepared[ref])
                if verdict is None or verdict.relation != "version":
                    continue  # no relation of its own with the reference: no row
                direct = (verdict.similarity, verdict.evidence)
            doc, target = prepared[k].digest.doc_id, prepared[ref].digest.doc_id
            links.append(DuplicateLink(doc, cluster_of[ref], target, direct[0], "version", direct[1]))
    return links
