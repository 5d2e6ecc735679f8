"""The territories of the sample corpus: real communes and EPCI, invented office holders.

Commune names and INSEE codes, EPCI names and SIREN are the official ones; the people are
invented (no real office holder is named). Each commune carries the misspelt forms real
documents use for it, so the corpus can record the true INSEE code of every mention.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ctg.corpus.siren import commune_siren


@dataclass(frozen=True, slots=True)
class Commune:
    insee: str
    name: str  # official spelling, e.g. "Saint-Rémy-de-Provence"
    of: str  # how "la Commune ___" reads: "de ", "d'", "des "
    mayor: str  # "Madame Claire ROUVIER" (invented)
    variants: tuple[str, ...] = ()  # spellings met in documents, e.g. "St Remy de Provence"

    @property
    def siren(self) -> str:
        return commune_siren(self.insee)

    @property
    def mayor_title(self) -> str:
        return "Madame le Maire" if self.mayor.startswith("Madame") else "Monsieur le Maire"

    @property
    def mayor_name(self) -> str:
        """The mayor without civility: "Claire ROUVIER"."""
        return self.mayor.split(" ", 1)[1]


@dataclass(frozen=True, slots=True)
class Epci:
    siren: str
    name: str  # "Communauté de communes Vallée des Baux-Alpilles"
    short: str  # "CCVBA"
    president: str
    seat: str  # commune name of the seat


@dataclass(frozen=True, slots=True)
class Caf:
    name: str  # "Caisse d'Allocations Familiales des Bouches-du-Rhône"
    city: str
    president: str
    director: str


@dataclass(frozen=True, slots=True)
class Territory:
    key: str
    name: str  # "Vallée des Baux-Alpilles"
    departement: str  # "Bouches-du-Rhône"
    departement_code: str  # "13"
    prefecture_city: str  # "Marseille"
    caf: Caf
    epci: Epci
    communes: tuple[Commune, ...]
    msa: tuple[str, str, str] | None = None  # (name, president, director)
    extra: dict[str, str] = field(default_factory=dict)

    def commune(self, insee: str) -> Commune:
        return next(c for c in self.communes if c.insee == insee)


ALPILLES = Territory(
    key="alpilles",
    name="Vallée des Baux-Alpilles",
    departement="Bouches-du-Rhône",
    departement_code="13",
    prefecture_city="Marseille",
    caf=Caf(
        name="Caisse d'Allocations Familiales des Bouches-du-Rhône",
        city="Marseille",
        president="Madame Hélène CASTAGNÉ",
        director="Monsieur Bruno FERRAUD",
    ),
    epci=Epci(
        siren="241300375",
        name="Communauté de communes Vallée des Baux-Alpilles",
        short="CCVBA",
        president="Monsieur Olivier BRÉMOND",
        seat="Saint-Rémy-de-Provence",
    ),
    communes=(
        Commune(
            "13100", "Saint-Rémy-de-Provence", "de ", "Monsieur Olivier BRÉMOND", ("St Remy de Provence",)
        ),
        Commune("13058", "Maussane-les-Alpilles", "de ", "Madame Claire ROUVIER", ("Maussane les Alpilles",)),
        Commune(
            "13011", "Les Baux-de-Provence", "des ", "Monsieur Paul ESTRANGIN", ("Les Baux de Provence",)
        ),
        Commune("13065", "Mouriès", "de ", "Madame Sandrine VIDAL-AUBERT", ("Mouries",)),
        Commune("13094", "Saint-Étienne-du-Grès", "de ", "Monsieur Denis FABRE", ("Saint-Etienne-du-Gres",)),
    ),
)

AJACCIO = Territory(
    key="ajaccio",
    name="Pays Ajaccien",
    departement="Corse-du-Sud",
    departement_code="2A",
    prefecture_city="Ajaccio",
    caf=Caf(
        name="Caisse d'Allocations Familiales de la Corse-du-Sud",
        city="Ajaccio",
        president="Monsieur Ange-Marie CASANOVA",
        director="Madame Laetitia ORSINI",
    ),
    epci=Epci(
        siren="242010056",
        name="Communauté d'agglomération du Pays Ajaccien",
        short="CAPA",
        president="Monsieur Jean-Paul MATTEI",
        seat="Ajaccio",
    ),
    communes=(
        Commune("2A004", "Ajaccio", "d'", "Monsieur Pierre-Louis SANTONI", ()),
        Commune("2A001", "Afa", "d'", "Madame Marie-Dominique LECA", ()),
        Commune("2A006", "Alata", "d'", "Monsieur Antoine PIAZZA", ()),
        Commune("2A271", "Sarrola-Carcopino", "de ", "Madame Nathalie GRIMALDI", ("Sarrola Carcopino",)),
    ),
    msa=("Mutualité Sociale Agricole de la Corse", "Monsieur Jacques ALBERTINI", "Madame Sylvie NEGRONI"),
)

DURANCE = Territory(
    key="durance",
    name="Durance-Luberon-Verdon",
    departement="Alpes-de-Haute-Provence",
    departement_code="04",
    prefecture_city="Digne-les-Bains",
    caf=Caf(
        name="Caisse d'Allocations Familiales des Alpes-de-Haute-Provence",
        city="Digne-les-Bains",
        president="Madame Odile REYNAUD",
        director="Monsieur Thierry GIRAUD",
    ),
    epci=Epci(
        siren="200034700",
        name="Durance-Luberon-Verdon Agglomération",
        short="DLVA",
        president="Monsieur Gilles AMIEL",
        seat="Manosque",
    ),
    communes=(
        Commune("04112", "Manosque", "de ", "Madame Agnès TRUPHÉMUS", ()),
        Commune("04245", "Volx", "de ", "Monsieur Laurent CHABAUD", ()),
        Commune("04242", "Villeneuve", "de ", "Madame Élodie MARTEL", ()),
        Commune("04143", "Oraison", "d'", "Monsieur Rémi BLANC", ()),
    ),
)

TERRITORIES: tuple[Territory, ...] = (ALPILLES, AJACCIO, DURANCE)
