"""Prefecture stamps and acknowledgements of receipt (ACTES), text and truth together."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ctg.corpus.frenchdates import date_slash
from ctg.corpus.layout import Para
from ctg.corpus.siren import actes_departement
from ctg.corpus.truth import TruthDocument, TruthStamp

# ACTES nature codes as written in an acknowledgement. Example: "DE" -> "Délibération".
NATURES: dict[str, str] = {
    "DE": "Délibération",
    "CC": "Contrat, convention et avenant",
    "AR": "Acte réglementaire",
}
# ACTES matières used here. Example: "8.2" -> "Aide sociale".
MATIERES: dict[str, str] = {"8.2": "Aide sociale"}


@dataclass(frozen=True, slots=True)
class Act:
    """One act transmitted to the prefecture."""

    insee: str | None  # None for an EPCI
    siren: str
    departement_code: str  # "13", "2A"
    act_date: date
    act_number: str  # "DEL_2025_07"
    sent: date
    objet: str
    nature: str = "DE"
    matiere: str = "8.2"

    @property
    def actes_id(self) -> str:
        departement = actes_departement(self.departement_code + "000")
        return f"{departement}-{self.siren}-{self.act_date:%Y%m%d}-{self.act_number}-{self.nature}"

    def stamp_truth(self, published: bool = True) -> TruthStamp:
        return TruthStamp(
            page=0,
            sent=self.sent.isoformat(),
            received=self.sent.isoformat(),
            published=self.sent.isoformat() if published else None,
            actes_id=self.actes_id,
            departement=actes_departement(self.departement_code + "000"),
            siren=self.siren,
            insee=self.insee,
            act_date=self.act_date.isoformat(),
            act_number=self.act_number,
            nature=self.nature,
        )


def stamp_lines(act: Act, published: bool = True) -> list[str]:
    """The block a prefecture stamps in the margin. Example last line: "ID : 013-…-DE"."""
    lines = [
        f"Envoyé en préfecture le {date_slash(act.sent)}",
        f"Reçu en préfecture le {date_slash(act.sent)}",
    ]
    if published:
        lines.append(f"Publié le {date_slash(act.sent)}")
    return [*lines, f"ID : {act.actes_id}"]


def acknowledgement(act: Act, prefecture: str) -> tuple[list[Para], TruthDocument]:
    """An acknowledgement-of-receipt page: its paragraphs and its truth (stamp page set later)."""
    fields = [
        ("Acte reçu par", prefecture),
        ("Date de réception de l'accusé de réception", date_slash(act.sent)),
        ("N° de SIREN", act.siren),
        ("Numéro Acte de la collectivité locale", act.act_number),
        ("Objet acte", act.objet),
        ("Date de décision", date_slash(act.act_date)),
        ("Nature de l'acte", NATURES[act.nature]),
        ("Matière : ", f"{act.matiere}-{MATIERES[act.matiere]}"),
        ("Identifiant Acte", act.actes_id),
        ("Date de réception en préfecture", date_slash(act.sent)),
    ]
    paras = [
        Para("Accusé de réception", bold=True, size=14, align="center"),
        Para("Ministère de l'Intérieur"),
    ]
    for label, value in fields:
        text = f"{label}{value}" if label.endswith(": ") else f"{label} : {value}"
        paras.append(Para(text, space_before=7))
    truth = TruthDocument(
        kind="acknowledgement",
        title="Accusé de réception",
        territory="",
        period_start=None,
        period_end=None,
        page_start=0,
        page_end=0,
    )
    return paras, truth


def acknowledgement_stamp(act: Act) -> TruthStamp:
    stamp = act.stamp_truth(published=False)
    stamp.sent = None
    stamp.matiere = act.matiere
    return stamp
