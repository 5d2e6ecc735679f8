"""Annex tables: the list of equipments and services (annexe 2) and the action plan (annexe 3).

Equipments are read from tab-separated rows: a row holding only a structure type ("EAJE") sets the
type of the rows under it ("Mac La Gavotte<TAB>Chemin des Boeufs 13170 Les Pennes Mirabeau"). Actions
are read from "Fiche action n — titre" sheets (with their labelled parts) and from "Action n : titre"
rows or list items; when an action appears several times the richest reading is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.model import Action, Equipment, Line, Span
from segment.patterns import ACTION_ROW, FICHE_ACTION, POSTCODE_COMMUNE, STRUCTURE_TYPE
from segment.text import clean, title_case

COLLECTIVITE_HEADER = re.compile(r"^\s*NOM DE LA COLLECTIVIT[EÉ]", re.I)
TABLE_HEADER = re.compile(r"^\s*(TYPE DE STRUCTURE|NOM DE LA STRUCTURE|ADRESSE)", re.I)

# Labels of a "Fiche action" sheet and the Action field each fills; example: "Partenaires associés :".
FICHE_LABELS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"^\s*Objectifs?(\s+g[ée]n[ée]ral|\s+global|\s+op[ée]rationnels?)?\s*:?\s*(?P<value>.*)$", re.I
        ),
        "objectives",
    ),
    (re.compile(r"^\s*Partenaires(\s+associ[ée]s|\s+mobilis[ée]s)?\s*:?\s*(?P<value>.*)$", re.I), "partners"),
    (re.compile(r"^\s*Pilotes?(\s+de\s+l['’]action)?\s*:?\s*(?P<value>.*)$", re.I), "pilot"),
    (re.compile(r"^\s*Th[ée]matiques?\s*:?\s*(?P<value>.*)$", re.I), "theme"),
    (re.compile(r"^\s*(Budget|Moyens\s+financiers|Financement)\s*:?\s*(?P<value>.*)$", re.I), "budget"),
    (
        re.compile(
            r"^\s*(Actions\s+cl[ée]s|R[ée]sultats?\s+attendus?|Public\s+cible|Territoire\s+concern[ée]|Indicateurs)"
            r"\s*:?\s*(?P<value>.*)$",
            re.I,
        ),
        "",
    ),
)


def _cells(text: str) -> list[str]:
    return [clean(cell) for cell in text.split("\t")]


def parse_equipments(lines: list[Line], file: str) -> list[Equipment]:
    """Rows of a tab-separated list of equipments and services."""
    equipments: list[Equipment] = []
    structure_type, collectivite, expect_collectivite = "", "", False
    for line in lines:
        cells = _cells(line.text)
        filled = [c for c in cells if c]
        if COLLECTIVITE_HEADER.match(line.text):
            expect_collectivite = True
        elif expect_collectivite and filled:
            collectivite, expect_collectivite = title_case(filled[0]), False
        elif len(filled) == 1 and STRUCTURE_TYPE.regex.match(filled[0]):
            structure_type = filled[0].upper()
        elif (
            structure_type
            and len(filled) >= 2
            and not TABLE_HEADER.match(line.text)
            and cells[0] not in {"", "/"}
        ):
            address = cells[1]
            postcode = POSTCODE_COMMUNE.regex.search(address)
            equipments.append(
                Equipment(
                    structure_type=structure_type,
                    name=cells[0],
                    span=Span.of_lines(file, [line]),
                    address=address,
                    commune=collectivite or (clean(postcode.group("commune")) if postcode else ""),
                    manager=cells[2] if len(cells) > 2 else "",
                )
            )
    return equipments


@dataclass(slots=True)
class _Reading:
    action: Action
    richness: int  # tab rows and sheets say more than a list item


def _fiches(lines: list[Line], file: str) -> list[_Reading]:
    readings: list[_Reading] = []
    field = ""
    head_line = None
    for line in lines:
        text = line.text.strip()
        head = FICHE_ACTION.regex.match(text)
        if head:
            action = Action(head.group("number"), clean(head.group("title")), Span.of_lines(file, [line]))
            readings.append(_Reading(action, 3))
            field, head_line = "", line
            continue
        if not readings:
            continue
        action = readings[-1].action
        for pattern, name in FICHE_LABELS:
            label = pattern.match(text)
            # A label stands alone or ends with a colon: "partenaires impliqués …" in a sentence is not one.
            if label and (len(text) <= 35 or ":" in text[:40]):
                field, text = name, label.group("value")
                break
        if field and text:
            value = clean(re.sub(r"^[-•*oe«]\s+", "", text))
            old = getattr(action, field)
            setattr(
                action, field, f"{old}; {value}" if old and field == "partners" else f"{old} {value}".strip()
            )
        if head_line is not None:
            action.span = Span.of_lines(file, [head_line, line])
    return readings


def _rows(lines: list[Line], file: str) -> list[_Reading]:
    readings: list[_Reading] = []
    for line in lines:
        match = ACTION_ROW.regex.match(line.text)
        if not match or not clean(match.group("title")):
            continue
        rest = _cells(match.group("rest") or "")
        action = Action(match.group("number"), clean(match.group("title")), Span.of_lines(file, [line]))
        if rest and rest[0]:
            action.pilot = rest[0]
        readings.append(_Reading(action, 2 if rest and rest[0] else 1))
    return readings


def parse_actions(lines: list[Line], file: str) -> list[Action]:
    """One action per number, in number order, from the richest reading of it."""
    best: dict[str, _Reading] = {}
    for reading in _fiches(lines, file) + _rows(lines, file):
        number = reading.action.number
        if number not in best or reading.richness > best[number].richness:
            best[number] = reading
    return [best[n].action for n in sorted(best, key=lambda n: [int(p) for p in n.split(".")])]
