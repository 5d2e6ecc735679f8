"""Signature place and date, and the signature blocks under them.

A block is an entity line ("Pour la Commune de GARDANNE," or, on scanned pages, a bare "Commune
d'Aiglun"), then role lines ("Monsieur le Maire"), name lines ("Hervé GRANIER") and a seal line
("(Cachet et signature)"). When OCR reads a two-column signature page line by line, two entity lines
come in a row and the role and name lines that follow alternate between the two columns; a name
left alone is given to the column whose party it represents.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from datetime import date

from rapidfuzz import fuzz

from ctg.core.dates import parse_date
from ctg.core.model import Line, Party, PartyType, Person, SignatureBlock, Span
from ctg.normalize.stamp_lines import is_stamp_line
from ctg.segment.flow import Flow
from ctg.segment.parties import party_name, party_type_of
from ctg.segment.patterns import (
    BLOCK_ENTITY,
    BLOCK_FOR,
    BLOCK_ROLE,
    CIVIL_NAME,
    CLOSING,
    CLOSING_ROLE,
    COPIES,
    PAGE_NUMBER,
    PERSON,
    ROLE_LINE,
    SCRIBBLE,
    SEAL,
    SEAL_INLINE,
    SIGNATURE_ENTITY,
    SIGNATURE_FOR,
    SIGNED_AT,
    SIGNED_BY,
    SIGNED_FIELD,
    UPPER_NAME,
)
from ctg.segment.text import clean, fold_words, parse_person, person_by_model


@dataclass(slots=True)
class _Block:
    entity: list[Line]
    roles: list[str] = field(default_factory=list)
    names: list[Person] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    closed: bool = False


SAME_ENTITY = 90  # folded ratio: two blocks of one entity, its name read with OCR damage in one of them
ROLE_WORDS = frozenset(
    [
        "directeur",
        "directrice",
        "general",
        "generale",
        "president",
        "presidente",
        "maire",
        "adjoint",
        "adjointe",
        "conseil",
        "administration",
        "vice",
        "secretaire",
        "prefet",
        "prefete",
    ]
)


def _name_starts(text: str) -> list[tuple[int, int]]:
    """(start, end) of the signers' names in a flow: "Monsieur X Y" first, then "Prénom NOM" not inside
    one, less the words a name in capitals drags in ("Directeur Général Yves FASANARO",
    "d'Administration Maley UPRAVAN")."""
    found = [m.span() for m in CIVIL_NAME.regex.finditer(text)]
    pos = 0
    while match := PERSON.regex.search(text, pos):
        start, end = match.span("name")
        pos = end
        if any(a <= start < b or a < end <= b for a, b in found):
            continue
        words = match.group("name").split()
        while len(words) > 2 and (fold_words(words[0]) in ROLE_WORDS or (start and text[start - 1] in "'’")):
            start += len(words[0]) + 1
            words = words[1:]
        if fold_words(words[0]) in ROLE_WORDS or (start and text[start - 1] in "'’"):
            continue
        found.append((start, end))
    return sorted(found)


# A line that ends on one of these, or a next line that starts in lower case, goes on over the break.
JOINING_WORDS = frozenset({"de", "des", "du", "la", "le", "les", "l", "d", "et", "en", "aux", "au"})


def _line_cuts(flow: Flow) -> set[int]:
    """Where a line break of the zone is kept: not inside a name going on ("… Des / Bouches Du Rhône")."""
    cuts: set[int] = set()
    for n in range(1, len(flow.words)):
        before, word = flow.words[n - 1], flow.words[n]
        if (before.page, before.line) == (word.page, word.line):
            continue
        last = fold_words(before.text).split()[-1:] or [""]
        if word.text[:1].islower() or last[0] in JOINING_WORDS or before.text.endswith(("'", "’")):
            continue
        cuts.add(flow.starts[n])
    return cuts


def logical_lines(lines: list[Line]) -> list[Line]:
    """The lines of a signature zone cut again where an entity, a role, a name or a seal starts, and
    joined where a name or a role goes on over a break, so that the block reader gets the same lines
    whatever the wrapping."""
    flow = Flow.of_lines(lines)
    text = flow.text
    cuts = {0, len(text)} | _line_cuts(flow)
    for pattern in (BLOCK_FOR, BLOCK_ENTITY, BLOCK_ROLE, SEAL_INLINE):
        for match in pattern.regex.finditer(text):
            cuts.update(match.span() if pattern is SEAL_INLINE else (match.start(),))
    for start, end in _name_starts(text):
        cuts.update((start, end))
    pieces: list[Line] = []
    for start, end in itertools.pairwise(sorted(cuts)):
        piece = text[start:end].strip()
        words = flow.words_in(start, start + 1)
        if piece and words:
            pieces.append(Line(text=piece, page=words[0].page, number=words[0].line, raw=piece))
    return _join_trailing_punctuation(pieces)


def _join_trailing_punctuation(pieces: list[Line]) -> list[Line]:
    """A piece that is only punctuation left after a cut ("," after a name) goes back on the previous one."""
    out: list[Line] = []
    for piece in pieces:
        if out and not re.search(r"\w", piece.text):
            out[-1].text += piece.text
        else:
            out.append(piece)
    return out


def signed_place_date(lines: list[Line]) -> tuple[str, date | None]:
    """("Marseille", date(2025, 11, 19)) from "Fait à Marseille, le 19 novembre 2025,"."""
    for line in lines:
        match = SIGNED_AT.regex.match(line.text)
        if match:
            place = clean(match.group("place"))
            return ("" if PLACEHOLDER.fullmatch(place) else place), parse_date(match.group("date"))
    return "", None


# A place left blank to fill in ("Fait à xxxxxxxx", "Fait à ……"): no place is given.
PLACEHOLDER = re.compile(r"[xX.…_\s-]+")


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
            and fuzz.token_set_ratio(fold_words(party.representative), fold_words(person.as_written)) >= 90
        ):
            for block in row:
                if fuzz.token_set_ratio(fold_words(party.name), fold_words(_entity(block))) >= 85:
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
    zone = signature_zone(lines)
    lines = logical_lines(
        [line for line in zone if not (SIGNED_AT.regex.match(line.text) or COPIES.regex.match(line.text))]
    )
    first = next(
        (line for line in lines if _entity_text(line.text) or CIVIL_NAME.regex.match(line.text)), None
    )
    if first is not None and not _entity_text(first.text):
        return person_blocks(zone, file)  # "Monsieur X / Directeur de la Caisse …": the name heads each block
    for row in _collect(lines):
        _rebalance(row, parties or [])
        blocks.extend(row)
    result: list[SignatureBlock] = []
    for block in blocks:
        as_written = _entity(block)
        party_type: PartyType = party_type_of(as_written) or "other"
        name = party_name(as_written, party_type)
        if result and fuzz.ratio(fold_words(result[-1].name), fold_words(name)) >= SAME_ENTITY:
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
    return fuzz.token_set_ratio(
        fold_words(party.name), fold_words(block.name)
    ) >= 85 or _signed_by_representative(party, block)


def _signed_by_representative(party: Party, block: SignatureBlock) -> bool:
    """The party's representative signs the block, which names the body otherwise ("Directeur de la
    CPAM du Hainaut" for the "Caisse Primaire d'Assurance Maladie du Hainaut")."""
    family = fold_words(party.representative).split()[-1:]
    return bool(family) and any(family[0] in fold_words(s.as_written).split() for s in block.signers)


