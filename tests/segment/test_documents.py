from __future__ import annotations

from segment.documents import split_documents, toc_lines
from tests.segment.fixtures import lines

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
