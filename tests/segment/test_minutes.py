"""Minutes of a sitting: items, their votes and the sitting's counts, on lines taken from real minutes.

Each fixture is a few lines of a published document (OCR slips kept), pages separated by form feeds,
with the rows the segment stage must give for it.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from ctg.core.model import Document, Line, Page, SourceFile
from ctg.extract import read_file
from ctg.normalize import normalize_file
from ctg.segment import segment_file
from ctg.segment.minutes import LIST_TITLES, MINUTES_TITLES, NUMBERED_HEADINGS
from ctg.segment.patterns import Pattern
from ctg.segment.stamps import match_key
from ctg.segment.votes import (
    NOT_VOTING_EXAMPLE,
    VOTE_STATEMENTS,
    VOTE_TABLE_EXAMPLE,
    read_votes,
    vote_statement,
)
from evaluation.real import REAL, grader


def _source(text: str, name: str = "fixture.txt", bold: frozenset[str] = frozenset()) -> SourceFile:
    """A text input, pages split on form feeds; lines in `bold` set in bold as a PDF's would be."""
    pages = []
    for number, page_text in enumerate(text.strip("\n").split("\f"), start=1):
        rows = page_text.strip("\n").split("\n")
        lines = [
            Line(
                text=row,
                page=number,
                number=n,
                raw=row,
                role="body" if row.strip() else "blank",
                bold=row in bold,
            )
            for n, row in enumerate(rows, start=1)
        ]
        pages.append(Page(file=name, number=number, method="plain", lines=lines))
    return SourceFile(file=name, sha256="0" * 64, bytes=len(text), pages=pages)


def _documents(text: str, bold: frozenset[str] = frozenset()) -> list[Document]:
    return segment_file(_source(text, bold=bold))


# A scanned procès-verbal: the margin column repeats the counts on each page, each item is a short
# heading closed by "Vote : …"; one item is not unanimous (OCR text of the scan).
FLAUX_PAGES = """
REPUBLIQUE FRANCAISE
DEPARTEMENT du GARD

Nombre de membres

en exercice : 11
qui ont pris part à la
délibération : il
dont 2 procurations

Compte rendu
conseil municipal du
22 septembre 2023

Séance du 22 septembre 2023

Présents : Denis JUVIN - Catherine MARTEL - Patricia MICHOT

Ordre du jour

Promesse de bail
Majoration de la cotisation due au titre des logements meublés non affectés à
l'habitation principale

> Questions diverses

Monsieur le Maire demande aux Membres du Conseil Municipal de rajouter à l'ordre
du jour la convention de coordination avec la Gendarmerie nationale

Vote : à l'unanimité

Nomination du secrétaire
Monsieur le Maire propose la candidature de Jean Pierre PLUS
en qualité de secrétaire pour la présente séance

Vote : Unanimité
\f
REPUBLIQUE FRANCAISE
DEPARTEMENT du GARD

Nombre de membres
en exercice : 11
qui ont pris part à la
délibération : 11
dont 2 procurations

Compte rendu
conseil municipal du
22 septembre 2023

Majoration de la cotisation due au titre des logements meublés non affectés à
Phabitation principale

Monsieur le maire expose les dispositions de l'article 1407 ter du code général des
impôts permettant au conseil municipal de majorer la part communale.

Le conseil municipal après en avoir délibéré

Ÿ” Majore 20 % la part communale de la cotisation de taxe d'habitation.

Vote : 1 contre et 10 pour

Bilan de fonctionnement de la bibliothèque lu par Mr le Maire

Séance Levée 19h45
"""


def test_flaux_items_votes_and_margin_counts() -> None:
    (document,) = _documents(FLAUX_PAGES)
    assert document.kind == "minutes"
    rows = [(d.objet, d.unanimite, d.pour, d.contre, d.span.page) for d in document.deliberations]
    assert rows == [
        (
            "rajouter à l'ordre du jour la convention de coordination avec la Gendarmerie nationale",
            True,
            None,
            None,
            1,
        ),
        ("Nomination du secrétaire", True, None, None, 1),
        (
            "Majoration de la cotisation due au titre des logements meublés non affectés à "
            "Phabitation principale",
            False,
            10,
            1,
            2,
        ),
    ]
    for act in document.deliberations:
        assert act.seance_date == date(2023, 9, 22)
        assert (act.en_exercice, act.pouvoirs_count, act.presents_count) == (11, 2, None)
    # "délibération : il" is OCR's "11" on p. 1; p. 2 prints 11 again
    assert [d.votants for d in document.deliberations] == [11, 11, 11]
    assert any("printed on its page" in note for note in document.deliberations[2].derived)


