"""Persons: civility, first and last names, role, and the key linking mentions of one person."""

from __future__ import annotations

import pytest

from ctg.core.model import Deliberation, Document, Party, SignatureBlock, Span
from ctg.resolve.persons import display_name, document_persons, link_persons, parse_person, person_key

# (as written, civility, first name, last name, role)
PERSONS = [
    ("Monsieur Michel AUDRAN", "Monsieur", "Michel", "AUDRAN", ""),
    ("Madame Patricia GRANET-BRUNELLO ,", "Madame", "Patricia", "GRANET-BRUNELLO", ""),
    ("CARRÉ Jean-Christophe", "", "Jean-Christophe", "CARRÉ", ""),
    ("Hervé GRANIER", "", "Hervé", "GRANIER", ""),
    ("Représentée par son Maire, Monsieur Lionel ESCOFFIER", "Monsieur", "Lionel", "ESCOFFIER", "Maire"),
    (
        "Représentée par, Monsieur Yves FASANARO, Directeur Général",
        "Monsieur",
        "Yves",
        "FASANARO",
        "Directeur Général",
    ),
    ("son Maire Monsieur Michel AUDRAN, diiment autoris¢ a signer", "Monsieur", "Michel", "AUDRAN", "Maire"),
    (
        "sa Présidente Madame Patricia GRANET-BRUNELLO, diment autorisée",
        "Madame",
        "Patricia",
        "GRANET-BRUNELLO",
        "Présidente",
    ),
    ("Mme Anne de LA ROCHE", "Madame", "Anne", "DE LA ROCHE", ""),
    ("Monsieur le Maire", "Monsieur", "", "", "Maire"),
]


@pytest.mark.parametrize(("written", "civility", "first", "last", "role"), PERSONS)
def test_parse_person(written: str, civility: str, first: str, last: str, role: str) -> None:
    person = parse_person(written)
    assert (person.civility, person.first_name, person.last_name, person.role) == (
        civility,
        first,
        last,
        role,
    )
    assert person.as_written == written


@pytest.mark.parametrize(
    ("written", "role"),
    [
        ("Monsieur le Maire", "Maire"),
        ("Le Président", "Président"),
        ("Madame la Présidente du Conseil", "Présidente du Conseil"),
    ],
)
def test_signature_roles_lose_civility_and_article(written: str, role: str) -> None:
    assert parse_person("Hervé GRANIER", written).role == role


def test_civility_of_a_signature_role_goes_to_the_signer() -> None:
    person = parse_person("Maley UPRAVAN", "Madame la Présidente du Conseil d'Administration")
    assert display_name(person) == "Madame Maley UPRAVAN"


def test_casing_is_made_consistent() -> None:
    person = parse_person("monsieur jean-pascal gournes")
    assert display_name(person) == "Monsieur Jean-Pascal GOURNES"


def test_same_person_across_party_signature_and_deliberation() -> None:
    mentions = [
        parse_person("Représentée par son Maire, Monsieur Jean-Christophe CARRE"),  # convention party
        parse_person("Jean-Christophe CARRÉ"),  # signature block
        parse_person("CARRÉ Jean-Christophe"),  # deliberation, présents
        parse_person("Monsieur CARRÉ"),  # no first name: joins the only CARRÉ
        parse_person("Marc FUSAT"),
    ]
    groups = link_persons(mentions)
    assert sorted(len(group) for group in groups.values()) == [1, 4]
    assert person_key(mentions[0]) == "carre|jean christophe"


def test_mayor_linked_from_convention_party_to_deliberation() -> None:
    span = Span("x.txt", 1, 1, 1)
    convention = Document("c", "x.txt", 1, "convention", span)
    convention.parties = [
        Party(
            1,
            "LA COMMUNE DE MAUSSANE-LES-ALPILLES",
            "commune",
            "Maussane",
            span,
            representative="Monsieur Jean-Christophe CARRE",
            role="Maire",
        ),
    ]
    convention.signatures = [
        SignatureBlock(
            1,
            "Commune de Maussane Les Alpilles",
            "commune",
            "Maussane",
            span,
            signers=[parse_person("Jean-Christophe CARRE", "Monsieur le Maire")],
        ),
    ]
    deliberation = Document("d", "y.txt", 1, "deliberation", span)
    deliberation.deliberations = [
        Deliberation(
            span,
            president="Monsieur Jean-Christophe CARRÉ, Maire",
            presents=["CARRÉ Jean-Christophe", "FUSAT Marc"],
        )
    ]
    groups = link_persons([*document_persons(convention), *document_persons(deliberation)])
    assert len(groups["carre|jean christophe"]) == 4
    assert {p.role for p in groups["carre|jean christophe"]} == {"Maire", ""}
