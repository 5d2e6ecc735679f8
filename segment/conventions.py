"""Read a convention's structure with a state machine over its lines.

Each content line raises at most one event (table EVENTS); an event moves the machine to a section
(cover → parties → sommaire → visas → préambule → articles → signatures → annex list). TRANSITIONS
says which moves are allowed; a move it does not allow is kept in the current section and reported
as a problem of the document ("articles after signatures"), never silently accepted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ctg.core.model import Annex, Document, Line, Span
from ctg.segment.annexes import annex_body_headings, announced_annexes, merge_annexes
from ctg.segment.articles import check_articles, match_heading, parse_articles, parse_sommaire
from ctg.segment.contents import wrapped_toc_entries
from ctg.segment.documents import toc_lines
from ctg.segment.parties import parse_parties
from ctg.segment.patterns import (
    ANNEX_LIST_HEADING,
    CONVENU,
    COPIES,
    PARTIES_OPEN,
    PARTIES_OPEN_INLINE,
    PREAMBULE,
    SIGNATORIES,
    SIGNATURE_FOR,
    SIGNED_AT,
    SOMMAIRE,
    VISA,
    Pattern,
)
from ctg.segment.signatures import parse_signatures, signature_problems, signed_place_date
from ctg.segment.text import clean
from ctg.segment.titles import find_period

# Event pattern -> the section it opens. Examples live with the patterns.
EVENTS: tuple[tuple[Pattern, str], ...] = (
    (PARTIES_OPEN, "parties"),
    (PARTIES_OPEN_INLINE, "parties"),
    (SOMMAIRE, "sommaire"),
    (CONVENU, "visas"),
    (VISA, "visas"),
    (PREAMBULE, "preambule"),
    (SIGNED_AT, "signatures"),
    (COPIES, "signatures"),
    (SIGNATORIES, "signatures"),
    (ANNEX_LIST_HEADING, "annex_list"),
)
SIGNATURE_LINE_MAX = 100  # "Pour la Commune de X," is short; a sentence starting "Pour la Caf, …" is not

TRANSITIONS: dict[str, frozenset[str]] = {
    "cover": frozenset({"parties", "sommaire", "visas", "preambule", "articles"}),
    "parties": frozenset({"sommaire", "visas", "preambule", "articles"}),
    "sommaire": frozenset({"parties", "visas", "preambule", "articles"}),
    "visas": frozenset({"sommaire", "preambule", "articles"}),
    "preambule": frozenset({"visas", "articles"}),
    "articles": frozenset({"signatures", "annexes"}),
    "signatures": frozenset({"annex_list", "annexes"}),
    "annex_list": frozenset({"annexes"}),
    "annexes": frozenset(),
}


@dataclass(slots=True)
class Sections:
    """The convention's lines, sorted by section, and what went wrong on the way."""

    lines: dict[str, list[Line]] = field(default_factory=lambda: {state: [] for state in TRANSITIONS})
    problems: list[str] = field(default_factory=list)


def _event(line: Line, toc: bool, state: str, annex_body: bool, following: str = "") -> str | None:
    text = line.text.strip()
    if toc:
        return "sommaire"
    if annex_body:
        return "annexes"
    if text[:1].islower():
        return None  # "signataires" / "pour les communes …": a sentence wrapped there, not a heading
    if match_heading(text):
        return "articles"
    if (
        state in {"articles", "signatures"}
        and len(text) <= SIGNATURE_LINE_MAX
        and SIGNATURE_FOR.regex.match(text)
        and text.startswith("Pour")  # "pour les communes …" at a line start is a wrapped sentence
        and not following.strip()[:1].islower()  # "Pour la Caf, les objectifs sont" / "développer …"
    ):
        return "signatures"
    for pattern, target in EVENTS:
        if pattern.regex.match(text):
            return target
    return None


def split_sections(lines: list[Line]) -> Sections:
    """Walk the lines once, moving between sections as TRANSITIONS allows."""
    sections = Sections()
    toc = toc_lines(lines) | wrapped_toc_entries(lines)
    bodies = annex_body_headings(lines, toc)
    state = "cover"
    for i, line in enumerate(lines):
        following = lines[i + 1].text if i + 1 < len(lines) else ""
        target = _event(line, i in toc, state, i in bodies, following)
        if target and target != state:
            if target in TRANSITIONS[state]:
                state = target
            elif state != "annexes" and not (state == "signatures" and target == "visas"):
                sections.problems.append(f"{target} after {state} at line {line.number}")
        sections.lines[state].append(line)
    return sections


def parse_convention(
    document: Document, lines: list[Line], annex_bodies: dict[str, tuple[str, Span]]
) -> None:
    """Fill a convention document's parties, visas, articles, signatures and annexes in place."""
    sections = split_sections(lines)
    file = document.file
    document.problems.extend(sections.problems)
    document.parties = parse_parties(sections.lines["parties"], file)
    document.visas = _visas(sections.lines["visas"])
    article_lines = sections.lines["preambule"] + sections.lines["articles"]
    announced = parse_sommaire(sections.lines["sommaire"])
    document.articles = parse_articles(article_lines, file, announced=announced)
    document.problems.extend(check_articles(document.articles, announced))
    zone = sections.lines["signatures"]
    document.signed_place, document.signed_date = signed_place_date(zone)
    document.signatures = parse_signatures(zone, file, document.parties)
    document.problems.extend(signature_problems(document.signatures, document.parties))
    listed: list[Annex] = announced_annexes(sections.lines["sommaire"], sections.lines["annex_list"], file)
    document.annexes = merge_annexes(listed, annex_bodies)
    for name, required in (("parties", document.parties), ("articles", document.articles)):
        if not required:
            document.problems.append(f"no {name} found")
    if not document.signatures:
        document.problems.append("no signature block found")
    if document.period_start is None:
        document.period_start, document.period_end = find_period(lines)


def _visas(lines: list[Line]) -> list[str]:
    """Each "Vu …" with its continuation lines, as one string."""
    visas: list[str] = []
    ended = True
    for line in lines:
        text = line.text.strip()
        if VISA.regex.match(text):
            visas.append(clean(text))
        elif visas and not ended and not CONVENU.regex.match(text):
            visas[-1] = f"{visas[-1]} {clean(text)}"
        # A visa ends with ";" or "."; dotted leaders ("en date du ……") are a blank to fill, not an end.
        ended = bool(re.search(r"(?<!\.)[;.]$", text)) and not text.endswith("..")
    return visas
