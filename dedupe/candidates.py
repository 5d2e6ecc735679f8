"""Reduce step, part 1: candidate pairs in near-linear time (datasketch LSH Ensemble).

Candidates are looked up on each document's *distinctive* shingles: template wording shared
by many documents of the run (document frequency above DF_CAP) is left out first. Without
that, every convention of one template family would collide with every other (the look-alike
trap), and the pairs to confirm would grow with the square of the family. With it, a shingle
brings at most DF_CAP documents together, so the work stays linear in the run size.
LSH Ensemble indexes containment rather than resemblance, which is what a truncated copy or
a convention bundled in a deliberation needs.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np
from datasketch import LeanMinHash, MinHashLSHEnsemble

from dedupe import sketch
from dedupe.compare import Prepared

DF_CAP = 64  # more copies than this of one text in a run is rare; such a text falls back below
MIN_DISTINCT = 12  # fewer distinctive sample values than this: use the whole sample
CONTAINMENT = 0.5  # LSH recall matters more than precision here; compare.relate confirms
NUM_PART = 16


def common_hashes(samples: Sequence[np.ndarray]) -> np.ndarray:
    """Sample values found in more than DF_CAP documents (sorted)."""
    if not samples:
        return np.zeros(0, dtype=np.uint32)
    values, counts = np.unique(np.concatenate(samples), return_counts=True)
    return values[counts > DF_CAP]


def distinctive(sample: np.ndarray, common: np.ndarray) -> np.ndarray:
    """The part of a sample that is not template wording, or the whole sample if too little is left."""
    if len(common) == 0:
        return sample
    kept = sample[~np.isin(sample, common, assume_unique=True)]
    return kept if len(kept) >= MIN_DISTINCT else sample


def _signature(doc: Prepared, part: np.ndarray) -> LeanMinHash:
    if len(part) == len(doc.sample):
        return sketch.lean(doc.digest.minhash)  # nothing removed: reuse the map step's MinHash
    return sketch.minhash_of(part)


def candidate_pairs(docs: Sequence[Prepared]) -> Iterator[tuple[int, int]]:
    """Index pairs (i < j) worth confirming, each once."""
    live = [i for i, d in enumerate(docs) if len(d.sample)]
    if len(live) < 2:
        return
    common = common_hashes([docs[i].sample for i in live])
    parts = {i: distinctive(docs[i].sample, common) for i in live}
    signatures = {i: _signature(docs[i], parts[i]) for i in live}
    index = MinHashLSHEnsemble(threshold=CONTAINMENT, num_perm=sketch.NUM_PERM, num_part=NUM_PART)
    index.index([(i, signatures[i], len(parts[i])) for i in live])
    seen: set[tuple[int, int]] = set()
    for i in live:
        for j in index.query(signatures[i], len(parts[i])):
            pair = (i, j) if i < j else (j, i)
            if i != j and pair not in seen:
                seen.add(pair)
                yield pair
