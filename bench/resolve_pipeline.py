"""Codes the whole chain gives the corpus's parties, signature blocks and deliberations.

Run: `python bench/resolve_pipeline.py [--corpus DIR] [--no-ocr]`. Each corpus input goes
through extract → normalize → segment → resolve; each coded item of the truth is compared with
the item segment found at the same position of the document starting on the same page.
Prints per item kind: expected, correct, wrong, unresolved, not found by segment.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from rich.console import Console
from rich.table import Table

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from ctg.core.model import Document  # noqa: E402
from ctg.corpus.truth import TruthDocument, iter_truth  # noqa: E402
from ctg.extract import read_file  # noqa: E402
from ctg.extract.options import ExtractOptions  # noqa: E402
from ctg.normalize import normalize_file  # noqa: E402
from ctg.resolve.document import resolve_document  # noqa: E402
from ctg.resolve.reference import load_reference  # noqa: E402
from ctg.segment import segment_file  # noqa: E402


def verdict(expected: str | None, found: str | None) -> str:
    if found is None:
        return "unresolved"
    return "correct" if found == expected else "wrong"


def compare(truth: TruthDocument, doc: Document | None, counts: dict[str, Counter[str]]) -> None:
    parties = {party.position: party for party in (doc.parties if doc else [])}
    for party in truth.parties:
        if party.party_type not in ("commune", "epci"):
            continue
        expected = party.insee if party.party_type == "commune" else party.siren
        found = parties.get(party.position)
        code = None if found is None else (found.insee if party.party_type == "commune" else found.siren)
        counts["parties"][verdict(expected, code) if found else "not found"] += 1
    blocks = {block.position: block for block in (doc.signatures if doc else [])}
    for block in truth.signatures:
        if block.party_type not in ("commune", "epci") or not (block.insee or block.siren):
            continue
        expected = block.insee if block.party_type == "commune" else block.siren
        found = blocks.get(block.position)
        code = None if found is None else (found.insee if block.party_type == "commune" else found.siren)
        counts["signatures"][verdict(expected, code) if found else "not found"] += 1
    if truth.deliberation is not None and truth.deliberation.insee:
        found = doc.deliberation if doc else None
        code = found.insee if found else None
        counts["deliberations"][verdict(truth.deliberation.insee, code) if found else "not found"] += 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO / "corpus")
    parser.add_argument("--no-ocr", action="store_true", help="skip scanned pages (faster, fewer documents)")
    args = parser.parse_args()
    options = ExtractOptions(ocr="never") if args.no_ocr else ExtractOptions()
    load_reference()
    counts: dict[str, Counter[str]] = {
        "parties": Counter(),
        "signatures": Counter(),
        "deliberations": Counter(),
    }
    for path, truth in iter_truth(args.corpus):
        source = normalize_file(read_file(path, args.corpus, options))
        documents = [resolve_document(doc) for doc in segment_file(source)]
        for expected in truth.documents:
            same = [d for d in documents if d.span.page == expected.page_start and d.kind == expected.kind]
            compare(expected, same[0] if same else None, counts)
    table = Table(title="resolve through the whole chain (corpus)")
    columns = ["item", "expected", "correct", "wrong", "unresolved", "not found"]
    for column in columns:
        table.add_column(column)
    for item, counter in counts.items():
        table.add_row(item, str(sum(counter.values())), *(str(counter[c]) for c in columns[2:]))
    Console().print(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
