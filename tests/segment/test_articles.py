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
