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
from datasketch import MinHashLSHEnsemble

from dedupe import sketch
from dedupe.compare import Prepared

DF_CAP = 64  # more copies than this of one text in a run is rare; such a text falls back below
MIN_DISTINCT = 12  # fewer distinctive sample values than this: use the whole sample
CONTAINMENT = 0.5  # LSH recall matters more than precision here; compare.relate confirms
NUM_PART = 16


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


def common_hashes(samples: Sequence[np.ndarray]) -> np.ndarray:
    """Sample values found in more than DF_CAP documents (sorted)."""
    if not samples:
        return np.zeros(0, dtype=np.uint32)
    values, counts = np.unique(np.concatenate(samples), return_counts=True)
    return values[counts > DF_CAP]


def distinctive(values: np.ndarray, common: np.ndarray) -> np.ndarray:
    """The values that are not template wording, or all of them if too few are left."""
    if len(common) == 0:
        return values
    kept = values[~np.isin(values, common, assume_unique=True)]
    return kept if len(kept) >= MIN_DISTINCT else values


def candidate_pairs(docs: Sequence[Prepared]) -> Iterator[tuple[int, int]]:
    """Index pairs (i < j) worth confirming, each once."""
    live = [i for i, d in enumerate(docs) if len(d.sample)]
    if len(live) < 2:
        return
    sets = {i: elements(docs[i]) for i in live}
    common = common_hashes(list(sets.values()))
    parts = {i: distinctive(sets[i], common) for i in live}
    signatures = {i: sketch.minhash_of(parts[i]) for i in live}
    index = MinHashLSHEnsemble(threshold=CONTAINMENT, num_perm=sketch.NUM_PERM, num_part=NUM_PART)
    index.index([(i, signatures[i], len(parts[i])) for i in live])
    seen: set[tuple[int, int]] = set()
    for i in live:
        for j in index.query(signatures[i], len(parts[i])):
            pair = (i, j) if i < j else (j, i)
            if i != j and pair not in seen:
                seen.add(pair)
                yield pair