# --- blocks that give the name first ("Monsieur Hugo GILARDI / Directeur Général de l'Agence …") ---

ZONE_STOP = re.compile(r"^\s*An{1,2}exes?\b|^\s*SOMMAIRE\b", re.IGNORECASE)
PROSE_CHARS = 110  # a line this long is running text: the signature page is over
ROLE_MAX_WORDS = 25
ROLE_ENTITY = re.compile(
    r"\b(?:de\s+la|de\s+l['’]|du|des|de|d['’])\s*(?P<entity>(?-i:[A-ZÀ-Ý]).+)$", re.IGNORECASE
)


def signature_zone(lines: list[Line]) -> list[Line]:
    """The lines of a signature page, up to an annex heading or running text after the blocks."""
    zone: list[Line] = []
    started = False  # prose between "Fait à" and the first block (a reminder to the signatories) stays
    for line in lines:
        text = line.text.strip()
        if ZONE_STOP.match(text) or (started and len(text) > PROSE_CHARS):
            break
        started = started or bool(_entity_text(text) or CIVIL_NAME.regex.match(text))
        zone.append(line)
    return zone


def _role_entity(role: str) -> str:
    """ "Agence Régionale de Santé Hauts-de-France" from "Directeur Général de l'Agence Régionale …"."""
    match = ROLE_ENTITY.search(role)
    return clean(match.group("entity")) if match else ""


def _block(position: int, person: Person | None, role: str, as_written: str, span: Span) -> SignatureBlock:
    entity = _role_entity(role)
    party_type: PartyType = party_type_of(entity) or "other"
    signer = Person(
        person.as_written if person else "",
        person.civility if person else "",
        person.first_name if person else "",
        person.last_name if person else "",
        role,
    )
    return SignatureBlock(
        position=position,
        as_written=clean(as_written),
        party_type=party_type,
        name=party_name(entity, party_type) if entity else "",
        span=span,
        signers=[signer],
    )


