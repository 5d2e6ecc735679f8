"""Reduce step: all digests of a run (and of earlier runs' cache) -> DedupeResult."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from core.model import DedupeResult, DocumentDigest, DuplicateLink
from dedupe import cluster, sketch
from dedupe.candidates import Method, candidate_pairs
from dedupe.compare import Prepared, Verdict, compatible, relate


def _confirmed(docs: list[Prepared], method: Method) -> list[tuple[int, int, Verdict]]:
    pairs = candidate_pairs(docs, method)
    return [(i, j, v) for i, j in pairs if (v := relate(docs[i], docs[j])) is not None]


def _similarity_to(canonical: Prepared, member: Prepared) -> float:
    jaccard, contained = sketch.overlap(canonical.sample, member.sample)
    return round(max(jaccard, contained), 4)


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
            sims = {prepared[i].digest.doc_id: _similarity_to(prepared[best_i], prepared[i]) for i in members}
            result.links.extend(cluster.copy_links(digests, best, sims))

    result.links.extend(_cross_links(prepared, confirmed, canon_of, cluster_of))
    return result


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
                prepared[outer].digest.doc_id, cluster_of[inner], target, verdict.similarity, "contained"
            )
            links.setdefault((link.doc_id, link.canonical_doc_id), link)
        elif verdict.relation == "version" and canon_of[i] != canon_of[j]:
            version_edges.append((canon_of[i], canon_of[j], verdict.similarity))
    return list(links.values()) + _version_links(prepared, version_edges, cluster_of)


def _version_links(
    prepared: list[Prepared], edges: list[tuple[int, int, float]], cluster_of: dict[int, str]
) -> list[DuplicateLink]:
    labels = cluster.components(len(prepared), [(i, j) for i, j, _ in edges])
    families: dict[int, set[int]] = defaultdict(set)
    for i, j, _ in edges:
        families[int(labels[i])].update((i, j))
    best = {(i, j): s for i, j, s in edges} | {(j, i): s for i, j, s in edges}
    links = []
    for members in families.values():
        ref = min(members, key=lambda k: cluster.version_rank(prepared[k].digest))
        for k in sorted(members - {ref}, key=lambda k: prepared[k].digest.doc_id):
            similarity = best.get((k, ref)) or _similarity_to(prepared[ref], prepared[k])
            doc, target = prepared[k].digest.doc_id, prepared[ref].digest.doc_id
            links.append(DuplicateLink(doc, cluster_of[ref], target, similarity, "version"))
    return links
