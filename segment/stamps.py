"""Prefecture stamps and acknowledgements of receipt (ACTES), parsed into `Stamp`s.

A stamp is the block the transmission platform prints on an act ("Envoyé en préfecture le
10/12/2025 / Reçu en préfecture le … / Publié le … / ID : 013-211300413-20251208-DEL_2025_123-DE");
an acknowledgement of receipt is a whole page of labelled fields ("Date de décision",
"Numéro Acte de la collectivité locale", "Matière : 8.2-Aide sociale" …). Both are data.

Lines are read whatever their role (normalize may have missed a stamp line), their order
may be shuffled and OCR may have damaged them ("Envoy6 en prefecture", "ID: 013-…").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ctg.core.dates import find_dates
from ctg.core.model import Line, Span, Stamp
from ctg.core.patterns import Pattern
from ctg.core.text import fold


@dataclass(frozen=True, slots=True)
class StampField(Pattern):
    """One labelled field of a stamp or an acknowledgement, matched on folded text."""

    strong: bool  # a strong field alone makes a stamp; a weak one ("Publié le") only joins one
    value: str = "date"  # what follows the label: date, text or none


def _field(name: str, regex: str, example: str, strong: bool, value: str = "date") -> StampField:
    return StampField(name, re.compile(regex), example, strong, value)


# Labels in folded form (lower case, no accents), tolerant of OCR damage ("envoy6", "regu").
STAMP_FIELDS: tuple[StampField, ...] = (
    _field(
        "sent",
        r"envoy\w?\s*(?:en|a\s+la)\s+(?:sous[- ]?)?pr\w?.?fecture",
        "Envoyé en préfecture le 10/12/2025",
        True,
    ),
    _field("sent", r"^\W*envoi\s+(?:en\s+)?prefecture\b", "Envoi Préfecture : 06/02/2013", True),
    _field("sent", r"date\s+(?:de\s+)?(?:tele)?transmission", "Date de télétransmission : 10/12/2025", True),
    _field(
        "sent",
        r"^\W*transmise?s?\s+(?:au\s+representant\s+de\s+l'\s?etat|au\s+prefet|en\s+prefecture|a\s+la\s+prefecture)",
        "Transmis au représentant de l'État le 14 juin 2023",
        True,
    ),
    _field(
        "sent",
        r"\bexecutoire\s+apres\s+(?:son\s+)?envoi\s+(?:en\s+|a\s+la\s+)?prefecture\b",
        "Acte rendu exécutoire après envoi en Préfecture le 14/06/2023 et publication le 15/06/2023",
        True,
    ),
    _field(
        "received",
        r"\bre[cg]\w?\s*(?:en|a\s+la)\s+(?:sous[- ]?)?pr\w?.?fecture",
        "Reçu en préfecture le 10/12/2025",
        True,
    ),
    _field(
        "received",
        r"date\s+de\s+reception\s+(?:en\s+)?prefecture",
        "Date de réception préfecture : 10/12/2025",
        True,
    ),
    _field("received", r"^\W*reception\s+en\s+prefecture\b", "Réception en Préfecture : 06/02/2013", True),
    _field("received", r"reception\s+par\s+le\s+prefet", "Réception par le préfet : 10/12/2025", True),
    _field(
        "received", r"^\W*retour\s+(?:de\s+(?:la\s+)?)?prefecture\b", "Retour préfecture : 15/06/2023", True
    ),
    _field("received", r"^\W*re[cg]u\s+le\b", "REÇU LE 12 DEC. 2025", False),  # a paper stamp
    _field(
        "office",
        r"^\W*(?:sous[- ]?)?pr\w?.?fecture\s+(?:de\s+la\s+|de\s+l'|des\s+|du\s+|de\s+|d')[^.;:]{0,40}$",
        "SOUS-PRÉFECTURE D'ARLES",
        False,
        "none",
    ),
    _field("published", r"^\W*publi\w{0,2}\s+le\b", "Publié le 10/12/2025", False),
    _field("published", r"^\W*(?:date\s+de\s+)?publication\s*:", "Publication : 10/12/2025", False),
    _field(
        "published",
        r"\bet\s+(?:sa\s+)?publication\s+le\b",
        "rendu exécutoire après envoi en Préfecture le 14/06/2023 et publication le 15/06/2023",
        False,
    ),
    _field("displayed", r"^\W*affich\w{0,2}\s+le\b", "Affiché le 10/12/2025", False),
    _field("displayed", r"^\W*(?:date\s+d'\s?)?affichage\s*:", "Affichage : 11/12/2025", False),
    _field("act_date", r"date\s+de\s+(?:la\s+)?decision", "Date de décision : 08/12/2025", True),
    _field("ack", r"accuse\s+(?:de\s+reception|certifie\s+executoire)", "Accusé de réception", True, "none"),
    _field("ack", r"acte\s+re[cg]u\s+par", "Acte reçu par : Préfecture des Bouches-du-Rhône", True, "none"),
    _field("siren", r"n\W{0,2}\s*(?:de\s+)?siren\s*:?", "N° de SIREN : 211300413", True, "text"),
    _field(
        "act_number",
        r"numero\s+(?:de\s+l'\s?)?acte(?:\s+de\s+la\s+collectivite(?:\s+locale)?)?\s*:",
        "Numéro Acte de la collectivité locale : DEL_2025_123",
        True,
        "text",
    ),
    _field("matiere", r"matieres?(?:\s+de\s+l'\s?acte)?\s*:", "Matière : 8.2-Aide sociale", False, "text"),
    _field("nature", r"nature\s+de\s+l'\s?acte\s*:", "Nature de l'acte : Délibération", False, "text"),
    _field(
        "objet",
        r"objet\s+(?:de\s+l'\s?)?acte\s*:",
        "Objet acte : Convention territoriale globale",
        False,
        "none",
    ),
)

# The ACTES identifier DDD-SIREN-YYYYMMDD-NUMBER-NN; "O" read for "0" is tolerated in digit groups.
# The act's own number holds no space (letters, digits, "_"): a single space inside it is an
# underscore OCR lost ("DEL 2025 21" for "DEL_2025_21"), and is read back as one.
ACTES_ID = re.compile(
    r"(?P<dep>[\dO]{2}[\dOAB])\s?-\s?(?P<siren>[\dO]{9})\s?-\s?(?P<date>[\dO]{8})\s?-\s?"
    r"(?P<number>\w(?:\w| (?=\w))*?)\s?-\s?(?P<nature>DE|AR|AI|CC|BF|AU)\b",
    re.ASCII,
)
ACTES_ID_EXAMPLE = "ID : 013-211300413-20251208-DEL_2025_123-DE"

# ACTES nature codes and the words the acknowledgement uses for them: (code, folded pattern, example).
NATURES: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("DE", re.compile(r"^deliberations?\b"), "Nature de l'acte : Délibération"),
    (
        "AR",
        re.compile(r"^(?:arretes?|actes?)\s+reglementaires?\b"),
        "Nature de l'acte : Arrêtés réglementaires",
    ),
    ("AI", re.compile(r"^(?:arretes?|actes?)\s+individuels?\b"), "Nature de l'acte : Arrêté individuel"),
    (
        "CC",
        re.compile(r"^(?:contrats?|conventions?)\b"),
        "Nature de l'acte : Contrats, conventions et avenants",
    ),
    (
        "BF",
        re.compile(r"^documents?\s+budgetaires?\b"),
        "Nature de l'acte : Documents budgétaires et financiers",
    ),
    ("AU", re.compile(r"^autres?\b"), "Nature de l'acte : Autres"),
)
MATIERE = re.compile(r"(?P<code>\d+(?:\s?\.\s?\d+)+)\s*[-–:]?\s*(?P<name>.*)")
SIREN = re.compile(r"\b(\d{3}\s?\d{3}\s?\d{3})\b")

DATED_FIELDS = ("sent", "received", "published", "displayed", "act_date")
MAX_GAP = 4  # non-blank lines allowed between two fields of one stamp block
ACK_FIELD_NAMES = frozenset({"ack", "siren", "act_number", "matiere", "nature", "objet", "act_date"})
ACK_MIN_FIELDS = 2  # distinct acknowledgement labels that make a page an acknowledgement


@dataclass(slots=True)
class _Hit:
    index: int  # position in the input list
    name: str
    value: str | date | None
    used: list[int] = field(default_factory=list)  # indexes of lines the value was read from


# Characters OCR reads for accented letters and apostrophes: (read, meant, example). Patterns see
# the folded text with these replaced, so "Secr¢taire de s€ance" matches like "Secrétaire de séance".
OCR_CHARACTERS: tuple[tuple[str, str, str], ...] = (
    ("¢", "e", "Rendu ex¢cutoire le 09/12/2025"),
    ("€", "e", "Date de r€ception en préfecture"),
    ("’", "'", "Nature de l’acte : Délibération"),
    ("`", "'", "Nature de l`acte : Délibération"),
)
_OCR_TRANSLATION = str.maketrans({read: meant for read, meant, _ in OCR_CHARACTERS})


def ocr_mapped(text: str) -> str:
    """`text` with the OCR characters of OCR_CHARACTERS mapped, case and accents kept (same length)."""
    return text.translate(_OCR_TRANSLATION)


def match_key(text: str) -> str:
    """The form labels are matched on: folded (lower case, no accents), OCR characters mapped."""
    return fold(text).translate(_OCR_TRANSLATION)


def _key(text: str) -> str:
    return match_key(text)


def _date_after(lines: list[Line], index: int, start: int) -> tuple[date | None, list[int]]:
    """The date after a label: on the label's line, else on one of the next two non-blank lines."""
    dates = find_dates(_key(lines[index].text)[start:])
    if dates:
        return dates[0][0], [index]
    looked = 0
    for next_index in range(index + 1, len(lines)):
        text = lines[next_index].text.strip()
        if not text:
            continue
        looked += 1
        if looked > 2 or ACTES_ID.search(text) or any(f.regex.search(_key(text)) for f in STAMP_FIELDS):
            break
        dates = find_dates(text)
        if dates:
            return dates[0][0], [index, next_index]
    return None, [index]


