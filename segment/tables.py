"""Annex tables: the list of equipments and services (annexe 2) and the action plan (annexe 3).

Equipments are read from tab-separated rows: a row holding only a structure type ("EAJE") sets the
type of the rows under it ("Mac La Gavotte<TAB>Chemin des Boeufs 13170 Les Pennes Mirabeau"). Actions
are read from "Fiche action n — titre" sheets (with their labelled parts) and from "Action n : titre"
rows or list items; when an action appears several times the richest reading is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from ctg.core.model import Action, Equipment, Line, Span
from ctg.segment.patterns import ACTION_ROW, FICHE_ACTION, POSTCODE_COMMUNE, STRUCTURE_TYPE, Pattern, pattern
from ctg.segment.text import clean, fold_words, title_case

COLLECTIVITE_HEADER = re.compile(r"^\s*NOM DE LA COLLECTIVIT[EÉ]", re.I)
TABLE_HEADER = re.compile(r"^\s*(TYPE DE STRUCTURE|NOM DE LA STRUCTURE|ADRESSE)", re.I)


def _label(regex: str, field: str, example: str) -> Pattern:
    """A label of a sheet or a table header, named by the field it fills ("" for a part read past)."""
    return pattern(field, regex, example)


# Labels of a "Fiche action" sheet.
FICHE_LABELS: tuple[Pattern, ...] = (
    _label(
        r"^\s*Objectifs?(\s+g[ée]n[ée]ral|\s+global|\s+op[ée]rationnels?)?\s*:?\s*(?P<value>.*)$",
        "objectives",
        "Objectif global :",
    ),
    _label(
        r"^\s*Partenaires(\s+associ[ée]s|\s+mobilis[ée]s)?\s*:?\s*(?P<value>.*)$",
        "partners",
        "Partenaires associés :",
    ),
    _label(r"^\s*Pilotes?(\s+de\s+l['’]action)?\s*:?\s*(?P<value>.*)$", "pilot", "Pilote : CCVBA"),
    _label(r"^\s*Th[ée]matiques?\s*:?\s*(?P<value>.*)$", "theme", "Thématique : Petite enfance"),
    _label(
        r"^\s*(Budget|Moyens\s+financiers|Financement)\s*:?\s*(?P<value>.*)$", "budget", "Budget : 12 000 €"
    ),
    _label(
        r"^\s*(Actions\s+cl[ée]s|R[ée]sultats?\s+attendus?|Public\s+cible|Territoire\s+concern[ée]|Indicateurs)"
        r"\s*:?\s*(?P<value>.*)$",
        "",
        "Résultat attendu :",
    ),
)
# Header cells of an action table.
ACTION_COLUMNS: tuple[Pattern, ...] = (
    _label(r"^pilotes?$", "pilot", "Pilotes"),
    _label(r"^th[ée]matiques?$", "theme", "Thématiques"),
    _label(r"^partenaires", "partners", "Partenaires"),
    _label(r"^objectifs?", "objectives", "Objectifs"),
    _label(r"^(moyens\s+financiers|budget|financement)", "budget", "Moyens financiers"),
)


def _cells(text: str) -> list[str]:
    return [clean(cell) for cell in text.split("\t")]


# Words that open a postal address; example: "12 avenue de la Libération", "Chemin des Iscles".
ADDRESS_START = re.compile(
    r"^(\d+(bis|ter)?,?|rue|avenue|av\.|chemin|place|cours|route|impasse|boulevard|bd|all[ée]e|quai|square|"
    r"lotissement|quartier|mont[ée]e|traverse|parc|rond-point|domaine|hameau|za|zac|r[ée]sidence|lieu-dit)$",
    re.IGNORECASE,
)
SPACED_HEADER = re.compile(r"\bstructure\b.*\badresse\b", re.IGNORECASE)  # "Type Structure Adresse Commune"
MAX_TYPE_WORDS = 5


def _type_prefix(words: list[str]) -> int:
    """How many leading words name a structure type ("Centre social …" -> 2), 0 when none."""
    for n in range(min(MAX_TYPE_WORDS, len(words)), 0, -1):
        if STRUCTURE_TYPE.regex.match(" ".join(words[:n])):
            return n
    return 0


def _spaced_row(line: Line, file: str, communes: list[str]) -> Equipment | None:
    """A row whose cells extraction joined with spaces: type, name, address, commune, manager.

    Cells are found by their content: the type from the vocabulary, the address from its first
    word, the commune from the names of the file's communes.
    """
    words = line.text.split()
    n = _type_prefix(words)
    start = next((i for i in range(n + 1, len(words)) if ADDRESS_START.match(words[i])), None)
    if not n or start is None:
        return None
    rest = " ".join(words[start:])
    folded = [fold_words(word) for word in words[start:]]
    commune, address, manager = "", rest, ""
    spans = [(i, j) for i in range(1, len(folded)) for j in range(i + 1, len(folded) + 1)]
    for name in sorted(communes, key=len, reverse=True):
        hit = next(((i, j) for i, j in spans if " ".join(folded[i:j]) == fold_words(name)), None)
        if hit is not None:
            address = " ".join(words[start : start + hit[0]])
            commune = " ".join(words[start + hit[0] : start + hit[1]])
            manager = " ".join(words[start + hit[1] :])
            break
    return Equipment(
        structure_type=" ".join(words[:n]),
        name=" ".join(words[n:start]),
        span=Span.of_lines(file, [line]),
        address=address,
        commune=commune,
        manager=manager,
    )


def parse_equipments(lines: list[Line], file: str, communes: list[str] | None = None) -> list[Equipment]:
    """Rows of a list of equipments and services: tab-separated cells, or cells joined by spaces."""
    equipments = _column_rows(lines, file) or _tab_rows(lines, file)
    in_table = False
    for line in lines:
        if "\t" in line.text:
            continue
        if SPACED_HEADER.search(line.text):
            in_table = True
            continue
        row = _spaced_row(line, file, communes or []) if in_table else None
        if row:
            equipments.append(row)
        elif in_table and len(line.text.split()) > 3:
            in_table = False
    return equipments


# Header cells of an equipment table.
EQUIPMENT_COLUMNS: tuple[Pattern, ...] = (
    _label(r"^type", "structure_type", "Type"),
    _label(r"^(structure|nom|[ée]quipement|service)", "name", "Structure"),
    _label(r"^adresse", "address", "Adresse"),
    _label(r"^commune", "commune", "Commune"),
    _label(r"^(gestionnaire|porteur|g[ée]r[ée]\s+par)", "manager", "Gestionnaire"),
)


def _equipment_header(cells: list[str]) -> list[str] | None:
    """Field of each column when the row is a header naming at least the type and the name columns."""
    columns = [next((c.name for c in EQUIPMENT_COLUMNS if c.regex.match(cell)), "") for cell in cells]
    return columns if {"structure_type", "name"} <= set(columns) else None


def _column_rows(lines: list[Line], file: str) -> list[Equipment]:
    """Rows of a table whose header names its columns ("Type<TAB>Structure<TAB>Adresse<TAB>Commune …")."""
    equipments: list[Equipment] = []
    columns: list[str] | None = None
    for line in lines:
        cells = _cells(line.text) if "\t" in line.text else []
        header = _equipment_header(cells) if cells else None
        if header:
            columns = header
        elif columns and len(cells) >= 2:
            values = dict(zip(columns, cells, strict=False))
            if values.get("name") and values.get("structure_type"):
                equipments.append(
                    Equipment(
                        structure_type=values["structure_type"],
                        name=values["name"],
                        span=Span.of_lines(file, [line]),
                        address=values.get("address", ""),
                        commune=values.get("commune", ""),
                        manager=values.get("manager", ""),
                    )
                )
        elif columns and line.text.strip():
            columns = None  # running text ends the table
    return equipments


def _tab_rows(lines: list[Line], file: str) -> list[Equipment]:
    """Rows of a tab-separated list of equipments and services whose types head groups of rows."""
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
    title_open = False  # only the line right under a sheet's heading may finish its title
    for line in lines:
        text = line.text.strip()
        head = FICHE_ACTION.regex.match(text)
        if head:
            action = Action(head.group("number"), clean(head.group("title")), Span.of_lines(file, [line]))
            readings.append(_Reading(action, 3))
            field, head_line, title_open = "", line, True
            continue
        if not readings:
            continue
        action = readings[-1].action
        if title_open and text[:1].islower() and len(text) <= 80:
            action.title = f"{action.title} {clean(text)}"  # the title goes on over a second line
            continue
        title_open = False
        for entry in FICHE_LABELS:
            label = entry.regex.match(text)
            # A label stands alone or ends with a colon: "partenaires impliqués …" in a sentence is not one.
            if label and (len(text) <= 35 or ":" in text[:40]):
                field, text = entry.name, label.group("value")
                break
        if field and text:
            bullet = re.match(r"^[-•*oe«¢]+\s+", text)
            value = clean(text[bullet.end() :] if bullet else text)
            old = getattr(action, field)
            # A bulleted line is a new partner; a line going on in lower case continues the last one.
            new_item = field == "partners" and old and (bullet or not value[:1].islower())
            setattr(action, field, f"{old}; {value}" if new_item else f"{old} {value}".strip())
        if head_line is not None:
            action.span = Span.of_lines(file, [head_line, line])
    return readings


def _header(cells: list[str]) -> list[str] | None:
    """Field of each column when this row is an action table's header ("Actions<TAB>Pilotes<TAB>…")."""
    if not cells or not re.match(r"^(fiches?\s+)?actions?$", cells[0], re.I):
        return None
    columns: list[str] = []
    for cell in cells:
        field = next((c.name for c in ACTION_COLUMNS if c.regex.match(cell)), "")
        columns.append(field)
    return columns


