"""The context a document's own text tells: départements and the EPCI it names."""

from __future__ import annotations

from pathlib import Path

from ctg.resolve.context import context_from_text


def test_caf_names_the_departement() -> None:
    assert context_from_text("LA CAISSE D'ALLOCATIONS FAMILIALES DES BOUCHES-DU-RHÔNE").departements == {"13"}
    text = "La Caisse des Allocations familiales des Alpes de Haute-Provence représentée par"
    assert context_from_text(text).departements == {"04"}
    assert context_from_text("et la Caf des Bouches Du Rhône.").departements == {"13"}


def test_actes_id_gives_departement_and_siren_owner() -> None:
    context = context_from_text("ID : 013-211300413-20251208-DEL_2025_123-DE")
    assert context.departements == {"13"}


def test_postal_code_counts_only_before_its_commune() -> None:
    assert context_from_text("04420 LE\nBRUSQUET").departements == {"04"}
    assert context_from_text("une subvention de 10000 Euros").departements == frozenset()


def test_named_epci_gives_its_members() -> None:
    text = "la Communauté d’Agglomération Provence Alpes Agglomération, représentée par sa Présidente"
    context = context_from_text(text)
    assert context.epci_sirens == {"200067437"}
    assert {"04070", "04079"} <= context.insee_candidates and context.departements == {"04"}


def test_epci_given_apart_as_a_party() -> None:
    context = context_from_text("", epci_names=["LA COMMUNAUTE DE COMMUNES VALLEE DES BAUX-ALPILLES"])
    assert context.epci_sirens == {"241300375"} and "13068" in context.insee_candidates


def test_every_seed_tells_its_departement(seeds_dir: Path) -> None:
    for path in sorted(seeds_dir.glob("*.txt")):
        context = context_from_text(path.read_text(encoding="utf-8"))
        assert context.departements & {"13", "04"}, path.name


def test_actes_departement_codes_of_corsica_and_overseas() -> None:
    assert context_from_text("ID : 02A-212000046-20251208-DEL_2025_12-DE").departements == {"2A"}
    assert context_from_text("ID : 974-219740115-20250101-2025_01-DE").departements == {"974"}
