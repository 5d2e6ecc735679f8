from __future__ import annotations

import re

from ctg.core.model import Line
from ctg.segment.annexes import annex_heading
from ctg.segment.documents import COLLECTION_EXAMPLE, COLLECTION_TITLE, split_documents, toc_lines
from ctg.segment.stamps import match_key
from tests.segment.fixtures import lines
from tests.segment.seed_lines import seed_lines

TWO_COPIES = """
CONVENTION
TERRITORIALE
Bassin Minier
Entre :
LA COMMUNE DE GARDANNE
Article 1 : Objet
Texte de l'article.
Fait à Marseille, le 17 novembre 2025,
Annexes
1. Le diagnostic partagé
CONVENTION
TERRITORIALE
Envoyé en préfecture le 10/12/2025
Reçu en préfecture le 10/12/2025
ID : 013-211300413-20251208-DEL_2025_123-DE
CONVENTION
TERRITORIALE
Bassin Minier
Entre :
LA COMMUNE DE GARDANNE
Article 1 : Objet
"""


def test_each_copy_is_a_document_and_a_back_cover_stays_with_its_copy() -> None:
    segments = split_documents(lines(TWO_COPIES))
    assert [s.kind for s in segments] == ["convention", "convention"]
    first, second = segments
    assert (first.lines[0].number, first.lines[-1].number) == (1, 12)  # back cover "CONVENTION TERRITORIALE"
    assert second.lines[0].text.startswith("Envoyé en préfecture")


BUNDLE = """
Le CONSEIL MUNICIPAL, après avoir entendu l'exposé :
- APPROUVE la démarche partenariale de Convention Territoriale Globale
POUR : 35
ANNEXE 2 – LISTE DES ÉQUIPEMENTS ET SERVICES SOUTENUS
EAJE
Annexe 3:
Le Plan d'actions
Convention Territoriale Globale de Service aux Familles Les-Pennes-Mirabeau
Entre :
LA CAISSE D'ALLOCATIONS FAMILIALES DES BOUCHES-DU-RHÔNE
SOMMAIRE
Article 1 : Objet de la convention.....\t7
Annexe 1 : Diagnostic territorial
Annexe 2 : Liste des équipements
Il est convenu et arrêté ce qui suit :
"""


def test_annex_headings_split_but_sommaire_entries_do_not() -> None:
    segments = split_documents(lines(BUNDLE))
    kinds = [s.kind for s in segments]
    assert kinds[1:] == ["annex", "annex", "convention"]
    assert segments[3].lines[0].text.startswith("Convention Territoriale Globale")


def test_toc_lines_are_the_entries_under_sommaire() -> None:
    rows = lines(BUNDLE)
    toc = {rows[i].number for i in toc_lines(rows)}
    assert toc == {11, 12, 13, 14}


def test_a_convention_opening_with_its_first_party_on_the_entre_line() -> None:
    text = (
        "Délibération annexée\nTexte.\n"
        "Entre : la Caisse d'Allocations familiales du Var, représentée par\nArticle 1 : Objet"
    )
    segments = split_documents(lines(text))
    assert segments[-1].kind == "convention"
    assert segments[-1].lines[0].number == 3


def _pages(text: str) -> list[Line]:
    """Lines of a text whose pages are separated by form feeds."""
    rows: list[Line] = []
    for page, page_text in enumerate(text.strip("\n").split("\f"), start=1):
        rows += [
            Line(text=row, page=page, number=n, raw=row, role="body" if row.strip() else "blank")
            for n, row in enumerate(page_text.strip("\n").split("\n"), start=1)
        ]
    return rows


# A prefecture's recueil (OCR of its cover, sommaire and first act page): a cover document, then
# each act from the page its number heads; none is a council act.
RECUEIL = """
5 RECUEIL DES ACTES
>, ADMINISTRATIFS SPÉCIAL
RÉPUBLIQUE FRANÇAISE N°30-2020-146
PUBLIÉ LE 24 OCTOBRE 2020
\f
Sommaire
Préfecture du Gard
30-2020-10-24-001 - 2020.10.24 Arrêté 30-2020-10-24-001 du 24 octobre 2020 mesures
visant à renforcer la lutte contre la propagation du virus Covid-19 dans le Gard (11 pages) Page 3
\f
Préfecture du Gard
30-2020-10-24-001
2020.10.24 Arrêté 30-2020-10-24-001 du 24 octobre 2020
\f
Arrêté n° 30-2020-10-24-001
Le Préfet du Gard
Vu le code de la santé publique, notamment ses articles L.3131-12 et suivants ;
Article 1 : Le présent arrêté entre en vigueur dès sa publication.
"""


