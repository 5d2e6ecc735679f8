"""Accuracy of the segment stage: precision / recall / F1 per table, against ground truth.

Scores the seeds (tests/segment/truth/<seed>.json, hand-checked) and, when it has been generated,
the sample corpus (corpus/truth/*.json, written by the generator). Matching rules, one function per
table, are in evaluation/segment_scoring.py (documents, parties, articles, signatures, annexes, equipments,
actions); deliberation fields and stamps are scored by evaluation/deliberation_scoring.py against
tests/segment/truth_delib/ and the corpus truth, on the deliberations this stage finds (their rows
here sum the per-field counts; bench/delib_accuracy.py shows them field by field).

    .venv/bin/python bench/accuracy.py [--seeds DIR] [--corpus DIR] [--damage N]

A third table scores the corpus again on the text its truth records, damaged N times the way
Tesseract damages French text (evaluation/synthetic_damage.py) and normalized: the parsers' tolerance
of OCR, without OCR's own page-reading errors.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from ctg.core.model import Document, Line, Page, SourceFile  # noqa: E402
from ctg.resolve.document import resolve_document  # noqa: E402
from ctg.segment import segment_file  # noqa: E402
from evaluation.deliberation_scoring import score_deliberation, score_stamps  # noqa: E402
from evaluation.segment_scoring import TABLES, Score, same_document, score_document_fields, score_file  # noqa: E402

SEED_TRUTH = REPO / "tests" / "segment" / "truth"
SEED_TRUTH_DELIB = REPO / "tests" / "segment" / "truth_delib"  # deliberation fields and stamps of the seeds
ALL_TABLES = (*TABLES, "doc fields", "deliberations", "stamps", "deliberations*", "stamps*")
# Codes that resolve/ fills from names (a deliberation's INSEE and SIREN when no stamp gives them, a
# stamp's INSEE): the plain rows score documents after resolve, as the pipeline outputs them; the
# starred rows score segment's own reading, those codes left out.
RESOLVED_LATER = {"deliberations": {"insee", "siren"}, "stamps": {"insee"}}


def load_source(path: Path, root: Path) -> SourceFile:
    from ctg.extract import read_file
    from ctg.normalize import normalize_file

    return normalize_file(read_file(path, root))


def score_inputs(
    pairs: list[tuple[Path, Path, dict[str, Any], dict[str, Any]]],
) -> tuple[dict[str, Score], int]:
    """Summed scores over (input, root, truth, deliberation/stamp truth); and the unreadable inputs."""
    totals = {table: Score() for table in ALL_TABLES}
    failed = 0
    for path, root, truth, truth_delib in pairs:
        source = load_source(path, root)
        if source.status != "ok":
            failed += 1
            continue
        add_scores(totals, segment_file(source), truth, truth_delib)
    return totals, failed


def add_scores(
    totals: dict[str, Score], documents: list[Document], truth: dict[str, Any], truth_delib: dict[str, Any]
) -> None:
    """One file's documents scored against its truth, added to the totals of every table."""
    for table, score in score_file(documents, truth).items():
        totals[table].add(score)
    totals["doc fields"].add(score_document_fields(documents, truth))
    resolved = [resolve_document(doc) for doc in documents]  # as the pipeline outputs them
    for suffix, docs, skip in (("", resolved, None), ("*", documents, RESOLVED_LATER)):
        delib, stamps = delib_and_stamp_scores(docs, truth_delib, skip)
        totals["deliberations" + suffix].add(delib)
        totals["stamps" + suffix].add(stamps)


def seed_pairs(seeds: Path) -> list[tuple[Path, Path, dict[str, Any], dict[str, Any]]]:
    pairs = []
    for truth_path in sorted(SEED_TRUTH.glob("*.json")):
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        delib_path = SEED_TRUTH_DELIB / truth_path.name
        truth_delib = (
            json.loads(delib_path.read_text(encoding="utf-8")) if delib_path.exists() else {"documents": []}
        )
        path = seeds / truth["file"]
        if path.exists():
            pairs.append((path, seeds, truth, truth_delib))
    return pairs