def _hits_in_line(lines: list[Line], index: int) -> list[_Hit]:
    text = lines[index].text
    key = _key(text)
    hits: list[_Hit] = []
    for stamp_field in STAMP_FIELDS:
        match = stamp_field.regex.search(key)
        if not match:
            continue
        if stamp_field.value == "date":
            value, used = _date_after(lines, index, match.end())
            hits.append(_Hit(index, stamp_field.name, value, used))
        elif (
            stamp_field.value == "text"
        ):  # fold keeps offsets only for NFC text, so split the raw text on ":"
            rest = text.split(":", 1)[1].strip() if ":" in text else ""
            hits.append(_Hit(index, stamp_field.name, rest or None, [index]))
        else:
            hits.append(_Hit(index, stamp_field.name, None, [index]))
    actes = ACTES_ID.search(text)
    if actes:
        hits.append(_Hit(index, "actes_id", actes.group(0), [index]))
    return hits


def _blocks(lines: list[Line], hits: list[_Hit]) -> list[list[_Hit]]:
    """Group hits into stamp blocks: close together, same page, no field seen twice."""
    blocks: list[list[_Hit]] = []
    for hit in hits:
        current = blocks[-1] if blocks else None
        if current is not None and _joins(lines, current, hit):
            current.append(hit)
        else:
            blocks.append([hit])
    return [block for block in blocks if _is_stamp(block)]


