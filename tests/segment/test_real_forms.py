"""Regression fixtures: a few lines of each real form the convention, party and signature rules read,
with the rows they must give (a Contrat Local de Santé's "Entre d'une part :" list, one-paragraph
parties, a signature page that names the signer before the role, the closing signatures of minutes,
deliberations and decrees)."""

from __future__ import annotations

from ctg.core.model import Line
from ctg.segment.annexes import annex_body_headings, annex_heading, announced_annexes
from ctg.segment.articles import parse_articles
from ctg.segment.convention_types import CONVENTION_TYPES, convention_type, convention_type_of
from ctg.segment.documents import split_documents, toc_lines
from ctg.segment.parties import parse_parties
from ctg.segment.signatures import closing_signatures, parse_signatures, signed_place_date
from ctg.segment.titles import convention_title
from tests.segment.fixtures import lines

# A Contrat Local de Santé: "Entre d'une part :", then "et," between the parties, no "d'autre part".
CLS_PARTIES = """
Entre d'une part :
L'agence régionale de santé des Hauts-de-France, dont le siège administratif est
situé 556 avenue Willy Brandt 59777 EURALILLE, représentée par son Directeur
général, Monsieur Hugo GILARDI,
- Ci-après dénommée « l'ARS »
et,
La Communauté de communes Sud-Avesnois, dont le siège social est situé au 2
rue du Général Raymond Chomel, 59610 FOURMIES, représentée par son Président
Monsieur Michaël HIRAUX,
- Ci-après dénommée « la CCSA »
et,
La Caisse d'Allocations Familiales, dont le siège social est situé 82 rue Brûle
Maison 59000 LILLE représentée par Audrey MATHON DEBETHENCOURT, Directrice
- Ci-après dénommée « la CAF »
et,
La Communauté Professionnelle Territoriale de Santé Sambre-Avesnois dont le
siège administratif est situé au 1 a Allée Ambroise Croizat, 59620 AULNOYE-AYMERIES
représentée par son Président le Docteur Christian CASTEL,
- Ci-après dénommée « la CPTS Sambre-Avesnois »
et,
Le Conseil Territorial de Santé du Hainaut, représenté par son Président, Monsieur
Franck HUGOT
- Ci-après dénommé « le CTS »
,
Il est convenu ce qui suit :
"""


def test_cls_parties_opened_by_entre_d_une_part() -> None:
    parties = parse_parties(lines(CLS_PARTIES), "f.txt")
    got = [(p.party_type, p.name, p.representative, p.role) for p in parties]
    assert got == [
        (
            "other",
            "Agence régionale de santé des Hauts-de-France",
            "Monsieur Hugo GILARDI",
            "Directeur général",
        ),
        ("epci", "Communauté de communes Sud-Avesnois", "Monsieur Michaël HIRAUX", "Président"),
        ("caf", "Caisse d'Allocations Familiales", "Audrey MATHON DEBETHENCOURT", "Directrice"),
        (
            "other",
            "Communauté Professionnelle Territoriale de Santé Sambre-Avesnois",
            "Docteur Christian CASTEL",
            "Président",
        ),
        ("other", "Conseil Territorial de Santé du Hainaut", "Monsieur Franck HUGOT", "Président"),
    ]
    assert (parties[1].span.line_start, parties[1].span.line_end) == (7, 10)


# One paragraph a party, "; et" between them, as many CTGs are written.
ONE_PARAGRAPH = "\n".join(  # each party's paragraph is one line of the file
    [
        "Entre :",
        "- La Caisse d'Allocations familiales de la Corrèze, représentée par Monsieur Jean DUPONT, son "
        "Directeur, et Madame Anne MARTIN, sa Présidente, dûment autorisés à signer la présente convention ; "
        "Ci-après dénommée « la Caf » ; et",
        "- La Commune de Tulle, représentée par son Maire, Monsieur Paul DURAND, dûment autorisé par "
        "délibération du conseil municipal ; Ci-après dénommée « la Commune » ; et",
        "- La Communauté d'agglomération Tulle Agglo, représentée par son Président, Monsieur Luc BERNARD ; "
        "Ci-après dénommée « l'Agglomération ».",
    ]
)