# A born-digital compte rendu: counts given once for the sitting, numbered items out of order, a
# decision taken under delegated powers only taken note of, debates between items.
LARBRESLE_PAGES = """
COMPTE RENDU DE LA SEANCE DU
CONSEIL MUNICIPAL
DU 9 JUILLET 2013
L'an deux mille treize le neuf juillet, à 20 heures 00, le Conseil Municipal de la Commune de
L'Arbresle, dûment convoqué, s'est réuni en session ordinaire.
Nombre de conseillers en exercice : 29
Nombre de conseillers présents : 21
Nombre de conseillers votants : 28
ORDRE DU JOUR
I. DESIGNATION D'UN SECRETAIRE DE SEANCE
M. PERRAUD est désigné(e) en tant que secrétaire de séance.
Monsieur le Maire : Avant de commencer, je vous propose de retirer un point à l'ordre du jour.
II. APPROBATION DU COMPTE RENDU DE LA SEANCE DU CONSEIL
MUNICIPAL DU 27 MAI 2013
Le compte rendu de la séance du 27 mai 2013 est approuvé à l'unanimité
III. DECISIONS PRISES EN VERTU DES POUVOIRS DELEGUES
DL-055-07-13 - Signature du marché: Etude communale de ruissellement / zonage
pluvial et propositions d'aménagement
DECISION :
Les membres du conseil municipal prennent acte de cette décision.
\f
IV. PERSONNEL
DL-056-07-13 - Création de 5 postes d'adjoints Techniques Territoriaux 1ère Classe à
temps complet
M. ZANNETTACCI présente le dossier.
DECISION :
Après avoir entendu l'exposé qui précède et après délibération, les membres du conseil
municipal adoptent, à l'unanimité, la présente délibération.
DL-066-07-13 - Création d'un poste d'adjoint administratif territorial de 1ère classe à
temps complet en vu d'être pourvu par avancement de grade
Mademoiselle VENET : Ce n'est pas qu'administratif ?
DECISION :
Après avoir entendu l'exposé qui précède et après délibération, les membres du conseil
municipal adoptent, à l'unanimité, la présente délibération.
"""


def _without_blank_lines(text: str) -> str:
    return "\n".join(row for row in text.split("\n") if row.strip() or "\f" in row)


def test_larbresle_numbered_items_and_counts_of_the_sitting() -> None:
    (document,) = _documents(_without_blank_lines(LARBRESLE_PAGES))
    assert document.kind == "minutes"
    rows = [(d.number, d.objet[:40], d.unanimite) for d in document.deliberations]
    assert rows == [
        ("", "APPROBATION DU COMPTE RENDU DE LA SEANCE", True),
        ("DL-055-07-13", "Signature du marché: Etude communale de ", None),  # taken note of, not voted
        ("DL-056-07-13", "Création de 5 postes d'adjoints Techniqu", True),
        ("DL-066-07-13", "Création d'un poste d'adjoint administra", True),
    ]
    assert document.deliberations[2].objet.endswith("à temps complet")
    for act in document.deliberations:
        assert (act.en_exercice, act.presents_count, act.votants) == (29, 21, 28)
        assert act.seance_date == date(2013, 7, 9)  # not the 27 May of the minutes approved
        assert (act.pour, act.contre, act.abstention) == (None, None, None)  # printed nowhere


def test_minutes_without_a_heading_above_a_vote_give_no_item() -> None:
    text = "PROCES VERBAL DU CONSEIL MUNICIPAL\n\nLe Maire donne lecture du rapport.\n\nVote : Pour"
    (document,) = _documents(text)
    assert document.kind == "minutes"
    assert document.deliberations == []


