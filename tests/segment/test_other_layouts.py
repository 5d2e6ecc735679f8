"""Council records and conventions written the ways other territories write them
(tests/segment/other_layouts/: texts made for these tests on the pattern of published ones, names
invented): one paragraph per line with no blank lines, items grouped under ranked sections, headings
in capitals ending on a colon, an extract whose number follows the attendance, parties announced by
a sentence. Each asserts what a reader finds there, and nothing more."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ctg.core.model import Document, Line
from ctg.extract import read_text_file
from ctg.normalize import normalize_file
from ctg.segment import segment_file
from ctg.segment.stamps import find_stamps
from ctg.segment.votes import read_votes, vote_statement
from tests.segment.fixtures import lines

FOLDER = Path(__file__).parent / "other_layouts"


def _documents(name: str) -> list[Document]:
    path = FOLDER / name
    return segment_file(normalize_file(read_text_file(path, FOLDER)))


@pytest.fixture(scope="module")
def sections() -> Document:
    (document,) = _documents("sections_numbered.txt")
    return document


def test_items_under_ranked_sections_take_their_own_heading(sections: Document) -> None:
    assert sections.kind == "minutes"
    assert sections.title == "COMPTE RENDU SOMMAIRE"
    rows = [(d.number, d.objet, d.unanimite, d.pour, d.contre, d.abstention) for d in sections.deliberations]
    assert rows == [
        ("", "Composition des commissions municipales", True, None, None, None),
        ("", "Désignation d'un délégué au syndicat d'énergie", None, 6, None, 2),
        ("", "Budget primitif 2022", False, 5, 3, None),
    ]


def test_the_sitting_of_minutes_written_one_paragraph_a_line(sections: Document) -> None:
    for act in sections.deliberations:
        assert act.seance_date == date(2022, 4, 14)
        assert act.collectivite == "Guérande"
        assert act.president == "Yves LORCY"
        assert act.secretaire == "Sonia GUILLO"  # the counts on the next line are not part of it
        assert "Maire" not in act.presents and "Yves LORCY" in act.presents
        assert [(p.giver, p.holder) for p in act.pouvoirs] == [
            ("Irène PAVIC", "le Maire"),
            ("Hervé DANO", "Anne PERRAUD"),
        ]
        assert (act.en_exercice, act.presents_count, act.votants) == (9, 6, 8)


def test_headings_in_capitals_ending_on_a_colon() -> None:
    (document,) = _documents("colon_headings.txt")
    assert document.kind == "minutes"
    assert document.title == "COMPTE RENDU CONSEIL MUNICIPAL DU 23 MARS 2006"
    rows = [(d.objet, d.unanimite, d.pour, d.contre) for d in document.deliberations]
    assert rows == [
        ("COMPTE ADMINISTRATIF 2005", True, None, None),
        ("TARIFS DU CAMPING MUNICIPAL", False, 10, 2),
    ]
    act = document.deliberations[0]
    assert act.president == "Paul HAMEL" and act.secretaire == "Jean HEBERT"
    assert "ANQUETIL" in act.presents and "LECANU" in act.presents  # "Maître", "Docteur" dropped
    assert not any(name.startswith(("Maître", "Docteur")) for name in act.presents)
    assert (act.presents_count, act.votants) == (None, None)  # names listed, no figure printed
    assert act.collectivite == ""  # "du Conseil Municipal des Pieux": not read as a name


def test_an_extract_whose_number_follows_the_attendance_is_one_act() -> None:
    (document,) = _documents("number_after_attendance.txt")
    assert document.kind == "deliberation"
    (act,) = document.deliberations
    assert act.number == "2019-045"
    assert act.objet == "Convention territoriale globale avec la CAF du Calvados"
    assert act.secretaire == "Sophie DUVAL"
    assert (act.en_exercice, act.presents_count, act.votants, act.pour, act.abstention) == (19, 15, 17, 16, 1)
    assert [(p.giver, p.holder) for p in act.pouvoirs] == [("LEROY", "LEBRUN"), ("PETIT", "DUVAL")]


def test_an_intercommunal_act_with_delegates_and_a_vote_table() -> None:
    (document,) = _documents("community_vote_table.txt")
    (act,) = document.deliberations
    assert act.collectivite == "COMMUNAUTÉ DE COMMUNES DU PAYS DE LUMBRES"
    assert (act.number, act.seance_date) == ("2022-087", date(2022, 6, 28))
    assert (act.en_exercice, act.presents_count, act.votants) == (52, 38, 44)
    assert (act.pour, act.contre, act.abstention, act.unanimite) == (41, 2, 1, False)
    assert act.presents == ["André BOULOGNE", "Claire CAPET", "Denis CARON", "Hélène DEVIN", "Marc FASQUEL"]
    assert [(p.giver, p.holder) for p in act.pouvoirs] == [
        ("Agnès LEPRETRE", "Denis CARON"),
        ("Paul HOCHART", "Claire CAPET"),
    ]
    assert (act.president, act.secretaire) == ("Christian DELATTRE", "Hélène DEVIN")


def test_parties_announced_by_the_sentence_that_concludes_the_convention() -> None:
    (document,) = _documents("convention_concluded_between.txt")
    assert (document.kind, document.convention_type) == ("convention", "CTG")
    parties = [(p.name, p.party_type, p.representative, p.role) for p in document.parties]
    assert parties == [
        ("Caisse d'allocations familiales de la Haute-Vienne", "caf", "Monsieur Pierre MAZEAU", "directeur"),
        ("Saint-Junien", "commune", "Monsieur Hervé LAGORCE", "maire"),
    ]


def test_minutes_of_numbered_deliberations_with_counts_and_vote_lines() -> None:
    (document,) = _documents("pv_numbered_deliberations.txt")
    assert document.kind == "minutes"
    rows = [(d.number, d.objet, d.pour, d.contre, d.abstention, d.unanimite) for d in document.deliberations]
    assert rows == [
        ("2025-01", "Approbation du procès-verbal de la séance du 9 décembre 2024", None, None, None, True),
        ("2025-02", "Tarifs de la restauration scolaire", 18, 2, 1, False),
        ("2025-03", "Convention Territoriale Globale avec la Caf du Rhône", 21, 0, 0, None),
    ]
    last = document.deliberations[-1]
    assert not any(note.startswith("unanimité") for note in last.derived)  # not written, not derived
    for act in document.deliberations:
        assert (act.en_exercice, act.presents_count, act.votants) == (23, 18, 21)
        assert act.absents[-2:] == ["Louis PERRIN", "Nadia SAID"]
        assert act.secretaire == "Karim BENALI"


@pytest.mark.parametrize(
    ("text", "counts", "unanimity"),
    [
        ("Vote : 19 pour, 0 contre, 0 abstention", (19, 0, 0), None),
        ("à la majorité absolue des suffrages exprimés (20 pour, 4 contre)", (20, 4, None), "majority"),
        ("Décision adoptée à l'unanimité moins une voix contre", (None, 1, None), "majority"),
        ("Vote à main levée : Pour 18 - Contre 3 - Abstention 2", (18, 3, 2), None),
    ],
)
def test_vote_formulas_of_other_councils(text: str, counts: tuple, unanimity: str | None) -> None:
    votes = read_votes([text])
    assert (votes.pour, votes.contre, votes.abstention) == counts
    assert votes.unanimity == unanimity


@pytest.mark.parametrize(
    "text",
    [
        "POUR : 25   CONTRE : 2   ABSTENTIONS : 3",
        "Délibération adoptée à l'unanimité.",
        "Vote à main levée : Pour 18 - Contre 3",
    ],
)
def test_lines_that_close_an_item_of_minutes(text: str) -> None:
    assert vote_statement(text) is not None


def _stamp_lines(*texts: str) -> list[Line]:
    return lines("\n".join(texts))


def test_stamp_wordings_of_other_transmission_tools() -> None:
    executoire = _stamp_lines(
        "Acte rendu exécutoire après envoi en Préfecture le 14/06/2023 et publication le 15/06/2023"
    )
    (stamp,) = find_stamps(executoire, "f.txt")
    assert (stamp.sent, stamp.published) == (date(2023, 6, 14), date(2023, 6, 15))
    returned = _stamp_lines(
        "ACCUSE DE RECEPTION",
        "072-217201805-20230614-2023_45-DE",
        "Envoi préfecture : 14/06/2023",
        "Retour préfecture : 15/06/2023",
    )
    (stamp,) = find_stamps(returned, "f.txt")
    assert (stamp.actes_id, stamp.sent, stamp.received) == (
        "072-217201805-20230614-2023_45-DE",
        date(2023, 6, 14),
        date(2023, 6, 15),
    )
    (stamp,) = find_stamps(_stamp_lines("Transmis au représentant de l'État le 14 juin 2023"), "f.txt")
    assert stamp.sent == date(2023, 6, 14)


def test_a_sentence_about_transmission_is_no_stamp() -> None:
    body = _stamp_lines(
        "La présente délibération sera transmise au représentant de l'État.",
        "Fait à Mamers, le 20 novembre 2023",
    )
    assert list(find_stamps(body, "f.txt")) == []