def _is_stamp(block: list[_Hit]) -> bool:
    """A strong field makes a stamp; weak ones only together, two kinds and a date among them.

    "SOUS-PRÉFECTURE D'ARLES / REÇU LE / 1 AOUT 2022" is a paper stamp; "Publié le …" alone is not.
    """
    if any(_is_strong(hit) for hit in block):
        return True
    return len({hit.name for hit in block}) >= 2 and any(isinstance(hit.value, date) for hit in block)


def _is_strong(hit: _Hit) -> bool:
    return hit.name == "actes_id" or any(f.strong for f in STAMP_FIELDS if f.name == hit.name)


def _joins(lines: list[Line], block: list[_Hit], hit: _Hit) -> bool:
    last = block[-1].index
    if lines[last].page != lines[hit.index].page:
        return False
    is_ack = any(other.name == "ack" for other in block)
    between = sum(1 for line in lines[last + 1 : hit.index] if line.text.strip())
    if between > (MAX_GAP * 4 if is_ack else MAX_GAP):  # an acknowledgement page spreads its fields
        return False
    repeated = [other for other in block if other.name == hit.name]
    # A repeated field starts a new stamp, except on an acknowledgement that restates a value.
    return not repeated or (is_ack and all(other.value == hit.value for other in repeated))


def parse_actes_id(text: str) -> dict[str, str | date | None] | None:
    """Parts of the first ACTES identifier found in `text`: département, SIREN, act date, number, nature."""
    match = ACTES_ID.search(text)
    return _actes_parts(match) if match else None


def find_actes_ids(text: str) -> list[dict[str, str | date | None]]:
    """Parts of every ACTES identifier in `text`, in order."""
    return [_actes_parts(match) for match in ACTES_ID.finditer(text)]


