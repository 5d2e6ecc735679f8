"""Matching names as documents write them to official codes, or to a reason for none."""

from __future__ import annotations

import pytest

from ctg.resolve.communes import PlaceContext, resolve_place, resolve_siren

BDR = PlaceContext(departements=frozenset({"13"}))
AHP = PlaceContext(departements=frozenset({"04"}))
NONE = PlaceContext()

# The spellings the documents use, the context they come with, the true code (checked in the reference).
COMMUNES = [
    ("LA COMMUNE DES BAUX DE PROVENCE", BDR, "13011"),
    ("Commune de Fontveille", BDR, "13038"),  # misspelt Fontvieille
    ("LA COMMUNE DE FONTVIELLE", BDR, "13038"),  # misspelt the other way
    ("Mas Blanc des alpilles", BDR, "13057"),
    ("Saint-Etienne Du Grès", BDR, "13094"),
    ("Chateau Arnoux Saint-Auban", AHP, "04049"),
    ("la Commune de Chateau Aroux Saint-Auban", AHP, "04049"),  # OCR dropped the n
    ("Chdteau Arnoux St Auban", AHP, "04049"),  # OCR â -> d, and St
    ("Digne les bains", AHP, "04070"),
    ("I’Escale", AHP, "04079"),  # OCR for L'Escale
    ("Le Paradou", BDR, "13068"),
    ("GREASQUE", BDR, "13046"),
    ("St Rémy de Provence", BDR, "13100"),
    ("Ste Tulle", AHP, "04197"),
    ("Maussane les A1pilles", BDR, "13058"),  # OCR 1 for l
    ("13127 Vitrolles", NONE, "13117"),  # the postal code picks the Vitrolles of the Bouches-du-Rhône
    ("Gardanne", NONE, "13041"),  # unique in France: no context needed
]


@pytest.mark.parametrize(("written", "context", "insee"), COMMUNES)
def test_commune_spellings_resolve_to_their_insee(written: str, context: PlaceContext, insee: str) -> None:
    found = resolve_place(written, context)
    assert (found.kind, found.insee) == ("commune", insee), found.reason


EPCI = [
    ("Communauté de communes Vallée des Baux-Alpilles", NONE, "241300375"),
    ("CCVBA", BDR, "241300375"),
    ("Provence Alpes Agglomération", NONE, "200067437"),
    ("CA P2A", NONE, "200067437"),
    ("La Communauté de Communes Provence Alpes Agglomération", NONE, "200067437"),  # wrong nature written
    ("Métropole Aix-Marseille-Provence", NONE, "200054807"),
]


@pytest.mark.parametrize(("written", "context", "siren"), EPCI)
def test_epci_names_and_acronyms_resolve_to_their_siren(
    written: str, context: PlaceContext, siren: str
) -> None:
    found = resolve_place(written, context)
    assert (found.kind, found.siren) == ("epci", siren), found.reason


def test_resolution_carries_official_name_and_siren() -> None:
    found = resolve_place("LA COMMUNE DE GARDANNE", BDR)
    assert (found.name, found.siren, found.departement, found.reason) == (
        "Gardanne",
        "211300413",
        "13",
        "exact",
    )


def test_fuzzy_match_says_its_score() -> None:
    assert resolve_place("Commune de Fontveille", BDR).reason.startswith("fuzzy ")


@pytest.mark.parametrize("written", ["Saint-Martin", "Aiglun"])
def test_name_of_several_communes_without_context_gets_no_code(written: str) -> None:
    found = resolve_place(written, NONE)
    assert found.insee is None and found.reason.startswith("ambiguous: ")
    assert int(found.reason.split()[1]) == len(found.candidates) >= 2


def test_context_settles_a_shared_name() -> None:
    assert resolve_place("Aiglun", AHP).insee == "04001"


def test_acronym_shared_by_two_epci_needs_context() -> None:
    found = resolve_place("CCVBA", NONE)
    assert found.siren is None and found.reason == "ambiguous: 2 candidates"


@pytest.mark.parametrize("written", ["Xyzzyville", "Commune de Digne", "la commune ou l'intercommunalité"])
def test_unknown_or_cut_name_without_epci_context_gets_no_code(written: str) -> None:
    found = resolve_place(written, AHP)
    assert not found.resolved and found.insee is None


def test_cut_name_is_read_as_prefix_among_the_epci_members() -> None:
    members = PlaceContext(
        frozenset({"04"}), frozenset({"200067437"}), frozenset({"04070", "04001", "04036"})
    )
    found = resolve_place("Commune de Digne", members)
    assert (found.insee, found.reason) == ("04070", "prefix among EPCI members")


def test_one_edit_on_a_short_name_needs_a_clear_margin() -> None:
    found = resolve_place("Seyme", AHP)  # Seyne; no other commune of the 04 within two edits
    assert (found.insee, found.reason) == ("04205", "one edit")
    rival = resolve_place("Alian", PlaceContext(departements=frozenset({"26"})))  # Alixan or Allan?
    assert rival.insee is None and rival.reason == "ambiguous: 2 candidates"


def test_exact_name_elsewhere_is_refused_when_a_local_commune_is_close() -> None:
    found = resolve_place("Baon", AHP)  # Baon is in the Yonne; Banon is in the 04
    assert found.insee is None and "04018" in found.candidates
    assert resolve_place("Marseille", AHP).insee == "13055"  # nothing close in the 04: taken as written


def test_undesignated_town_name_is_the_commune_not_its_epci() -> None:
    found = resolve_place("SAINT-FLOUR", PlaceContext(departements=frozenset({"15"})))
    assert (found.kind, found.insee) == ("commune", "15187")


def test_departement_names() -> None:
    found = resolve_place("Département des Alpes de Haute-Provence")
    assert (found.kind, found.departement) == ("departement", "04")


def test_siren_resolves_to_its_collectivite() -> None:
    assert resolve_siren("211300413").insee == "13041"
    epci = resolve_siren("241300375")
    assert (epci.kind, epci.name) == ("epci", "CC Vallée des Baux-Alpilles (CC VBA)")
    assert resolve_siren("123456789").reason.startswith("no match")
