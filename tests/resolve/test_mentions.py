"""Lists of commune names read in running text: regression fixtures from the seeds' wordings."""

from __future__ import annotations

import pytest

from ctg.core.model import Article, Document, Line, Span
from ctg.resolve.mentions import (
    convention_mentions,
    joined_text,
    list_names,
    name_of,
    preambule_lines,
    visa_groups,
    visa_lines,
)
from ctg.resolve.reference import load_reference

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


def document(texts: list[str], visas: list[str], article_at: list[int]) -> Document:
    lines = [Line(text, 1, number) for number, text in enumerate(texts, start=1)]
    articles = [Article(str(i), "", Span("c.pdf", 1, n, n)) for i, n in enumerate(article_at)]
    return Document("d", "c.pdf", 0, "convention", Span("c.pdf", 1, 1, len(lines)), lines=lines, visas=visas,
                    articles=articles)  # fmt: skip


def test_visa_read_from_its_lines_keeps_the_printed_commas() -> None:
    # A visa string joined across lines lost the comma between two names; the lines still have it.
    texts = [
        "Vu les délibérations des conseils municipaux des communes de St Remy de Provence,",
        "Maussane les Alpilles, Les Baux-de-Provence, Mouriès et Saint-Etienne-du-Gres ;",
        "Vu la délibération du conseil communautaire de la Communauté de communes Vallée des",
        "Baux-Alpilles.",
    ]
    joined = "Vu les délibérations des conseils municipaux des communes de St Remy de Provence Maussane les "
    doc = document(texts, [joined + "Alpilles, Les Baux-de-Provence, Mouriès et Saint-Etienne-du-Gres"], [])
    lines = visa_lines(doc, doc.visas[0])
    assert [line.number for line in lines] == [1, 2]
    names = [names for _, names in list_names(joined_text(lines)[0])]
    assert names == [["St Remy de Provence", "Maussane les Alpilles", "Les Baux-de-Provence", "Mouriès",
                      "Saint-Etienne-du-Gres"]]  # fmt: skip


def test_preambule_numbered_as_an_article_and_not_its_toc_line() -> None:
    texts = [
        "SOMMAIRE",
        "Article préliminaire : Préambule ........................ 4",
        "Article 1 : Objet .......................................... 4",
        "Article préliminaire : Préambule",
        "Le territoire Vallée des Baux-Alpilles réunit les communes de St Remy de Provence,",
        "Mouriès et Saint-Etienne-du-Gres.",
        "Article 1 : Objet de la convention",
    ]
    doc = document(texts, [], article_at=[4, 7])
    assert [line.number for line in preambule_lines(doc)] == [5, 6]
    assert preambule_lines(document(texts[3:6], [], [])) == []  # no article: the préambule's end is unknown


def test_lower_case_word_after_a_particle_stays_in_the_name() -> None:
    assert name_of("Digne les bains en date du ....................") == "Digne les bains"
    assert name_of("Château Aroux Saint-Auban en date du") == "Château Aroux Saint-Auban"


def test_every_printed_visa_is_read_even_those_segment_missed() -> None:
    # One visa per council, each over two lines, with the same long opening; segment kept one.
    # The CAF's département is the context that tells Aiglun (04) from Aiglun (06).
    texts = [
        "Vu la délibération du conseil d'administration de la Caf des Alpes de Haute Provence,",
        "Vu la délibération du conseil municipal de la Commune d’Aiglun en date du..........",
        "figurant en annexe 5 de la présente convention,",
        "",
        "Vu la délibération du conseil municipal de la Commune de Digne les bains en date du ......",
        "figurant en annexe 5 de la présente convention,",
        "",
        "Vu la délibération du conseil municipal de la Commune des Mées en date du.........ccccc... ..",
        "figurant en annexe 5 de la présente convention,",
        "Préambule",
        "Article 1 : Objet",
    ]
    segment_visa = (
        "Vu la délibération du conseil municipal de la Commune des Mées en date du.........ccccc... .."
    )
    doc = document(texts, [segment_visa], article_at=[11])
    assert [[line.number for line in group] for group in visa_groups(doc)] == [[1], [2, 3], [5, 6], [8, 9]]
    visa = [m for m in convention_mentions(doc, load_reference()) if m.source == "visa"]
    assert [(m.insee, m.span.line_start) for m in visa] == [("04001", 2), ("04070", 5), ("04116", 8)]