def test_one_paragraph_parties_separated_by_et() -> None:
    parties = parse_parties(lines(ONE_PARAGRAPH), "f.txt")
    got = [(p.party_type, p.name, p.representative, p.role) for p in parties]
    assert got == [
        ("caf", "Caisse d'Allocations familiales de la Corrèze", "Monsieur Jean DUPONT", "Directeur"),
        ("commune", "Tulle", "Monsieur Paul DURAND", "Maire"),
        ("epci", "Communauté d'agglomération Tulle Agglo", "Monsieur Luc BERNARD", "Président"),
    ]


# A two-column signature page read block by block: the name first, its role under it, over two lines.
NAME_FIRST = """
Fait à xxxxxxxxxxxxxxxx, le 21 octobre 2025
Monsieur Hugo GILARDI
Directeur Général de l'Agence
Régionale de Santé Hauts-de-France
Madame Audrey MATHON
DEBETHENCOURT
Directrice de la
Caisse d'Allocations Familiales
Docteur Chritian CASTEL
Président de la Communauté
Professionnelle Territoriale de Santé
Sambre-Avesnois
24
Annexe :
Plan d'actions
"""


def test_signature_page_that_names_the_signer_first() -> None:
    blocks = parse_signatures(lines(NAME_FIRST), "f.txt")
    got = [(b.party_type, [(s.as_written, s.role) for s in b.signers]) for b in blocks]
    assert got == [
        (
            "other",
            [("Monsieur Hugo GILARDI", "Directeur Général de l'Agence Régionale de Santé Hauts-de-France")],
        ),
        ("caf", [("Madame Audrey MATHON DEBETHENCOURT", "Directrice de la Caisse d'Allocations Familiales")]),
        (
            "other",
            [
                (
                    "Docteur Chritian CASTEL",  # recorded as printed
                    "Président de la Communauté Professionnelle Territoriale de Santé Sambre-Avesnois",
                )
            ],
        ),
    ]
    assert (blocks[1].span.line_start, blocks[1].span.line_end) == (5, 8)


def test_a_placeholder_place_is_no_place() -> None:
    place, signed = signed_place_date(lines(NAME_FIRST))
    assert place == "" and signed is not None and signed.isoformat() == "2025-10-21"


MINUTES_END = """
Le petit jardin face à la mairie a été nettoyé par quelques habitants
Séance levée 19h30
Le Maire, Denis JUVIN
"""

ARRETE_END = """
chargés, chacun en ce qui le concerne, de l'exécution du présent arrêté.
Le Préfet,
Didier LAUGA
"""

DECREE_END = """
présent décret, qui sera publié au Journal officiel de la République française.
Fait le 10 avril 2013.
JEAN-MARC AYRAULT
Par le Premier ministre :
La ministre de l'écologie,
du développement durable
et de l'énergie,
DELPHINE BATHO
"""

DELIBERATION_END = """
- D'autoriser Madame le Maire à signer tout document relatif à cette affaire.
Le Conseil adopte.
Pour extrait conforme, Madame le Maire
Hélène MANDROUX
Publiée le : 05/02/2013
"""


def _closing(text: str) -> list[tuple[str, str, str]]:
    return [
        (b.as_written, s.as_written, s.role)
        for b in closing_signatures(lines(text), "f.txt")
        for s in b.signers
    ]


def test_closing_signatures_of_minutes_arretes_decrees_and_deliberations() -> None:
    assert _closing(MINUTES_END) == [("Le Maire, Denis JUVIN", "Denis JUVIN", "Le Maire")]
    assert _closing(ARRETE_END) == [("Le Préfet, Didier LAUGA", "Didier LAUGA", "Le Préfet")]
    assert _closing(DECREE_END) == [
        ("JEAN-MARC AYRAULT", "JEAN-MARC AYRAULT", ""),
        (
            "Par le Premier ministre : La ministre de l'écologie, du développement durable et de l'énergie, "
            "DELPHINE BATHO",
            "DELPHINE BATHO",
            "Par le Premier ministre : La ministre de l'écologie, du développement durable et de l'énergie",
        ),
    ]
    assert _closing(DELIBERATION_END) == [
        (
            "Pour extrait conforme, Madame le Maire Hélène MANDROUX",
            "Hélène MANDROUX",
            "Pour extrait conforme, Madame le Maire",
        )
    ]