def person_blocks(lines: list[Line], file: str) -> list[SignatureBlock]:
    """Blocks that start with a civility and a name, the role under it, read on the flow of words so
    that a name or a role over two lines, or two columns read block by block, give the same rows."""
    # A page's number and the prefecture stamp printed at its foot come between two blocks, or a role
    # and the next page's blocks: they belong to no block.
    furniture = (SIGNED_AT, COPIES, SEAL, PAGE_NUMBER)
    kept = [
        line
        for line in signature_zone(lines)
        if not (
            line.role == "stamp"
            or is_stamp_line(line.text)
            or any(p.regex.match(line.text) for p in furniture)
        )
    ]
    flow = Flow.of_lines(kept)
    text = flow.text
    matches = list(CIVIL_NAME.regex.finditer(text))
    blocks: list[SignatureBlock] = []
    for n, match in enumerate(matches):
        end = matches[n + 1].start() if n + 1 < len(matches) else len(text)
        role_words = re.sub(r"\s+\d{1,3}\s*$", "", text[match.end() : end]).split()
        role = clean(" ".join(role_words)) if len(role_words) <= ROLE_MAX_WORDS else ""
        span = flow.span(file, match.start(), match.end() + len(" ".join(role_words)) + 1)
        if span is None:
            continue
        person = parse_person(match.group(0))
        blocks.append(_block(len(blocks) + 1, person, role, f"{match.group(0)} {role}", span))
    return blocks


# --- signatures at the end of minutes, deliberations, arrêtés and decrees ---

TAIL_WORDS = 400  # a closing cue is looked for in the document's last words
NO_CUE_WORDS = 40  # without a cue, only the very last words may hold a name
NAME_LINE_WORDS = 6
ROLE_LINES_UP = 4
NOT_NAMES = frozenset(
    [
        "conseil",
        "municipal",
        "mairie",
        "commune",
        "ville",
        "questions",
        "diverses",
        "proces",
        "verbal",
        "seance",
        "annexe",
        "article",
        "republique",
        "francaise",
        "prefecture",
        "departement",
        "compte",
        "rendu",
        "ordre",
        "jour",
        "vote",
        "unanimite",
        "le",
        "la",
        "les",
        "maire",
        "secretaire",
        "president",
        "presidente",
        "prefet",
        "adjoint",
    ]
)


def _name_on(text: str, cued: bool) -> tuple[Person, str] | None:
    """(person, text before the name) when the line ends with a signer's name; a name in capitals
    alone only under a closing cue ("Fait le …"), where a company's name in capitals is unlikely."""
    stripped = text.strip()
    upper = UPPER_NAME.regex.match(stripped) if cued else None
    if upper and not set(fold_words(stripped).split()) & NOT_NAMES:
        words = upper.group("name").split()
        return Person(upper.group("name"), "", words[0], " ".join(words[1:])), ""
    match = PERSON.regex.search(stripped)
    if not match or not re.search(r"[A-ZÀ-Ý]{2,}", match.group("name")):
        return None
    before, after = stripped[: match.start()], stripped[match.end() :]
    role_after = after.strip(" ,") and ROLE_LINE.regex.match(after.strip(" ,"))
    if (after.strip(" ,.") and not role_after) or len(match.group(0).split()) > NAME_LINE_WORDS:
        return None
    role = before.strip()
    if role and not (
        CLOSING_ROLE.regex.fullmatch(role) and (role.endswith((",", ":")) or len(role.split()) <= 4)
    ):
        return None  # "Monsieur le Maire propose la candidature de Jean PLUS": a sentence naming someone
    person = parse_person(match.group(0))
    return (person, before) if person else None


# The closing cue at a line's start or after a sentence on the same line: a paragraph joined.
CLOSING_ANYWHERE = re.compile(
    CLOSING.regex.pattern.replace(r"^\s*", r"(?:^\s*|(?<=[.;:!?»]\s))", 1), CLOSING.regex.flags
)


def _last_words(lines: list[Line], words: int) -> list[Line]:
    """The lines that hold the document's last `words` words: a window the wrapping does not change."""
    kept: list[Line] = []
    count = 0
    for line in reversed(lines):
        if count >= words:
            break
        kept.append(line)
        count += len(line.text.split())
    return kept[::-1]


def _closing_zone(lines: list[Line]) -> tuple[list[Line], bool]:
    """The lines from the last closing cue on (and whether there was one), else the last few words."""
    tail = _last_words(lines, TAIL_WORDS)
    cues = [i for i, line in enumerate(tail) if CLOSING_ANYWHERE.search(line.text)]
    return (tail[cues[-1] :], True) if cues else (_last_words(lines, NO_CUE_WORDS), False)


