"""Parties of a convention, from the "Entre : … Et …" block or from running sentences.

Each party paragraph starts with a head naming an entity (PARTY_HEADS: "LA COMMUNE D'AUREILLE",
"la Commune d'Aiglun, représentée par …"), possibly after an "Et" line; its representative follows
("Représentée par son Maire, Monsieur X", "représentée par sa Présidente Madame Y, dûment autorisée").
"""

from __future__ import annotations

import re

from core.model import Line, Party, PartyType, Span
from segment.patterns import (
    CI_APRES,
    COMMUNE_ARTICLES,
    PARTIES_AND,
    PARTIES_OPEN,
    PARTY_HEADS,
    PARTY_LEAD,
    REPRESENTED,
    ROLE_BEFORE_NAME,
)
from segment.text import clean, parse_person, person_by_model, title_case

# Where the entity name stops inside a head line.
NAME_END = re.compile(r",|\s+repr[ée]sent[ée]e?\b|\s+d[uû]ment\b|\s+ci-?apr[eè]s\b", re.IGNORECASE)


def party_type_of(text: str) -> PartyType | None:
    for head in PARTY_HEADS:
        if head.regex.match(text):
            return head.party_type
    return None


def party_name(as_written: str, party_type: PartyType) -> str:
    """The entity's own name: the commune's name for a commune, the body's name otherwise."""
    text = re.sub(r"^\s*(la|le|l['’]|les)\s+", "", as_written.strip(), flags=re.IGNORECASE)
    if party_type == "commune":
        for pattern, article, _example in COMMUNE_ARTICLES:
            if pattern.match(text):
                return article + title_case(pattern.sub("", text))
    return title_case(text)


def _paragraphs(lines: list[Line]) -> list[list[Line]]:
    """Group the block's lines into one paragraph per party, each starting at a party head."""
    paragraphs: list[list[Line]] = []
    for line in lines:
        text = line.text.strip()
        if PARTIES_OPEN.regex.match(text) or PARTIES_AND.regex.match(text):
            continue
        text = PARTY_LEAD.regex.sub("", text)
        if party_type_of(text) and not CI_APRES.regex.match(text):
            paragraphs.append([line])
        elif paragraphs:
            paragraphs[-1].append(line)
    return paragraphs


def _representative(text: str) -> tuple[str, str]:
    """(representative, role) from the text of a party paragraph; the first one named when several."""
    match = REPRESENTED.regex.search(text)
    if not match:
        return "", ""
    rest = match.group("rest")
    role = ""
    before = ROLE_BEFORE_NAME.regex.match(rest)
    if before:
        role, rest = clean(before.group("role")), rest[before.end() :]
    person = parse_person(rest) or person_by_model(re.split(r",?\s+d[uûi]+ment\b|;", rest, maxsplit=1)[0])
    if not person:
        return "", role
    if not role:  # "Représentée par Madame X, Présidente du Conseil d'Administration,"
        last = person.as_written.split()[-1]
        after = rest[rest.find(last) + len(last) :]
        role = clean(re.split(r",|\s+d[uûi]+ment|;", after.lstrip(" ,"), maxsplit=1)[0])
    return person.as_written, role


def parse_parties(lines: list[Line], file: str) -> list[Party]:
    """Parties in the order written, each with its span."""
    parties: list[Party] = []
    for paragraph in _paragraphs(lines):
        head = PARTY_LEAD.regex.sub("", paragraph[0].text.strip())
        party_type = party_type_of(head)
        if party_type is None:
            continue
        as_written = clean(NAME_END.split(head, maxsplit=1)[0])
        body = " ".join(line.text.strip() for line in paragraph)
        body = body.split("Ci-après")[0]
        representative, role = _representative(body)
        parties.append(
            Party(
                position=len(parties) + 1,
                as_written=as_written,
                party_type=party_type,
                name=party_name(as_written, party_type),
                span=Span.of_lines(file, paragraph),
                representative=representative,
                role=role,
            )
        )
    return parties