def test_no_signature_from_a_company_name_in_capitals_without_a_closing_line() -> None:
    text = "Choix du prestataire pour le parc photovoltaïque\nGAZELENERGIE GENERATION\nVote : à l'unanimité"
    assert closing_signatures(lines(text), "f.txt") == []


CLS_COVER = """
Contrat Local de Santé
de
La Communauté de Communes
Coeur Avesnois
2025/2028
Entre d'une part :
"""


def test_type_and_title_of_a_contract_that_is_not_a_ctg() -> None:
    assert convention_type(lines(CLS_COVER)) == "CLS"
    assert convention_title(lines(CLS_COVER)) == (
        "Contrat Local de Santé de La Communauté de Communes Coeur Avesnois 2025/2028"
    )


def test_every_convention_type_reads_its_example() -> None:
    for kind in CONVENTION_TYPES:
        found = convention_type_of(kind.example)
        assert found is not None and found[0].name == kind.name, kind.name


def test_without_a_title_the_type_is_what_the_parties_sign() -> None:
    text = "\n".join(
        [
            "Entre :",
            "La Commune de Volx, représentée par son Maire,",
            "dûment autorisé à signer la présente convention",
        ]
    )
    assert convention_type(lines(text)) == "convention"
    assert convention_type(lines("Entre :\nLa Commune de Volx")) == ""


SOMMAIRE_WITHOUT_LEADERS = """
ARTICLE 1 : Objet du contrat
ARTICLE 2 : Durée du contrat
23
PREAMBULE
Le présent contrat s'inscrit dans une démarche engagée depuis plusieurs années sur le territoire.
ARTICLE 1 : Objet du contrat
Le présent contrat a pour objet de définir les actions que les signataires conduisent ensemble.
ARTICLE 2 : Durée du contrat
Le présent contrat est conclu pour une durée de quatre ans à compter de sa signature par les parties.
"""


def test_contents_entries_without_leaders_are_not_articles() -> None:
    articles = parse_articles(lines(SOMMAIRE_WITHOUT_LEADERS), "f.txt")
    assert [(a.number, a.span.line_start) for a in articles] == [("1", 6), ("2", 8)]


# An arrêté signed on one page, its annex tables after it in the same document.
ARRETE_THEN_ANNEX = """
Article 9 : La directrice de cabinet du préfet du Gard est chargée de l'exécution du présent arrêté.
Le Préfet,
Didier LAUGA
Préfecture du Gard - 30-2020-10-24-001 - Arrêté du 24 octobre 2020
Mesures en vigueur à compter du samedi 24 octobre 2020 inclus sur l'ensemble du département du Gard
Type d'activité Mesure applicable Observations
Restaurants Fermeture à 22 heures Sauf livraison et vente à emporter
Bars Fermeture à 22 heures Sauf livraison et vente à emporter
Salles de sport Fermeture Sauf activités des mineurs et des publics prioritaires
Marchés Port du masque obligatoire Pour tout public de plus de 11 ans
Salles des fêtes Fermeture Sauf activités professionnelles et associatives prévues
Fêtes foraines Interdites Sur l'ensemble du département du Gard
Événements festifs Interdits Dans les établissements recevant du public
"""


def test_a_signature_above_the_annex_that_follows_it() -> None:
    assert _closing(ARRETE_THEN_ANNEX) == [("Le Préfet, Didier LAUGA", "Didier LAUGA", "Le Préfet")]


