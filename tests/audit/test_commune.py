"""`ctg audit --commune`: one commune across conventions, in three formats; a name not found."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest

from ctg import pipeline
from ctg.audit.commune import closest_names, commune_view
from ctg.audit.rows import build_audit
from tests.export.builders import FILE, convention

VBA = ("Communauté de communes Vallée des Baux-Alpilles", "241300375")


def audit(out: Path, *options: str) -> int:
    return pipeline.main(["audit", "--out", str(out), *options])


def test_one_commune_across_conventions() -> None:
    rows = build_audit([convention(), convention("conv0002", file="conventions/renewal.pdf")])
    entries = commune_view(rows, "Aureille")
    assert sorted(e.convention_file for e in entries) == sorted([FILE, "conventions/renewal.pdf"])
    assert {e.convention_doc_id for e in entries} == {"conv0001", "conv0002"}
    assert all("party" in e.relations and "signature block" in e.relations for e in entries)
    assert all((e.signing_epci, e.signing_epci_siren) == VBA for e in entries)
    assert all(any(line.startswith("party: ") for line in e.evidence) for e in entries)


def test_closest_names_of_a_name_not_found() -> None:
    rows = build_audit([convention()])
    assert commune_view(rows, "Aureile") == []
    assert closest_names(rows, "Aureile")[0] == "Aureille"


def test_json_on_the_corpus(corpus_run: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert audit(corpus_run, "--commune", "Mouriès", "--format", "json") == 0
    [mouries] = json.loads(capsys.readouterr().out)
    assert (mouries["insee"], mouries["convention_file"], mouries["is_party"]) == (
        "13065",
        "conv_alpilles.pdf",
        "yes",
    )
    assert (mouries["signing_epci"], mouries["signing_epci_siren"]) == VBA
    assert any(line.startswith("deliberation: delib_mouries_cp1252.txt p. 1") for line in mouries["evidence"])


def test_member_of_the_signing_epci_only(corpus_run: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Aureille, in the earlier territory and a member of the EPCI that signs, is no party in 2026-2030.
    assert audit(corpus_run, "--commune", "Aureille", "--format", "csv") == 0
    frame = pd.read_csv(io.StringIO(capsys.readouterr().out), dtype=str, keep_default_na=False)
    assert frame["is_party"].tolist() == ["no"]
    assert "member of the signing EPCI (reference)" in frame["relations"].iloc[0]
    assert frame["signing_epci_siren"].iloc[0] == VBA[1]


def test_table_and_an_unknown_commune(corpus_run: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert audit(corpus_run, "--commune", "Vallée des Baux") == 0  # an EPCI by its name without nature
    assert capsys.readouterr().out.startswith(f"{VBA[0]} (SIREN {VBA[1]})")
    assert audit(corpus_run, "--commune", "Mouriés-les-Bains") == pipeline.EXIT_FILES_FAILED
    err = capsys.readouterr().err
    assert "no commune 'Mouriés-les-Bains'" in err and "Mouriès" in err.split("closest names:")[1]
