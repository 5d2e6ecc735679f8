"""Accuracy of commune/EPCI resolution on the seeds' hand-checked mentions and the generated corpus.

Run: `python bench/accuracy_resolve.py [--seeds DIR] [--corpus DIR] [--failures]`.
Prints one row per set: mentions, correct %, wrong (count), unresolved with reasons.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from ctg.resolve.reference import load_reference  # noqa: E402
from evaluation.resolve_accuracy import (  # noqa: E402
    AccuracyReport,
    corpus_cases,
    epci_variant_cases,
    measure,
    seed_cases,
    variant_cases,
)

MENTIONS = REPO / "tests" / "resolve" / "mentions_seeds.csv"
# Départements whose every commune name is damaged (case, accents, St, OCR, typos) for the "variants"
# set; "epci variants" writes every EPCI of France in full, upper case, without nature, as acronym, mistyped.
VARIANT_DEPARTEMENTS = frozenset({"04", "06", "13", "84", "2A"})


def reports(seeds: Path, corpus: Path, departements: frozenset[str]) -> list[AccuracyReport]:
    ref = load_reference()
    found = []
    if seeds.is_dir():
        found.append(measure("seeds", seed_cases(MENTIONS, seeds, ref), ref))
    if (corpus / "truth").is_dir():
        found.append(measure("corpus", corpus_cases(corpus, ref), ref))
    found.append(measure("variants", variant_cases(departements, ref), ref))
    found.append(measure("epci variants", epci_variant_cases(None, ref), ref))
    return found


def by_damage(report: AccuracyReport) -> Table:
    """The variants set split by the kind of damage (the label after the INSEE code in the source)."""
    table = Table(title=f"{report.name} by form")
    for column in ("form", "mentions", "correct %", "wrong", "unresolved"):
        table.add_column(column)
    labels = sorted({outcome.case.source.split(" ", 1)[1] for outcome in report.outcomes})
    for label in labels:
        part = AccuracyReport(label, [o for o in report.outcomes if o.case.source.endswith(" " + label)])
        row = part.row()
        table.add_row(
            label, *(str(row[column]) for column in ("mentions", "correct %", "wrong", "unresolved"))
        )
    return table


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=REPO.parent / "shared" / "seeds")
    parser.add_argument("--corpus", type=Path, default=REPO / "corpus")
    parser.add_argument("--failures", action="store_true", help="list every mention not resolved correctly")
    parser.add_argument(
        "--departements",
        default=",".join(sorted(VARIANT_DEPARTEMENTS)),
        help="comma-separated départements whose communes make the variants set (default: %(default)s)",
    )
    args = parser.parse_args()
    console = Console()
    table = Table(title="resolve: commune/EPCI mentions")
    columns = ["set", "mentions", "correct %", "wrong", "unresolved", "reasons"]
    for column in columns:
        table.add_column(column)
    found = reports(args.seeds, args.corpus, frozenset(args.departements.split(",")))
    for report in found:
        row = report.row()
        table.add_row(*(str(row[column]) for column in columns))
    console.print(table)
    for report in found:
        if report.name.endswith("variants"):
            console.print(by_damage(report))
    ref = load_reference()
    console.print(
        f"reference: {ref.version['package']} {ref.version['version']}, "
        f"{len(ref.communes)} communes, {len(ref.epci)} EPCI"
    )
    if args.failures:
        for report in found:
            for outcome in report.failures():
                case, res = outcome.case, outcome.resolution
                console.print(
                    f"{report.name} {outcome.verdict}: {case.source} {case.as_written!r} "
                    f"expected {case.expected}, got {res.insee or res.siren} ({res.reason})"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
