"""The reference of communes, EPCI and départements, loaded once per process.

Built by `python -m ctg.resolve.reference.build` from `@etalab/decoupage-administratif` (MIT).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from ctg.core.disk_cache import cached, source_key
from ctg.resolve.epci import describe
from ctg.resolve.names import ocr_key, place_key

if TYPE_CHECKING:
    import pandas as pd

HERE = Path(__file__).resolve().parent
RESOLVE = HERE.parent


@dataclass(slots=True)
class Reference:
    """Tables indexed by their code, plus the lookups matching needs."""

    communes: pd.DataFrame  # index insee
    epci: pd.DataFrame  # index siren
    departements: pd.DataFrame  # index code
    version: dict[str, str | int]
    commune_keys: dict[str, list[str]] = field(default_factory=dict)  # place_key -> INSEE codes
    former_keys: dict[str, list[str]] = field(default_factory=dict)  # former names' keys -> INSEE
    keys_of: dict[str, list[str]] = field(default_factory=dict)  # INSEE -> its keys, for fuzzy matching
    ocr_keys: dict[str, list[str]] = field(default_factory=dict)  # OCR-folded current name key -> INSEE
    epci_bases: dict[str, list[str]] = field(default_factory=dict)  # base name key -> EPCI SIRENs
    epci_base_of: dict[str, str] = field(default_factory=dict)  # EPCI SIREN -> base name key
    epci_acronyms: dict[str, list[str]] = field(default_factory=dict)  # "ccvba" -> EPCI SIRENs
    insee_by_siren: dict[str, str] = field(default_factory=dict)
    members: dict[str, frozenset[str]] = field(default_factory=dict)  # EPCI SIREN -> INSEE codes
    insee_by_postal: dict[str, list[str]] = field(default_factory=dict)  # "13120" -> ["13041"]
    pools: dict[frozenset[str], frozenset[str]] = field(default_factory=dict)  # départements -> INSEE codes
    epci_nature: dict[str, str] = field(default_factory=dict)  # EPCI SIREN -> CC, CA, CU, METRO, MET69
    departements_of_epci: dict[str, frozenset[str]] = field(
        default_factory=dict
    )  # EPCI SIREN -> départements

    def commune(self, insee: str) -> pd.Series | None:
        return self.communes.loc[insee] if insee in self.communes.index else None

    def commune_by_siren(self, siren: str) -> pd.Series | None:
        insee = self.insee_by_siren.get(siren)
        return None if insee is None else self.communes.loc[insee]

    def communes_in(self, departements: frozenset[str]) -> frozenset[str]:
        """INSEE codes of the communes of some départements (memoised: asked for every name)."""
        if departements not in self.pools:
            codes = self.communes.index[self.communes["departement"].isin(departements)]
            self.pools[departements] = frozenset(codes)
        return self.pools[departements]

    def epci_members(self, siren: str) -> frozenset[str]:
        return self.members.get(siren, frozenset())

    def epci_departements(self, siren: str) -> frozenset[str]:
        return self.departements_of_epci.get(siren, frozenset())


def read_tables(folder: Path) -> Reference:
    import pandas as pd  # imported when the tables are read: `ctg text` needs only their path

    text = {"dtype": str, "keep_default_na": False}
    communes = pd.read_csv(folder / "communes.csv.gz", **text).set_index("insee", drop=False)
    communes = communes.replace({"siren": {"": None}, "epci_siren": {"": None}})
    epci = pd.read_csv(folder / "epci.csv.gz", **text).set_index("siren", drop=False)
    departements = pd.read_csv(folder / "departements.csv", **text).set_index("code", drop=False)
    version = json.loads((folder / "VERSION.json").read_text(encoding="utf-8"))
    return Reference(communes, epci, departements, version)


def index_reference(ref: Reference) -> Reference:
    """Fill the lookups: name keys (current and former names), SIREN, EPCI members."""
    for row in ref.communes.itertuples():
        key = place_key(row.name)
        formers = {place_key(name) for name in row.former_names.split("|") if name} - {key}
        ref.commune_keys.setdefault(key, []).append(row.insee)
        for former in formers:
            ref.former_keys.setdefault(former, []).append(row.insee)
        ref.keys_of[row.insee] = [key, *sorted(formers)]
        ref.ocr_keys.setdefault(ocr_key(key), []).append(row.insee)
        if row.siren:
            ref.insee_by_siren[row.siren] = row.insee
        for postal in row.postal_codes.split():
            ref.insee_by_postal.setdefault(postal, []).append(row.insee)
    departement_of = dict(zip(ref.communes.index, ref.communes["departement"], strict=True))
    for row in ref.epci.itertuples():
        ref.members[row.siren] = frozenset(row.members.split())
        ref.epci_nature[row.siren] = row.nature
        ref.departements_of_epci[row.siren] = frozenset(
            departement_of[insee] for insee in ref.members[row.siren]
        )
        base, acronyms = describe(row.name, row.nature)
        ref.epci_base_of[row.siren] = base
        ref.epci_bases.setdefault(base, []).append(row.siren)
        for acronym in acronyms:
            ref.epci_acronyms.setdefault(acronym, []).append(row.siren)
    return ref


@cache
def load_reference(folder: Path = HERE) -> Reference:
    """The reference, read and indexed once per process; the indexed one is kept on disk
    (core.disk_cache): indexing takes 0.65 s, loading it back 0.15 s, in every worker."""
    sources = [
        folder / name for name in ("communes.csv.gz", "epci.csv.gz", "departements.csv", "VERSION.json")
    ]
    return cached("reference", source_key(*sources), lambda: index_reference(read_tables(folder)))
