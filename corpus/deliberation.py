"""Write a council deliberation approving a CTG, with its stamp and ground truth."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from ctg.corpus.draft import Draft, StampPlacement
from ctg.corpus.frenchdates import date_long, date_slash, date_words, hour_words
from ctg.corpus.layout import Para
from ctg.corpus.people import council
from ctg.corpus.stamps import Act, stamp_lines
from ctg.corpus.territories import Commune, Territory
from ctg.corpus.truth import TruthDeliberation, TruthDocument, TruthProxy, TruthSignature
from ctg.corpus.wording import DELIBERATION_EXPOSE

REGISTER = "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS"


@dataclass(slots=True)
class DeliberationSpec:
    territory: Territory
    commune: Commune | None  # None: the EPCI's council deliberates
    seance: date
    hour: tuple[int, int]
    number: str  # "2025/12/08/07", as printed after "N°"
    act_number: str  # "DEL_2025_07", the authority's own ACTES number
    en_exercice: int
    presents: int
    pouvoirs: int
    contre: int = 0
    abstention: int = 0
    seed: int = 0
    executoire: date | None = None
    stamped: bool = True
    period: tuple[int, int] = (2026, 2030)
    footer: bool = True
    spelling: str | None = None  # how the heading spells the commune, e.g. "Mouries" (no accent)

    @property
    def collectivite(self) -> str:
        return f"Commune {self.commune.of}{self.commune.name}" if self.commune else self.territory.epci.name

    @property
    def votants(self) -> int:
        return self.presents + self.pouvoirs

    @property
    def pour(self) -> int:
        return self.votants - self.contre - self.abstention

    @property
    def council_name(self) -> str:
        return "Conseil municipal" if self.commune else "Conseil communautaire"


@dataclass(slots=True)
class Sitting:
    """Who sat, consistent with the spec's counts."""

    president: str
    presents: list[str]
    proxies: list[TruthProxy]
    absents: list[str]
    secretary: str


def objet(spec: DeliberationSpec) -> str:
    start, end = spec.period
    return (
        f"Approbation de la Convention Territoriale Globale {start}-{end} avec la Caf - "
        f"territoire {spec.territory.name}"
    )


def act_of(spec: DeliberationSpec) -> Act:
    return Act(
        insee=spec.commune.insee if spec.commune else None,
        siren=spec.commune.siren if spec.commune else spec.territory.epci.siren,
        departement_code=spec.territory.departement_code,
        act_date=spec.seance,
        act_number=spec.act_number,
        sent=spec.executoire or spec.seance,
        objet=objet(spec),
    )


def _sitting(spec: DeliberationSpec) -> Sitting:
    rng = random.Random(spec.seed)
    president = spec.commune.mayor_name if spec.commune else spec.territory.epci.president.split(" ", 1)[1]
    others = council(rng, spec.en_exercice - 1, {president})
    presents = [president, *others[: spec.presents - 1]]
    away = others[spec.presents - 1 :]
    givers, absents = away[: spec.pouvoirs], away[spec.pouvoirs :]
    proxies = [TruthProxy(giver, presents[1 + i % (len(presents) - 1)]) for i, giver in enumerate(givers)]
    return Sitting(president, presents, proxies, absents, presents[-1])


def _decisions(spec: DeliberationSpec) -> list[str]:
    start, end = spec.period
    chair = f"{spec.commune.mayor_title.split(' ')[0]} le Maire" if spec.commune else "Monsieur le Président"
    convention = f"Convention Territoriale Globale {start}-{end} du territoire {spec.territory.name}"
    return [
        f"APPROUVE la {convention}, annexée à la présente délibération ;",
        f"AUTORISE {chair} à signer la convention ainsi que tout document s'y rapportant ;",
        "DIT que les crédits correspondants sont inscrits au budget de l'exercice.",
    ]


def _truth(spec: DeliberationSpec, sitting: Sitting) -> TruthDocument:
    start, end = spec.period
    act = act_of(spec)
    deliberation = TruthDeliberation(
        collectivite=spec.collectivite,
        insee=spec.commune.insee if spec.commune else None,
        siren=act.siren,
        seance_date=spec.seance.isoformat(),
        number=spec.number,
        objet=objet(spec),
        votants=spec.votants,
        pour=spec.pour,
        contre=spec.contre,
        abstention=spec.abstention,
        unanimite=spec.pour == spec.votants,
        presents=sitting.presents,
        pouvoirs=sitting.proxies,
        absents=sitting.absents,
        president=sitting.president,
        secretaire=sitting.secretary,
        decisions=_decisions(spec),
        executoire_date=spec.executoire.isoformat() if spec.executoire else None,
        actes_id=act.actes_id if spec.stamped else None,
        en_exercice=spec.en_exercice,
        presents_count=spec.presents,
    )
    title = f"{REGISTER} DU {spec.council_name.upper()}"
    # The closing signature _write_vote prints: "Le Maire," (or "Le Président,") over the chair's name.
    role = "Le Maire" if spec.commune else "Le Président"
    signature = TruthSignature(
        1, "other", "", f"{role}, {sitting.president}", None, None, [sitting.president], role
    )
    return TruthDocument(
        "deliberation",
        title,
        spec.territory.name,
        start,
        end,
        0,
        0,
        deliberation=deliberation,
        signatures=[signature],
    )