# "A L'UNANIMITE des votants (31 voix), 8 abstentions": unanimity with abstentions, counts printed.
BOURG_VOTE = [
    "A L'UNANIMITE des votants (31 voix), 8 abstentions (groupe d'union de la droite et du centre et Mme",
    "VEILLEROT)",
]


def test_unanimity_of_voters_with_abstentions() -> None:
    votes = read_votes(BOURG_VOTE)
    assert (votes.pour, votes.abstention, votes.contre, votes.votants, votes.unanimous) == (
        31,
        8,
        None,
        None,
        True,
    )


BOURG_DELIBERATION = """
DELIBERATION du CONSEIL MUNICIPAL
Séance du lundi 1 février 2016
Nombre de Conseillers en exercice : 39
N° 2016.02.16 - Subvention à l'association Énergie Coopération Développement - Projet BAN DOÏ
Présents :
Jean-François DEBAT, Michel FONTAINE, Isabelle MAISTRE
Excusés ayant donné procuration :
Guillaume LACROIX à Sylviane CHENE, Pascale BONNET SIMON à Catherine MAITRE
Secrétaire de séance : Charline LIOTIER
LE CONSEIL MUNICIPAL, APRÈS EN AVOIR DÉLIBÉRÉ,
A L'UNANIMITE des votants (31 voix), 8 abstentions (groupe d'union de la droite et du centre et Mme
VEILLEROT)
APPROUVE l'affectation d'une subvention à l'association « Energie Coopération Développement»
"""


def test_extract_of_the_minutes_with_one_act_is_a_deliberation() -> None:
    text = (
        "PROCES-VERBAL DES DELIBERATIONS DU CONSEIL MUNICIPAL\nSéance du 3 mars 2024\n"
        "OBJET : Convention territoriale globale\n"
        "Après en avoir délibéré, à l'unanimité,\nAPPROUVE la convention."
    )
    (document,) = _documents(text)
    assert document.kind == "deliberation"
    assert (
        document.deliberation is not None and document.deliberation.objet == "Convention territoriale globale"
    )


def test_bourg_counts_as_printed_and_names_not_counted() -> None:
    (document,) = _documents(BOURG_DELIBERATION)
    act = document.deliberation
    assert document.kind == "deliberation" and act is not None
    assert (act.number, act.seance_date, act.en_exercice) == ("2016.02.16", date(2016, 2, 1), 39)
    assert (act.pour, act.contre, act.abstention, act.votants, act.unanimite) == (31, None, 8, None, True)
    assert (act.presents_count, act.pouvoirs_count) == (None, None)  # names listed, no figure
    assert len(act.presents) == 3
    assert [(p.giver, p.holder) for p in act.pouvoirs] == [
        ("Guillaume LACROIX", "Sylviane CHENE"),
        ("Pascale BONNET SIMON", "Catherine MAITRE"),
    ]


# A register extract whose acknowledgement is a boxed header typed on its first page, read after the
# page's body; its subsidy tables follow on the next pages.
MONTPELLIER_PAGES = """
Extrait du registre des
délibérations du Conseil
Municipal de la Ville de
Montpellier
n° 2013 / 54
Séance publique du
lundi 4 février 2013
Convoqué le mardi 29 janvier 2013, le Conseil Municipal de la Ville de Montpellier s'est
réuni en mairie, Salle du Conseil Municipal, le lundi 4 février 2013 à 18H00, sous la
présidence de Madame le Maire, Hélène Mandroux
Présents :
Brahim ABBOU, Frédéric ARAGON, Michel ASLANIAN
Absents :
Stéphanie BLANPIED, Laure FARGIER
Attributions de subventions
Exercice 2013
Max LEVITA rapporte :
Les sommes allouées sont inscrites au budget de la Ville au titre de 2013 et se répartissent comme suit:
Accusé de réception - Ministère de l'intérieur
Acte Certifié exécutoire
Envoi Préfecture :
Réception en Préfecture :
06/02/2013 06/02/2013 034-213401722-20130204-0000061123-DE
\f
CODE STRUCTURE Nature Montant
5417 ASSOCIATION DU SALON DES METIERS ET DES PROFESSIONNELS DE L'ECOLOGIE P 500 €
Total 14 500 €
Le Conseil adopte.
"""


