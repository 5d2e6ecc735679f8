"""Accuracy on every commune/EPCI mention of the seeds (hand-checked) and of the generated corpus."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from evaluation.resolve_accuracy import (
    corpus_cases,
    damaged,
    epci_variant_cases,
    epci_variants,
    measure,
    seed_cases,
    variant_cases,
)

HERE = Path(__file__).resolve().parent
MENTIONS = HERE / "mentions_seeds.csv"
CORPUS = HERE.parent.parent / "corpus"


def test_mentions_file_matches_the_seed_text(seeds_dir: Path) -> None:
    """Each mention is on its line (or runs on over the next two, joined by a space)."""
    table = pd.read_csv(MENTIONS, dtype=str, keep_default_na=False)
    for row in table.itertuples():
        lines = (seeds_dir / row.file).read_text(encoding="utf-8").splitlines()
        start = int(row.line) - 1
        window = " ".join(" ".join(lines[start : start + 3]).split())
        assert " ".join(row.as_written.split()) in window, (row.file, row.line)


def test_seed_mentions_resolve_without_error(seeds_dir: Path) -> None:
    report = measure("seeds", seed_cases(MENTIONS, seeds_dir))
    assert len(report.outcomes) >= 140
    assert report.count("wrong") == 0, [(o.case.source, o.case.as_written) for o in report.failures()]
    assert report.correct_share >= 0.99


def test_generated_corpus_mentions_resolve_without_error() -> None:
    if not (CORPUS / "truth").is_dir() or not any((CORPUS / "truth").glob("*.json")):
        pytest.skip("generated corpus truth not found")
    report = measure("corpus", list(corpus_cases(CORPUS)))
    assert report.outcomes
    assert report.count("wrong") == 0, [(o.case.source, o.case.as_written) for o in report.failures()]
    assert report.correct_share >= 0.99, report.row()


def test_damaged_forms_of_every_commune_never_get_a_wrong_code() -> None:
    """Each commune of two départements, written upper case, unhyphenated, with St, OCR-damaged, mistyped."""
    report = measure("variants", variant_cases(frozenset({"04", "13"})))
    assert len(report.outcomes) > 1500
    assert report.count("wrong") == 0, [(o.case.as_written, o.resolution.name) for o in report.failures()[:5]]
    assert report.correct_share >= 0.85, report.row()


def test_damaged_variants_of_a_name() -> None:
    variants = damaged("Saint-Étienne-du-Grès")
    assert variants["upper"] == "SAINT-ETIENNE-DU-GRES"
    assert variants["saint abbreviated"] == "St Étienne-du-Grès"
    assert variants["designator"] == "Commune de Saint-Étienne-du-Grès"


def test_epci_written_every_way_never_get_a_wrong_siren() -> None:
    report = measure("epci variants", epci_variant_cases(frozenset({"04", "05", "06", "13", "83", "84"})))
    assert len(report.outcomes) > 150
    assert report.count("wrong") == 0, [(o.case.as_written, o.resolution.name) for o in report.failures()[:5]]
    assert report.correct_share >= 0.95, report.row()


def test_epci_variants_of_a_name() -> None:
    variants = epci_variants("CC Vallée des Baux-Alpilles (CC VBA)", "CC")
    assert variants["in full"] == "Communauté de communes Vallée des Baux-Alpilles"
    assert variants["without nature"] == "Vallée des Baux-Alpilles"
    assert variants["acronym"] == "CCVBA"
