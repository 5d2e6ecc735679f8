"""ctg on the real documents of shared/real: the shared scorer's figures, file by file, plus
parties, signature blocks and values stated as read that their provenance lacks.

    .venv/bin/python bench/real.py [--out DIR] [--reuse] [--jobs N] [--verbose]

Runs `ctg run shared/real --out DIR` (unless --reuse and DIR holds a run), then prints one row per
file and a total. Page share: pages whose text holds >= 0.9 x the gold's ref_chars (the shared
scorer's (a) counts 0.8). The goal of each F1 is 0.9; "unsupported" must be 0.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from evaluation.real import REAL, FileScore, Tally, score_run, unsupported_values  # noqa: E402

HEADER = (
    f"{'file':<34}{'pages':>7}{'CER':>7}{'docs':>6}{'delib R':>8}{'delib P':>8}{'fields':>7}{'inv':>4}"
    f"{'part F1':>8}{'sign F1':>8}{'ACTES R':>8}{'unsup':>6}"
)


def run(out: Path, jobs: int) -> float:
    started = time.perf_counter()
    command = [sys.executable, str(REPO / "pipeline.py"), "run", str(REAL), "--out", str(out), "--quiet"]
    subprocess.run([*command, "--jobs", str(jobs), "--no-cache"], check=False)
    return time.perf_counter() - started


def _f1(figures: dict, name: str) -> float:
    p, r = figures[f"{name}_precision"], figures[f"{name}_recall"]
    return 2 * p * r / (p + r) if p + r else 0.0


def row(score: FileScore) -> str:
    f = score.grade["figures"]
    detail = score.grade["detail"]
    cer = f"{f['cer']:.1%}" if detail["cer"]["chars"] else "-"
    docs = detail["documents"]
    delib = detail["deliberations"]
    recall = f"{f['delib_recall']:.2f}" if delib["gold"] else "-"
    precision = f"{f['delib_precision']:.2f}" if delib["pred"] or delib["gold"] else "-"
    fields = f"{f['field_accuracy']:.2f}" if delib["pred_matched"] else "-"
    actes = f"{f['actes_recall']:.2f}" if detail["stamps"]["gold"] else "-"
    return (
        f"{score.file[:33]:<34}{score.pages_read:>3}/{score.pages:<3}{cer:>7}{docs['tp']:>3}/{docs['gold']:<2}"
        f"{recall:>8}{precision:>8}{fields:>7}{f['invented']:>4}{_tally(score.parties):>8}"
        f"{_tally(score.signatures):>8}{actes:>8}{score.unsupported:>6}"
    )


def _tally(tally: Tally) -> str:
    return f"{tally.f1:.2f}" if tally.gold or tally.pred else "-"


def totals(scores: list[FileScore], figures: dict) -> list[str]:
    parties, signatures = Tally(), Tally()
    for score in scores:
        parties.add(score.parties)
        signatures.add(score.signatures)
    pages = sum(s.pages_read for s in scores), sum(s.pages for s in scores)
    fields = ", ".join(
        f"{name} {right}/{total}"
        for tally in (parties, signatures)
        for name, (right, total) in tally.fields.items()
    )
    return [
        f"pages >= 0.9 x ref_chars: {pages[0]}/{pages[1]} ({pages[0] / max(pages[1], 1):.2f})",
        f"CER on transcribed pages: {figures['cer']:.2%}",
        f"documents: P {figures['documents_p']:.2f} R {figures['documents_r']:.2f} "
        f"F1 {figures['documents_f1']:.2f}",
        f"deliberations: R {figures['delib_recall']:.2f} P {figures['delib_precision']:.2f} "
        f"F1 {_f1(figures, 'delib'):.2f}; fields {figures['field_accuracy']:.2f} "
        f"(min {figures['field_min']:.2f}); invented {figures['invented']}",
        f"parties: P {parties.precision:.2f} R {parties.recall:.2f} F1 {parties.f1:.2f} "
        f"({parties.tp} matched, {parties.pred} found, {parties.gold} in gold)",
        f"signatures: P {signatures.precision:.2f} R {signatures.recall:.2f} F1 {signatures.f1:.2f} "
        f"({signatures.tp} matched, {signatures.pred} found, {signatures.gold} in gold)",
        f"fields of matched parties and signatures: {fields or '-'}",
        f"ACTES ids: R {figures['actes_recall']:.2f} P {figures['actes_precision']:.2f} "
        f"F1 {_f1(figures, 'actes'):.2f}",
        f"values stated as read that their provenance lacks: {sum(s.unsupported for s in scores)}",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp/ctg-bench-real"))
    parser.add_argument("--reuse", action="store_true", help="score the run already in --out")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--verbose", action="store_true", help="list the values their provenance lacks")
    args = parser.parse_args()
    if not REAL.is_dir():
        sys.exit(f"real documents not found at {REAL} (set CTG_REAL)")
    if not (args.reuse and (args.out / "csv" / "files.csv").exists()):
        print(f"ctg run on {REAL}: {run(args.out, args.jobs):.1f} s ({args.jobs} jobs)")
    scores, overall = score_run(args.out)
    print(HEADER)
    for score in scores:
        print(row(score))
    print()
    print("\n".join(totals(scores, overall["figures"])))
    if args.verbose:
        for value in unsupported_values(args.out):
            print(f"  unsupported: {value}")


if __name__ == "__main__":
    main()
