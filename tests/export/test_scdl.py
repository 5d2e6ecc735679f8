"""SCDL Délibérations 2.1.5: exact columns, values as the documents give them, valid against the schema."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from frictionless import Resource, Schema

from ctg.core.model import Document
from ctg.export.scdl import (
    DEFAULT_MATIERE_CODE,
    SCDL_COLUMNS,
    VALIDATION_NAME,
    matiere_nom,
    scdl_frame,
    table_schema,
    validation_report,
    write_scdl,
)
from tests.export.builders import convention, deliberation, stamp

# The 17 fields of scdl/deliberations 2.1.5, in the schema's order (schema.data.gouv.fr).
SCDL_2_1_5 = [
    "COLL_NOM", "COLL_SIRET", "DELIB_ID", "DELIB_DATE", "DELIB_MATIERE_CODE", "DELIB_MATIERE_NOM",
    "DELIB_OBJET", "BUDGET_ANNEE", "BUDGET_NOM", "PREF_ID", "PREF_DATE", "VOTE_EFFECTIF", "VOTE_REEL",
    "VOTE_POUR", "VOTE_CONTRE", "VOTE_ABSTENTION", "DELIB_URL",
]  # fmt: skip
# Level-1 ACTES titles the schema's custom check accepts before the "/" of DELIB_MATIERE_NOM.
ACTES_LEVEL1_ACCEPTED = {
    "commande publique", "urbanisme", "domaine et patrimoine", "fonction publique",
    "institutions et vie politique", "libertés publiques et pouvoirs de police", "finances locales",
    "domaines de compétences par thèmes", "autres domaines de compétences",
}  # fmt: skip


@pytest.fixture(scope="module")
def documents() -> list[Document]:
    text = [
        "COMMUNE D'AUREILLE",
        "DELIBERATION DU CONSEIL MUNICIPAL",
        "Séance du 20 novembre 2025",
        "Nombre de membres en exercice : 19 - présents : 13 - votants : 15",
        "Approbation de la Convention Territoriale Globale 2026-2030 avec la Caf",
    ]
    aureille = deliberation(
        "del00001", "Aureille", date(2025, 11, 20), (15, 0, 0), number="DEL_2025_40", text=text
    )
    paradou = deliberation(
        "del00002", "Paradou", date(2025, 12, 1), (10, 3, 2), file="deliberations/paradou.pdf"
    )
    conv = convention()
    # Gardanne's deliberation is known only from the stamp on the convention it annexes.
    conv.stamps = [stamp("211300413", date(2025, 12, 8), "DEL_2025_123", conv.file)]
    return [conv, aureille, paradou]


def frictionless_errors(folder: Path) -> list[tuple[str, str, int]]:
    resource = Resource(
        path="deliberations.csv", basepath=str(folder), schema=Schema.from_descriptor(table_schema())
    )
    report = resource.validate()
    return [(error.type, error.field_name, error.row_number) for error in report.tasks[0].errors]


def test_columns_are_exactly_the_schema(documents: list[Document]) -> None:
    assert SCDL_COLUMNS == SCDL_2_1_5
    assert list(scdl_frame(documents).columns) == SCDL_2_1_5
    assert list(scdl_frame([]).columns) == SCDL_2_1_5


def test_values_come_from_the_documents(documents: list[Document]) -> None:
    frame = scdl_frame(documents).set_index("COLL_NOM")
    aureille = frame.loc["Aureille"]
    assert (aureille["DELIB_ID"], aureille["DELIB_DATE"]) == ("DEL_2025_40", "2025-11-20")
    assert (aureille["VOTE_REEL"], aureille["VOTE_POUR"], aureille["VOTE_CONTRE"]) == (15, 15, 0)
    assert aureille["VOTE_EFFECTIF"] == 19  # "membres en exercice", as the deliberation states it
    assert pd.isna(frame.loc["Paradou", "VOTE_EFFECTIF"])  # not stated: left empty
    assert frame.loc["Paradou", "VOTE_ABSTENTION"] == 2
    assert aureille["COLL_SIRET"] == ""  # the SIREN is known, the establishment number is not
    gardanne = frame.loc["Gardanne"]
    assert (gardanne["DELIB_ID"], gardanne["DELIB_DATE"], gardanne["DELIB_OBJET"]) == (
        "DEL_2025_123",
        "2025-12-08",
        "",
    )
    assert (gardanne["PREF_ID"], gardanne["PREF_DATE"]) == ("PREF013", "2025-12-08")


def test_matiere_default_is_inferred_and_configurable(documents: list[Document]) -> None:
    frame = scdl_frame(documents)
    assert set(frame["DELIB_MATIERE_CODE"]) == {DEFAULT_MATIERE_CODE}
    assert set(frame["DELIB_MATIERE_NOM"]) == {"domaines de compétences par thèmes/aide sociale"}
    assert all(any("inferred default" in line for line in notes) for notes in frame.attrs["notes"])
    other = scdl_frame(documents, matiere_code="1.4")
    assert set(other["DELIB_MATIERE_NOM"]) == {"commande publique/autres types de contrats"}
    with pytest.raises(ValueError, match="ACTES"):
        scdl_frame(documents, matiere_code="8.20")


def test_matiere_stated_by_an_acknowledgement_wins(documents: list[Document]) -> None:
    aureille = documents[1]
    ack = stamp("211300066", date(2025, 11, 20), "DEL_2025_40", "ar/aureille.pdf")
    ack.matiere = "7.5"
    aureille.deliberation.actes_id = ack.actes_id
    receipt = Document("ack00001", "ar/aureille.pdf", 0, "acknowledgement", ack.span, stamps=[ack])
    try:
        frame = scdl_frame([*documents, receipt]).set_index("COLL_NOM")
    finally:
        aureille.deliberation.actes_id = None
    assert frame.loc["Aureille", "DELIB_MATIERE_CODE"] == "7.5"
    assert frame.loc["Aureille", "DELIB_MATIERE_NOM"] == "finances locales/subventions"
    assert len(frame) == 3  # the acknowledged ACTES ID is the deliberation's, not another row


def test_every_matiere_name_passes_the_schema_check() -> None:
    for code in ("1.1", "3.5", "5.7", "7.10", "8.2", "9.4"):
        name = matiere_nom(code)
        assert re.fullmatch(r"\d\.\d{1,2}", code)
        assert name.split("/")[0] in ACTES_LEVEL1_ACCEPTED and "/ " not in name and " /" not in name


def test_written_csv_valid_but_for_reported_missing_values(documents: list[Document], tmp_path: Path) -> None:
    write_scdl(tmp_path, documents)
    folder = tmp_path / "scdl"
    report = (folder / VALIDATION_NAME).read_text(encoding="utf-8")
    errors = frictionless_errors(folder)
    # Only missing required cells, each of them named in the validation report with its row.
    assert {kind for kind, _, _ in errors} == {"constraint-error"}
    for _, field, row_number in errors:
        assert re.search(rf"row {row_number - 1} .*{field}: required value missing", report)
    assert sum("COLL_SIRET: required value missing" in line for line in report.splitlines()) == 3
    assert "DELIB_OBJET: required value missing" in report  # the stamp-only row
    assert pd.read_csv(folder / "deliberations.csv", dtype=str).shape == (3, 17)


def test_bad_values_are_caught_by_both_checks(tmp_path: Path) -> None:
    frame = pd.DataFrame([dict.fromkeys(SCDL_2_1_5, "")])
    frame.loc[0, ["COLL_NOM", "COLL_SIRET", "DELIB_ID", "DELIB_DATE"]] = ["X", "2113", "1", "29/07/2022"]
    frame.loc[0, ["DELIB_MATIERE_CODE", "DELIB_MATIERE_NOM", "DELIB_OBJET"]] = ["8.2.1", "aide sociale", "o"]
    report = validation_report(frame)
    assert any("COLL_SIRET" in line and "does not match" in line for line in report)
    assert any("DELIB_DATE" in line and "ISO date" in line for line in report)
    assert any("DELIB_MATIERE_CODE" in line for line in report)
    assert any("DELIB_MATIERE_NOM" in line for line in report)
    (tmp_path / "scdl").mkdir()
    frame.to_csv(tmp_path / "scdl" / "deliberations.csv", index=False)
    errors = {(kind, field) for kind, field, _ in frictionless_errors(tmp_path / "scdl")}
    assert ("type-error", "DELIB_DATE") in errors
    assert ("constraint-error", "COLL_SIRET") in errors and (
        "constraint-error",
        "DELIB_MATIERE_CODE",
    ) in errors


def test_seeds_scdl(seeds_dir: Path, tmp_path: Path) -> None:
    from tests.export.seed_run import seed_documents

    frame = write_scdl(tmp_path, seed_documents(seeds_dir))
    assert len(frame) >= 2
    assert {"constraint-error"} >= {kind for kind, _, _ in frictionless_errors(tmp_path / "scdl")}
    dated = frame[frame["DELIB_DATE"] != ""]
    assert dated["DELIB_DATE"].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()
    assert (frame["VOTE_POUR"].dropna() >= 0).all()