def test_montpellier_acknowledgement_header_is_the_deliberations_stamp() -> None:
    title = frozenset({"Attributions de subventions", "Exercice 2013"})
    (document,) = _documents(_without_blank_lines(MONTPELLIER_PAGES), bold=title)
    assert (document.kind, document.span.page, document.span.page_end) == ("deliberation", 1, 2)
    (stamp,) = document.stamps
    assert (stamp.sent, stamp.received) == (date(2013, 2, 6), date(2013, 2, 6))
    assert stamp.actes_id == "034-213401722-20130204-0000061123-DE"
    act = document.deliberation
    assert act is not None
    assert (act.number, act.seance_date, act.objet) == (
        "2013 / 54",
        date(2013, 2, 4),
        "Attributions de subventions Exercice 2013",
    )
    assert (act.collectivite, act.president) == ("Ville de Montpellier", "Hélène Mandroux")


LIST_OF_DELIBERATIONS = """
Liste des délibérations votées
Le 16 MAI 2025
\uf0d8 Approbation du procès-verbal du 04 avril 2025
\uf0d8 Devis prévisionnel honoraires avocat sur procédure contre l'arrêté préfectoral du 13 mars
2025 approuvant le PPRI de la commune
\uf0d8 Subventions aux associations
"""


def test_list_of_deliberations_gives_its_items_on_an_other_document() -> None:
    (document,) = _documents(LIST_OF_DELIBERATIONS)
    assert document.kind == "other"
    rows = [(d.objet, d.seance_date, d.unanimite, d.votants) for d in document.deliberations]
    assert rows == [
        ("Approbation du procès-verbal du 04 avril 2025", date(2025, 5, 16), None, None),
        (
            "Devis prévisionnel honoraires avocat sur procédure contre l'arrêté préfectoral du 13 mars 2025 "
            "approuvant le PPRI de la commune",
            date(2025, 5, 16),
            None,
            None,
        ),
        ("Subventions aux associations", date(2025, 5, 16), None, None),
    ]


SUMMARY_OF_DELIBERATIONS = """
Synthèse des délibérations portant atribution de
subventions approuvées lors du Conseil Municipal
du 25 Mars 2013
Délibération N° 63- Attributions de subventions dans le cadre des Bourse Animation Jeunes (BAJ) :
CODE
680 Association France Palestine Solidarité 34 P 1 500 €
Délibération N° 80 - Attributions de subventions dans le cadre de la Culture :
4923 280 communications F 1 000 €
"""


def test_summary_of_deliberations_numbers_its_items_without_cutting_documents() -> None:
    (document,) = _documents(SUMMARY_OF_DELIBERATIONS)
    assert document.kind == "other"
    rows = [(d.number, d.objet, d.seance_date) for d in document.deliberations]
    assert rows == [
        (
            "63",
            "Attributions de subventions dans le cadre des Bourse Animation Jeunes (BAJ)",
            date(2013, 3, 25),
        ),
        ("80", "Attributions de subventions dans le cadre de la Culture", date(2013, 3, 25)),
    ]


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("Vote : 1 contre et 10 pour", {"pour": 10, "contre": 1}),
        ("adopté par 3 voix contre (M. A, M. B, Mme C) et 10 voix pour", {"pour": 10, "contre": 3}),
        ("adopté par 1 « abstention » et 11 voix", {"pour": 11, "abstention": 1}),
        ("adopté par 15 voix pour et 2 contre", {"pour": 15, "contre": 2}),
        ("qui ont pris part à la délibération : 11", {"votants": 11}),
        ("dont 2 procurations", {"pouvoirs": 2}),
        ("ont 2 proeuratlonis", {"pouvoirs": 2}),  # the margin as OCR reads it
        ("dont 2 propositions", {}),
        ("en exercice : 1i", {"en_exercice": 11}),
        ("à la majorité des suffrages exprimés (2 contre : M. A, Mme B)", {"contre": 2}),
        ("à la majorité, 3 abstentions (M. X, M. Y, Mme Z)", {"abstention": 3}),
        (
            "En exercice : 19 - Présents : 15 - Représentés : 2 - Absents : 2",
            {"en_exercice": 19, "pouvoirs": 2},
        ),
        ("Membres en exercice : 19 - présents : 15 - pouvoirs : 2", {"en_exercice": 19, "pouvoirs": 2}),
        ("ADOPTE A L'UNANIMITE (29 voix)", {"pour": 29}),
        ("Procurations : Catherine MARTEL donne procuration à Denis JUVIN", {}),
    ],
)
def test_vote_grammar(text: str, counts: dict[str, int]) -> None:
    votes = read_votes([text])
    for name in ("pour", "contre", "abstention", "votants", "pouvoirs", "en_exercice"):
        assert getattr(votes, name) == counts.get(name), name


