"""Council deliberations as open data: the OpenDataFrance SCDL "Délibérations" schema, v2.1.5.

The schema's fields and constraints are encoded below as data (SCDL_FIELDS, from
schema.data.gouv.fr, scdl/deliberations 2.1.5), and turned into a Frictionless Table Schema
by `table_schema()`. One row per canonical deliberation, plus one per deliberation known only
from its prefecture stamp (ACTES nature DE) when no deliberation document carries that ACTES ID.

Nothing is invented: a required value the documents do not give is left empty and listed in
the validation report written next to the CSV. COLL_SIRET: documents give the SIREN, never the
establishment's NIC, so it is filled only from a table of SIRETs the user gives (`ctg run
--siret FILE`). DELIB_MATIERE_CODE/NOM come from an acknowledgement of receipt when one states
the matière; else from the one rule below (MATIERE_RULES), flagged as inferred in the report;
else they stay empty and are listed there (the CSV keeps exactly the schema's columns).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from ctg.core.model import Deliberation, Document, Stamp

SCDL_VERSION = "2.1.5"
SCDL_SCHEMA_URL = "https://schema.data.gouv.fr/scdl/deliberations/2.1.5/"


@dataclass(frozen=True, slots=True)
class ScdlField:
    name: str
    type: str  # Table Schema type: string, date, integer
    required: bool
    example: str
    pattern: str | None = None
    format: str | None = None


SCDL_FIELDS: tuple[ScdlField, ...] = (
    ScdlField("COLL_NOM", "string", True, "Ville de Poitiers"),
    ScdlField("COLL_SIRET", "string", True, "21860194600013", pattern=r"^\d{14}$"),
    ScdlField("DELIB_ID", "string", True, "1DL15494"),
    ScdlField("DELIB_DATE", "date", True, "2017-10-15"),
    ScdlField("DELIB_MATIERE_CODE", "string", True, "8.4", pattern=r"^\d\.\d{1,2}$"),
    ScdlField("DELIB_MATIERE_NOM", "string", True, "domaines de compétences par thèmes/aide sociale"),
    ScdlField("DELIB_OBJET", "string", True, "Lancement d'une démarche partenariale …"),
    ScdlField("BUDGET_ANNEE", "string", False, "2017/2018", pattern=r"^[0-9]{4}(\/[0-9]{4})?$"),
    ScdlField("BUDGET_NOM", "string", False, "Budget annexe déchets-collecte et traitement"),
    ScdlField("PREF_ID", "string", False, "PREF038"),
    ScdlField("PREF_DATE", "date", False, "2017-02-03"),
    ScdlField("VOTE_EFFECTIF", "integer", False, "43"),
    ScdlField("VOTE_REEL", "integer", False, "40"),
    ScdlField("VOTE_POUR", "integer", False, "25"),
    ScdlField("VOTE_CONTRE", "integer", False, "10"),
    ScdlField("VOTE_ABSTENTION", "integer", False, "5"),
    ScdlField("DELIB_URL", "string", False, "https://data.maville.fr/deliberations/1.pdf", format="uri"),
)  # fmt: skip
SCDL_COLUMNS = [f.name for f in SCDL_FIELDS]

# ACTES nomenclature, level 1 (matière) and level 2 (sous-matière), as the SCDL writes
# DELIB_MATIERE_NOM: both titles in lower case, without comma or bracket, joined by "/".
ACTES_LEVEL1: dict[str, str] = {
    "1": "commande publique", "2": "urbanisme", "3": "domaine et patrimoine", "4": "fonction publique",
    "5": "institutions et vie politique", "6": "libertés publiques et pouvoirs de police",
    "7": "finances locales", "8": "domaines de compétences par thèmes", "9": "autres domaines de compétences",
}  # fmt: skip
ACTES_LEVEL2: dict[str, str] = {
    "1.1": "marchés publics", "1.2": "délégation de service public", "1.3": "conventions de mandat",
    "1.4": "autres types de contrats", "1.5": "transactions protocole d'accord transactionnel",
    "1.6": "maîtrise d'oeuvre", "1.7": "actes spéciaux et divers",
    "2.1": "documents d'urbanisme", "2.2": "actes relatifs au droit d'occupation ou d'utilisation des sols",
    "2.3": "droit de préemption urbain",
    "3.1": "acquisitions", "3.2": "aliénations", "3.3": "locations", "3.4": "limites territoriales",
    "3.5": "actes de gestion du domaine public", "3.6": "actes de gestion du domaine privé",
    "4.1": "personnels titulaires et stagiaires de la fpt", "4.2": "personnels contractuels",
    "4.3": "fonction publique hospitalière", "4.4": "autres catégories de personnels",
    "4.5": "régime indemnitaire",
    "5.1": "election exécutif", "5.2": "fonctionnement des assemblées", "5.3": "désignation de représentants",
    "5.4": "délégation de fonctions", "5.5": "délégation de signature", "5.6": "exercice des mandats locaux",
    "5.7": "intercommunalité", "5.8": "décision d'ester en justice",
    "6.1": "police municipale", "6.2": "pouvoirs du président du conseil général",
    "6.3": "pouvoirs du président du conseil régional", "6.4": "autres actes réglementaires",
    "6.5": "actes pris au nom de l'etat",
    "7.1": "décisions budgétaires", "7.2": "fiscalité", "7.3": "emprunts", "7.4": "interventions économiques",
    "7.5": "subventions", "7.6": "contributions budgétaires", "7.7": "avances", "7.8": "fonds de concours",
    "7.9": "prise de participation", "7.10": "divers",
    "8.1": "enseignement", "8.2": "aide sociale", "8.3": "voirie", "8.4": "aménagement du territoire",
    "8.5": "politique de la ville-habitat-logement", "8.6": "emploi-formation professionnelle",
    "8.7": "transports", "8.8": "environnement", "8.9": "culture",
    "9.1": "autres domaines de compétences des communes",
    "9.2": "autres domaines de compétences des départements",
    "9.3": "autres domaines de compétences des régions", "9.4": "voeux et motions",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class MatiereRule:
    """A matière inferred from the type of convention a deliberation approves (segment reads it from
    the objet, `Deliberation.approves`) or is read on, when no acknowledgement states it."""

    code: str
    convention_type: str  # segment's name of the type (segment/convention_types.py)
    example: str
    why: str


# A CTG commits the council on family services, the ACTES "aide sociale" heading (DESIGN.md).
MATIERE_RULES: tuple[MatiereRule, ...] = (
    MatiereRule(
        "8.2",
        "CTG",
        "Approbation de la Convention Territoriale Globale 2026-2030 avec la Caf",
        "a deliberation on a Convention Territoriale Globale (family services: aide sociale)",
    ),
)
VALIDATION_NAME = "deliberations.validation.txt"


def matiere_nom(code: str) -> str:
    """DELIB_MATIERE_NOM of an ACTES code, e.g. "8.2" -> "domaines de compétences par thèmes/aide sociale"."""
    return f"{ACTES_LEVEL1[code.split('.')[0]]}/{ACTES_LEVEL2[code]}"


def table_schema() -> dict[str, object]:
    """The SCDL fields as a Frictionless Table Schema descriptor (empty cells are missing values)."""
    fields: list[dict[str, object]] = []
    for spec in SCDL_FIELDS:
        constraints: dict[str, object] = {"required": spec.required}
        if spec.pattern:
            constraints["pattern"] = spec.pattern
        descriptor: dict[str, object] = {"name": spec.name, "type": spec.type, "constraints": constraints}
        if spec.format:
            descriptor["format"] = spec.format
        descriptor["example"] = spec.example
        fields.append(descriptor)
    return {"fields": fields, "missingValues": [""]}


# --- rows ------------------------------------------------------------------------------------


def all_stamps(documents: list[Document]) -> list[Stamp]:
    return [stamp for doc in documents for stamp in doc.stamps]


def actes_stamps(actes_id: str | None, stamps: list[Stamp]) -> list[Stamp]:
    return [s for s in stamps if actes_id and s.actes_id == actes_id]


def pref_id(departement: str | None) -> str | None:
    """ "PREF" and the département on three characters, as ACTES writes it: "013" -> "PREF013"."""
    if not departement:
        return None
    code = departement.upper()
    return f"PREF{code.zfill(3) if code.isdigit() else code.rjust(3, '0')}"


def collectivite_name(official: str, written: str) -> str:
    """The official name resolve gave, else the name as written."""
    return official or " ".join(written.split())


def actes_stamp(actes_id: str | None, stamps: list[Stamp]) -> Stamp | None:
    """The stamp that carries an ACTES ID: segment split it into département, number …"""
    return next(iter(actes_stamps(actes_id, stamps)), None)


@dataclass(slots=True)
class ScdlRow:
    values: dict[str, object]
    notes: list[str]  # what was inferred or is missing, and why


def inferred_matiere(approves: str, convention_type: str) -> MatiereRule | None:
    """The rule that gives the matière of an act approving this type, read on a document of that type."""
    return next((r for r in MATIERE_RULES if r.convention_type in (approves, convention_type)), None)


def matiere(stamps: list[Stamp], approves: str, convention_type: str, notes: list[str]) -> tuple[str, str]:
    """The matière an acknowledgement states, else the one a rule infers (noted), else empty."""
    stated = next((s.matiere for s in stamps if s.matiere in ACTES_LEVEL2), None)
    if stated:
        return stated, matiere_nom(stated)
    rule = inferred_matiere(approves, convention_type)
    if rule is None:
        return "", ""
    notes.append(f"DELIB_MATIERE_CODE/NOM: inferred {rule.code}, no acknowledgement states it: {rule.why}")
    return rule.code, matiere_nom(rule.code)


def prefecture(stamps: list[Stamp], actes_id: str | None, notes: list[str]) -> tuple[str | None, date | None]:
    """PREF_ID from the ACTES ID's département; PREF_DATE the prefecture's date: received, else sent
    (the act's own stamp first)."""
    own = actes_stamp(actes_id, stamps)
    ordered = [own, *stamps] if own else stamps
    departement = next((s.departement for s in ordered if s.departement), None)
    dated = next((s for s in ordered if s.received or s.sent), None)
    if departement:
        notes.append("PREF_ID: the prefecture of the ACTES ID's département (a sous-préfecture is not told)")
    if dated is not None and dated.received is None:
        notes.append("PREF_DATE: the date the act was sent to the prefecture (no reception date read)")
    return pref_id(departement), (dated.received or dated.sent) if dated else None


VOTED_KINDS = frozenset({"deliberation", "minutes"})  # documents whose acts are council decisions


def siret_of(siren: str | None, sirets: Mapping[str, str]) -> str:
    return sirets.get(siren or "", "")


def deliberation_row(
    doc: Document, delib: Deliberation, stamps: list[Stamp], sirets: Mapping[str, str]
) -> ScdlRow:
    """One act: VOTE_EFFECTIF is the members in office as the act states it ("membres en exercice :
    19"), read by segment with its vote patterns so that one table knows how councils write counts."""
    notes: list[str] = []
    actes_id = delib.actes_id or next((s.actes_id for s in doc.stamps if s.actes_id), None)
    mine = [*doc.stamps, *actes_stamps(actes_id, stamps)]
    code, nom = matiere(mine, delib.approves, doc.convention_type, notes)
    pref, pref_date = prefecture(mine, actes_id, notes)
    own = actes_stamp(actes_id, mine)
    number = delib.number or (own.act_number or "" if own else "")
    values: dict[str, object] = {
        "COLL_NOM": collectivite_name(delib.official_name, delib.collectivite),
        "COLL_SIRET": siret_of(delib.siren or (own.siren if own else None), sirets),
        "DELIB_ID": number,
        "DELIB_DATE": delib.seance_date,
        "DELIB_MATIERE_CODE": code,
        "DELIB_MATIERE_NOM": nom,
        "DELIB_OBJET": " ".join(delib.objet.split()),
        "PREF_ID": pref,
        "PREF_DATE": pref_date,
        "VOTE_EFFECTIF": delib.en_exercice,
        "VOTE_REEL": delib.votants,
        "VOTE_POUR": delib.pour,
        "VOTE_CONTRE": delib.contre,
        "VOTE_ABSTENTION": delib.abstention,
    }
    if delib.derived:
        notes.append("votes: " + "; ".join(delib.derived))
    notes.append(f"source: {doc.file} p. {delib.span.page} l. {delib.span.line_start} (doc {doc.doc_id})")
    return ScdlRow(values, notes)


def stamp_row(stamp: Stamp, stamps: list[Stamp], convention_type: str, sirets: Mapping[str, str]) -> ScdlRow:
    """A deliberation known only from its stamp: the ACTES ID gives collectivité, date and number;
    the type of the document the stamp is printed on may give the matière."""
    notes = ["known only from its prefecture stamp: the objet and the vote are not in the corpus"]
    mine = actes_stamps(stamp.actes_id, stamps)
    code, nom = matiere(mine, "", convention_type, notes)
    pref, pref_date = prefecture(mine, stamp.actes_id, notes)
    values: dict[str, object] = {
        "COLL_NOM": collectivite_name(stamp.collectivite, ""),
        "COLL_SIRET": siret_of(stamp.siren, sirets),
        "DELIB_ID": stamp.act_number or "",
        "DELIB_DATE": stamp.act_date,
        "DELIB_MATIERE_CODE": code,
        "DELIB_MATIERE_NOM": nom,
        "DELIB_OBJET": "",
        "PREF_ID": pref,
        "PREF_DATE": pref_date,
    }
    notes.append(
        f"source: {stamp.span.file} p. {stamp.span.page} l. {stamp.span.line_start} ({stamp.actes_id})"
    )
    return ScdlRow(values, notes)


def row_key(row: ScdlRow) -> tuple[object, ...] | None:
    """What makes two rows one act: the collectivité, the number and the séance (None if unread)."""
    values = row.values
    if not (values["COLL_NOM"] and values["DELIB_ID"] and values["DELIB_DATE"]):
        return None
    return values["COLL_NOM"], values["DELIB_ID"], values["DELIB_DATE"]


def once_each(rows: list[ScdlRow]) -> list[ScdlRow]:
    """One row per act: an act read twice (its extract and the minutes) keeps its first reading,
    with the other's source noted."""
    kept: dict[tuple[object, ...], ScdlRow] = {}
    unique: list[ScdlRow] = []
    for row in rows:
        key = row_key(row)
        if key is not None and key in kept:
            kept[key].notes += [f"also read, {note}" for note in row.notes if note.startswith("source: ")]
            continue
        if key is not None:
            kept[key] = row
        unique.append(row)
    return unique


def scdl_rows(documents: list[Document], sirets: Mapping[str, str] | None = None) -> list[ScdlRow]:
    sirets = sirets or {}
    stamps = all_stamps(documents)
    canonical = [d for d in documents if d.duplicate_of is None]
    voted = [d for d in canonical if d.kind in VOTED_KINDS]
    rows = [deliberation_row(d, act, stamps, sirets) for d in voted for act in d.deliberations]
    covered = {act.actes_id for d in voted for act in d.deliberations if act.actes_id}
    covered |= {s.actes_id for d in voted for s in d.stamps if s.actes_id}
    for doc in documents:  # a copy may carry a stamp its canonical lacks
        for stamp in doc.stamps:
            if stamp.actes_id and stamp.actes_id not in covered and (stamp.nature or "") == "DE":
                covered.add(stamp.actes_id)
                rows.append(stamp_row(stamp, stamps, doc.convention_type, sirets))
    return once_each(rows)


def frame_of(rows: list[ScdlRow]) -> pd.DataFrame:
    frame = pd.DataFrame([row.values for row in rows], columns=SCDL_COLUMNS)
    for spec in SCDL_FIELDS:
        column = frame[spec.name]
        if spec.type == "integer":
            frame[spec.name] = pd.array(column.tolist(), dtype="Int64")
        elif spec.type == "date":
            frame[spec.name] = [value.isoformat() if isinstance(value, date) else "" for value in column]
        else:
            frame[spec.name] = ["" if pd.isna(value) else str(value) for value in column]
    frame.attrs["notes"] = [row.notes for row in rows]
    return frame


def scdl_frame(documents: list[Document], sirets: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The SCDL deliberations, exactly the schema's columns in order; `attrs["notes"]` per row."""
    return frame_of(scdl_rows(documents, sirets))


# --- the SIRETs a user gives ------------------------------------------------------------------


def sirets_table(path: Path) -> pd.DataFrame:
    """The file's siren and siret columns as text; ValueError if it is not such a CSV."""
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise ValueError(f"--siret {path}: not a readable CSV ({error})") from error
    table.columns = [str(name).strip().lower() for name in table.columns]
    if not {"siren", "siret"} <= set(table.columns):
        raise ValueError(f"--siret {path}: needs the columns siren,siret (has {', '.join(table.columns)})")
    return table[["siren", "siret"]]


def read_sirets(path: Path) -> dict[str, str]:
    """SIREN -> SIRET from a CSV with columns siren,siret; ValueError saying what is wrong, and where."""
    sirets: dict[str, str] = {}
    for number, (siren, siret) in enumerate(sirets_table(path).itertuples(index=False), start=2):
        siren, siret = siren.replace(" ", ""), siret.replace(" ", "")
        if not (re.fullmatch(r"\d{9}", siren) and re.fullmatch(r"\d{14}", siret) and siret.startswith(siren)):
            raise ValueError(
                f"--siret {path} line {number}: {siren!r},{siret!r} is not a SIREN and its SIRET"
            )
        if sirets.get(siren, siret) != siret:
            raise ValueError(f"--siret {path} line {number}: SIREN {siren} is given two SIRETs")
        sirets[siren] = siret
    return sirets


# --- validation ----------------------------------------------------------------------------------

MISSING_WHY: dict[str, str] = {
    "COLL_SIRET": "the documents give the SIREN at most, never the establishment number (NIC); "
    "not in a --siret file",
    "DELIB_MATIERE_CODE": "no acknowledgement states the matière and no rule of MATIERE_RULES holds",
    "DELIB_MATIERE_NOM": "no acknowledgement states the matière and no rule of MATIERE_RULES holds",
    "DELIB_ID": "no deliberation number was read",
    "DELIB_DATE": "no séance date was read",
    "DELIB_OBJET": "no objet in the corpus (deliberation known from its stamp only)",
    "COLL_NOM": "the collectivité was not read",
}


def cell_problems(value: object, spec: ScdlField) -> str | None:
    empty = value is None or value is pd.NA or (isinstance(value, str) and not value.strip())
    if empty:
        return "required value missing" if spec.required else None
    text = str(value)
    if spec.pattern and not re.fullmatch(spec.pattern, text):
        return f"{text!r} does not match {spec.pattern}"
    if spec.type == "date" and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return f"{text!r} is not an ISO date"
    if spec.name == "DELIB_MATIERE_NOM" and "/" not in text:
        return f"{text!r} lacks the '/' between the ACTES matière and sous-matière"
    return None


def validation_report(frame: pd.DataFrame) -> list[str]:
    """Every cell that breaks the schema (missing required values first, and why), then the notes."""
    lines: list[str] = []
    if list(frame.columns) != SCDL_COLUMNS:
        lines.append(f"columns differ from SCDL {SCDL_VERSION}: {list(frame.columns)}")
    notes: list[list[str]] = frame.attrs.get("notes", [[] for _ in range(len(frame))])
    # Plain records, not iterrows(): each row Series would deep-copy frame.attrs (the notes of
    # every row), quadratic in the rows (10,000 deliberations: minutes).
    for index, row in enumerate(frame.astype(object).to_dict("records")):
        label = f"row {index + 1} ({row.get('COLL_NOM', '')} {row.get('DELIB_ID', '')})".replace(" )", ")")
        for spec in SCDL_FIELDS:
            problem = cell_problems(row.get(spec.name), spec)
            if problem:
                why = MISSING_WHY.get(spec.name, "") if problem == "required value missing" else ""
                lines.append(f"{label}: {spec.name}: {problem}" + (f" — {why}" if why else ""))
        lines += [f"{label}: note: {note}" for note in notes[index]]
    return lines


def write_scdl(
    out: Path,
    documents: list[Document],
    sirets: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Write out/scdl/deliberations.csv, its Table Schema and its validation report; return the frame."""
    folder = out / "scdl"
    folder.mkdir(parents=True, exist_ok=True)
    frame = scdl_frame(documents, sirets)
    frame.to_csv(folder / "deliberations.csv", index=False, encoding="utf-8")
    (folder / "deliberations.schema.json").write_text(
        json.dumps(table_schema(), ensure_ascii=False, indent=2), encoding="utf-8"
    )
    header = [
        f"SCDL Délibérations {SCDL_VERSION} ({SCDL_SCHEMA_URL}): {len(frame)} rows.",
        "Empty required cells are values the documents do not give; they are never guessed.",
        "",
    ]
    (folder / VALIDATION_NAME).write_text(
        "\n".join(header + validation_report(frame)) + "\n", encoding="utf-8"
    )
    return frame
