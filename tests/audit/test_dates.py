"""Dates in order and annexes: each finding on a small convention modelled on the seeds, and the
sample corpus's Alpilles convention, signed before the deliberations that approve it."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from ctg.audit.rows import build_audit, build_conventions
from ctg.core.model import Annex, AuditRow, Document, DuplicateLink, Span
from tests.export.builders import FILE, convention, deliberation, stamp

AUREILLE, PARADOU, GARDANNE_SIREN = "13006", "13068", "211300413"
REPO = Path(__file__).resolve().parents[2]


def signed(on: date | None, **changes: object) -> Document:
    doc = convention()
    doc.signed_date, doc.signed_place = on, "Saint-Rémy-de-Provence" if on else ""
    for name, value in changes.items():
        setattr(doc, name, value)
    return doc


def row_of(rows: list[AuditRow], insee: str) -> AuditRow:
    return next(row for row in rows if row.insee == insee)


def codes(row: AuditRow) -> list[str]:
    return [f.code for f in row.findings]


def aureille(
    seance: date, executoire: date | None = None, file: str = "deliberations/aureille.pdf"
) -> Document:
    doc = deliberation("del00001", "Aureille", seance, (15, 0, 0), file=file)
    doc.deliberations[0] = dataclasses.replace(doc.deliberations[0], executoire_date=executoire)
    return doc


def test_signed_before_the_deliberation_that_authorises_it() -> None:
    rows = build_audit([signed(date(2025, 11, 19)), aureille(date(2025, 12, 1))])
    found = [f for f in row_of(rows, AUREILLE).findings if f.code == "signed_before_deliberation"]
    assert [f.text for f in found] == [
        "signed on 2025-11-19, before this council's deliberation of 2025-12-01"
    ]
    assert found[0].severity == "problem"


def test_signed_after_the_deliberation_is_in_order() -> None:
    rows = build_audit([signed(date(2025, 12, 15)), aureille(date(2025, 12, 1), date(2025, 12, 3))])
    assert not {"signed_before_deliberation", "signed_before_executoire"} & set(codes(row_of(rows, AUREILLE)))


def test_signed_before_the_deliberation_was_executoire() -> None:
    rows = build_audit([signed(date(2025, 12, 2)), aureille(date(2025, 12, 1), date(2025, 12, 5))])
    aureille_row = row_of(rows, AUREILLE)
    assert "signed_before_executoire" in codes(aureille_row)
    assert "signed_before_deliberation" not in codes(aureille_row)


def test_no_signing_date_read_gives_no_date_finding() -> None:
    rows = build_audit([signed(None), aureille(date(2025, 12, 1), date(2025, 12, 5))])
    assert not [c for c in codes(row_of(rows, AUREILLE)) if c.startswith("signed_")]


def test_a_stamp_known_deliberation_is_dated_by_its_act_date() -> None:
    conv = signed(date(2025, 11, 17))
    conv.stamps = [stamp("211300686", date(2025, 12, 8), "DEL_2025_123", conv.file)]  # Paradou's SIREN
    paradou = row_of(build_audit([conv]), PARADOU)
    assert paradou.deliberation == "yes" and "signed_before_deliberation" in codes(paradou)


def test_deliberation_outside_the_period() -> None:
    # The deliberation names the CTG 2026-2030, but is voted in 2031.
    rows = build_audit([signed(None), aureille(date(2031, 2, 1))])
    assert "deliberation_outside_period" in codes(row_of(rows, AUREILLE))


def test_signed_outside_the_period_but_not_the_year_before() -> None:
    [late] = build_conventions([signed(date(2031, 1, 5))])
    assert [f.code for f in late.findings if f.code == "signed_outside_period"] == ["signed_outside_period"]
    [usual] = build_conventions([signed(date(2025, 11, 19))])
    assert "signed_outside_period" not in [f.code for f in usual.findings]


def test_deliberation_approving_another_version() -> None:
    conv = signed(date(2025, 12, 15))
    delib = aureille(date(2025, 12, 1), file="deliberations/aureille_bundle.pdf")
    draft = dataclasses.replace(convention("conv0002"), file=delib.file, doc_id="conv0002")
    link = DuplicateLink("conv0002", "dup-1", conv.doc_id, 0.91, "version", "differ: draft mark")
    found = codes(row_of(build_audit([conv, delib, draft], links=[link]), AUREILLE))
    assert "approves_other_version" in found
    copy = DuplicateLink("conv0002", "dup-1", conv.doc_id, 0.99, "copy")
    draft.duplicate_of = conv.doc_id
    assert "approves_other_version" not in codes(
        row_of(build_audit([conv, delib, draft], links=[copy]), AUREILLE)
    )


def test_a_finding_per_missing_annex_and_a_copy_that_holds_one() -> None:
    at = Span(FILE, 1, 3, 3)
    annexes = [Annex("1", "Diagnostic", True, True, at), Annex("2", "Plan d'actions", True, False, at),
               Annex("3", "Pilotage", True, False, at)]  # fmt: skip
    conv = signed(date(2025, 11, 19), annexes=annexes)
    copy = dataclasses.replace(convention("conv0009"), duplicate_of=conv.doc_id)
    copy.annexes = [Annex("3", "Pilotage", True, True, at)]
    [audit] = build_conventions([conv, copy])
    assert [(a.number, a.present) for a in audit.annexes] == [("1", True), ("2", False), ("3", True)]
    missing = [f for f in audit.findings if f.code == "annex_missing"]
    assert [f.text for f in missing] == [
        "annex 2 (Plan d'actions) is listed but neither the convention nor a copy of it holds it"
    ]


@pytest.mark.parametrize("kind", ["annex_missing", "signed_before_deliberation"])
def test_the_sample_corpus_run_says_so(kind: str, corpus_run: Path) -> None:
    audit = pd.read_csv(corpus_run / "csv" / "audit.csv", dtype=str, keep_default_na=False)
    conventions = pd.read_csv(corpus_run / "csv" / "audit_conventions.csv", dtype=str, keep_default_na=False)
    alpilles = conventions[conventions["file"] == "conv_alpilles.pdf"].iloc[0]
    assert (alpilles["signed_place"], alpilles["signed_date"]) == ("Saint-Rémy-de-Provence", "2025-11-19")
    if kind == "annex_missing":
        # Listed, never published (the scanned Ajaccio convention is not read without OCR).
        missing = conventions[conventions["annexes_missing"] != ""]
        assert dict(zip(missing["file"], missing["annexes_missing"], strict=True)) == {
            "bundle_manosque.pdf": "4",
            "conv_alpilles.pdf": "4",
        }
        assert all(codes.split(";").count(kind) == 1 for codes in missing["finding_codes"])
    else:
        mine = audit[audit["convention_doc_id"] == alpilles["convention_doc_id"]]
        before = mine[mine["finding_codes"].str.contains(kind)]
        # Mouriès (1 December), Saint-Étienne-du-Grès (2), Maussane (8), the EPCI (11)
        assert sorted(before["deliberation_date"]) == ["2025-12-01", "2025-12-02", "2025-12-08", "2025-12-11"]
