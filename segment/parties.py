"""Parties of a convention, read on the flow of its words whatever the line breaks.

The block is cut into one paragraph per party at what separates parties ("Entre :", "Entre d'une
part :", "Et", "; et", "» et,", bullets, numbers, "d'une part / d'autre part") and after what ends one
(its "Ci-après dénommée « X »"). A paragraph is a party when it starts with an entity's head
(PARTY_HEADS: "LA COMMUNE D'AUREILLE", "la Caisse d'Allocations familiales"; or any "La/Le/L'" and a
capital, typed "other", when a "représentée par" follows). Its representative comes after
"représentée par" ("son Maire, Monsieur X", "sa Présidente Madame Y, dûment autorisée").
"""

from __future__ import annotations

import re

from ctg.core.model import Line, Party, PartyType
from ctg.normalize.stamp_lines import is_stamp_line
from ctg.segment.flow import Flow
from ctg.segment.patterns import (
    CI_APRES,
    COMMUNE_ARTICLES,
    OTHER_PARTY_HEAD,
    PAGE_NUMBER,
    PARTIES_END,
    PARTIES_OPEN,
    PARTY_END,
    PARTY_HEADS,
    PARTY_LEAD,
    PARTY_SEPARATOR,
    REPRESENTED,
    ROLE_BEFORE_NAME,
)
from ctg.segment.text import clean, parse_person, person_by_model, title_case

# Where the entity name stops inside a party's paragraph.
NAME_END = re.compile(
    r",|\s+repr[ée¢€]sent[ée¢€]e?\b|\s+d[uû]ment\b|\s+ci-?apr[eè]s\b|\s+dont\s+le\s+si[èe]ge|\s*\(|\s+sis[e]?\b"
    r"|\s+situ[ée]e?\b|\s+domicili|\s+[-–]\s|\s*[«»“”;]|\s+(?-i:Et|ET)\s",
    re.IGNORECASE,
)
HEAD_ARTICLE = r"(?:la|le|l['’]|les)?\s*"  # what PARTY_HEADS put before each head's own pattern
NAME_MAX_WORDS = 16  # a head longer than this has run into the text: it is not a name
LEADING = re.compile(r"^(?:[\s,;:.»”\"\-–•▪]|\d{1,2}\s*[.)°]\s|[a-z]\)\s)+")
OTHER_NEEDS = 400  # an untyped head counts only when "représentée par" follows within these characters


def party_type_of(text: str) -> PartyType | None:
    for head in PARTY_HEADS:
        if head.regex.match(text):
            return head.party_type
    return None


def party_name(as_written: str, party_type: PartyType) -> str:
    """The entity's own name: the commune's name for a commune, the body's name otherwise."""
    text = re.sub(r"^\s*(?:(?:la|le|les)\s+|l['’]\s*)", "", as_written.strip(), flags=re.IGNORECASE)
    text = text[:1].upper() + text[1:]
    if party_type == "commune":
        for pattern, article, _example in COMMUNE_ARTICLES:
            if pattern.match(text):
                return article + title_case(pattern.sub("", text))
    return title_case(text)


def _head_type(text: str) -> PartyType | None:
    """The type a paragraph's head gives, "other" for an untyped entity followed by its representative."""
    party_type = party_type_of(text)
    if party_type or CI_APRES.regex.match(text):
        return party_type
    if OTHER_PARTY_HEAD.regex.match(text) and REPRESENTED.regex.search(text[:OTHER_NEEDS]):
        return "other"
    return None


def _cuts(text: str) -> list[tuple[int, int]]:
    """(start, end) of every separator: text in it belongs to no party."""
    cuts = [(m.end(), m.end()) for m in PARTY_END.regex.finditer(text) if m.group(0).lower().startswith("ci")]
    cuts += [m.span() for m in PARTY_END.regex.finditer(text) if not m.group(0).lower().startswith("ci")]
    for match in PARTY_SEPARATOR.regex.finditer(text):
        if _head_type(LEADING.sub("", text[match.end() :])):
            cuts.append(match.span())
    # "… dûment autorisé à signer la Commune de X, représentée par …": a typed head and its
    # representative start a party even where no separator is written.
    for head in PARTY_HEADS:
        pattern = r"\b(?:la|le|les|l['’])\s*" + head.regex.pattern.split(HEAD_ARTICLE, 1)[1]
        for match in re.finditer(pattern, text, re.IGNORECASE):
            name = NAME_END.split(text[match.start() :], maxsplit=1)
            after = text[match.start() + len(name[0]) :]
            if REPRESENTED.regex.match(after.lstrip(" ,")) and len(name[0].split()) <= NAME_MAX_WORDS:
                cuts.append((match.start(), match.start()))
    return sorted(set(cuts))


def party_paragraphs(flow: Flow) -> list[tuple[int, int]]:
    """(start, end) in the flow's text of each paragraph that opens with a party's head."""
    text = flow.text
    stop = PARTIES_END.regex.search(text)
    limit = stop.start() if stop else len(text)
    bounds = [0, *(point for cut in _cuts(text[:limit]) for point in cut), limit]
    paragraphs: list[tuple[int, int]] = []
    for start, end in zip(bounds[::2], bounds[1::2], strict=False):
        piece = text[start:end]
        lead = PARTY_LEAD.regex.match(piece)
        skip = lead.end() if lead else 0
        skip += len(piece[skip:]) - len(LEADING.sub("", piece[skip:]))
        if _head_type(text[start + skip : end]):
            paragraphs.append((start + skip, end))
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
        role = re.sub(r"^(?:son|sa|ses|leur)\s+", "", role, flags=re.IGNORECASE)
    return person.as_written, role


def _furniture(line: Line) -> bool:
    """A page's number or the prefecture stamp at its foot, between two parties at a page break."""
    return line.role == "stamp" or is_stamp_line(line.text) or bool(PAGE_NUMBER.regex.match(line.text))


def parse_parties(lines: list[Line], file: str) -> list[Party]:
    """Parties in the order written, each with its span."""
    flow = Flow.of_lines(
        [line for line in lines if not (PARTIES_OPEN.regex.match(line.text) or _furniture(line))]
    )
    parties: list[Party] = []
    for start, end in party_paragraphs(flow):
        paragraph = flow.text[start:end]
        party_type = _head_type(paragraph)
        span = flow.span(file, start, end)
        if party_type is None or span is None:
            continue
        as_written = clean(NAME_END.split(paragraph, maxsplit=1)[0])
        if len(as_written.split()) > NAME_MAX_WORDS:
            continue
        body = re.split(r"ci-?\s*apr[eè]s", paragraph, maxsplit=1, flags=re.IGNORECASE)[0]
        representative, role = _representative(body)
        parties.append(
            Party(
                position=len(parties) + 1,
                as_written=as_written,
                party_type=party_type,
                name=party_name(as_written, party_type),
                span=span,
                representative=representative,
                role=role,
            )
        )
    return parties
