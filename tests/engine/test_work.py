"""What a worker sends back: rows, texts and the audit's inputs made, no lines left."""

from __future__ import annotations

import copy
from pathlib import Path

from ctg.audit.rows import build_audit
from ctg.core.model import FileResult
from ctg.dedupe import find_duplicates
from ctg.engine.work import analyse, prepare
from ctg.export.audit_table import audit_record
from ctg.extract import read_text_file


def _analysed(seeds_dir: Path) -> list[FileResult]:
    return [analyse(read_text_file(path, seeds_dir)) for path in sorted(seeds_dir.glob("*.txt"))]


def _audit(results: list[FileResult]) -> list[dict[str, object]]:
    dedupe = find_duplicates(d for r in results for d in r.digests)
    documents = [doc for r in results for doc in r.documents]
    for doc in documents:
        canonical = dedupe.canonical.get(doc.doc_id, doc.doc_id)
        doc.duplicate_of = canonical if canonical != doc.doc_id else None
    return [audit_record(row) for row in build_audit(documents)]


def test_prepared_results_keep_no_lines_and_give_the_same_audit(seeds_dir: Path) -> None:
    full = _analysed(seeds_dir)
    prepared = [prepare(copy.deepcopy(result)) for result in full]
    assert all(not doc.lines and doc.audit is not None for r in prepared for doc in r.documents)
    assert all(not page.lines for r in prepared for page in r.source.pages)
    assert all(r.rows["documents"] and r.texts for r in prepared)
    expected = _audit(full)
    assert len(expected) > 20  # the seed conventions name dozens of communes and EPCI
    assert _audit(prepared) == expected