@pytest.mark.parametrize("statement", VOTE_STATEMENTS, ids=lambda s: s.example[:40])
def test_vote_statement_examples(statement: Pattern) -> None:
    found = vote_statement(statement.example)
    assert found is not None and found.name == statement.name  # the statement's kind: vote, noted


@pytest.mark.parametrize("pattern", (*MINUTES_TITLES, *LIST_TITLES), ids=lambda p: p.name)
def test_title_examples(pattern: object) -> None:
    assert pattern.regex.search(match_key(pattern.example))  # type: ignore[attr-defined]


@pytest.mark.parametrize("pattern", NUMBERED_HEADINGS, ids=lambda p: p.name)
def test_numbered_heading_examples(pattern: object) -> None:
    assert pattern.regex.match(pattern.example)  # type: ignore[attr-defined]


def test_vote_table() -> None:
    votes = read_votes(list(VOTE_TABLE_EXAMPLE))
    assert (votes.votants, votes.pour, votes.contre, votes.abstention) == (27, 25, 0, 2)
    # a header whose figures do not line up is no table
    assert read_votes(["Pour Contre Abstention", "25 2"]).pour is None


def test_member_out_of_the_vote_is_noted_not_counted() -> None:
    text = (
        "DELIBERATION DU CONSEIL MUNICIPAL\nSéance du 3 mars 2024\n"
        f"{NOT_VOTING_EXAMPLE}\nAprès en avoir délibéré, à l'unanimité,\nAPPROUVE le projet."
    )
    (document,) = _documents(text)
    act = document.deliberation
    assert act is not None and read_votes([NOT_VOTING_EXAMPLE]).not_voting
    assert (act.votants, act.pour, act.contre, act.unanimite) == (None, None, None, True)
    assert any("does not take part" in note for note in act.derived)


# A heading whose end the stamp hides, completed where the ordre du jour announces it (OCR text).
HIDDEN_END = """
Procès verbal
conseil municipal du
16 décembre 2022

Ordre du jour

+ Approbation du procès-verbal du 23 novembre 2022
cree +M49 - Tnterconnexion des 2 réservoirs - Emprunt long terme

Approbation du procès-verbal du Conseil Municipal du 23 novembre 2022
Personne ne prenant la parole, il est passé au vote
Vote : à l'unanimité

Nomination du secrétaire
Vote : à l'unanimité

M49 — Interconnexion des 2 réservoirs - Em

Monsieur le Maire rappelle le projet de travaux.

Vote : à l'unanimité
"""


def test_heading_hidden_end_is_read_in_the_ordre_du_jour() -> None:
    (document,) = _documents(HIDDEN_END)
    last = document.deliberations[-1]
    assert last.objet == "M49 — Interconnexion des 2 réservoirs - Emprunt long terme"
    assert any("ordre du jour" in note for note in last.derived)
    # a heading read whole is left as it is
    assert (
        document.deliberations[0].objet
        == "Approbation du procès-verbal du Conseil Municipal du 23 novembre 2022"
    )


# --- minutes read by OCR: no blank lines, the layout tells the paragraphs -----------------------


