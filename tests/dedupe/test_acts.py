"""Acts: copies by any route are one document; another sitting, year or number is another act."""

from __future__ import annotations

from datetime import date

import pytest

from ctg.dedupe import facts, find_duplicates
from ctg.dedupe.digest import digest
from evaluation import dedupe_routes as routes
from tests.dedupe.docs import digest_of, repeated_copies, seed_text, seeds_dir

# The heading of a commune's minutes as read by OCR (lines of a real procès-verbal, the stamp typed
# over the scan), and the boilerplate every sitting of that council repeats.
PV_HEAD = """Envoyé en préfecture le 02/02/2023
Reçu en préfecture le 02/02/2023
REPUBLIQUE FRANCAISE
DEPARTEMENT du GARD
ID : 030-213001100-20230127-PV16122022-DE
Séance du 16 décembre 2022
L'an deux mille vingt-deux le seize décembre à dix-huit heures, le Conseil Municipal de la
commune, régulièrement convoqué, s'est réuni au nombre prescrit par la loi, dans la
salle de réunion de la mairie, sous la présidence de Monsieur Denis JUVIN - Maire
"""
PV_BODY = """Ouverture de la séance
Le quorum est atteint, Monsieur le Maire déclare la séance ouverte
Nomination du secrétaire
Monsieur le Maire propose la candidature de ROUVIER COROUGE Philippe en
qualité de secrétaire pour la présente séance
Vote : à l'unanimité
Approbation du procès-verbal du Conseil Municipal précédent
Monsieur le Maire demande s'il y a des observations.
Personne ne prenant la parole, il est passé au vote
Vote : à l'unanimité
Dépenses d'investissement avant le vote du budget primitif
Considérant que 25% des dépenses d'investissement du budget primitif
peuvent être mandatés avant le vote du budget (25% de 90 000 € = 22 500 € sur
le chapitre 21)
Monsieur le Maire propose de mandater les dépenses d'investissement du budget M57
avant le vote du budget primitif comme suit :
Chapitre 21 - article 2181 20 000 €
Vote : à l'unanimité
"""
OTHER_SITTING = (
    PV_HEAD.replace("PV16122022", "PV31032023")
    .replace("16 décembre 2022", "31 mars 2023")
    .replace("deux mille vingt-deux le seize décembre", "deux mille vingt-trois le trente et un mars")
    .replace("20230127", "20230609")
)


def test_the_sitting_date_is_read_from_the_heading_even_by_ocr():
    assert facts.sitting_date(PV_HEAD.split("\n")) == date(2022, 12, 16)
    misread = PV_HEAD.replace("décembre", "décembie")
    assert facts.sitting_date(misread.split("\n")) == date(2022, 12, 16)
    # the heading cut before the date, the date on the next line
    assert facts.sitting_date(["Procès vetbal", "conseil municipal du", "16 décembre 2022"]) == date(
        2022, 12, 16
    )


def test_actes_ids_fold_the_ocr_readings_of_their_digits():
    assert facts.actes_ids("1D : O3O-2130011OO-20230127-PV16122022-DE") == facts.actes_ids(PV_HEAD)


def test_minutes_of_two_sittings_of_one_council_are_not_linked():
    result = find_duplicates(
        [
            digest_of("dec", PV_HEAD + PV_BODY, kind="minutes"),
            digest_of("mar", OTHER_SITTING + PV_BODY, kind="minutes"),
        ]
    )
    assert result.canonical == {"dec": "dec", "mar": "mar"}
    assert result.links == []


def test_the_text_layer_and_an_ocr_reading_of_one_minutes_are_copies():
    ocr = (
        (PV_HEAD + PV_BODY).replace("décembre", "décembie").replace("commune", "cornmune").replace("l'", "I'")
    )
    result = find_duplicates(
        [
            digest_of("text", PV_HEAD + PV_BODY, kind="minutes"),
            digest_of("ocr", ocr, kind="minutes", quality=0.6),
        ]
    )
    assert result.canonical == {"text": "text", "ocr": "text"}
    (link,) = result.links
    assert (link.doc_id, link.relation) == ("ocr", "copy")
    assert "sitting date" in link.evidence and "ACTES id" in link.evidence


def test_a_convention_of_another_year_is_not_a_version():
    text = repeated_copies()[0]
    result = find_duplicates([digest_of("now", text), digest_of("next", routes.other_year(text))])
    assert result.links == [] and result.canonical == {"now": "now", "next": "next"}


def test_a_version_says_what_differs():
    text = repeated_copies()[0]
    lines = text.split("\n")
    draft = "\n".join([*lines[:60], "PROJET", *lines[60:]])
    result = find_duplicates([digest_of("final", text), digest_of("draft", draft)])
    (link,) = result.links
    assert link.relation == "version" and "differ: draft mark" in link.evidence
    assert link.similarity >= 0.5


def test_the_sitting_of_a_deliberation_seed_moves_in_its_look_alike():
    text = seed_text("003_")
    moved = routes.other_sitting(text)
    assert moved is not None
    assert facts.sitting_date(moved.split("\n")) != facts.sitting_date(text.split("\n"))


@pytest.fixture(scope="module")
def seed_routes() -> list[routes.Planted]:
    folder = seeds_dir()
    kinds = {"002_": "deliberation", "003_": "deliberation", "004_": "convention"}
    sources = [
        routes.Source(prefix, kind, next(folder.glob(f"{prefix}*.txt")).read_text("utf-8"))
        for prefix, kind in kinds.items()
    ]
    sources.append(routes.Source("001_", "convention", repeated_copies()[0]))
    return routes.plant(sources, routes.carriers())


def test_every_route_of_the_seeds_is_found_and_no_look_alike_linked(seed_routes):
    planted = seed_routes
    result = find_duplicates(digest(routes.document(p), quality=p.quality, repairs=0) for p in planted)
    scores = {s.kind: s for s in routes.kind_scores(planted, result)}
    assert {
        "rewrap-40",
        "joined",
        "ocr-5%",
        "truncated",
        "lookalike-year",
        "lookalike-sitting",
    } <= scores.keys()
    for score in scores.values():
        assert score.precision >= 0.97 and score.recall >= 0.97, score
