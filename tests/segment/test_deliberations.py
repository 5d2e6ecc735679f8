"""Council deliberations: the seeds against their truth, and one small fixture per wording."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from ctg.core.model import Deliberation, Proxy
from ctg.core.text import fold
from ctg.segment.deliberations import (
    COLLECTIVITE_PATTERNS,
    DECISION_VERBS,
    DELIBERATION_CUES,
    LABELS,
    NUMBER_PATTERNS,
    PRESIDENT_PATTERNS,
    PROXY_PATTERNS,
    SEANCE_PATTERNS,
    SECRETAIRE_PATTERNS,
    looks_like_deliberation,
    parse_deliberation,
)
from ctg.segment.votes import OCR_COUNTS, UNANIMITY_PATTERNS, VOTE_PATTERNS, read_votes
from evaluation.deliberation_scoring import score_deliberation
from tests.segment.seed_lines import lines_of_text, seed_lines
from tests.segment.truth_delib_files import deliberation_cases, lines_for

RESOLVED_LATER = {"insee", "siren"}  # filled by resolve, not by the parser
SCALARS = (
    "collectivite",
    "seance_date",
    "number",
    "objet",
    "votants",
    "pour",
    "contre",
    "abstention",
    "unanimite",
    "president",
    "secretaire",
    "executoire_date",
    "actes_id",
)


def _document_lines(truth: dict[str, Any], document: dict[str, Any]) -> list:
    return [
        line for line in lines_for(truth) if document["line_start"] <= line.number <= document["line_end"]
    ]


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


@pytest.mark.parametrize(("truth", "document"), deliberation_cases())
def test_seed_deliberation_matches_truth_field_by_field(
    truth: dict[str, Any], document: dict[str, Any]
) -> None:
    expected = document["deliberation"]
    found = parse_deliberation(_document_lines(truth, document), truth["file"])
    for field in SCALARS:
        assert _plain(getattr(found, field)) == expected[field], field
    assert found.presents == expected["presents"]
    assert found.absents == expected["absents"]
    assert [(p.giver, p.holder) for p in found.pouvoirs] == [
        (p["giver"], p["holder"]) for p in expected["pouvoirs"]
    ]
    assert found.decisions == expected["decisions"]
    assert found.presents_count == expected["presents_count"]
    # every value not read from the text is accounted for
    assert len(found.derived) >= len(expected["derived"])


@pytest.mark.parametrize(("truth", "document"), deliberation_cases())
def test_seed_deliberation_scores(truth: dict[str, Any], document: dict[str, Any]) -> None:
    found = parse_deliberation(_document_lines(truth, document), truth["file"])
    scores = score_deliberation(found, document["deliberation"])
    assert {field for field, score in scores.items() if score.f1 < 1.0} <= RESOLVED_LATER


@pytest.mark.parametrize(("truth", "document"), deliberation_cases())
def test_seed_deliberation_without_blank_lines(truth: dict[str, Any], document: dict[str, Any]) -> None:
    """Normalize may drop blank lines: paragraphs then touch and must still be told apart."""
    lines = [line for line in _document_lines(truth, document) if line.text.strip()]
    found = parse_deliberation(lines, truth["file"])
    expected = document["deliberation"]
    assert found.decisions == expected["decisions"]
    assert found.objet == expected["objet"]
    assert (found.votants, found.secretaire) == (expected["votants"], expected["secretaire"])


def test_looks_like_deliberation_on_seeds() -> None:
    assert looks_like_deliberation(seed_lines("003"))
    assert looks_like_deliberation(seed_lines("002")[:77])
    assert not looks_like_deliberation(seed_lines("002")[77:])  # the convention the deliberation approves
    for convention in ("000", "001", "004"):
        assert not looks_like_deliberation(seed_lines(convention)), convention


def _parse(text: str) -> Deliberation:
    return parse_deliberation(lines_of_text(text), "fixture.txt")


def test_counts_line_and_plain_unanimity() -> None:
    found = _parse(
        "VILLE DE DIGNE-LES-BAINS\n"
        "Nombre de conseillers en exercice : 29 / présents : 21 / votants : 27\n"
        "Le Conseil Municipal, après en avoir délibéré, à l'unanimité,\n"
        "APPROUVE la convention territoriale globale."
    )
    assert found.collectivite == "VILLE DE DIGNE-LES-BAINS"
    assert (found.votants, found.pour, found.contre, found.abstention) == (27, 27, 0, 0)
    assert (found.unanimite, found.presents_count, found.en_exercice) == (True, 21, 29)
    assert found.derived  # pour, contre and abstention come from the unanimity


def test_vote_line_with_dashes() -> None:
    found = _parse("Vote : Pour 25 – Contre 0 – Abstention 2\nADOPTE la convention.")
    assert (found.pour, found.contre, found.abstention) == (25, 0, 2)
    assert (found.votants, found.unanimite) == (27, False)
    assert any("votants" in note for note in found.derived)


def test_vote_in_a_sentence() -> None:
    found = _parse("Le Conseil, après en avoir délibéré, adopté par 15 voix pour, 2 contre et 1 abstention.")
    assert (found.pour, found.contre, found.abstention, found.unanimite) == (15, 2, 1, False)


@pytest.mark.parametrize(("read", "value", "example"), OCR_COUNTS)
def test_ocr_letters_for_counts(read: str, value: int, example: str) -> None:
    votes = read_votes([example])
    assert (votes.pour, votes.contre, votes.abstention) == (40, *((value, 1) if read == "o" else (0, value)))


def test_vote_labels_with_neant() -> None:
    votes = read_votes(["POUR : 35", "CONTRE : néant", "ABSTENTION : 0", "Votants : 35"])
    assert (votes.votants, votes.pour, votes.contre, votes.abstention) == (35, 35, 0, 0)


def test_names_listed_are_not_a_count() -> None:
    found = _parse(
        "Présents : Anne DURAND, Éric PAOLI, Sophie ROUX\n"
        "Pouvoirs : Julie GIRAUD donne pouvoir à Anne DURAND\n"
        "Après en avoir délibéré, à l'unanimité des suffrages exprimés,\n"
        "AUTORISE le Maire à signer."
    )
    # three présents and one proxy are named, but no figure is printed: no count, no votants
    assert (found.presents_count, len(found.pouvoirs), found.votants) == (None, 1, None)
    assert (found.pour, found.contre, found.abstention, found.unanimite) == (None, None, None, True)


def test_no_unanimity_no_counts_no_guess() -> None:
    found = _parse("Présents : Anne DURAND, Éric PAOLI\nAPPROUVE la convention.")
    assert (found.votants, found.pour, found.contre, found.unanimite) == (None, None, None, None)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Délibération n°2025-123\nOBJET : CTG", "2025-123"),
        ("DÉLIBÉRATION N° DEL_2025_123 - Convention territoriale globale", "DEL_2025_123"),
        ("N° 2022/07/29/07-OBJET : CAF - Convention Territoriale Globale", "2022/07/29/07"),
        ("DCM 2025-45\nOBJET : Convention", "DCM 2025-45"),
        ("Vu la loi n° 2021-1465 du 10 novembre 2021", ""),
    ],
)
def test_numbers(text: str, number: str) -> None:
    assert _parse(text).number == number


def test_number_falls_back_on_the_actes_act_number() -> None:
    found = _parse("OBJET : CTG\nAPPROUVE la convention.\nID : 013-211300413-20251208-DEL_2025_123-DE")
    assert (found.number, found.actes_id) == ("DEL_2025_123", "013-211300413-20251208-DEL_2025_123-DE")
    assert "number = act number of the ACTES id" in found.derived


def test_objet_over_two_lines_stops_at_the_opening_sentence() -> None:
    found = _parse(
        "OBJET : Approbation de la Convention Territoriale Globale 2026-2030 avec\n"
        "la Caf - territoire Bassin Minier\n"
        "L'an deux mille vingt-cinq, le huit décembre à dix-huit heures, le Conseil municipal s'est réuni"
    )
    objet = (
        "Approbation de la Convention Territoriale Globale 2026-2030 avec la Caf - territoire Bassin Minier"
    )
    assert found.objet == objet
    assert found.seance_date == date(2025, 12, 8)


def test_proxy_wordings() -> None:
    found = _parse(
        "Présents : Anne DURAND, Paul MARTIN\n"
        "Absents excusés : Fanny ARSAC (pouvoir à Bernadette SAMUEL), Louis BLANC\n"
        "M. Marc FABRE représenté par Mme Anne DURAND\n"
        "Mme Julie GIRAUD a donné procuration à M. Paul MARTIN"
    )
    assert found.pouvoirs == [
        Proxy("Fanny ARSAC", "Bernadette SAMUEL"),
        Proxy("Marc FABRE", "Anne DURAND"),
        Proxy("Julie GIRAUD", "Paul MARTIN"),
    ]
    # the lines after the absents list state proxies of absent members: they are absent too
    assert found.absents == ["Fanny ARSAC", "Louis BLANC", "Marc FABRE", "Julie GIRAUD"]


def test_grouped_proxies() -> None:
    found = _parse(
        "Pouvoirs : FABRE Thierry et WAJS Alexandre ont donné pouvoir à Jean-Christophe CARRÉ, "
        "LAFFITTE Patrick et Dominique STEKELOROM à Marc FUSAT"
    )
    assert [(p.giver, p.holder) for p in found.pouvoirs] == [
        ("FABRE Thierry", "Jean-Christophe CARRÉ"),
        ("WAJS Alexandre", "Jean-Christophe CARRÉ"),
        ("LAFFITTE Patrick", "Marc FUSAT"),
        ("Dominique STEKELOROM", "Marc FUSAT"),
    ]


def test_presents_list_wrapped_over_lines() -> None:
    found = _parse(
        "Étaient présents : M. Michel RUIZ, Mme Anne DURAND, M. Jean-Pierre\nDE LA TOUR, Mme Yves COSTA.\n"
    )
    assert found.presents == ["Michel RUIZ", "Anne DURAND", "Jean-Pierre DE LA TOUR", "Yves COSTA"]


def test_president_and_designated_secretary() -> None:
    found = _parse(
        "Le Conseil s'est réuni sous la présidence de Madame Patricia GRANET-BRUNELLO, Présidente.\n"
        "Mme Claire DUPONT a été désignée secrétaire de séance."
    )
    assert (found.president, found.secretaire) == ("Patricia GRANET-BRUNELLO", "Claire DUPONT")


def test_secretary_from_the_signature_block() -> None:
    found = _parse("AINSI FAIT ET DÉLIBÉRÉ\nLE SECRETAIRE\nROMAIN AMARO\nLE MAIRE\nMICHEL AMIEL")
    assert (found.secretaire, found.president) == ("ROMAIN AMARO", "")


def test_executoire_takes_the_later_of_deposit_and_publication() -> None:
    found = _parse(
        "Acte rendu exécutoire après dépôt en préfecture le 10/12/2025 et publication le 11/12/2025"
    )
    assert found.executoire_date == date(2025, 12, 11)
    assert _parse("Rendu exécutoire le\n15/12/2025").executoire_date == date(2025, 12, 15)


def test_decide_introducing_a_list() -> None:
    found = _parse(
        "DÉCIDE :\n- d'approuver la convention ;\n- d'autoriser le Maire à la signer.\nFait à Digne"
    )
    assert found.decisions == [
        "DÉCIDE d'approuver la convention ;",
        "DÉCIDE d'autoriser le Maire à la signer.",
    ]


def test_decisions_wrap_and_lower_case_verbs_do_not_count() -> None:
    found = _parse(
        "Le rapporteur approuve la démarche.\n"
        "- APPROUVE la Convention Territoriale Globale 2026-2030, annexée à\n"
        "la présente délibération ;\n"
        "- AUTORISE le Président à signer ;\n"
        "- SE PRONONCE comme suit :\n"
        "POUR : 35"
    )
    assert found.decisions == [
        "APPROUVE la Convention Territoriale Globale 2026-2030, annexée à la présente délibération ;",
        "AUTORISE le Président à signer ;",
    ]


@pytest.mark.parametrize(
    ("header", "collectivite"),
    [
        ("COMMUNAUTÉ D'AGGLOMÉRATION DU PAYS AJACCIEN", "COMMUNAUTÉ D'AGGLOMÉRATION DU PAYS AJACCIEN"),
        (
            "DÉPARTEMENT DES ALPES-DE-HAUTE-PROVENCE\nDURANCE-LUBERON-VERDON AGGLOMÉRATION",
            "DURANCE-LUBERON-VERDON AGGLOMÉRATION",
        ),
        ("Ville de Septèmes-les-Vallons", "Ville de Septèmes-les-Vallons"),
        (
            "EXTRAIT\nLe Conseil Municipal de la Commune de Maussane les Alpilles, régulièrement convoqué",
            "Commune de Maussane les Alpilles",
        ),
    ],
)
def test_collectivite_wordings(header: str, collectivite: str) -> None:
    assert _parse(header).collectivite == collectivite


@pytest.mark.parametrize(
    ("text", "seance"),
    [
        ("Séance du 8 décembre 2025", date(2025, 12, 8)),
        ("Séance publique du 1er décembre 2025", date(2025, 12, 1)),
        ("CONSEIL MUNICIPAL DU 8 DÉCEMBRE 2025", date(2025, 12, 8)),
        ("Date de la séance : 08/12/2025", date(2025, 12, 8)),
        ("L'an deux mille vingt-cinq, le huit décembre à dix-huit heures", date(2025, 12, 8)),
    ],
)
def test_seance_wordings(text: str, seance: date) -> None:
    assert _parse(text).seance_date == seance


# Tables applied to folded text, and those applied to the text as written (they read names).
FOLDED_TABLES = (LABELS, COLLECTIVITE_PATTERNS, SEANCE_PATTERNS, DELIBERATION_CUES)
RAW_TABLES = (NUMBER_PATTERNS, PRESIDENT_PATTERNS, SECRETAIRE_PATTERNS, PROXY_PATTERNS)


@pytest.mark.parametrize("pattern", [p for table in FOLDED_TABLES for p in table], ids=lambda p: p.name)
def test_every_folded_pattern_matches_its_example(pattern) -> None:
    assert pattern.regex.search(fold(pattern.example).replace("’", "'"))


@pytest.mark.parametrize("pattern", [p for table in RAW_TABLES for p in table], ids=lambda p: p.name)
def test_every_raw_pattern_matches_its_example(pattern) -> None:
    assert pattern.regex.search(pattern.example)


@pytest.mark.parametrize(("verb", "example"), DECISION_VERBS)
def test_every_decision_verb_example_is_a_decision(verb: str, example: str) -> None:
    assert _parse(example).decisions == [example]


@pytest.mark.parametrize("vote", VOTE_PATTERNS, ids=lambda vote: "+".join(vote.names))
def test_every_vote_pattern_matches_its_example(vote) -> None:
    assert vote.pattern.search(fold(vote.example))


@pytest.mark.parametrize(("kind", "pattern", "example"), UNANIMITY_PATTERNS)
def test_every_unanimity_pattern_gives_its_kind(kind: str, pattern, example: str) -> None:
    assert read_votes([example]).unanimity == kind


def test_counts_on_one_line_without_separators() -> None:
    found = _parse(
        "En exercice : 33 Présents : 25 Votants : 30\n"
        "POUR : 28 CONTRE : 1 ABSTENTIONS : 1\n"
        "ADOPTE la convention."
    )
    assert (found.presents_count, found.votants, found.pour, found.contre, found.abstention) == (
        25,
        30,
        28,
        1,
        1,
    )
    assert found.presents == []  # "Présents : 25" is a count, not a list of names
    assert found.unanimite is False


def test_majority_without_counts_is_not_unanimous_and_derives_nothing() -> None:
    found = _parse(
        "Présents : Anne DURAND, Paul MARTIN\nLe Conseil, à la majorité des suffrages exprimés,\nADOPTE"
    )
    assert (found.unanimite, found.votants, found.pour) == (False, None, None)


def test_lower_case_decisions_after_the_council_deliberates() -> None:
    found = _parse(
        "Le rapporteur approuve la démarche et décide de la présenter.\n"
        "Le Conseil municipal, après en avoir délibéré, à l'unanimité :\n"
        "- approuve la convention territoriale globale ;\n"
        "- autorise le Maire à la signer.\n"
        "Décide :\n"
        "Article 1 : de désigner Mme Anne DURAND au comité de pilotage."
    )
    assert found.decisions == [
        "approuve la convention territoriale globale ;",
        "autorise le Maire à la signer.",
        "Décide de désigner Mme Anne DURAND au comité de pilotage.",
    ]


def test_member_list_wordings() -> None:
    found = _parse(
        "Membres présents : Mesdames et Messieurs Anne DURAND, Paul MARTIN (pouvoir de Julie GIRAUD)\n"
        "Procurations : pouvoir de Mme Sophie ROUX à M. Paul MARTIN\n"
        "M. Éric PAOLI est désigné secrétaire de séance."
    )
    assert found.presents == ["Anne DURAND", "Paul MARTIN"]
    assert found.pouvoirs == [Proxy("Julie GIRAUD", "Paul MARTIN"), Proxy("Sophie ROUX", "Paul MARTIN")]
    assert found.secretaire == "Éric PAOLI"


def test_seance_is_the_meeting_date_not_the_convocation_date() -> None:
    found = _parse(
        "Le Conseil Municipal, régulièrement convoqué le 2 décembre 2025, s'est réuni le 8 décembre 2025"
    )
    assert found.seance_date == date(2025, 12, 8)


def test_collectivite_from_the_register_title() -> None:
    assert (
        _parse("Extrait du registre des délibérations de la commune de Volx").collectivite
        == "commune de Volx"
    )


def test_ocr_characters_in_labels() -> None:
    found = _parse(
        "réuni sous la pr¢sidence de Madame Claire ROUVIER, Maire.\n"
        "Secr¢taire de s€ance : Bernard ESPINASSE\n"
        "Rendu ex¢cutoire le 09/12/2025"
    )
    assert (found.president, found.secretaire) == ("Claire ROUVIER", "Bernard ESPINASSE")
    assert found.executoire_date == date(2025, 12, 9)


def test_objet_from_title_lines_skips_the_head_furniture() -> None:
    found = _parse(
        "ID : 013-211300413-20251208-DEL_2025_123-DE\n"
        "RÉPUBLIQUE FRANÇAISE\n"
        "DÉPARTEMENT DES BOUCHES-DU-RHÔNE\n"
        "COMMUNE DE GARDANNE\n"
        "DÉLIBÉRATION N° 2025-123\n"
        "CONVENTION TERRITORIALE GLOBALE 2026-2030\n"
        "Le Conseil municipal, après en avoir délibéré, à l'unanimité,\n"
        "APPROUVE la convention."
    )
    assert found.objet == "CONVENTION TERRITORIALE GLOBALE 2026-2030"
    assert "objet = title lines (no OBJET label)" in found.derived
    assert (found.collectivite, found.number) == ("COMMUNE DE GARDANNE", "2025-123")


def test_blank_and_empty_inputs() -> None:
    blank = _parse("\n\n")
    assert (blank.collectivite, blank.decisions, blank.votants) == ("", [], None)
    with pytest.raises(ValueError, match="no lines"):
        parse_deliberation([], "empty.txt")


def test_small_commune_wordings() -> None:
    found = _parse(
        "COMMUNE D'URZY\n"
        "Nombre de membres : Présents : 4 En exercice : 18 Votants : 8. "
        "M SEGUIN a été élu secrétaire de séance.\n"
        "Le vingt février deux mil quatorze à 20h30 s'est réuni le Conseil Municipal sous la présidence de "
        "Loïc MORIN Maire."
    )
    assert (found.presents_count, found.votants, found.secretaire) == (4, 8, "SEGUIN")
    assert (found.president, found.seance_date) == ("Loïc MORIN", date(2014, 2, 20))


def test_initials_and_proxies_inside_the_absents_list() -> None:
    found = _parse(
        "L'an deux mil dix-neuf, le 11 décembre à 20h45, le Conseil Municipal de la commune de Saint Sulpice "
        "la Forêt s'est réuni sous la présidence de Monsieur Y. HUAUMÉ, Maire de Saint Sulpice la Forêt.\n"
        "MEMBRES EN EXERCICE : 15\nMEMBRES PRESENTS : 10\nMEMBRES VOTANTS : 13\n"
        "Étaient présents : Y. HUAUMÉ, A. PINÇON, G. GRIGNARD, S. MOSS, C. ROSELLO formant la majorité.\n"
        "Étaient absents excusés : B. VAGNEUR a donné pouvoir à G. GRIGNARD C. GANEAU a donné pouvoir à\n"
        "S. MOSS\n"
        "L. FOURNIER a donné pouvoir à A. PINÇON Secrétaire de séance : C. ROSELLO"
    )
    assert found.seance_date == date(2019, 12, 11)
    assert found.president == "Y. HUAUMÉ"
    assert (found.presents_count, found.votants) == (10, 13)
    assert found.presents == ["Y. HUAUMÉ", "A. PINÇON", "G. GRIGNARD", "S. MOSS", "C. ROSELLO"]
    assert [(p.giver, p.holder) for p in found.pouvoirs] == [
        ("B. VAGNEUR", "G. GRIGNARD"),
        ("C. GANEAU", "S. MOSS"),
        ("L. FOURNIER", "A. PINÇON"),
    ]
    # the last line opens with the secretary's label mid-line, so it ends the absents list
    assert found.absents == ["B. VAGNEUR", "C. GANEAU"]
    assert found.secretaire == "C. ROSELLO"


def test_names_without_commas_and_proxies_in_parentheses() -> None:
    found = _parse(
        "Etaient présents :\n"
        "Mme Isabelle DEXPERT Mme Danielle BARREYRE M. Patrick DUFAU\n"
        "M. Julien RIVIERE\n"
        "Etaient excusés :\n"
        "M. Bernard JOLLYS (procuration à Isabelle DEXPERT) Mme Sylvie BADETS\n"
        "Secrétaire de Séance : Mme Isabelle POINTIS"
    )
    assert found.presents == ["Isabelle DEXPERT", "Danielle BARREYRE", "Patrick DUFAU", "Julien RIVIERE"]
    assert found.pouvoirs == [Proxy("Bernard JOLLYS", "Isabelle DEXPERT")]
    assert found.absents == ["Bernard JOLLYS", "Sylvie BADETS"]
    assert found.secretaire == "Isabelle POINTIS"


def test_represented_and_proxy_bearers() -> None:
    found = _parse(
        "Sont présents :Maxime AVININ, Nathalie BONNAL, Jacques BOULAGNON,\n"
        "Représentés :Mireille MEISSONNIER par Marianne MOULIN,\n"
        "Etaient présents : Mme POUZADOUX, M. ROCHE Jean-Louis (porteur d'un pouvoir de M. ROTTENBERG),\n"
        "M. RAY"
    )
    assert found.presents == [
        "Maxime AVININ",
        "Nathalie BONNAL",
        "Jacques BOULAGNON",
        "POUZADOUX",
        "ROCHE Jean-Louis",
        "RAY",
    ]
    assert found.pouvoirs == [
        Proxy("Mireille MEISSONNIER", "Marianne MOULIN"),
        Proxy("ROTTENBERG", "ROCHE Jean-Louis"),
    ]


def test_seance_is_not_a_meeting_the_expose_recalls() -> None:
    found = _parse(
        "COMMUNE DE VOLX\n"
        "L'an deux mille vingt-cinq, le huit décembre à dix-huit heures, le Conseil s'est réuni.\n"
        + "Le rapporteur expose le projet.\n"
        * 15
        + "Le rapporteur rappelle la délibération prise lors de la séance du 12 mars 2020.\n"
        "Le Conseil municipal, après en avoir délibéré, à l'unanimité,\nAPPROUVE la convention."
    )
    assert found.seance_date == date(2025, 12, 8)


def test_executoire_sentence_wrapped_between_its_dates() -> None:
    found = _parse(
        "Acte rendu exécutoire après dépôt en préfecture le 10/12/2025 et\npublication le 11/12/2025."
    )
    assert found.executoire_date == date(2025, 12, 11)


def test_executoire_does_not_take_the_next_stamp_date() -> None:
    found = _parse(
        "Rendu exécutoire le 15/12/2025\nEnvoyé en préfecture le 16/12/2025\nReçu en préfecture le 16/12/2025"
    )
    assert found.executoire_date == date(2025, 12, 15)