def _ocr_source(pages: list[list[tuple[str, float, float]]]) -> SourceFile:
    """OCR lines as a scan gives them: (text, left, top) in points, 10 points high, no blank line."""
    built = []
    for number, rows in enumerate(pages, start=1):
        lines = [
            Line(
                text=text,
                page=number,
                number=n,
                raw=text,
                bbox=(left, top, min(left + 5 * len(text), 560.0), top + 10),
                role="body",
                origin="ocr",
            )
            for n, (text, left, top) in enumerate(rows, start=1)
        ]
        built.append(Page(file="scan.pdf", number=number, method="ocr", lines=lines))
    return SourceFile(file="scan.pdf", sha256="0" * 64, bytes=0, pages=built)


# A scanned procès-verbal (OCR text of Flaux minutes): a heading stands after a gap, under a line
# with no full stop; on p. 2 the margin column is read first and the body's heading starts above its
# last line; a stamp's scribble stands top right; a proxy and the title stand above the sitting.
SCANNED_GAPS = [
    [
        ("PROCES VERBAL", 300, 30),
        ("Séance du 31 mars 2023", 290, 50),
        ("L'an deux mille vingt trois le 31 mars, le Conseil Municipal s'est réuni", 180, 80),
        ("Procurations :", 180, 100),
        ("Catherine MARTEL donne procuration à Alessandra STURANI", 180, 110),
        ("Le quorum est atteint, Monsieur le Maire déclare la séance ouverte", 180, 130),
        ("Nomination du secrétaire", 180, 155),
        ("Monsieur le Maire propose la candidature de Patricia MICHOT en qualité de", 180, 165),
        ("secrétaire pour la présente séance", 180, 175),
        ("Vote : à l'unanimité", 180, 200),
    ],
    [
        ("LZUVIZTIUJIU UU 24/7 12/7 LUIL", 400, 65),
        ("Nombre de membres", 40, 250),
        ("en exercice : 11", 40, 260),
        ("Procès verbal", 70, 480),
        ("2/8", 100, 520),
        ("M 49 - affectation de résultat de fonctionnement", 180, 40),
        ("001 - Affectation de résultat d'investissement 202 663.49 €", 180, 60),
        ("Vote : à l'unanimité", 180, 80),
    ],
]


def test_ocr_headings_stand_where_the_layout_parts_paragraphs() -> None:
    (document,) = segment_file(_ocr_source(SCANNED_GAPS))
    assert document.kind == "minutes"
    assert [d.objet for d in document.deliberations] == [
        "Nomination du secrétaire",
        "M 49 - affectation de résultat de fonctionnement",  # "M 49": a budget, not "M." for Monsieur
    ]
    assert all(d.seance_date == date(2023, 3, 31) for d in document.deliberations)


# The ordre du jour ends with "Questions diverses"; a request to add a point is voted; a heading whose
# end is hidden (cut on "du") is completed where the ordre du jour announces it; a heading in capitals
# runs over three lines whatever their first words.
SCANNED_AGENDA = [
    [
        ("PROCES VERBAL", 250, 30),
        ("L'an deux mille vingt-deux le seize décembre, le Conseil Municipal s'est réuni", 180, 60),
        ("Présents : Denis JUVIN - Catherine MARTEL - Muriel NIGGEL - Alessandra STURANI", 180, 70),
        ("- Jean-Pierre PLUS - Philippe VINÇON - Valérie UPPHOFF - Catherine VINAS - Patricia", 180, 80),
        ("MICHOT - Philippe ROUVIER-COROUGE - Michel VAILLIES", 180, 90),
        ("Ordre du jour", 180, 110),
        ("Dépenses d'investissement avant le vote du budget 2023 M14", 210, 130),
        ("Création de bande de sécurité OLD (Fonds verts)", 210, 145),
        ("Questions diverses", 210, 160),
        ("Monsieur le Maire demande aux Membres du Conseil Municipal de rajouter à l'ordre", 180, 190),
        ("du jour la convention de coordination avec la Gendarmerie nationale", 180, 200),
        ("Vote : à l'unanimité", 180, 220),
    ],
    [
        ("Dépenses d'investissement avant le vote du", 180, 40),
        ("Vu l'article L1612-1 du CGCT,", 180, 65),
        ("Vote : à l'unanimité", 180, 90),
        ("AVIS D'APPEL A MANIFESTATION D'INTERET CONCURRENTE", 180, 120),
        ("SUITE A LA MANIFESTATION D'INTERET SPONTANEE POUR LA", 180, 130),
        ("CONCLUSION D'UN CONTRAT DE BAIL", 180, 140),
        ("Dans le cadre d'un projet de parc photovoltaïque au sol, un avis sera publié.", 180, 160),
        ("Vote : à l'unanimité", 180, 180),
    ],
]


