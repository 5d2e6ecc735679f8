"""Prefecture stamps and acknowledgements of receipt: seeds against truth, and one fixture per wording."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from ctg.core.text import fold
from ctg.segment.stamps import (
    ACTES_ID,
    ACTES_ID_EXAMPLE,
    NATURES,
    STAMP_FIELDS,
    find_stamps,
    is_acknowledgement,
    parse_actes_id,
)
from evaluation.deliberation_scoring import STAMP_FIELDS as SCORED_FIELDS
from evaluation.deliberation_scoring import score_stamps
from tests.segment.seed_lines import lines_of_text
from tests.segment.truth_delib_files import lines_for, stamp_cases

RESOLVED_LATER = {"insee"}  # filled by resolve from the SIREN, not by the parser


def _stamp_truths(truth: dict[str, Any]) -> list[dict[str, Any]]:
    return truth["stamps"] + [stamp for document in truth["documents"] for stamp in document["stamps"]]


@pytest.mark.parametrize("truth", stamp_cases())
def test_seed_stamps_match_truth_field_by_field(truth: dict[str, Any]) -> None:
    expected = sorted(_stamp_truths(truth), key=lambda stamp: (stamp["page"], stamp["line_start"]))
    found = find_stamps(lines_for(truth), truth["file"])
    assert [(s.span.page, s.span.line_start) for s in found] == [
        (e["page"], e["line_start"]) for e in expected
    ]
    for stamp, true in zip(found, expected, strict=True):
        for field in SCORED_FIELDS:
            if field in RESOLVED_LATER:
                continue
            value = getattr(stamp, field)
            assert (value.isoformat() if isinstance(value, date) else value) == true[field], field


@pytest.mark.parametrize("truth", stamp_cases())
def test_seed_stamp_scores_are_perfect_but_for_resolved_fields(truth: dict[str, Any]) -> None:
    scores = score_stamps(find_stamps(lines_for(truth), truth["file"]), _stamp_truths(truth))
    assert all(score.f1 == 1.0 for field, score in scores.items() if field not in RESOLVED_LATER)


def _stamps(text: str) -> list:
    return find_stamps(lines_of_text(text), "fixture.txt")


def test_stamp_block_split_over_lines() -> None:
    (stamp,) = _stamps(
        "Envoyé en préfecture le\n10/12/2025\nReçu en préfecture le\n10/12/2025\n"
        "ID : 013-211300413-20251208-DEL_2025_123-DE"
    )
    assert (stamp.sent, stamp.received) == (date(2025, 12, 10), date(2025, 12, 10))
    assert (stamp.span.line_start, stamp.span.line_end) == (1, 5)


def test_stamp_block_reordered_and_ocr_damaged() -> None:
    text = (
        "ID: 013-211300413-20251208-DEL_2025_123-DE\nPubli6 le 11/12/2025\n"
        "Regu en prefecture le 10/12/2025\nEnvoy6 en prefecture le 09/12/2025"
    )
    (stamp,) = _stamps(text)
    assert stamp.sent == date(2025, 12, 9)
    assert stamp.received == date(2025, 12, 10)
    assert stamp.published == date(2025, 12, 11)
    assert stamp.actes_id == "013-211300413-20251208-DEL_2025_123-DE"


def test_ocr_spaces_and_letter_o_in_actes_id() -> None:
    (stamp,) = _stamps("Reçu en préfecture le 10/12/2025\nID : O13 - 211300413 - 2025l208")
    assert stamp.actes_id is None  # a damaged date group is not guessed
    (stamp,) = _stamps("Reçu en préfecture le 10/12/2025\nID : O13-2113OO413-20251208-DEL_2025_123-DE")
    assert (stamp.departement, stamp.siren) == ("013", "211300413")


def test_affiche_and_corsican_departement() -> None:
    (stamp,) = _stamps("Affiché le 02/03/2026\nID : 02A-200066744-20260226-2026_014-DE")
    assert stamp.displayed == date(2026, 3, 2)
    assert (stamp.departement, stamp.siren, stamp.act_number, stamp.nature) == (
        "02A",
        "200066744",
        "2026_014",
        "DE",
    )
    assert stamp.act_date == date(2026, 2, 26)


def test_two_adjacent_stamps_are_two() -> None:
    block = "Envoyé en préfecture le 10/12/2025\nReçu en préfecture le 10/12/2025\n"
    stamps = _stamps(block + "CONVENTION\n" + block.replace("10/12", "11/12"))
    assert [stamp.sent for stamp in stamps] == [date(2025, 12, 10), date(2025, 12, 11)]


def test_publication_alone_is_not_a_stamp() -> None:
    assert (
        _stamps(
            "Publié le 10/12/2025 sur le site de la commune\n"
            "Publication sur le site de la mairie le : - 1 AOUT 2022"
        )
        == []
    )


ACKNOWLEDGEMENT = """Accusé de réception
Ministère de l'Intérieur
Acte reçu par : Préfecture des Bouches-du-Rhône
Date de réception de l'accusé de réception : 10/12/2025
N° de SIREN : 211300413
Numéro Acte de la collectivité locale : DEL_2025_123
Objet acte : Approbation de la Convention Territoriale Globale 2026-2030
Date de décision : 08/12/2025
Nature de l'acte : Délibération
Matière : 8.2-Aide sociale
Identifiant Acte : 013-211300413-20251208-DEL_2025_123-DE
Date de réception en préfecture : 10/12/2025"""


def test_acknowledgement_page_is_one_stamp_with_its_fields() -> None:
    lines = lines_of_text(ACKNOWLEDGEMENT)
    assert is_acknowledgement(lines)
    (stamp,) = find_stamps(lines, "ack.txt")
    assert stamp.received == date(2025, 12, 10)
    assert stamp.sent is None and stamp.published is None
    assert stamp.act_date == date(2025, 12, 8)
    assert (stamp.siren, stamp.act_number, stamp.nature) == ("211300413", "DEL_2025_123", "DE")
    assert (stamp.matiere, stamp.matiere_nom) == ("8.2", "Aide sociale")
    assert stamp.actes_id == "013-211300413-20251208-DEL_2025_123-DE"
    assert (stamp.span.line_start, stamp.span.line_end) == (1, 12)


def test_acknowledgement_without_id_reads_its_labels() -> None:
    text = "\n".join(line for line in ACKNOWLEDGEMENT.split("\n") if not line.startswith("Identifiant"))
    (stamp,) = find_stamps(
        lines_of_text(text.replace("Délibération", "Contrats, conventions et avenants")), "a"
    )
    assert (stamp.actes_id, stamp.siren, stamp.act_number, stamp.nature) == (
        None,
        "211300413",
        "DEL_2025_123",
        "CC",
    )


def test_a_stamp_block_is_not_an_acknowledgement() -> None:
    assert not is_acknowledgement(
        lines_of_text("Envoyé en préfecture le 10/12/2025\nID : 013-211300413-20251208-DEL_2025_123-DE")
    )
    assert not is_acknowledgement(
        lines_of_text("Vu la délibération en date du 8 décembre 2025 ;\nDate de décision : 08/12/2025")
    )


def test_stamp_lines_work_whatever_their_role() -> None:
    lines = lines_of_text("Envoyé en préfecture le 10/12/2025\nID : 013-211300413-20251208-DEL_2025_123-DE")
    for line in lines:
        line.role = "stamp"
    assert len(find_stamps(lines, "f")) == 1


def test_parse_actes_id() -> None:
    parts = parse_actes_id(ACTES_ID_EXAMPLE)
    assert parts == {
        "actes_id": "013-211300413-20251208-DEL_2025_123-DE",
        "departement": "013",
        "siren": "211300413",
        "act_date": date(2025, 12, 8),
        "act_number": "DEL_2025_123",
        "nature": "DE",
    }
    assert parse_actes_id("013-211300413-20251308-X-DE")["act_date"] is None  # type: ignore[index]
    assert parse_actes_id("no identifier here") is None


def test_an_underscore_ocr_read_as_a_space_is_read_back_in_the_act_number() -> None:
    parts = parse_actes_id("ID : 02A-212000046-20251016-DEL 2025 21-DE")
    assert parts is not None
    assert (parts["act_number"], parts["actes_id"]) == (
        "DEL_2025_21",
        "02A-212000046-20251016-DEL_2025_21-DE",
    )
    # Two spaces, or a space before the dash, are no part of the number.
    assert parse_actes_id("ID : 02A-212000046-20251016-DEL  21-DE") is None
    assert parse_actes_id("013-211300413-20251208-DEL_2025_123 -DE")["act_number"] == "DEL_2025_123"  # type: ignore[index]


@pytest.mark.parametrize("field", STAMP_FIELDS, ids=lambda field: f"{field.name}:{field.example[:30]}")
def test_every_stamp_field_matches_its_example(field) -> None:
    assert field.regex.search(fold(field.example))


def test_actes_id_and_natures_match_their_examples() -> None:
    assert ACTES_ID.search(ACTES_ID_EXAMPLE)
    for code, _, example in NATURES:
        (stamp,) = find_stamps(lines_of_text(f"Accusé de réception\n{example}"), "n")
        assert stamp.nature == code


def test_two_column_stamp_read_labels_first() -> None:
    (stamp,) = _stamps(
        "Envoyé en préfecture le\nReçu en préfecture le\nPublié le\n"
        "ID : 013-211300413-20251208-DEL_2025_123-DE\n10/12/2025\n10/12/2025\n11/12/2025\nCONVENTION"
    )
    assert (stamp.sent, stamp.received, stamp.published) == (
        date(2025, 12, 10),
        date(2025, 12, 10),
        date(2025, 12, 11),
    )
    assert (stamp.span.line_start, stamp.span.line_end) == (1, 7)


def test_certified_executory_acknowledgement() -> None:
    (stamp,) = _stamps(
        "Accusé certifié exécutoire\nRéception par le préfet : 10/12/2025\nAffichage : 11/12/2025\n"
        "013-211300413-20251208-DEL_2025_123-DE"
    )
    assert (stamp.received, stamp.displayed, stamp.act_number) == (
        date(2025, 12, 10),
        date(2025, 12, 11),
        "DEL_2025_123",
    )


def test_paper_stamp_of_a_sub_prefecture() -> None:
    (stamp,) = _stamps("Le Maire,\nSOUS-PRÉFECTURE D'ARLES\nREÇU LE\n- 1 AOUT 2022\nCOURRIER ARRIVÉ")
    assert stamp.received == date(2022, 8, 1)
    assert (stamp.span.line_start, stamp.span.line_end) == (2, 4)


def test_prefecture_named_alone_is_not_a_stamp() -> None:
    assert _stamps("Préfecture des Bouches-du-Rhône\nPlace Félix Baret\n13006 Marseille") == []
