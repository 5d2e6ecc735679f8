from __future__ import annotations

from ctg.core.model import Document, Span
from ctg.segment.conventions import parse_convention, split_sections
from tests.segment.fixtures import lines

CONVENTION = """
Entre :
LA COMMUNE DE MALIJAI
Représentée par son Maire, Madame Sonia FONTAINE
SOMMAIRE
Article 1 : Objet.....\t3
Article 2 : Durée.....\t4
Il est convenu et arrêté ce qui suit :
Vu la délibération du conseil municipal de la Commune de Malijai en date du ........................
figurant en annexe 5 de la présente convention,
Vu le Code général des collectivités territoriales ;
PREAMBULE
Texte du préambule.
Article 1 : Objet
Texte.
Article 3 : Confidentialité
Texte.
Fait à Digne-les-Bains, le 3 mars 2026
Pour la Commune de Malijai,
Le Maire
Sonia FONTAINE
Annexes
1. Le diagnostic partagé
2. La liste des équipements
ANNEXE 1 - DIAGNOSTIC PARTAGE
Le territoire compte 46 communes.
"""


def _parsed() -> Document:
    rows = lines(CONVENTION)
    document = Document("id", "f.txt", 0, "convention", Span.of_lines("f.txt", rows))
    parse_convention(document, rows, {"1": ("DIAGNOSTIC PARTAGE", Span("f.txt", 1, 24, 24))})
    return document


def test_sections_follow_the_transition_table() -> None:
    sections = split_sections(lines(CONVENTION))
    first = {state: rows[0].number for state, rows in sections.lines.items() if rows}
    assert first == {
        "parties": 1,
        "sommaire": 4,
        "visas": 7,
        "preambule": 11,
        "articles": 13,
        "signatures": 17,
        "annex_list": 21,
        "annexes": 24,
    }
    assert sections.problems == []


def test_visas_keep_their_continuation_lines() -> None:
    visas = _parsed().visas
    assert len(visas) == 2
    assert visas[0].endswith("figurant en annexe 5 de la présente convention")


def test_problems_and_annex_flags() -> None:
    document = _parsed()
    assert "article 2 missing" in document.problems
    assert "article 2 listed in SOMMAIRE but not found" in document.problems
    assert [(a.number, a.listed, a.present) for a in document.annexes] == [
        ("1", True, True),
        ("2", True, False),
    ]
    assert (document.signed_place, str(document.signed_date)) == ("Digne-les-Bains", "2026-03-03")


def test_a_move_the_table_refuses_is_a_problem() -> None:
    rows = lines(
        "Entre :\nLA COMMUNE DE SEYNE\nArticle 1 : Objet\nFait à Seyne, le 2 mars 2026\nVu le Code civil ;"
    )
    sections = split_sections(rows)
    assert sections.problems == []  # a "Vu" line among the signatures is left where it is
    rows = lines("Entre :\nLA COMMUNE DE SEYNE\nArticle 1 : Objet\nFait à Seyne, le 2 mars 2026\nSOMMAIRE")
    assert split_sections(rows).problems == ["sommaire after signatures at line 5"]