def test_recueil_is_cut_into_its_cover_and_its_acts() -> None:
    segments = split_documents(_pages(RECUEIL))
    assert [(s.kind, s.lines[0].page, s.lines[-1].page) for s in segments] == [
        ("other", 1, 2),
        ("other", 3, 4),
    ]
    assert COLLECTION_TITLE.search(match_key(COLLECTION_EXAMPLE))


# The same act signed on its last page (OCR reads the handwriting between the role and the name as
# "CV"), then the annex it names, printed after its signature.
SIGNED_THEN_ANNEX = """
Vu l'avis du Directeur général de l'Agence régionale de santé, annexé au présent arrêté ;
Article 9 : Les maires sont chargés, chacun en ce qui le concerne, de l'exécution du présent arrêté.
Le Préfet,
CV
Didier LAUGA
\f
MESURES EN VIGUEUR A COMPTER DU SAMEDI 24 OCTOBRE 2020 inclus
Interdiction des déplacements de personnes hors de leur lieu de résidence entre 21 heures et 6 heures
"""


def test_the_annex_after_an_acts_signature_is_a_document_of_its_own() -> None:
    segments = split_documents(_pages(RECUEIL.rstrip("\n") + "\n" + SIGNED_THEN_ANNEX))
    assert [(s.kind, s.lines[0].page, s.lines[-1].page) for s in segments] == [
        ("other", 1, 2),
        ("other", 3, 4),
        ("annex", 5, 5),
    ]
    unannounced = SIGNED_THEN_ANNEX.replace(", annexé au présent arrêté", "")
    segments = split_documents(_pages(RECUEIL.rstrip("\n") + "\n" + unannounced))
    assert [s.kind for s in segments] == ["other", "other"]  # pages the act does not announce stay in it


# An acknowledgement header typed in a deliberation's first page, read after that page's body.
ACK_IN_PAGE = """
Extrait du registre des délibérations du Conseil Municipal
Séance publique du lundi 4 février 2013
Le Conseil Municipal, après en avoir délibéré, ADOPTE les subventions.
Accusé de réception - Ministère de l'intérieur
Envoi Préfecture :
Réception en Préfecture :
06/02/2013 06/02/2013 034-213401722-20130204-0000061123-DE
\f
CODE STRUCTURE Nature Montant
5417 ASSOCIATION DES PARCS ET JARDINS F 500 €
"""


def test_acknowledgement_header_inside_a_page_does_not_open_a_document() -> None:
    segments = split_documents(_pages(ACK_IN_PAGE))
    assert [(s.kind, s.lines[0].page, s.lines[-1].page) for s in segments] == [("deliberation", 1, 2)]


def test_acknowledgement_page_of_its_own_is_a_document() -> None:
    text = ACK_IN_PAGE.replace("Accusé de réception", "\fAccusé de réception")
    kinds = [segment.kind for segment in split_documents(_pages(text))]
    assert kinds == ["deliberation", "acknowledgement"]


def test_annex_bodies_after_a_convention_are_documents_and_mentions_of_annexes_are_not() -> None:
    rows = seed_lines("004", keep_blank=False)  # a convention, then its annexes 1 to 5
    segments = split_documents(rows)
    starts = [(s.kind, s.lines[0].text.strip()[:8]) for s in segments]
    assert starts == [("convention", "Entre :"), *(("annex", f"ANNEXE {n}") for n in range(1, 6))]
    # "Les annexes 2 et 3 a la présente convention précisent …": running text, no document.
    mentions = {r.number for r in rows if re.search(r"\bannexe", r.text, re.I)}
    opened = {s.lines[0].number for s in segments[1:]}
    assert opened < mentions
    assert annex_heading(segments[1].lines) == ("1", "DIAGNOSTIC PARTAGE")


def test_an_annex_title_broken_on_an_open_word_goes_on_over_its_next_lines() -> None:
    segments = split_documents(seed_lines("004", keep_blank=False))
    titles = {annex_heading(s.lines) for s in segments if s.kind == "annex"}
    # OCR broke both headings in two, a blank line between: "… PAR CHAQUE" / "SIGNATAIRE …", "ET SUIVI …"
    assert (
        "3",
        "PLAN D'ACTIONS 2026 -2030 - MOYENS MOBILISES PAR CHAQUE"
        " SIGNATAIRE DANS LE CADRE DES OBJECTIFS PARTAGES",
    ) in titles
    assert ("4", "MODALITES DE PILOTAGE STRATEGIQUE ET OPERATIONNEL ET SUIVI DE LA CTG") in titles
    # A closed title does not take the body under it.
    assert ("1", "DIAGNOSTIC PARTAGE") in titles


def test_an_annex_title_takes_no_line_of_another_case_or_another_heading() -> None:
    heading = lines("ANNEXE 2 - LISTE DES ACTIONS PAR\nCommune de Gardanne\nANNEXE 3 - TABLEAU DE")
    assert annex_heading(heading) == ("2", "LISTE DES ACTIONS PAR")
