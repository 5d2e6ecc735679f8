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
    SCDL_COLUMNS,
    VALIDATION_NAME,
    matiere_nom,
    read_sirets,
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
        "del00002",
        "Paradou",
        date(2025, 12, 1),
        (10, 3, 2),
        objet="Tarifs des services périscolaires 2026",
        file="deliberations/paradou.pdf",
    )
    conv = convention()
    # Gardanne's deliberation is known only from the stamp on the convention it annexes.
    conv.stamps = [stamp("211300413", date(2025, 12, 8), "DEL_2025_123", conv.file)]
    return [conv, aureille, paradou]


def notes_of(frame: pd.DataFrame, name: str) -> list[str]:
    return frame.attrs["notes"][list(frame["COLL_NOM"]).index(name)]


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


def test_matiere_inferred_for_a_ctg_approval(documents: list[Document], tmp_path: Path) -> None:
    frame = scdl_frame(documents).set_index("COLL_NOM")
    assert (
        frame.loc["Aureille", "DELIB_MATIERE_CODE"] == "8.2"
    )  # "Approbation de la Convention Territoriale Globale"
    assert frame.loc["Aureille", "DELIB_MATIERE_NOM"] == "domaines de compétences par thèmes/aide sociale"
    write_scdl(tmp_path, documents)
    report = (tmp_path / "scdl" / VALIDATION_NAME).read_text(encoding="utf-8")
    assert re.search(r"row \d \(Aureille DEL_2025_40\): note: DELIB_MATIERE_CODE/NOM: inferred 8.2", report)


def test_matiere_empty_and_listed_when_nothing_gives_it(documents: list[Document], tmp_path: Path) -> None:
    frame = write_scdl(tmp_path, documents).set_index("COLL_NOM")
    # Paradou's tariffs: no acknowledgement, no rule; Gardanne: a stamp on a convention of no known type.
    assert list(frame.loc[["Paradou", "Gardanne"], "DELIB_MATIERE_CODE"]) == ["", ""]
    assert list(frame.loc[["Paradou", "Gardanne"], "DELIB_MATIERE_NOM"]) == ["", ""]
    report = (tmp_path / "scdl" / VALIDATION_NAME).read_text(encoding="utf-8")
    for name in ("Paradou", "Gardanne"):
        assert re.search(
            rf"\({name} [^)]*\): DELIB_MATIERE_CODE: required value missing — no acknowledgement", report
        )
    assert "inferred" not in " ".join(notes_of(scdl_frame(documents), "Paradou"))


def test_matiere_inferred_from_the_type_of_the_document_a_stamp_is_on(documents: list[Document]) -> None:
    conv = documents[0]
    conv.convention_type = "CTG"
    try:
        frame = scdl_frame(documents)
    finally:
        conv.convention_type = ""
    assert frame.set_index("COLL_NOM").loc["Gardanne", "DELIB_MATIERE_CODE"] == "8.2"
    assert any("inferred 8.2" in note for note in notes_of(frame, "Gardanne"))


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
    assert sum("DELIB_MATIERE_CODE: required value missing" in line for line in report.splitlines()) == 2
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


def test_one_row_per_act_and_the_prefecture_dates(documents: list[Document]) -> None:
    # The same act read a second time (another canonical document: its minutes) is one row.
    again = deliberation("min00001", "Aureille", date(2025, 11, 20), (15, 0, 0), number="DEL_2025_40")
    again.kind = "minutes"
    frame = scdl_frame([*documents, again])
    assert len(frame) == 3 and not frame.duplicated(["COLL_NOM", "DELIB_ID", "DELIB_DATE"]).any()
    assert any(note.startswith("also read, source:") for note in notes_of(frame, "Aureille"))
    # PREF_DATE: received, else sent; DELIB_DATE: the séance's date (or the act's, in the ACTES ID).
    gardanne = documents[0].stamps[0]
    gardanne.received, gardanne.sent = None, date(2025, 12, 9)
    try:
        by_name = scdl_frame(documents).set_index("COLL_NOM")
    finally:
        gardanne.received = gardanne.sent = date(2025, 12, 8)
    assert by_name.loc["Gardanne", ["DELIB_DATE", "PREF_DATE"]].tolist() == ["2025-12-08", "2025-12-09"]
    assert by_name.loc["Aureille", "DELIB_DATE"] == "2025-11-20"


SIRETS = "siren,siret\n211300066,21130006600016\n211300413, 21130041300011\n"


def test_siret_filled_from_the_users_file(documents: list[Document], tmp_path: Path) -> None:
    (tmp_path / "sirets.csv").write_text(SIRETS, encoding="utf-8")
    sirets = read_sirets(tmp_path / "sirets.csv")
    assert sirets == {"211300066": "21130006600016", "211300413": "21130041300011"}
    frame = write_scdl(tmp_path, documents, sirets).set_index("COLL_NOM")
    assert frame.loc["Aureille", "COLL_SIRET"] == "21130006600016"  # SIREN of the deliberation
    assert frame.loc["Gardanne", "COLL_SIRET"] == "21130041300011"  # SIREN of the ACTES ID
    assert frame.loc["Paradou", "COLL_SIRET"] == ""  # not in the file: empty, and listed
    report = (tmp_path / "scdl" / VALIDATION_NAME).read_text(encoding="utf-8")
    assert sum("COLL_SIRET: required value missing" in line for line in report.splitlines()) == 1
    assert not {kind for kind, _, _ in frictionless_errors(tmp_path / "scdl")} - {"constraint-error"}


@pytest.mark.parametrize(
    "content",
    [
        "siren;siret\n211300066;21130006600016\n",  # not comma-separated: no siren,siret columns
        "siren,siret\n211300066,2113000660001\n",  # a SIRET of 13 digits
        "siren,siret\n211300066,21130041300011\n",  # a SIRET of another SIREN
        "siren,siret\n211300066,21130006600016\n211300066,21130006600024\n",  # two SIRETs
        "",
    ],
)
def test_bad_siret_file_is_a_usage_error(content: str, tmp_path: Path) -> None:
    from ctg.pipeline import EXIT_USAGE, main

    (tmp_path / "sirets.csv").write_text(content, encoding="utf-8")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "delib.txt").write_text("COMMUNE DE PARADOU\n", encoding="utf-8")
    out = tmp_path / "out"
    argv = [
        "run",
        str(tmp_path / "in"),
        "--out",
        str(out),
        "--quiet",
        "--siret",
        str(tmp_path / "sirets.csv"),
    ]
    assert main(argv) == EXIT_USAGE
    assert not out.exists()
    with pytest.raises(ValueError, match="--siret"):
        read_sirets(tmp_path / "sirets.csv")
    assert main([*argv[:-1], str(tmp_path / "missing.csv")]) == EXIT_USAGE