def build_deliberation(spec: DeliberationSpec) -> Draft:
    sitting = _sitting(spec)
    truth = _truth(spec, sitting)
    footer = (lambda number, total: f"- {number} -") if spec.footer else None
    draft = Draft(truth, footer=footer, header_on_first=True)
    _write_heading(draft, spec, sitting)
    _write_attendance(draft, sitting)
    _write_body(draft, spec)
    _write_vote(draft, spec, sitting)
    if spec.stamped:
        act = act_of(spec)
        draft.stamps.append(StampPlacement(1, stamp_lines(act), act.stamp_truth()))
    return draft


def _write_heading(draft: Draft, spec: DeliberationSpec, sitting: Sitting) -> None:
    territory = spec.territory
    if spec.commune:
        heading = f"COMMUNE {spec.commune.of.upper()}{(spec.spelling or spec.commune.name).upper()}"
        chair = f"{spec.commune.mayor_title.split(' ')[0]} {sitting.president}, Maire"
    else:
        heading, chair = territory.epci.name.upper(), f"Monsieur {sitting.president}, Président"
    counts = f"Nombre de membres en exercice : {spec.en_exercice} - présents : {spec.presents}"
    draft.add(
        Para(f"DÉPARTEMENT {_dept_of(territory)}", size=9),
        Para(heading, bold=True, size=12, space_before=2),
        Para(draft.truth.title, bold=True, size=11, align="center", space_before=16),
        Para(f"Séance du {date_long(spec.seance)}", align="center", space_before=6),
        Para(f"{counts} - votants : {spec.votants}", size=9, space_before=10),
        Para(f"N° {spec.number}", bold=True, space_before=10),
        Para(f"OBJET : {objet(spec)}", bold=True, space_before=4),
        Para(
            f"Le {date_words(spec.seance)} à {hour_words(*spec.hour)}, le {spec.council_name}, "
            f"régulièrement convoqué, s'est réuni en séance publique sous la présidence de {chair}.",
            space_before=10,
        ),
    )


def _write_attendance(draft: Draft, sitting: Sitting) -> None:
    draft.para("Présents : " + ", ".join(sitting.presents) + ".", space_before=6)
    if sitting.proxies:
        text = ", ".join(f"{p.giver} donne pouvoir à {p.holder}" for p in sitting.proxies)
        draft.para(f"Pouvoirs : {text}.", space_before=4)
    if sitting.absents:
        draft.para("Absents : " + ", ".join(sitting.absents) + ".", space_before=4)
    draft.para(f"Secrétaire de séance : {sitting.secretary}", space_before=4)


def _write_body(draft: Draft, spec: DeliberationSpec) -> None:
    start, end = spec.period
    convention = f"Convention Territoriale Globale {start}-{end} du territoire {spec.territory.name}"
    for text in DELIBERATION_EXPOSE:
        draft.para(text.format(rapporteur="Le rapporteur", convention=convention), space_before=8)
    names = [c.name for c in spec.territory.communes]
    draft.para(f"Les communes signataires sont {', '.join(names[:-1])} et {names[-1]}.", space_before=6)


def _vote_formula(spec: DeliberationSpec) -> str:
    """ "à l'unanimité des suffrages exprimés" or "par 23 voix pour, 2 voix contre et 3 abstentions"."""
    if spec.pour == spec.votants:
        return "à l'unanimité des suffrages exprimés"
    plural = "s" if spec.abstention > 1 else ""
    return f"par {spec.pour} voix pour, {spec.contre} voix contre et {spec.abstention} abstention{plural}"


def _write_vote(draft: Draft, spec: DeliberationSpec, sitting: Sitting) -> None:
    draft.para(f"Le {spec.council_name}, après en avoir délibéré, {_vote_formula(spec)} :", space_before=10)
    for decision in _decisions(spec):
        draft.para(decision, space_before=4, indent=14)
    draft.para("Fait et délibéré les jour, mois et an susdits.", space_before=12)
    if spec.executoire:
        draft.para(f"Rendu exécutoire le {date_slash(spec.executoire)}", space_before=10)
    draft.para("Le Maire," if spec.commune else "Le Président,", align="right", space_before=14)
    draft.para(sitting.president, align="right", space_before=2)


def _dept_of(territory: Territory) -> str:
    """ "DES BOUCHES-DU-RHÔNE", "DE LA CORSE-DU-SUD", "DES ALPES-DE-HAUTE-PROVENCE"."""
    name = territory.departement.upper()
    return ("DE LA " if territory.departement.startswith("Corse") else "DES ") + name
