"""Accuracy of the segment stage: precision / recall / F1 per table, against ground truth.

Scores the seeds (tests/segment/truth/<seed>.json, hand-checked) and, when it has been generated,
the sample corpus (corpus/truth/*.json, written by the generator). Matching rules, one function per
table, are in segment/scoring.py (documents, parties, articles, signatures, annexes, equipments,
actions); deliberation fields and stamps are scored by segment/scoring_delib.py against
tests/segment/truth_delib/ and the corpus truth.

    .venv/bin/python bench/accuracy.py [--seeds DIR] [--corpus DIR]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from core.model import SourceFile  # noqa: E402
from segment import segment_file  # noqa: E402
from segment.scoring import TABLES, Score, score_file  # noqa: E402

SEED_TRUTH = REPO / "tests" / "segment" / "truth"


def load_source(path: Path, root: Path) -> SourceFile:
    from extract import read_file
    from normalize import normalize_file

    return normalize_file(read_file(path, root))


def score_inputs(pairs: list[tuple[Path, Path, dict[str, Any]]]) -> tuple[dict[str, Score], int]:
    """Summed scores over (input, root, truth) triples; and how many inputs could not be read."""
    totals = {table: Score() for table in TABLES}
    failed = 0
    for path, root, truth in pairs:
        source = load_source(path, root)
        if source.status != "ok":
            failed += 1
            continue
        for table, score in score_file(segment_file(source), truth).items():
            totals[table].add(score)
    return totals, failed


def seed_pairs(seeds: Path) -> list[tuple[Path, Path, dict[str, Any]]]:
    pairs = []
    for truth_path in sorted(SEED_TRUTH.glob("*.json")):
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        path = seeds / truth["file"]
        if path.exists():
            pairs.append((path, seeds, truth))
    return pairs


def corpus_pairs(corpus: Path) -> list[tuple[Path, Path, dict[str, Any]]]:
    pairs = []
    for truth_path in sorted((corpus / "truth").glob("*.json")):
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        path = corpus / truth["file"]
        if path.exists():
            pairs.append((path, corpus, truth))
    return pairs


def delib_rows(seeds: Path) -> list[str]:
    """Deliberation fields and stamps, when the scoring of that part is available."""
    try:
        from segment import scoring_delib
    except ImportError:
        return ["deliberation fields / stamps: segment/scoring_delib.py not available"]
    report = getattr(scoring_delib, "report_rows", None)
    return list(report(seeds)) if callable(report) else []


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
    for row in delib_rows(args.seeds):
        print(row)


if __name__ == "__main__":
    main()
