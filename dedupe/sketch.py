"""Compact sketches of a token stream: a sampled shingle set, and MinHash signatures for LSH.

A document is its set of word shingles (SHINGLE consecutive folded tokens). What travels in
the digest instead of the text is a "mod-m" sample: every shingle hash that is 0 modulo
SAMPLE_MOD, sorted. Unlike MinHash, a sample taken by a fixed rule estimates Jaccard *and*
containment precisely (hundreds of shared values for a real convention), so it is the
confirmation step. The reduce step draws a datasketch MinHash (NUM_PERM values) of each
document's distinctive part of it for LSH banding over the whole run; datasketch (and the
scipy it imports, ~0.5 s) is loaded there only, never in the map step.
Hashes must be identical across processes (the map step runs in parallel), hence crc32
rather than Python's salted hash().
"""

from __future__ import annotations

import zlib
from functools import cache
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from datasketch import LeanMinHash

# Words per shingle: 4 kept only ~0.3 of an OCR copy's shingles at 5 % damage, 3 keeps ~0.6;
# telling look-alikes apart is the facts' job, not the shingles'.
SHINGLE = 3
NUM_PERM = 128
SAMPLE_MOD = 8
SEED = 1
SCHEME = "affine32"


def _token_hashes(words: list[str]) -> np.ndarray:
    # crc32 per distinct word: a cached stable hash, much cheaper than hashing every shingle.
    cache = {w: zlib.crc32(w.encode()) for w in set(words)}
    return np.array(list(map(cache.__getitem__, words)), dtype=np.uint64)  # map(): no per-item bytecode


def shingle_hashes(words: list[str]) -> np.ndarray:
    """Distinct 32-bit hashes of the word shingles, sorted (numpy-vectorised polynomial hash)."""
    if not words:
        return np.zeros(0, dtype=np.uint32)
    th = _token_hashes(words)
    if len(th) < SHINGLE:
        th = np.concatenate([th, np.zeros(SHINGLE - len(th), dtype=np.uint64)])
    n = len(th) - SHINGLE + 1
    acc = np.zeros(n, dtype=np.uint64)
    for j in range(SHINGLE):
        acc = acc * np.uint64(1_000_003) + th[j : j + n]  # wraps mod 2**64: fine for hashing
    mixed = (acc ^ (acc >> np.uint64(29))) * np.uint64(0xBF58476D1CE4E5B9)
    return np.unique((mixed >> np.uint64(32)).astype(np.uint32))


@cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    # Drawing the permutations costs more than hashing a document; draw them once.
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


def minhash_of(hashes: np.ndarray) -> LeanMinHash:
    """datasketch MinHash over precomputed shingle hashes (identity hash function)."""
    from datasketch import LeanMinHash, MinHash

    mh = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, hashfunc=int, permutations=_permutations())
    mh.update_batch(hashes.tolist())
    return LeanMinHash(mh)


def sample_of(hashes: np.ndarray) -> np.ndarray:
    """The mod-m sample of a shingle hash set (sorted uint32)."""
    return hashes[hashes % SAMPLE_MOD == 0]


def overlap(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """(Jaccard, containment of the smaller in the larger) of two sorted samples."""
    if len(a) == 0 or len(b) == 0:
        return 0.0, 0.0
    shared = len(np.intersect1d(a, b, assume_unique=True))
    return shared / (len(a) + len(b) - shared), shared / min(len(a), len(b))
