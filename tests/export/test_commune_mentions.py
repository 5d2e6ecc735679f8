"""Lists of commune names read in running text: regression fixtures from the seeds' wordings."""

from __future__ import annotations

import pytest

from core.model import Line
from export.mentions import joined_text, list_names, name_of

CASES: list[tuple[str, list[list[str]]]] = [
    (
        "Vu les délibérations des Conseils Municipaux des communes de Gardanne, Gréasque et Meyreuil, "
        "figurant en annexe 5 de la présente convention ;",
        [["Gardanne", "Gréasque", "Meyreuil"]],
    ),
    (
        "Vu les délibérations des Conseils Municipaux des communes des Pennes-Mirabeau et de "
        "Septèmes-Les-Vallons figurant en annexe 5 de la présente convention ;",
        [["Les Pennes-Mirabeau", "Septèmes-Les-Vallons"]],
    ),
    (
        "Décision des Conseils municipaux des communes d'Aureille, Les Baux-de-Provence, Paradou et du "
        "Conseil communautaire de l'intercommunalité Vallée des Baux-Alpilles",
        [["Aureille", "Les Baux-de-Provence", "Paradou"]],
    ),
    (
        "Vu la délibération du conseil municipal de la Commune de Château Aroux Saint-Auban en date du "
        "..............................",
        [["Château Aroux Saint-Auban"]],
    ),
    ("Vu la délibération du conseil municipal de la Commune des Mées en date du.........", [["Les Mées"]]),
    (
        "la Ctg comporte onze signataires qui sont les dix communes Aureille, Les Baux De Provence, "
        "Maillane, Le Paradou, Saint-Rémy-De-Provence, et la Caf des Bouches Du Rhône.",
        [["Aureille", "Les Baux De Provence", "Maillane", "Le Paradou", "Saint-Rémy-De-Provence"]],
    ),
    ("Vu la délibération du Conseil communautaire de la communauté de communes Vallée des Baux-Alpilles", []),
    ("Les communes et leur regroupement sont en effet particulièrement investies", []),
    ("regroupe 10 communes : Aureille, Paradou (INSEE 2021) soit 1,7 %", [["Aureille", "Paradou"]]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_list_names(text: str, expected: list[list[str]]) -> None:
    assert [names for _, names in list_names(text)] == expected


def test_name_of_stops_at_running_text() -> None:
    assert name_of("de la Roque-d'Anthéron en date du 3 mars") == "La Roque-d'Anthéron"
    assert name_of("figurant en annexe 5") == ""
    assert name_of("la Caf des Bouches Du Rhône") == ""


def test_joined_text_mends_a_name_cut_at_a_line_end() -> None:
    lines = [
        Line("Le territoire regroupe 3 communes : Aureille, Mas-Blanc-", 1, 4),
        Line("", 1, 5),
        Line("des-Alpilles, Paradou.", 2, 1),
    ]
    text, starts = joined_text(lines)
    assert [names for _, names in list_names(text)] == [["Aureille", "Mas-Blanc-des-Alpilles", "Paradou"]]
    assert [(line.page, line.number) for _, line in starts] == [(1, 4), (2, 1)]
