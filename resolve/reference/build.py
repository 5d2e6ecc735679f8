"""Build the project's reference of French communes, EPCI and départements.

Source: the npm package `@etalab/decoupage-administratif` (Etalab, licence MIT), which
republishes the INSEE Code officiel géographique with SIRENs, postal codes and EPCI
memberships. Run `python -m ctg.resolve.reference.build` to fetch the current version with the
ordinary npm client and rewrite the compact tables next to this file:

- `communes.csv.gz`: insee, name, departement, region, siren (null when the package has none),
  epci_siren, postal_codes and former_codes (space-separated), former_names ("|"-separated,
  from communes déléguées / associées now part of the commune);
- `epci.csv.gz`: siren, name, nature (CC, CA, CU, METRO, MET69), members (INSEE codes);
- `departements.csv`: code, name, region;
- `VERSION.json`: package, version, licence, date built.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from ctg.core.errors import CtgError

PACKAGE = "@etalab/decoupage-administratif"
HERE = Path(__file__).resolve().parent
# Types of communes.json entries that become former names of their current commune.
FORMER_TYPES = ("commune-deleguee", "commune-associee")


class ReferenceBuildError(CtgError):
    """The reference package could not be fetched or read."""

    hint = "check that `npm` is installed and the npm registry is reachable"


@dataclass(slots=True)
class PackageData:
    version: str
    licence: str
    communes: list[dict]
    epci: list[dict]
    departements: list[dict]


def fetch_package(workdir: Path) -> PackageData:
    """`npm pack` the package into `workdir` and read its data files."""
    try:
        done = subprocess.run(
            ["npm", "pack", PACKAGE, "--silent"], cwd=workdir, capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError) as error:
        raise ReferenceBuildError(f"npm pack {PACKAGE} failed: {error}") from error
    tarball = workdir / done.stdout.strip().splitlines()[-1]
    with tarfile.open(tarball) as archive:
        archive.extractall(workdir, filter="data")
    root = workdir / "package"
    meta = json.loads((root / "package.json").read_text(encoding="utf-8"))
    data = root / "data"
    return PackageData(
        version=meta["version"],
        licence=meta.get("license", ""),
        communes=json.loads((data / "communes.json").read_text(encoding="utf-8")),
        epci=json.loads((data / "epci.json").read_text(encoding="utf-8")),
        departements=json.loads((data / "departements.json").read_text(encoding="utf-8")),
    )


def epci_table(epci: list[dict]) -> pd.DataFrame:
    rows = [
        {
            "siren": item["code"],
            "name": item["nom"],
            "nature": item["type"],
            "members": " ".join(member["code"] for member in item["membres"]),
        }
        for item in epci
    ]
    return pd.DataFrame(rows, columns=["siren", "name", "nature", "members"])


def former_names(communes: list[dict]) -> dict[str, list[str]]:
    """Names of communes déléguées/associées, keyed by the current commune's INSEE code."""
    names: dict[str, list[str]] = {}
    for item in communes:
        if item["type"] in FORMER_TYPES and item.get("chefLieu"):
            names.setdefault(item["chefLieu"], []).append(item["nom"])
    return names


def commune_table(communes: list[dict], epci: pd.DataFrame) -> pd.DataFrame:
    epci_of = {insee: row.siren for row in epci.itertuples() for insee in row.members.split()}
    formers = former_names(communes)
    rows = []
    for item in communes:
        if item["type"] != "commune-actuelle":
            continue
        code = item["code"]
        rows.append(
            {
                "insee": code,
                "name": item["nom"],
                "departement": item["departement"],
                "region": item["region"],
                "siren": item.get("siren"),  # never computed: null when the package has none
                "epci_siren": epci_of.get(code),
                "postal_codes": " ".join(item.get("codesPostaux", [])),
                "former_codes": " ".join(item.get("anciensCodes", [])),
                "former_names": "|".join(sorted(set(formers.get(code, [])) - {item["nom"]})),
            }
        )
    return pd.DataFrame(rows)


def departement_table(departements: list[dict]) -> pd.DataFrame:
    rows = [{"code": d["code"], "name": d["nom"], "region": d["region"]} for d in departements]
    return pd.DataFrame(rows, columns=["code", "name", "region"])


def write_tables(package: PackageData, out: Path) -> list[Path]:
    epci = epci_table(package.epci)
    communes = commune_table(package.communes, epci)
    paths = [out / "communes.csv.gz", out / "epci.csv.gz", out / "departements.csv", out / "VERSION.json"]
    # mtime=0 keeps the gzip bytes identical between two builds of the same version.
    communes.to_csv(paths[0], index=False, compression={"method": "gzip", "mtime": 0})
    epci.to_csv(paths[1], index=False, compression={"method": "gzip", "mtime": 0})
    departement_table(package.departements).to_csv(paths[2], index=False)
    meta = {
        "package": PACKAGE,
        "version": package.version,
        "licence": package.licence,
        "built": datetime.now(UTC).date().isoformat(),
        "communes": len(communes),
        "epci": len(epci),
    }
    paths[3].write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE, help="folder for the tables (default: here)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        package = fetch_package(Path(tmp))
    paths = write_tables(package, args.out)
    size = sum(path.stat().st_size for path in paths)
    print(f"{PACKAGE} {package.version}: {len(paths)} files, {size / 1024:.0f} KiB in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