def damaged_source(truth: dict[str, Any], seed: int) -> SourceFile:
    """The corpus file rebuilt from the text its truth records, each page OCR-damaged, then normalized."""
    from ctg.normalize import normalize_file
    from evaluation.synthetic_damage import damage

    pages = []
    for page in truth["pages"]:
        text = damage(page["text"], seed)
        lines = [Line(text=t, page=page["page"], number=n, raw=t) for n, t in enumerate(text.split("\n"), 1)]
        pages.append(Page(file=truth["file"], number=page["page"], method="ocr", lines=lines))
    source = SourceFile(file=truth["file"], sha256=f"damaged-{seed}-{truth['file']}", bytes=0, pages=pages)
    return normalize_file(source)


def score_damaged(
    pairs: list[tuple[Path, Path, dict[str, Any], dict[str, Any]]], seeds: range
) -> dict[str, Score]:
    totals = {table: Score() for table in ALL_TABLES}
    for _, _, truth, _ in pairs:
        for seed in seeds:
            add_scores(totals, segment_file(damaged_source(truth, seed)), truth, truth)
    return totals


def corpus_pairs(corpus: Path) -> list[tuple[Path, Path, dict[str, Any], dict[str, Any]]]:
    pairs = []
    for truth_path in sorted((corpus / "truth").glob("*.json")):
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        path = corpus / truth["file"]
        if path.exists():
            pairs.append((path, corpus, truth, truth))
    return pairs


def delib_and_stamp_scores(
    documents: list[Document], truth: dict[str, Any], skip: dict[str, set[str]] | None = None
) -> tuple[Score, Score]:
    """Deliberation fields and stamp fields, summed over fields, by evaluation/deliberation_scoring.py.

    Each true deliberation is paired with the predicted deliberation document that matches it as a
    document (evaluation/segment_scoring.py); stamps are scored over the whole file.
    """
    delib, stamps = Score(), Score()
    predicted = [d for d in documents if d.kind == "deliberation"]
    for expected in (d for d in truth["documents"] if d["kind"] == "deliberation" and d.get("deliberation")):
        pair = next((d for d in predicted if same_document(d, expected)), None)
        if pair is not None:
            predicted.remove(pair)
        scores = score_deliberation(pair.deliberation if pair else None, expected["deliberation"])
        for name, field in scores.items():
            if name not in (skip or {}).get("deliberations", set()):
                delib.add(Score(field.tp, field.fp, field.fn))
    # The file-level list holds every stamp; documents repeat theirs (seed truth may have only the latter).
    true_stamps = truth.get("stamps") or [s for d in truth["documents"] for s in d.get("stamps", [])]
    for name, field in score_stamps([s for d in documents for s in d.stamps], true_stamps).items():
        if name not in (skip or {}).get("stamps", set()):
            stamps.add(Score(field.tp, field.fp, field.fn))
    return delib, stamps


def table(title: str, totals: dict[str, Score], files: int, failed: int) -> str:
    lines = [f"{title}: {files} files" + (f" ({failed} unreadable)" if failed else ""), ""]
    lines.append(f"{'table':<12} {'tp':>5} {'fp':>5} {'fn':>5} {'P':>6} {'R':>6} {'F1':>6}")
    for name, s in totals.items():
        lines.append(
            f"{name:<12} {s.tp:>5} {s.fp:>5} {s.fn:>5} {s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f}"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=REPO.parent / "shared" / "seeds")
    parser.add_argument("--corpus", type=Path, default=REPO / "corpus")
    parser.add_argument(
        "--damage", type=int, default=3, help="OCR-damaged copies of the corpus text to score"
    )
    args = parser.parse_args()
    seeds = seed_pairs(args.seeds)
    totals, failed = score_inputs(seeds)
    print(table("seeds", totals, len(seeds), failed))
    corpus = corpus_pairs(args.corpus) if (args.corpus / "truth").is_dir() else []
    if corpus:
        totals, failed = score_inputs(corpus)
        print()
        print(table("corpus", totals, len(corpus), failed))
    else:
        print(f"\ncorpus: no truth under {args.corpus / 'truth'} (generate it first); seeds only")
    if corpus and args.damage:
        totals = score_damaged(corpus, range(args.damage))
        title = (
            f"corpus truth text, OCR-damaged ({args.damage} seeds of normalize.synthetic_damage), normalized"
        )
        print()
        print(table(title, totals, len(corpus) * args.damage, 0))


if __name__ == "__main__":
    main()