def test_ocr_agenda_proposal_hidden_end_and_heading_in_capitals() -> None:
    (document,) = segment_file(_ocr_source(SCANNED_AGENDA))
    assert [d.objet for d in document.deliberations] == [
        "rajouter à l'ordre du jour la convention de coordination avec la Gendarmerie nationale",
        "Dépenses d'investissement avant le vote du budget 2023 M14",
        "AVIS D'APPEL A MANIFESTATION D'INTERET CONCURRENTE SUITE A LA MANIFESTATION D'INTERET "
        "SPONTANEE POUR LA CONCLUSION D'UN CONTRAT DE BAIL",
    ]
    assert any("ordre du jour" in note for note in document.deliberations[1].derived)


# Ranked headings of a born-digital compte rendu (bold, as in the PDF): the first point records a
# designation and no vote; the vote under the second closes the second.
RANKED = """
COMPTE RENDU DE LA SEANCE DU CONSEIL MUNICIPAL DU 9 JUILLET 2013
L'an deux mille treize le neuf juillet, le Conseil Municipal s'est réuni en session ordinaire.
I. DESIGNATION D'UN SECRETAIRE DE SEANCE
M. PERRAUD est désigné(e) en tant que secrétaire de séance.
II. APPROBATION DU COMPTE RENDU DE LA SEANCE DU 27 MAI 2013
Le compte rendu de la séance du 27 mai 2013 est approuvé à l'unanimité
III. TARIFS DE LA CANTINE SCOLAIRE
Les membres du conseil municipal adoptent, à l'unanimité, la présente délibération.
"""


def test_a_vote_closes_the_last_ranked_heading_above_it() -> None:
    bold = frozenset(row for row in RANKED.split("\n") if row.startswith(("I", "V")))
    (document,) = _documents(RANKED, bold=bold)
    assert [d.objet for d in document.deliberations] == [
        "APPROBATION DU COMPTE RENDU DE LA SEANCE DU 27 MAI 2013",
        "TARIFS DE LA CANTINE SCOLAIRE",
    ]


# OCR text of a scanned procès-verbal: one heading run in with its paragraph, one with a speck read
# as a full stop after it.
RUN_IN_PV = """
PROCES VERBAL DU CONSEIL MUNICIPAL DU 31 MARS 2023
L'an deux mille vingt-trois, le trente et un mars, le Conseil Municipal s'est réuni.

CCPU - marché nocturne 2022 .
Monsieur le Maire expose aux membres du conseil municipal la candidature de la commune.
Vote : à l'unanimité

Réalisation d'un parc photovoltaïqueLa commune de Flaux envisage de réaliser un
parc photovoltaïque au sol.
Vote : à l'unanimité

M 49 - approbation du compte de gestion

La présentation du compte de gestion M49 pour l'année 2022 fait apparaître qu'ils
concordance :
Vote : à l'unanimité
"""


def test_run_in_headings_specks_and_clauses_under_headings() -> None:
    (document,) = _documents(RUN_IN_PV)
    assert [d.objet for d in document.deliberations] == [
        "CCPU - marché nocturne 2022",
        "Réalisation d'un parc photovoltaïque",
        "M 49 - approbation du compte de gestion",  # the sentence under it is no heading
    ]


# --- items of the real scanned minutes, on their reference OCR text ---------------------------

REAL_OCR = Path(__file__).resolve().parent / "real_ocr"
# Pooled over the reference texts, as the shared scorer pairs items (by number, else by objet).
RECALL_FLOOR, PRECISION_FLOOR = 0.75, 0.95


