"""A document's title, territory and period, read from its cover, heading and duration clause."""

from __future__ import annotations

import itertools
import re

from ctg.core.model import Document, Line
from ctg.segment.convention_types import convention_type_of, title_lines
from ctg.segment.documents import is_cover_like, is_stamp
from ctg.segment.flow import Flow
from ctg.segment.patterns import CONVENTION_TITLE, COVER_WORD, DURATION, PAGE_NUMBER, PERIOD, YEAR_LINE
from ctg.segment.text import clean

COVER_LINES = 40  # a cover page or a title block sits in the first lines of a document
# "Communauté de communes Vallée des Baux-Alpilles" -> "Vallée des Baux-Alpilles"
EPCI_PREFIX = re.compile(
    r"^(communaut[ée]\s+(de\s+communes|d['’]\s*agglom[ée]ration|urbaine)|m[ée]tropole)\s+(de\s+|du\s+|d['’])?",
    re.I,
)
# "… avec la Caf - territoire Pays Ajaccien" in a deliberation's object or a receipt.
TERRITORY_MENTION = re.compile(
    r"\b[Tt]erritoire\s+(?:de\s+la\s+|du\s+|de\s+l['’]|de\s+|des\s+)?"
    r"(?P<territory>[A-ZÀ-Ý][\w'’ -]{2,60}?)\s*[.,;)]?$"
)
TITLE_TERRITORY = re.compile(r"(?:aux\s+familles|\(CTG\)|CTG)\s*[:\-–]?\s*(?P<territory>[A-ZÀ-Ý].{2,80})$")


def find_period(lines: list[Line]) -> tuple[int | None, int | None]:
    """(2026, 2030) from a "2026-2030" in the title, two year lines on a cover, or the duration clause."""
    head = lines[:COVER_LINES]
    for a, b in itertools.pairwise(head):
        first, second = YEAR_LINE.regex.match(a.text), YEAR_LINE.regex.match(b.text)
        if first and second and int(first.group(1)) < int(second.group(1)):
            return int(first.group(1)), int(second.group(1))
    for line in head:
        match = PERIOD.regex.search(line.text)
        if match and int(match.group("start")) < int(match.group("end")):
            return int(match.group("start")), int(match.group("end"))
    for line in lines:
        match = DURATION.regex.search(line.text)
        if match:
            return int(match.group("start")), int(match.group("end"))
    return None, None


def convention_title(lines: list[Line]) -> str:
    """The title line, or the cover's words put together ("CONVENTION TERRITORIALE GLOBALE")."""
    head = lines[:COVER_LINES]
    for line in head:
        if CONVENTION_TITLE.regex.search(line.text):
            return clean(line.text)
    words = [
        clean(line.text) for line in head if COVER_WORD.regex.match(line.text) and "PROJET" not in line.text
    ]
    if words:
        return re.sub(r"G\s?L\s?O\s?B\s?A\s?L\s?E", "GLOBALE", " ".join(dict.fromkeys(words)))
    return typed_title(lines)


TITLE_MAX_CHARS = 250


def typed_title(lines: list[Line]) -> str:
    """The title above the parties from the words naming its type on ("Contrat Local de Santé de la
    Communauté de Communes … 2025/2028"), whatever its line breaks; "" when no type is named."""
    kept = [line for line in title_lines(lines) if not (is_stamp(line) or PAGE_NUMBER.regex.match(line.text))]
    text = Flow.of_lines(kept).text
    found = convention_type_of(text)
    if found is None:
        return ""
    title = clean(text[found[1].start() :])
    return title if len(title) <= TITLE_MAX_CHARS else ""


def cover_territory(lines: list[Line]) -> str:
    """The short name printed under the cover title ("Bassin Minier")."""
    seen_title = False
    for line in lines[:COVER_LINES]:
        text = clean(line.text)
        if is_stamp(line):
            continue
        if COVER_WORD.regex.match(text):
            seen_title = True
        elif (
            seen_title
            and is_cover_like(line)
            and not YEAR_LINE.regex.match(text)
            and not PERIOD.regex.search(text)
        ):
            if not CONVENTION_TITLE.regex.search(text) and re.search(r"[a-zà-ÿ]", text):
                return text
        elif not is_cover_like(line):
            break
    return ""


def territory_of(document: Document) -> str:
    """Cover name, else the name after the title, else the intercommunality, else the communes."""
    territory = cover_territory(document.lines)
    if territory:
        return territory
    match = TITLE_TERRITORY.search(document.title)
    if match:
        return clean(match.group("territory"))
    epci = [p for p in document.parties if p.party_type == "epci"]
    if epci:
        return clean(EPCI_PREFIX.sub("", epci[0].name))
    communes = [p.name for p in document.parties if p.party_type == "commune"]
    return ", ".join(communes)


def heading_title(lines: list[Line], heading: re.Pattern[str], fallback: str = "") -> str:
    """The document's heading line ("EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS …"), else `fallback`, else
    its first line."""
    for line in lines[:COVER_LINES]:
        if heading.match(line.text):
            return clean(line.text)
    return fallback or (clean(lines[0].text) if lines else "")


def mentioned_territory(lines: list[Line]) -> str:
    """The territory named in the first lines ("… territoire Vallée des Baux Alpilles."), joining a wrapped
    mention ("… avec la Caf -" / "territoire Pays Ajaccien")."""
    head = [clean(line.text) for line in lines[:COVER_LINES]]
    for text in (*head, *(f"{a} {b}" for a, b in itertools.pairwise(head))):
        match = TERRITORY_MENTION.search(text)
        if match:
            return clean(match.group("territory"))
    return ""
