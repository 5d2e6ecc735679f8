"""Reduce step, part 1: candidate pairs in near-linear time (MinHash LSH: banding, LSH Ensemble).

Candidates are looked up on each document's *distinctive* elements (sampled shingles, names,
numbers): what many documents of the run share (document frequency above DF_CAP, i.e.
template wording) is left out first. Without
that, every convention of one template family would collide with every other (the look-alike
trap), and the pairs to confirm would grow with the square of the family. With it, an element
brings at most DF_CAP documents together, so the work stays linear in the run size.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import pairwise
from typing import TYPE_CHECKING, Literal, NamedTuple

import numpy as np

from ctg.dedupe import sketch
from ctg.dedupe.compare import Prepared

if TYPE_CHECKING:  # datasketch (and scipy, ~0.5 s) loads in the reduce step only
    from datasketch import LeanMinHash

Method = Literal["hybrid", "lsh", "ensemble"]
# Kinds of document that can bundle another one whole, so are indexed for containment too.
CONTAINER_KINDS: dict[str, str] = {
    "deliberation": "a council deliberation published with the convention as its annex (seed 002)",
    "other": "a prefecture or signatory bundle of several acts in one file",
}
# Kinds of document that get bundled whole into another: only they are looked up for containment.
# Asking it of every deliberation made 10,000 acts of one template near all-pairs (measured).
BUNDLED_KINDS: dict[str, str] = {
    "convention": "the CTG annexed to the deliberation that approves it (seed 002)",
    "annex": "an annex published on its own and inside the convention's file",
}
# Up to this many documents every pair is confirmed (1,128 pairs, ~10 ms): cheaper than loading
# datasketch and scipy (~0.5 s) to build an index. Below DF_CAP, so the index's template filter
# is what larger runs get.
ALL_PAIRS_UP_TO = 48
DF_CAP = 64  # more copies than this of one text in a run is rare; such a text falls back below
MIN_DISTINCT = 12  # fewer distinctive values than this: add the document's rarest values
PAD_DF = 4 * DF_CAP  # values held by more documents than this are template wording, never added
# LSH recall matters more than precision here: compare.relate confirms every candidate.
# LSH banding (MinHashLSH's scheme): 32 bands of 2 rows (64 of the 128 values). A pair of
# distinctive sets with resemblance 0.4 collides with probability 1 - (1 - 0.4**2)**32 = 0.996,
# at 0.5 with 0.9999; copies measure 0.6-1.0 there. Fewer bands than datasketch's own choice
# for a 0.2 threshold (56) halves the work: each band is a sort of the run's documents.
BANDS = (32, 2)
CONTAINMENT = 0.5  # MinHashLSHEnsemble threshold
NUM_PART = 4  # containers are few; more partitions cost query time for little gain


# Names and numbers join the shingle sample as elements of their own, moved to another part of
# the hash space so that a name hash never equals a shingle hash by accident.
_NAMES_SALT = np.uint32(0x9E3779B9)
_NUMBERS_SALT = np.uint32(0x85EBCA6B)


def elements(doc: Prepared) -> np.ndarray:
    """What a document is looked up by: its shingle sample, the names and the numbers it holds.

    The sample alone is mostly template wording; names and numbers carry the identity, so a
    copy is found by them even when the sample keeps only a few distinctive shingles.
    """
    parts = (doc.sample, doc.names ^ _NAMES_SALT, doc.numbers ^ _NUMBERS_SALT)
    return np.unique(np.concatenate(parts))


class Frequencies(NamedTuple):
    """How many documents of the run hold each element (values sorted, counts aligned)."""

    values: np.ndarray
    counts: np.ndarray

    @classmethod
    def of(cls, sets: Sequence[np.ndarray]) -> Frequencies:
        if not sets:
            return cls(np.zeros(0, dtype=np.uint32), np.zeros(0, dtype=np.int64))
        values, counts = np.unique(np.concatenate(sets), return_counts=True)
        return cls(values, counts)

    def of_values(self, values: np.ndarray) -> np.ndarray:
        return self.counts[np.searchsorted(self.values, values)]


def distinctive(values: np.ndarray, frequencies: Frequencies) -> np.ndarray:
    """What a document is looked up by: its values held by at most DF_CAP documents of the run.

    When fewer than MIN_DISTINCT are, its rarest values held by at most PAD_DF documents make up
    the number; when none is, its MIN_DISTINCT rarest values (a text copied more than PAD_DF
    times still finds its copies). Never the whole set: in thousands of acts written from one
    template nearly every value is shared, and the whole set made every act a candidate of every
    other (measured: 92% of 10,000 generated deliberations, near all-pairs).
    """
    counts = frequencies.of_values(values)
    kept = values[counts <= DF_CAP]
    if len(kept) >= MIN_DISTINCT:
        return kept
    order = np.lexsort((values, counts))  # rarest first; ties by value: the same pick in every copy
    rare = order[counts[order] <= PAD_DF][:MIN_DISTINCT]
    return np.sort(values[rare if len(rare) else order[:MIN_DISTINCT]])


class BandIndex(NamedTuple):
    """Per band: the documents sorted by their band values, each one's run of equal values, and
    where each run starts in that order (runs past the last are padded with the count)."""

    order: np.ndarray
    run_of: np.ndarray
    bounds: np.ndarray

    @classmethod
    def of(cls, matrix: np.ndarray) -> BandIndex:
        bands, rows = BANDS
        n = len(matrix)
        order = np.empty((bands, n), dtype=np.int64)
        run_of = np.empty((bands, n), dtype=np.int64)
        bounds = np.full((bands, n + 1), n, dtype=np.int64)
        for b in range(bands):
            block = matrix[:, b * rows : (b + 1) * rows]
            order[b] = np.lexsort(block.T[::-1])
            values = block[order[b]]
            starts = np.ones(n, dtype=bool)
            starts[1:] = (values[1:] != values[:-1]).any(axis=1)
            run_of[b, order[b]] = np.cumsum(starts) - 1
            first = np.flatnonzero(starts)
            bounds[b, : len(first)] = first
        return cls(order, run_of, bounds)


def _band_neighbours(matrix: np.ndarray, ids: list[int]) -> Callable[[int], Iterable[int]]:
    """Documents sharing every row of at least one band (BANDS) of their MinHash signatures.

    The banding of datasketch's MinHashLSH, done on the signature matrix: its index (a dict of
    sets per band) and its signature objects took 80 + 35 MB at 10,000 documents (measured),
    against ~10 MB here, for the same buckets (same pairs, checked on that run)."""
    index = BandIndex.of(matrix)
    members = np.asarray(ids)
    position = {i: k for k, i in enumerate(ids)}
    every_band = np.arange(BANDS[0])

    def neighbours(i: int) -> Iterable[int]:
        runs = index.run_of[:, position[i]]
        low, high = index.bounds[every_band, runs], index.bounds[every_band, runs + 1]
        shared = [index.order[b, low[b] : high[b]] for b in np.flatnonzero(high - low > 1)]
        return members[np.unique(np.concatenate(shared))].tolist() if shared else ()

    return neighbours


def _ensemble_neighbours(
    signatures: dict[int, LeanMinHash], sizes: dict[int, int], indexed: Iterable[int]
) -> Callable[[int], Iterable[int]]:
    """Documents among `indexed` that contain document i (LSH Ensemble: containment, size-aware)."""
    entries = [(i, signatures[i], sizes[i]) for i in indexed]
    if not entries:
        return lambda i: ()
    from datasketch import MinHashLSHEnsemble

    index = MinHashLSHEnsemble(threshold=CONTAINMENT, num_perm=sketch.NUM_PERM, num_part=NUM_PART)
    index.index(entries)
    return lambda i: index.query(signatures[i], sizes[i])


def _containers(
    docs: Sequence[Prepared], live: list[int], sizes: dict[int, int], bundled: set[int]
) -> list[int]:
    """Documents that may hold a bundled one: of CONTAINER_KINDS and not much smaller than the
    smallest bundled document (indexing 10,000 short acts for nothing cost 40% of the step)."""
    if not bundled:
        return []
    smallest = min(sizes[i] for i in bundled)
    return [i for i in live if docs[i].digest.kind in CONTAINER_KINDS and sizes[i] >= CONTAINMENT * smallest]


def candidate_pairs(docs: Sequence[Prepared], method: Method = "hybrid") -> Iterator[tuple[int, int]]:
    """Index pairs (i < j) worth confirming, each once.

    "lsh": banded MinHash signatures (resemblance) of the distinctive sets; once template wording is gone a
    truncated copy still resembles its original. "ensemble": MinHashLSHEnsemble on containment
    over every document (size-aware, finds a small document inside a large file; several times
    slower). "hybrid" (default): resemblance for all, plus containment in documents of
    CONTAINER_KINDS only, which is where a whole document gets bundled. A run of at most
    ALL_PAIRS_UP_TO documents has every pair confirmed instead.
    """
    yield from _same_text([i for i, d in enumerate(docs) if not len(d.sample)], docs)
    live = [i for i, d in enumerate(docs) if len(d.sample)]
    if len(live) <= ALL_PAIRS_UP_TO:
        yield from ((i, j) for k, i in enumerate(live) for j in live[k + 1 :])
        return
    sets = {i: elements(docs[i]) for i in live}
    frequencies = Frequencies.of(list(sets.values()))
    parts = {i: distinctive(sets.pop(i), frequencies) for i in live}  # pop: one copy at a time
    del frequencies
    sizes = {i: len(p) for i, p in parts.items()}
    if method == "ensemble":
        asked, indexed = set(live), live
    else:
        asked = {i for i in live if docs[i].digest.kind in BUNDLED_KINDS} if method == "hybrid" else set()
        indexed = _containers(docs, live, sizes, asked)
    matrix, signatures = _signatures(parts, live, asked | set(indexed))
    resemble = _nobody if method == "ensemble" else _band_neighbours(matrix, live)
    del matrix
    contained_in = _ensemble_neighbours(signatures, sizes, indexed)
    yield from _pairs(live, resemble, contained_in, asked)


def _same_text(short: list[int], docs: Sequence[Prepared]) -> Iterator[tuple[int, int]]:
    """Documents too short to hold a sampled shingle (a few lines) are found by their exact text:
    each one paired with the next of the same text, a chain that links them all."""
    by_text: dict[str, list[int]] = {}
    for i in short:
        by_text.setdefault(docs[i].digest.text_sha, []).append(i)
    for same in by_text.values():
        yield from pairwise(same)


def _signatures(
    parts: dict[int, np.ndarray], live: list[int], kept: set[int]
) -> tuple[np.ndarray, dict[int, LeanMinHash]]:
    """Every document's MinHash values as one matrix row; the datasketch objects only of the few
    documents the containment index needs."""
    matrix = np.empty((len(live), sketch.NUM_PERM), dtype=np.uint64)
    signatures: dict[int, LeanMinHash] = {}
    for row, i in enumerate(live):
        signature = sketch.minhash_of(parts.pop(i))
        matrix[row] = signature.hashvalues
        if i in kept:
            signatures[i] = signature
    return matrix, signatures


def _nobody(i: int) -> Iterable[int]:
    return ()


def _pairs(
    live: list[int],
    resemble: Callable[[int], Iterable[int]],
    contained_in: Callable[[int], Iterable[int]],
    asked: set[int],
) -> Iterator[tuple[int, int]]:
    """Each pair once. Resemblance is symmetric (j is near i when i is near j), so a pair is taken
    from its smaller index and no run-wide set of pairs is kept (550,000 pairs at 10,000 acts:
    ~60 MB); only the few containment pairs, asked of one side, are remembered."""
    seen: set[tuple[int, int]] = set()
    for i in live:
        near = set(resemble(i))
        yield from sorted((i, j) for j in near if j > i)
        if i not in asked:
            continue
        for j in contained_in(i):
            pair = (i, j) if i < j else (j, i)
            if j != i and j not in near and pair not in seen:
                seen.add(pair)
                yield pair