def test_the_handwriting_between_a_role_and_its_name_is_skipped() -> None:
    signed = ARRETE_END.replace("Le Préfet,\n", "Le Préfet,\nCV\n")
    assert _closing(signed) == [("Le Préfet, Didier LAUGA", "Didier LAUGA", "Le Préfet")]
    assert _closing(ARRETE_THEN_ANNEX.replace("Le Préfet,\n", "Le Préfet,\nCV\n")) == _closing(signed)


def test_a_sentence_naming_someone_is_no_signature() -> None:
    text = "Monsieur le Maire propose la candidature de Jean Pierre PLUS\nVote : à l'unanimité"
    assert closing_signatures(lines(text), "f.txt") == []


def _pages(*pages: str) -> list[Line]:
    """Lines of several pages, each numbered from 1 on its page; stamp lines carry the stamp role."""
    return [
        Line(row, page, n, row, "stamp" if row.startswith(("Envoyé en", "Reçu en", "ID :")) else "body")
        for page, text in enumerate(pages, start=1)
        for n, row in enumerate(text.strip("\n").split("\n"), start=1)
    ]


# A contract's cover with its page number under the title, the stamp at the foot of every page, a
# SOMMAIRE whose page numbers extraction put on lines of their own, and one annex without a number.
CLS_WITH_ANNEX = (
    """
Contrat Local de Santé
de
La Communauté de Communes Sud Avesnois
2025/2028
1
Envoyé en préfecture le 02/10/2025
Reçu en préfecture le 02/10/2025
ID : 059-200043404-20250924-DELIB370A-DE
""",
    """
Entre d'une part :
La Communauté de communes Sud-Avesnois, représentée par son Président Monsieur Michaël HIRAUX,
Il est convenu ce qui suit :
SOMMAIRE
PREAMBULE
Caractéristiques sanitaires de la population
Les modes d'exercices coordonnés, les contrats d'aide à l'installation, les maîtres de
stage universitaire (MSU)
ARTICLE 1 : Objet du contrat
16
Annexe : plan d'actions
26
2
Envoyé en préfecture le 02/10/2025
""",
    """
ARTICLE 1 : Objet du contrat
Le présent contrat a pour objet de définir les actions que les signataires conduisent ensemble.
Fait à Avesnes, le 21 octobre 2025
Monsieur Michaël HIRAUX
Président de la Communauté de Communes Sud-Avesnois
24
Envoyé en préfecture le 02/10/2025
""",
    """
Annexe :
Plan d'actions
26
Envoyé en préfecture le 02/10/2025
""",
    """
Intitulé de l'action
FA 1.1 : Organiser les conditions partenariales du déploiement des missions du médiateur santé.
""",
)


def test_a_cover_numbered_under_its_title_opens_the_convention() -> None:
    segments = split_documents(_pages(*CLS_WITH_ANNEX))
    assert [s.kind for s in segments] == ["convention", "annex"]
    assert segments[0].lines[0].text == "Contrat Local de Santé"
    assert segments[0].lines[-1].page == 3  # the annex body, from its heading's page, is a document
    assert (segments[1].lines[0].text, segments[1].lines[-1].page) == ("Annexe :", 5)


def test_a_single_annex_without_a_number_is_listed_by_its_convention() -> None:
    rows = _pages(*CLS_WITH_ANNEX)
    heading = next(i for i, line in enumerate(rows) if line.text == "Annexe :")
    assert annex_heading(rows[heading:]) == ("", "Plan d'actions")
    assert annex_body_headings(rows, toc_lines(rows)) == {heading}
    listed = announced_annexes([line for line in rows if line.page == 2], [], "f.txt")
    assert [(a.number, a.title) for a in listed] == [("", "plan d'actions")]


def test_contents_run_over_their_page_numbers_and_section_titles() -> None:
    rows = _pages(*CLS_WITH_ANNEX)
    toc = {rows[i].text for i in toc_lines(rows)}
    assert {
        "ARTICLE 1 : Objet du contrat",
        "16",
        "stage universitaire (MSU)",
        "Annexe : plan d'actions",
    } <= toc
    assert "Il est convenu ce qui suit :" not in toc
    assert not {"Le présent contrat a pour objet", "24"} & {t[:31] for t in toc}  # page 3 is the body


