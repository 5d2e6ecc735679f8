"""The committed reference tables and the build that writes them."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ctg.resolve.reference import HERE, index_reference, load_reference, read_tables
from ctg.resolve.reference.build import PackageData, write_tables


def test_gardanne_siren_and_insee_agree() -> None:
    ref = load_reference()
    assert ref.commune("13041")["siren"] == "211300413"
    assert ref.commune_by_siren("211300413")["insee"] == "13041"
    assert ref.commune("13041")["name"] == "Gardanne"


def test_epci_members_and_departements() -> None:
    ref = load_reference()
    ccvba = ref.epci_members("241300375")
    assert {"13068", "13011", "13058"} <= ccvba and len(ccvba) == 10
    assert ref.epci_departements("200067437") == frozenset({"04"})
    assert ref.commune("13068")["epci_siren"] == "241300375"


def test_version_is_recorded_and_tables_stay_small() -> None:
    ref = load_reference()
    assert ref.version["package"] == "@etalab/decoupage-administratif"
    assert ref.version["licence"] == "MIT" and ref.version["version"]
    size = sum(path.stat().st_size for path in HERE.iterdir() if path.suffix in {".gz", ".csv", ".json"})
    assert size < 2_000_000


def package_fixture() -> PackageData:
    """Entries the way communes.json writes them: a commune, its commune déléguée, a COM without SIREN."""
    communes = [
        {
            "code": "13041",
            "nom": "Gardanne",
            "type": "commune-actuelle",
            "departement": "13",
            "region": "93",
            "siren": "211300413",
            "codesPostaux": ["13120"],
        },
        {
            "code": "13099",
            "nom": "Vieux-Gardanne",
            "type": "commune-deleguee",
            "chefLieu": "13041",
            "departement": "13",
            "region": "93",
        },
        {
            "code": "97801",
            "nom": "Saint-Martin",
            "type": "commune-actuelle",
            "departement": "978",
            "region": "978",
        },
    ]
    epci = [
        {
            "code": "200054807",
            "nom": "Métropole d'Aix-Marseille-Provence",
            "type": "METRO",
            "membres": [{"code": "13041"}],
        }
    ]
    departements = [{"code": "13", "nom": "Bouches-du-Rhône", "region": "93"}]
    return PackageData("9.9.9", "MIT", communes, epci, departements)


def test_build_writes_former_names_epci_and_null_sirens(tmp_path: Path) -> None:
    write_tables(package_fixture(), tmp_path)
    communes = pd.read_csv(tmp_path / "communes.csv.gz", dtype=str, keep_default_na=False).set_index("insee")
    assert list(communes.index) == ["13041", "97801"]  # the commune déléguée is a former name, not a row
    assert communes.at["13041", "former_names"] == "Vieux-Gardanne"
    assert communes.at["13041", "epci_siren"] == "200054807"
    assert communes.at["97801", "siren"] == ""  # never invented
    ref = index_reference(read_tables(tmp_path))
    assert ref.former_keys["vieux gardanne"] == ["13041"]
    assert ref.version["version"] == "9.9.9"