def _actes_parts(match: re.Match[str]) -> dict[str, str | date | None]:
    digits = {name: match.group(name).replace("O", "0") for name in ("dep", "siren", "date")}
    raw_date = digits["date"]
    try:
        act_date: date | None = date(int(raw_date[:4]), int(raw_date[4:6]), int(raw_date[6:]))
    except ValueError:
        act_date = None
    number = match.group("number").replace(" ", "_")
    actes_id = f"{digits['dep']}-{digits['siren']}-{raw_date}-{number}-{match.group('nature')}"
    return {
        "actes_id": actes_id,
        "departement": digits["dep"],
        "siren": digits["siren"],
        "act_date": act_date,
        "act_number": number,
        "nature": match.group("nature"),
    }


def _nature_code(text: str) -> str | None:
    key = _key(text)
    return next((code for code, pattern, _ in NATURES if pattern.search(key)), None)


def _stamp_of(lines: list[Line], file: str, block: list[_Hit]) -> Stamp:
    used = sorted({index for hit in block for index in hit.used})
    stamp = Stamp(span=Span.of_lines(file, [lines[index] for index in used]), source=lines[used[0]].origin)
    for hit in block:
        value = hit.value
        if hit.name in DATED_FIELDS and isinstance(value, date):
            if getattr(stamp, hit.name) is None:
                setattr(stamp, hit.name, value)
        elif hit.name == "actes_id" and isinstance(value, str):
            for name, part in (parse_actes_id(value) or {}).items():
                setattr(stamp, name, part)
        elif hit.name == "siren" and isinstance(value, str) and (siren := SIREN.search(value)):
            stamp.siren = stamp.siren or siren.group(1).replace(" ", "")
        elif hit.name == "act_number" and isinstance(value, str):
            stamp.act_number = stamp.act_number or value.split()[0]
        elif hit.name == "nature" and isinstance(value, str):
            stamp.nature = stamp.nature or _nature_code(value)
        elif hit.name == "matiere" and isinstance(value, str) and (matiere := MATIERE.match(value)):
            stamp.matiere = re.sub(r"\s", "", matiere.group("code"))
            stamp.matiere_nom = matiere.group("name").split("/")[-1].strip(" -–") or None
    return stamp


DATES_ONLY = re.compile(
    r"^\W*(?:le\s*:?\s*)?[\d/.\s-]{8,40}\W*$"
)  # "10/12/2025 11/12/2025": dates side by side


def _fill_column_dates(lines: list[Line], block: list[_Hit]) -> None:
    """Give dates to labels that lack them when a two-column stamp was read labels first, then dates.

    "Envoyé en préfecture le / Reçu en préfecture le / Publié le / ID : … / 10/12/2025 / 10/12/2025 /
    11/12/2025": the n-th date-only line after the block goes to the n-th label without a date.
    """
    waiting = [hit for hit in block if hit.value is None and hit.name in DATED_FIELDS]
    if not waiting:
        return
    # the dates follow the labels, and may share their line with the ACTES id
    labels = [index for hit in block if hit.name != "actes_id" for index in hit.used]
    after = max(labels or [index for hit in block for index in hit.used]) + 1
    # A boxed header may print the dates side by side, the ACTES id after them:
    # "06/02/2013 06/02/2013 034-213401722-20130204-0000061123-DE".
    dated = [
        (index, found[0])
        for index in range(after, min(len(lines), after + len(waiting) + MAX_GAP))
        if DATES_ONLY.match(ACTES_ID.sub("", lines[index].text))
        for found in find_dates(ACTES_ID.sub("", lines[index].text))
    ]
    for hit, (index, value) in zip(waiting, dated, strict=False):
        hit.value = value
        hit.used.append(index)


def find_stamps(lines: list[Line], file: str) -> list[Stamp]:
    """Every prefecture stamp block and acknowledgement of receipt in `lines`, in order."""
    hits = [hit for index in range(len(lines)) for hit in _hits_in_line(lines, index)]
    blocks = _blocks(lines, hits)
    for block in blocks:
        _fill_column_dates(lines, block)
    return [_stamp_of(lines, file, block) for block in blocks]


def is_acknowledgement(lines: list[Line]) -> bool:
    """True for an acknowledgement-of-receipt page: its title and at least one more of its labels."""
    found = {
        f.name
        for line in lines
        for f in STAMP_FIELDS
        if f.name in ACK_FIELD_NAMES and f.regex.search(_key(line.text))
    }
    return "ack" in found and len(found) >= ACK_MIN_FIELDS
