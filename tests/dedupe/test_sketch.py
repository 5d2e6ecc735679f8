import subprocess
import sys
from pathlib import Path

import numpy as np

from ctg.dedupe import sketch
from ctg.dedupe.text_norm import tokens
from tests.dedupe.docs import repeated_copies

REPO = Path(__file__).resolve().parents[2]


def test_shingle_hashes_are_stable_across_processes():
    # crc32-based, not Python's salted hash(): a cached digest from another run must match.
    words = ["la", "caisse", "d", "allocations", "familiales"]
    hashes = sketch.shingle_hashes(words)
    assert hashes.dtype == np.uint32 and len(hashes) == 3  # shingles of 3 words
    # pinned: digests cached by earlier runs stay comparable only while these values hold
    # (bump dedupe.DIGEST_VERSION, part of the cache key, whenever they change)
    assert hashes.tolist() == [3369292075, 3782379480, 4124575093]
    assert len(sketch.shingle_hashes(["a", "b"])) == 1  # shorter than a shingle: one padded shingle
    assert len(sketch.shingle_hashes([])) == 0


def test_truncated_text_is_contained_not_resembling():
    words = tokens(repeated_copies()[0])
    full = sketch.sample_of(sketch.shingle_hashes(words))
    head = sketch.sample_of(sketch.shingle_hashes(words[: int(len(words) * 0.6)]))
    jaccard, contained = sketch.overlap(full, head)
    assert contained > 0.97
    assert 0.45 < jaccard < 0.75


def test_minhash_estimates_the_sample_resemblance():
    words = tokens(repeated_copies()[0])
    a = sketch.sample_of(sketch.shingle_hashes(words))
    b = sketch.sample_of(sketch.shingle_hashes(words[: len(words) // 2]))
    exact = sketch.overlap(a, b)[0]
    estimate = sketch.minhash_of(a).jaccard(sketch.minhash_of(b))
    assert abs(estimate - exact) < 0.15


def test_overlap_of_empty_samples_is_zero():
    assert sketch.overlap(np.zeros(0, np.uint32), np.arange(5, dtype=np.uint32)) == (0.0, 0.0)


def test_the_map_step_never_loads_datasketch():
    # datasketch imports scipy (~0.5 s per process); a digest needs neither.
    code = "import sys; from dedupe import digest; print('datasketch' in sys.modules, 'scipy' in sys.modules)"
    printed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert printed.stdout.split() == ["False", "False"]
