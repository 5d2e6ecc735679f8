from __future__ import annotations

import pytest

from ctg.segment.articles import Heading, check_articles, match_heading, parse_articles, parse_sommaire
from tests.segment.fixtures import lines


@pytest.mark.parametrize(
    ("text", "number", "title"),
    [
        ("Article 1 : Objet", "1", "Objet"),
        ("Article 1 :Objet de la Convention", "1", "Objet de la Convention"),
        ("ARTICLE 9 — SUIVL, BILAN ET EVALUATION", "9", "SUIVL, BILAN ET EVALUATION"),
        ("ARTICLE 12 : LA FIN DE LA CONVENTION", "12", "LA FIN DE LA CONVENTION"),
        ("Article préliminaire : Préambule", "préliminaire", "Préambule"),
        ("Article 4 bis - Financement", "4 bis", "Financement"),
        ("ARTICLE 3 LES COMMUNES", "3", "LES COMMUNES"),
        ("Article 2", "2", ""),
        ("Art. 5 - Durée", "5", "Durée"),
        ("Article 2.1 : Petite enfance", "2.1", "Petite enfance"),
        ("Article 1er : Objet", "1", "Objet"),
    ],
)
def test_heading_spellings(text: str, number: str, title: str) -> None:
    assert match_heading(text) == Heading(number, title)


@pytest.mark.parametrize(
    "text",
    [
        "Article 8 : Communication.....\t12",
        "article 9 de la présente convention).",
        "Article 9 de la présente convention, les parties",
        "Article L. 214-2 du CASF",
    ],
)
def test_not_headings(text: str) -> None:
    assert match_heading(text) is None


def test_heading_on_two_lines_and_spans() -> None:
    rows = lines(
        "Article 1\nObjet de la convention\nLe texte.\nARTICLE 2 - LES CHAMPS\nD'INTERVENTION\nTexte."
    )
    articles = parse_articles(rows, "f.txt")
    assert [(a.number, a.title) for a in articles] == [
        ("1", "Objet de la convention"),
        ("2", "LES CHAMPS D'INTERVENTION"),
    ]
    assert (articles[0].span.line_start, articles[0].span.line_end) == (1, 3)
    assert articles[0].chars == len("Le texte.")


def test_missing_article_and_sommaire_cross_check() -> None:
    rows = lines("Article 1 : Objet\nTexte\nArticle 3 : Durée\nTexte")
    announced = parse_sommaire(
        lines("Article 1 : Objet.....\t4\nArticle 2 : Engagements.....\t5\nArticle 3 : Durée.....\t6")
    )
    problems = check_articles(parse_articles(rows, "f.txt"), announced)
    assert problems == ["article 2 missing", "article 2 listed in SOMMAIRE but not found"]


def test_a_title_wrapped_as_long_as_a_body_line_is_read_whole_where_the_contents_give_it() -> None:
    contents = lines(
        "Article 1 : Objet de la convention territoriale\n"
        "globale de services aux familles.....   7\n"
        "Article 2 : Les champs d'intervention de la Caisse\n"
        "d'Allocations Familiales.....        7"
    )
    announced = parse_sommaire(contents)
    assert announced == [
        Heading("1", "Objet de la convention territoriale globale de services aux familles"),
        Heading("2", "Les champs d'intervention de la Caisse d'Allocations Familiales"),
    ]
    body = lines(
        "Article 1 :Objet de la Convention Territoriale\n"
        "Globale de services aux familles\n"
        "La présente convention vise à définir le projet\n"
        "stratégique global du territoire."
    )
    assert [a.title for a in parse_articles(body, "f.txt", announced=announced)] == [
        "Objet de la Convention Territoriale Globale de services aux familles"
    ]
    assert [a.title for a in parse_articles(body, "f.txt")] == ["Objet de la Convention Territoriale"]


def test_an_upper_case_title_ends_where_the_body_starts_on_its_line() -> None:
    wrapped = lines(
        "ARTICLE 7 - L'ÉCHANGE D'INFORMATIONS ET LA\n"
        "PROTECTION DES DONNÉES Les signataires échangent\n"
        "les seules données nécessaires au suivi de la convention."
    )
    joined = lines(
        "ARTICLE 7 - L'ÉCHANGE D'INFORMATIONS ET LA PROTECTION DES DONNÉES Les signataires échangent les "
        "seules données nécessaires au suivi de la convention, dans le respect du règlement général sur la "
        "protection des données."
    )
    want = [("7", "L'ÉCHANGE D'INFORMATIONS ET LA PROTECTION DES DONNÉES")]
    assert [(a.number, a.title) for a in parse_articles(wrapped, "f.txt")] == want
    assert [(a.number, a.title) for a in parse_articles(joined, "f.txt")] == want
    prose = "Article 7 : les signataires échangent les données nécessaires au suivi " * 3
    assert match_heading(prose) is None  # a long line with no upper-case title apart is running text
