from __future__ import annotations

from datetime import date

from ctg.core.model import Party, Span
from ctg.segment.signatures import parse_signatures, signature_problems, signed_place_date
from tests.segment.fixtures import lines

ONE_COLUMN = """
Fait à Marseille, le 19 novembre 2025,
En autant d'exemplaires originaux que de signataires.
Pour la Caisse d'Allocations Familiales Des
Bouches Du Rhône,
Madame la Présidente du Conseil d'Administration
Maley UPRAVAN
Pour la Commune de GARDANNE,
Monsieur le Maire
Hervé GRANIER
(Cachet et signature)
Pour la Communauté de communes de Vallée Des Baux Alpilles,
Monsieur le Président
(Cachet et signature)
"""

# OCR of a two-column page: left and right blocks interleaved line by line.
TWO_COLUMNS = """
La Caf
La Communauté de Communes Provence Alpes
Agglomération
Le Directeur
Le Président
Madame Patricia GRANET-BRUNELLO
Commune d'Aiglun
Commune de Chateau Arnoux Saint-Auban
Monsieur Michel AUDRAN
Monsieur René VILLARD
"""


def test_place_and_date() -> None:
    assert signed_place_date(lines(ONE_COLUMN)) == ("Marseille", date(2025, 11, 19))


def test_one_column_blocks_and_role_without_name() -> None:
    blocks = parse_signatures(lines(ONE_COLUMN), "f.txt")
    got = [(b.party_type, b.name, [(s.as_written, s.role) for s in b.signers]) for b in blocks]
    assert got == [
        (
            "caf",
            "Caisse d'Allocations Familiales Des Bouches Du Rhône",
            [("Maley UPRAVAN", "Madame la Présidente du Conseil d'Administration")],
        ),
        ("commune", "Gardanne", [("Hervé GRANIER", "Monsieur le Maire")]),
        ("epci", "Communauté de communes de Vallée Des Baux Alpilles", [("", "Monsieur le Président")]),
    ]
    assert (blocks[1].span.line_start, blocks[1].span.line_end) == (7, 10)
    assert signature_problems(blocks) == [
        "signature block without name: Communauté de communes de Vallée Des Baux Alpilles"
    ]


def test_two_columns_interleaved_by_ocr() -> None:
    president = Party(
        1,
        "la Communauté d'Agglomération Provence Alpes Agglomération",
        "epci",
        "Provence Alpes Agglomération",
        Span("f", 1, 1, 1),
        "Madame Patricia GRANET-BRUNELLO",
        "Présidente",
    )
    blocks = parse_signatures(lines(TWO_COLUMNS), "f.txt", [president])
    got = [(b.party_type, b.name, [s.as_written for s in b.signers]) for b in blocks]
    assert got == [
        ("caf", "Caf", [""]),
        ("epci", "Communauté de Communes Provence Alpes Agglomération", ["Madame Patricia GRANET-BRUNELLO"]),
        ("commune", "Aiglun", ["Monsieur Michel AUDRAN"]),
        ("commune", "Chateau Arnoux Saint-Auban", ["Monsieur René VILLARD"]),
    ]


def test_a_party_that_does_not_sign_is_reported() -> None:
    paradou = Party(
        1, "LA COMMUNE DE PARADOU", "commune", "Paradou", Span("f", 1, 1, 1), "Madame Pascale LICARI", "Maire"
    )
    caf = Party(
        2, "LA CAISSE", "caf", "Caisse d'Allocations Familiales des Bouches-du-Rhône", Span("f", 1, 2, 2)
    )
    blocks = parse_signatures(lines(ONE_COLUMN), "f.txt")
    problems = signature_problems(blocks, [paradou, caf])
    assert "party without signature block: Paradou" in problems
    assert not any("Caisse" in p for p in problems)


def test_place_and_date_other_wordings() -> None:
    assert (
        signed_place_date(lines("Fait en deux exemplaires à Digne-les-Bains, le 3 mars 2026"))[0]
        == "Digne-les-Bains"
    )
    assert signed_place_date(lines("Signé à Ajaccio le 28/10/2025")) == ("Ajaccio", date(2025, 10, 28))


def test_names_without_capitals_are_read_by_the_french_model() -> None:
    text = "Pour la Commune de Volx,\nLe Maire\nHervé Granier\n(Cachet et signature)"
    (block,) = parse_signatures(lines(text), "f.txt")
    assert [(s.as_written, s.role) for s in block.signers] == [("Hervé Granier", "Le Maire")]


def test_a_block_naming_its_body_by_an_acronym_is_the_partys_when_its_representative_signs() -> None:
    cpam = Party(
        1,
        "La Caisse Primaire d'Assurance Maladie du Hainaut",
        "other",
        "Caisse Primaire d'Assurance Maladie du Hainaut",
        Span("f", 1, 1, 1),
        "Monsieur Stéphane TROMPAT",
        "Directeur",
    )
    signed = parse_signatures(lines("Monsieur Stéphane TROMPAT\nDirecteur de la CPAM du Hainaut"), "f.txt")
    assert signature_problems(signed, [cpam]) == []
    other = parse_signatures(lines("Monsieur Paul MARTIN\nDirecteur de la CPAM du Hainaut"), "f.txt")
    assert signature_problems(other, [cpam]) == [
        "party without signature block: Caisse Primaire d'Assurance Maladie du Hainaut"
    ]
