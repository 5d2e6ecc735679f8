"""Signature place and date, and the signature blocks under them.

A block is an entity line ("Pour la Commune de GARDANNE," or, on scanned pages, a bare "Commune
d'Aiglun"), then role lines ("Monsieur le Maire"), name lines ("Hervé GRANIER") and a seal line
("(Cachet et signature)"). When OCR reads a two-column signature page line by line, two entity lines
come in a row and the role and name lines that follow alternate between the two columns; a name
left alone is given to the column whose party it represents.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from rapidfuzz import fuzz

from core.model import Line, Party, PartyType, Person, SignatureBlock, Span
from resolve.dates import parse_date
from segment.parties import party_name, party_type_of
from segment.patterns import PERSON, ROLE_LINE, SEAL, SIGNATURE_ENTITY, SIGNATURE_FOR, SIGNED_AT
from segment.text import clean, fold, parse_person, person_by_model


@dataclass(slots=True)
class _Block:
    entity: list[Line]
    roles: list[str] = field(default_factory=list)
    names: list[Person] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    closed: bool = False


def signed_place_date(lines: list[Line]) -> tuple[str, date | None]:
    """("Marseille", date(2025, 11, 19)) from "Fait à Marseille, le 19 novembre 2025,"."""
    for line in lines:
        match = SIGNED_AT.regex.match(line.text)
        if match:
            return clean(match.group("place")), parse_date(match.group("date"))
    return "", None


def _entity_text(text: str) -> str | None:
    match = SIGNATURE_FOR.regex.match(text) or SIGNATURE_ENTITY.regex.match(text)
    if not match or len(text) > 110 or PERSON.regex.fullmatch(text.strip()):
        return None
    return match.group("entity")


def _kind(text: str) -> str:
    stripped = text.strip()
    if _entity_text(stripped):
        return "entity"
    if SEAL.regex.match(stripped):
        return "seal"
    if ROLE_LINE.regex.match(stripped):
        return "role"
    if parse_person(stripped) and len(stripped.split()) <= 6:
        return "name"
    return "other"


def _collect(lines: list[Line]) -> list[list[_Block]]:
    """Blocks grouped by row: one block per row, or two when the page has two columns."""
    rows: list[list[_Block]] = []
    fill: list[int] = [0, 0]  # next role / name slot within the current row
    for line in lines:
        kind = _kind(line.text)
        current = rows[-1] if rows else []
        if kind == "entity":
            starts_row = not current or current[-1].roles or current[-1].names or current[-1].closed
            block = _Block(entity=[line], lines=[line])
            if starts_row or len(current) >= 2:
                rows.append([block])
                fill = [0, 0]
            else:
                current.append(block)
        elif not current:
            continue
        elif kind == "other" and not any(b.roles or b.names or b.closed for b in current):
            current[-1].entity.append(line)  # the entity's name goes on over a second line
            current[-1].lines.append(line)
        elif kind == "other" and _model_name(line, current):
            person = person_by_model(line.text)
            block = current[fill[1] % len(current)]
            fill[1] += 1
            if person:
                block.names.append(person)
                block.lines.append(line)
        elif kind in {"role", "name"}:
            slot = 0 if kind == "role" else 1
            block = current[fill[slot] % len(current)]
            fill[slot] += 1
            if kind == "role":
                block.roles.append(clean(line.text))
            else:
                person = parse_person(line.text)
                if person:
                    block.names.append(person)
            block.lines.append(line)
        elif kind == "seal":
            for block in current:
                block.closed = True
                block.lines.append(line)
    return rows


def _model_name(line: Line, row: list[_Block]) -> bool:
    """A short line under a role, in a block still waiting for its name: worth asking the model."""
    waiting = any(b.roles and len(b.names) < len(b.roles) and not b.closed for b in row)
    return waiting and len(line.text.split()) <= 5 and person_by_model(line.text) is not None


def _owner(person: Person, row: list[_Block], parties: list[Party]) -> _Block | None:
    """In a two-column row with one name, the block whose party this person represents."""
    for party in parties:
        if (
            party.representative
            and fuzz.token_set_ratio(fold(party.representative), fold(person.as_written)) >= 90
        ):
            for block in row:
                if fuzz.token_set_ratio(fold(party.name), fold(_entity(block))) >= 85:
                    return block
    return None


def _entity(block: _Block) -> str:
    text = " ".join(clean(line.text) for line in block.entity)
    return clean(_entity_text(text) or text)


def _rebalance(row: list[_Block], parties: list[Party]) -> None:
    names = [p for b in row for p in b.names]
    if len(row) == 2 and len(names) == 1:
        owner = _owner(names[0], row, parties)
        if owner:
            for block in row:
                block.names = names if block is owner else []


def _signers(block: _Block) -> list[Person]:
    signers: list[Person] = []
    for i, person in enumerate(block.names):
        role = block.roles[i] if i < len(block.roles) else ""
        signers.append(Person(person.as_written, person.civility, person.first_name, person.last_name, role))
    for role in block.roles[len(block.names) :]:  # a role with no name under it
        signers.append(Person(as_written="", role=role))
    return signers


def parse_signatures(
    lines: list[Line], file: str, parties: list[Party] | None = None
) -> list[SignatureBlock]:
    """Signature blocks in reading order; blocks of the same entity in a row are merged."""
    blocks: list[_Block] = []
    for row in _collect(lines):
        _rebalance(row, parties or [])
        blocks.extend(row)
    result: list[SignatureBlock] = []
    for block in blocks:
        as_written = _entity(block)
        party_type: PartyType = party_type_of(as_written) or "other"
        name = party_name(as_written, party_type)
        if result and fold(result[-1].name) == fold(name):
            result[-1].signers.extend(_signers(block))
            result[-1].span = Span.of_lines(
                file, sorted([*_span_lines(result[-1], lines), *block.lines], key=_order)
            )
            continue
        result.append(
            SignatureBlock(
                position=len(result) + 1,
                as_written=as_written,
                party_type=party_type,
                name=name,
                span=Span.of_lines(file, sorted(block.lines, key=_order)),
                signers=_signers(block),
            )
        )
    return result


def _order(line: Line) -> tuple[int, int]:
    return (line.page, line.number)


def _span_lines(block: SignatureBlock, lines: list[Line]) -> list[Line]:
    span = block.span
    return [
        line
        for line in lines
        if (span.page, span.line_start) <= _order(line) <= (span.page_end or span.page, span.line_end)
    ]


def signature_problems(blocks: list[SignatureBlock], parties: list[Party] | None = None) -> list[str]:
    """Blocks with no signer named, and parties that have no signature block."""
    problems: list[str] = []
    for block in blocks:
        if not any(s.as_written for s in block.signers):
            problems.append(f"signature block without name: {block.name}")
    for party in parties or []:
        if not any(_same_party(party, block) for block in blocks):
            problems.append(f"party without signature block: {party.name}")
    return problems


def _same_party(party: Party, block: SignatureBlock) -> bool:
    if party.party_type != block.party_type:
        return False
    if party.party_type in {"caf", "msa", "departement"}:
        return True  # one of each per convention; their names are written many ways ("La Caf")
    return fuzz.token_set_ratio(fold(party.name), fold(block.name)) >= 85