def test_page_number_and_stamp_between_signature_blocks_belong_to_none() -> None:
    text = "\n".join(
        [
            "Monsieur Olivier COTTET",
            "Directeur de la Direction des Services",
            "Départementaux de l'Education Nationale du Nord",
            "24",
            "Envoyé en préfecture le 02/10/2025",
            "Reçu en préfecture le 02/10/2025",
            "ID : 059-200043404-20250924-DELIB370A-DE",
            "Fait à xxxxxxxxxxxxxxxx, le 21 octobre 2025",
            "Monsieur Bruno STACH",
            "Président de l'Union Régionale des Professionnels de Santé",
        ]
    )
    blocks = parse_signatures(lines(text), "f.txt")
    assert [b.as_written for b in blocks] == [
        "Monsieur Olivier COTTET Directeur de la Direction des Services Départementaux de l'Education "
        "Nationale du Nord",
        "Monsieur Bruno STACH Président de l'Union Régionale des Professionnels de Santé",
    ]


def test_a_head_titled_with_any_convention_type_is_a_convention() -> None:
    contract = (
        "Contrat de ville 2024-2030\nde la Communauté d'agglomération du Grand Avignon\n"
        "Le présent contrat fixe les engagements des signataires dans les quartiers prioritaires."
    )
    assert [s.kind for s in split_documents(lines(contract))] == ["convention"]
    sentence = "Vu la convention de partenariat signée en 2020.\nLe projet se poursuit."
    assert [s.kind for s in split_documents(lines(sentence))] == ["other"]


def test_an_electronic_signature_field_laid_over_the_first_page() -> None:
    head = "\n".join(
        [
            "Décret no 2013-301 du 10 avril 2013",
            "Vu le code de l'environnement ;",
            "Signé par : Bernard MAGNIEN",
            "Date : 19/12/2017",
            "Qualité : Maire",
            "Vu le code pénal ;",
        ]
    )
    blocks = _closing(head + "\n" + DECREE_END.strip("\n"))
    assert blocks[0] == (
        "Signé par : Bernard MAGNIEN Date : 19/12/2017 Qualité : Maire",
        "Bernard MAGNIEN",
        "Maire",
    )
    assert [b[1] for b in blocks[1:]] == ["JEAN-MARC AYRAULT", "DELPHINE BATHO"]
    assert _closing("Le document est signé par : le demandeur\nVu le code pénal ;") == []


def test_a_party_after_the_page_number_and_stamp_of_a_page_break() -> None:
    rows = _pages(
        """
Entre d'une part :
La Direction territoriale de la Protection Judiciaire de la Jeunesse du Nord, représentée par son
Directeur territorial, Monsieur Claude GARDANNE,
- Ci-après dénommée « la PJJ »
2
Envoyé en préfecture le 02/10/2025
Reçu en préfecture le 02/10/2025
ID : 059-200043404-20250924-DELIB370A-DE
""",
        """
et,
L'Union Régionale des Professionnels de Santé médecins libéraux (dans sa
fonction de représentation inter-URPS), dont le siège administratif est situé au 11
square Dutilleul, 59000 LILLE, représentée par son Président, Monsieur Bruno STACH
- Ci-après dénommée « l'URPS »
Il est convenu ce qui suit :
""",
    )
    parties = parse_parties(rows, "f.txt")
    assert [(p.name, p.representative, p.role) for p in parties] == [
        (
            "Direction territoriale de la Protection Judiciaire de la Jeunesse du Nord",
            "Monsieur Claude GARDANNE",
            "Directeur territorial",
        ),
        (
            "Union Régionale des Professionnels de Santé médecins libéraux",
            "Monsieur Bruno STACH",
            "Président",
        ),
    ]


def test_a_convention_without_a_title_has_none() -> None:
    assert convention_title(lines("Entre :\nLa Commune de Volx, représentée par son Maire,")) == ""