def _role_above(zone: list[Line], index: int, floor: int) -> list[Line]:
    """The role lines just above a name ("Par le Premier ministre :", "La ministre de …,"), over what OCR
    read of a handwritten signature between them ("Le Préfet," / "CV" / "Didier LAUGA")."""
    end = index
    while end > floor and SCRIBBLE.regex.match(zone[end - 1].text):
        end -= 1
    start = end
    while start > floor and end - start < ROLE_LINES_UP:
        text = zone[start - 1].text.strip()
        if (
            len(text) > 80
            or text.endswith(".")
            or (CLOSING.regex.match(text) and not CLOSING_ROLE.regex.match(text))
        ):
            break
        start -= 1
    role_lines = zone[start:end]
    joined = " ".join(line.text.strip() for line in role_lines)
    return role_lines if joined and CLOSING_ROLE.regex.match(joined) else []


def _zone_blocks(zone: list[Line], file: str, cued: bool, strict: bool = False) -> list[SignatureBlock]:
    """The blocks of a closing zone; `strict`: only a name on the line under its role ("Le Préfet," /
    "Didier LAUGA"), the form that stands for a signature anywhere in a document."""
    blocks: list[SignatureBlock] = []
    floor = 0
    for i, line in enumerate(zone):
        found = _name_on(line.text, cued)
        if not found:
            continue
        person, before = found
        above = _role_above(zone, i, floor) if not before.strip() else []
        if strict and not (above and not before.strip() and above[-1].text.strip().endswith(",")):
            continue  # "Secrétaire de séance : X" in a sitting's header names, it does not sign
        role = clean(" ".join([*(a.text.strip() for a in above), before]))
        last = person.as_written.split()[-1]
        after = line.text.strip()[line.text.strip().find(last) + len(last) :]
        if not role and after.strip(" ,."):
            role = clean(after)
        block_lines = [*above, line]
        blocks.append(_person_block(file, block_lines, person, role))
        floor = i + 1
    return blocks


def _person_block(file: str, block_lines: list[Line], person: Person, role: str) -> SignatureBlock:
    """A block signed by one person whose party the block does not name."""
    signer = Person(person.as_written, person.civility, person.first_name, person.last_name, role)
    return SignatureBlock(
        position=0,
        as_written=clean(" ".join(b.text.strip() for b in block_lines)),
        party_type="other",
        name="",
        span=Span.of_lines(file, block_lines),
        signers=[signer],
    )


SIGNED_FIELDS = 2  # the date and quality lines under "Signé par :"


def electronic_signatures(lines: list[Line], file: str) -> list[SignatureBlock]:
    """The visible fields of electronic signatures ("Signé par : Bernard MAGNIEN" / "Date : …" /
    "Qualité : Maire"), wherever the field lies on the page."""
    blocks: list[SignatureBlock] = []
    for i, line in enumerate(lines):
        match = SIGNED_BY.regex.match(line.text)
        person = parse_person(match.group("name")) if match else None
        if person is None:
            continue
        fields = list(itertools.takewhile(lambda f: SIGNED_FIELD.regex.match(f.text), lines[i + 1 :]))
        fields = fields[:SIGNED_FIELDS]
        found = [m for f in fields if (m := SIGNED_FIELD.regex.match(f.text))]
        role = next(
            (m.group("value") for m in found if fold_words(m.group("field")).startswith("qualit")), ""
        )
        block_lines = [line, *fields]
        blocks.append(_person_block(file, block_lines, person, role))
    return blocks


def closing_signatures(lines: list[Line], file: str) -> list[SignatureBlock]:
    """Signature blocks under the closing lines of a document that is not a convention: "Le Maire,
    Denis JUVIN", "Le Préfet," over "Didier LAUGA", a decree's "JEAN-MARC AYRAULT"; and, above its
    closing lines, a name under its role (an arrêté signed on page 7 of a file whose annex follows); and
    the fields of electronic signatures, wherever they lie."""
    electronic = electronic_signatures(lines, file)
    fields = {(b.span.page, n) for b in electronic for n in range(b.span.line_start, b.span.line_end + 1)}
    lines = [line for line in lines if (line.page, line.number) not in fields]
    zone, cued = _closing_zone(lines)
    start = len(lines) - len(zone)
    blocks = [*_zone_blocks(lines[:start], file, cued=False, strict=True), *_zone_blocks(zone, file, cued)]
    blocks = sorted([*electronic, *blocks], key=lambda b: (b.span.page, b.span.line_start))
    for position, block in enumerate(blocks, start=1):
        block.position = position
    return blocks
