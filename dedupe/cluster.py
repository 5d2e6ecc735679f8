"""Reduce step, part 2: confirmed pairs -> clusters of copies, one canonical each, and links."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence

import numpy as np

from ctg.core.model import DocumentDigest, DuplicateLink


def components(n: int, edges: Sequence[tuple[int, int]]) -> np.ndarray:
    """Component label of each of `n` nodes joined by `edges` (scipy, linear time)."""
    if not edges:
        return np.arange(n)
    from scipy.sparse import coo_matrix  # loaded in the reduce step only (the map never clusters)
    from scipy.sparse.csgraph import connected_components

    rows, cols = np.array(edges, dtype=np.int64).T
    graph = coo_matrix((np.ones(len(rows), dtype=np.int8), (rows, cols)), shape=(n, n))
    return connected_components(graph, directed=False)[1]


def constrained_components(
    n: int, edges: Sequence[tuple[int, int, float]], compatible: Callable[[int, int], bool]
) -> np.ndarray:
    """Like `components`, but two groups merge only if every pair across them is `compatible`.

    Copies are not transitive through a text-only document: an OCR copy without period or
    territory may match a 2022 and a 2026 convention of one territory, which must stay apart.
    Edges are taken strongest first. Hand-written union-find because scipy's connected
    components has no cannot-link constraint; groups are small, so the pairwise check is cheap.
    """
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    root = list(range(n))
    for i, j, _ in sorted(edges, key=lambda e: -e[2]):
        a, b = root[i], root[j]
        if a == b or not all(compatible(x, y) for x in members[a] for y in members[b]):
            continue
        if len(members[a]) < len(members[b]):
            a, b = b, a
        for x in members.pop(b):
            root[x] = a
            members[a].append(x)
    return np.array(root)


COMPLETE = 0.9  # a copy shorter than this share of the longest one in its cluster is truncated


def quality_key(d: DocumentDigest, longest: int) -> tuple[bool, float, int, bool, int, int]:
    """Higher is better: complete over truncated (the audit needs the signature pages), then
    text layer over OCR, fewer repairs, signature blocks and articles found, length."""
    complete = d.tokens >= COMPLETE * longest
    return (complete, round(d.quality, 2), -d.repairs, d.signatures > 0, d.articles, d.tokens)


def canonical_of(members: Sequence[DocumentDigest]) -> DocumentDigest:
    # Ties go to the first file by name (the same PDF saved twice: the second is the copy), then
    # the smallest doc_id, so the choice is the same on every run.
    longest = max(d.tokens for d in members)
    return min(members, key=lambda d: (tuple(-x for x in quality_key(d, longest)), d.file, d.doc_id))


def cluster_id(members: Sequence[DocumentDigest]) -> str:
    """Stable while the membership is: derived from the smallest doc_id, never a counter."""
    return "dup-" + hashlib.sha256(min(d.doc_id for d in members).encode()).hexdigest()[:12]


def copy_links(
    members: Sequence[DocumentDigest], canonical: DocumentDigest, evidence: dict[str, tuple[float, str]]
) -> list[DuplicateLink]:
    """One row per copy in a cluster: never one for the canonical pointing at itself.

    `evidence`: doc_id -> (similarity to the canonical, the evidence text)."""
    cid = cluster_id(members)
    return [
        DuplicateLink(
            doc_id=d.doc_id,
            cluster=cid,
            canonical_doc_id=canonical.doc_id,
            similarity=evidence[d.doc_id][0],
            relation="copy",
            evidence=evidence[d.doc_id][1],
        )
        for d in sorted(members, key=lambda d: d.doc_id)
        if d.doc_id != canonical.doc_id
    ]


def version_rank(d: DocumentDigest) -> tuple[bool, bool, bool, str]:
    """Lower is the reference of a family of versions: the signed final text over a draft or
    an avenant, then a dated one, then the smallest doc_id (stable)."""
    return (d.draft, d.amendment, d.signed_date is None, d.doc_id)
