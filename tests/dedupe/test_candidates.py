"""Candidate generation stays near-linear on a family of look-alikes built on one template."""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import evaluation.dedupe_synthetic as synthetic
from ctg.core.model import DocumentDigest
from ctg.dedupe import digest, sketch
from ctg.dedupe.candidates import ALL_PAIRS_UP_TO, BANDS, DF_CAP, PAD_DF, _band_neighbours, candidate_pairs
from ctg.dedupe.compare import Prepared
from tests.dedupe.docs import seeds_dir

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("source", ["seeds", "built-in"])
def test_look_alikes_of_one_template_are_not_all_candidates(source):
    templates_from = seeds_dir() if source == "seeds" else None
    n = DF_CAP + 30  # more look-alikes than DF_CAP, so their shared wording is filtered out
    specs = [
        synthetic.DocSpec(f"t{i}#0", "conv_a", 1000 + i, 2026, 2030, "original", 0, f"t{i}#0")
        for i in range(n)
    ]
    docs = [
        Prepared.of(digest(synthetic.build(s, templates_from).doc, quality=1.0, repairs=0)) for s in specs
    ]
    # one exact copy of the first document must still be found
    copy = synthetic.build(specs[0]._replace(doc_id="t0#1"), templates_from).doc
    docs.append(Prepared.of(digest(copy, quality=1.0, repairs=0)))
    pairs = list(candidate_pairs(docs))
    assert (0, n) in pairs
    assert len(pairs) < n  # all-pairs would be n * (n - 1) / 2 = 4,371


def _acts_of_one_template(count: int, own: int) -> list[Prepared]:
    """`count` acts sharing every shingle but `own` values each (another council, another number)."""
    rng = np.random.default_rng(0)
    shared = rng.choice(2**31, size=200, replace=False).astype(np.uint32)
    docs = []
    for i in range(count):
        sample = np.unique(
            np.concatenate([shared, np.uint32(2**31 + own * i) + np.arange(own, dtype=np.uint32)])
        )
        packed = sample.tobytes()
        docs.append(
            Prepared.of(DocumentDigest(f"act{i:05d}", f"{i}.pdf", "deliberation", f"sha{i}", packed, 900))
        )
    return docs


def test_acts_of_one_template_with_few_own_values_are_not_all_candidates():
    # More acts than PAD_DF: what they share is template wording; each keeps only its own values.
    docs = _acts_of_one_template(PAD_DF + 44, own=3)
    copy = docs[7].digest
    docs.append(
        Prepared.of(DocumentDigest("act-copy", "copy.pdf", "deliberation", copy.text_sha, copy.sample, 900))
    )
    pairs = list(candidate_pairs(docs))
    assert (7, len(docs) - 1) in pairs
    assert len(pairs) < len(docs)  # the whole sample as lookup made it all-pairs: 45,150


SMALL_RUN = """
import sys
import evaluation.dedupe_synthetic as synthetic
from ctg.dedupe import digest, find_duplicates
spec = synthetic.DocSpec("t0#0", "conv_a", 1000, 2026, 2030, "original", 0, "t0#0")
specs = [spec._replace(doc_id=f"t{i}#0", territory=1000 + i, origin=f"t{i}#0") for i in range(8)]
docs = [synthetic.build(s, None).doc for s in specs]
docs.append(synthetic.build(specs[3]._replace(doc_id="t3#1"), None).doc)
found = find_duplicates(digest(doc, quality=1.0, repairs=0) for doc in docs)
print(found.canonical["t3#1"] == found.canonical["t3#0"], "datasketch" in sys.modules, "scipy" in sys.modules)
"""


def test_a_small_run_confirms_every_pair_without_an_index():
    # ALL_PAIRS_UP_TO documents or fewer: no datasketch, no scipy (~0.5 s), the copy still found.
    printed = subprocess.run(
        [sys.executable, "-c", SMALL_RUN], capture_output=True, text=True, cwd=REPO, check=True
    )
    assert printed.stdout.split() == ["True", "False", "False"]
    docs = _acts_of_one_template(ALL_PAIRS_UP_TO, own=3)
    assert len(list(candidate_pairs(docs))) == ALL_PAIRS_UP_TO * (ALL_PAIRS_UP_TO - 1) // 2


def test_documents_too_short_for_a_sample_are_paired_by_their_exact_text():
    short = [
        Prepared.of(DocumentDigest(f"ack{i}", f"{i}.pdf", "acknowledgement", sha, b"", 6))
        for i, sha in enumerate(["same", "other", "same", "same"])
    ]
    assert list(candidate_pairs(short)) == [(0, 2), (2, 3)]  # a chain links every copy


def test_banding_finds_the_buckets_of_datasketch_minhash_lsh():
    from datasketch import MinHashLSH

    rng = np.random.default_rng(1)
    sets = [rng.choice(5000, size=40, replace=False).astype(np.uint32) for _ in range(150)]
    sets += [np.concatenate([s[:30], rng.choice(5000, size=10).astype(np.uint32)]) for s in sets[:50]]
    signatures = [sketch.minhash_of(np.unique(s)) for s in sets]
    ids = list(range(len(sets)))
    index = MinHashLSH(num_perm=sketch.NUM_PERM, params=BANDS)
    for i, signature in enumerate(signatures):
        index.insert(i, signature)
    banded = _band_neighbours(np.array([s.hashvalues for s in signatures], dtype=np.uint64), ids)
    assert all(set(banded(i)) - {i} == set(index.query(signatures[i])) - {i} for i in ids)
    assert sum(len(banded(i)) > 1 for i in ids) >= 90  # the near-copies share buckets