def _rows(lines: list[Line], file: str) -> list[_Reading]:
    readings: list[_Reading] = []
    columns: list[str] = []
    for line in lines:
        cells = _cells(line.text) if "\t" in line.text else []
        header = _header(cells)
        if header is not None:
            columns = header
            continue
        match = ACTION_ROW.regex.match(line.text)
        if not match or not clean(match.group("title")):
            continue
        title = clean(re.sub(r"\b20\d\d\s*[-–]\s*20\d\d\s*$", "", match.group("title")))
        action = Action(match.group("number"), title, Span.of_lines(file, [line]))
        filled = 0
        for field, cell in zip(columns[1:], cells[1:], strict=False):
            if field and cell:
                setattr(action, field, cell)
                filled += 1
        readings.append(_Reading(action, 1 + filled))
    return readings


def _merge(readings: list[_Reading]) -> Action:
    """One action from its readings: the richest one, with a terser title when another reading says the
    same in fewer words; each empty field filled from the next richest reading."""
    ranked = sorted(readings, key=lambda r: -r.richness)
    action = ranked[0].action
    for other in sorted((r.action.title for r in readings), key=len):
        same = fuzz.token_set_ratio(fold_words(other), fold_words(action.title)) >= 90
        if len(other) >= 8 and len(other) < len(action.title) and same:
            action.title = other
            break
    for name in ("theme", "pilot", "partners", "objectives", "budget"):
        if not getattr(action, name):
            setattr(
                action, name, next((getattr(r.action, name) for r in ranked if getattr(r.action, name)), "")
            )
    return action


def parse_actions(lines: list[Line], file: str) -> list[Action]:
    """One action per number, in number order, from the richest reading of it."""
    by_number: dict[str, list[_Reading]] = {}
    for reading in _fiches(lines, file) + _rows(lines, file):
        by_number.setdefault(reading.action.number, []).append(reading)
    return [_merge(by_number[n]) for n in sorted(by_number, key=lambda n: [int(p) for p in n.split(".")])]
