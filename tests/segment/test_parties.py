from __future__ import annotations

from ctg.segment.parties import parse_parties
from tests.segment.fixtures import lines

BLOCK = """
Entre :
LA CAISSE D'ALLOCATIONS FAMILIALES DES BOUCHES-DU-RHÔNE
Représentée par Madame Maley UPRAVAN, Présidente du Conseil d'Administration,
Représentée par, Monsieur Yves FASANARO, Directeur Général
Ci-après dénommée
«La Caf»
Et
LA COMMUNE DES BAUX DE PROVENCE
Représentée par son Maire, Madame Anne PONIATOWSKI
Dûment autorisé à signer la présente convention par délibération de son Conseil Municipal;
Et
LA COMMUNAUTE DE COMMUNES VALLEE DES BAUX-ALPILLES
Représenté par son Président, Monsieur Hervé CHERUBINI
"""

SENTENCES = """
la Communauté d'Agglomération Provence Alpes Agglomération, représentée par sa Présidente
Madame Patricia GRANET-BRUNELLO, dûment autorisée a signer la présente convention par
la Commune d'Aiglun, représentée par son Maire Monsieur Michel AUDRAN, dûment autorisé a signer
la commune de l'Escale, représentée par son Maire Monsieur Claude FIAERT, dûment autorisé a signer
la Commune du Brusquet, représentée par son Maire Monsieur Gilbert REINAUDO, dûment autorisé a
"""


def test_entre_et_block() -> None:
    parties = parse_parties(lines(BLOCK), "f.txt")
    got = [(p.party_type, p.name, p.representative, p.role) for p in parties]
    assert got == [
        (
            "caf",
            "Caisse d'Allocations Familiales des Bouches-du-Rhône",
            "Madame Maley UPRAVAN",
            "Présidente du Conseil d'Administration",
        ),
        ("commune", "Les Baux de Provence", "Madame Anne PONIATOWSKI", "Maire"),
        ("epci", "Communaute de Communes Vallee des Baux-Alpilles", "Monsieur Hervé CHERUBINI", "Président"),
    ]
    assert (parties[1].span.line_start, parties[1].span.line_end) == (8, 10)


def test_running_sentences() -> None:
    parties = parse_parties(lines(SENTENCES), "f.txt")
    got = [(p.party_type, p.name, p.representative, p.role) for p in parties]
    assert got == [
        (
            "epci",
            "Communauté d'Agglomération Provence Alpes Agglomération",
            "Madame Patricia GRANET-BRUNELLO",
            "Présidente",
        ),
        ("commune", "Aiglun", "Monsieur Michel AUDRAN", "Maire"),
        ("commune", "L'Escale", "Monsieur Claude FIAERT", "Maire"),
        ("commune", "Le Brusquet", "Monsieur Gilbert REINAUDO", "Maire"),
    ]


INLINE = """
Entre : la Caisse d'Allocations familiales du Var, représentée par Monsieur Jean DUPONT, Directeur,
d'une part,
Et la Commune de Brignoles, représentée par son Maire, Madame Anne MARTIN,
d'autre part,
"""


def test_parties_named_on_the_entre_and_et_lines() -> None:
    parties = parse_parties(lines(INLINE), "f.txt")
    got = [(p.party_type, p.name, p.representative, p.role) for p in parties]
    assert got == [
        ("caf", "Caisse d'Allocations familiales du Var", "Monsieur Jean DUPONT", "Directeur"),
        ("commune", "Brignoles", "Madame Anne MARTIN", "Maire"),
    ]


def test_representative_without_capitals_is_read_by_the_french_model() -> None:
    text = "Et\nLA COMMUNE DE MOURIES\nReprésentée par son Maire, Madame Claire Rouvier, dûment autorisée"
    (party,) = parse_parties(lines(text), "f.txt")
    assert (party.representative, party.role) == ("Madame Claire Rouvier", "Maire")