def _item_pairs(path: Path) -> tuple[int, int, int, int]:
    """(matched required items, required items, rows paired, rows) of one reference OCR text against
    its gold."""
    grade = grader()
    gold = json.loads((REAL / f"{path.stem}.gold.json").read_text(encoding="utf-8"))
    source = normalize_file(read_file(path, path.parent))
    rows = [
        {"number": act.number, "objet": act.objet, "page": act.span.page}
        for document in segment_file(source)
        for act in document.deliberations
    ]

    def score(item: dict, row: dict) -> float | None:
        if grade.norm_number(item.get("number")) and grade.norm_number(
            item.get("number")
        ) == grade.norm_number(row["number"]):
            return 1000.0
        found = [grade.objet_similarity(o, row["objet"]) for o in [item["objet"], *item.get("objet_alt", [])]]
        best = max((s for s in found if s is not None), default=None)
        return None if best is None else best - 2 * abs(row["page"] - item["page"])

    pairs = dict(grade.greedy(gold["deliberations"], rows, score))
    required = [i for i, item in enumerate(gold["deliberations"]) if not item.get("optional")]
    return sum(i in pairs for i in required), len(required), len(pairs), len(rows)


def test_real_ocr_minutes_item_recall_and_precision() -> None:
    texts = sorted(REAL_OCR.glob("*.txt")) if REAL_OCR.is_dir() else []
    if not texts or not REAL.is_dir():
        pytest.skip("reference OCR texts or real gold not found")
    totals = [sum(column) for column in zip(*(_item_pairs(path) for path in texts), strict=True)]
    matched, required, paired, rows = totals
    assert matched / required >= RECALL_FLOOR
    assert paired / max(rows, 1) >= PRECISION_FLOOR


# The margin column as OCR reads it on two pages: "11" read "1" on p. 2, a council of one member and
# a vote of one, which no sitting holds; p. 1's figures stand for the item of p. 2.
MISREAD_MARGIN = """
PROCES VERBAL DU CONSEIL MUNICIPAL
Nombre de membres
en exercice : 11
qui ont pris part à la délibération : 11

Séance du 15 décembre 2023
L'an deux mille vingt-trois le quinze décembre, le Conseil Municipal s'est réuni.

Nomination du secrétaire
Monsieur le Maire propose la candidature de Patricia MICHOT.
Vote : à l'unanimité
\f
Nombre de membres
en exercice : 1
qui ont pris part à la délibération : 1

Convention d'adhésion au service de prévention des risques professionnels
Monsieur le Maire présente la convention.
Vote : à l'unanimité
"""


def test_a_margin_figure_no_sitting_holds_is_a_misreading() -> None:
    (document,) = _documents(MISREAD_MARGIN)
    assert [(d.en_exercice, d.votants) for d in document.deliberations] == [(11, 11), (11, 11)]
    assert any("printed on p. 1" in note for note in document.deliberations[1].derived)


# On p. 2 the margin's count column, its label misread, stands above the body; the stamp hides the
# end of the heading on its line, and the item's text quotes the heading whole (OCR text).
MARGIN_AND_QUOTE = """
COMPTE RENDU DU CONSEIL MUNICIPAL
Séance du 25 mars 2022
L'an deux mille vingt-deux le vingt-cinq mars, le Conseil Municipal s'est réuni.

Achat de batardeaux
Monsieur le Maire présente le devis.
Vote : à l'unanimité
\f
Norabie de memhres
en exercice : 11
aquiotit pris part à la

Parachèvement des travaux de restauration
Il est proposé au Conseil Municipal de
valider le projet, intitulé « Parachèvement des travaux de testauration
du lavoir du hameau les Auvis »
Vote : à l'unanimité
"""


def test_margin_count_label_heads_nothing_and_a_quoted_heading_is_read_whole() -> None:
    (document,) = _documents(MARGIN_AND_QUOTE)
    assert [d.objet for d in document.deliberations] == [
        "Achat de batardeaux",
        "Parachèvement des travaux de restauration du lavoir du hameau les Auvis",
    ]
    assert any("the item's text" in note for note in document.deliberations[1].derived)
