"""Candidate generation stays near-linear on a family of look-alikes built on one template."""

import pytest

from dedupe import digest, synthetic
from dedupe.candidates import DF_CAP, candidate_pairs
from dedupe.compare import Prepared
from tests.dedupe.docs import seeds_dir


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
