"""Split the lines of one file into documents: deliberation, convention (each copy), annexes, receipts.

A document starts at a strong cue (table START_CUES): the "Entre :" that opens a convention's parties,
the heading of an annex body ("ANNEXE n – …"; after a convention too: the convention lists the annex,
its body is a document of its own), an acknowledgement or deliberation heading. A start is then
pulled back over the cover lines just above it (title, years, territory, prefecture stamp), so that
a copy's cover page goes with that copy, while a back cover at the end of the file stays with the
document it closes. Lines before the first start form a document of their own unless they are only
a cover.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass

from ctg.core.model import DocKind, Line
from ctg.normalize.stamp_lines import is_stamp_line
from ctg.segment.annexes import annex_body_headings
from ctg.segment.convention_types import titled_type
from ctg.segment.deliberations import DELIBERATED, looks_like_deliberation
from ctg.segment.minutes import is_list_title, is_minutes_title
from ctg.segment.patterns import (
    ACK_HEADING,
    ANNEX_HEADING,
    COVER_WORD,
    DELIB_HEADING,
    PAGE_NUMBER,
    PARTIES_OPEN,
    PARTIES_OPEN_INLINE,
    PERIOD,
    PERSON,
    ROLE_LINE,
    SEAL,
    SIGNATURE_FOR,
    SOMMAIRE,
    STAMP_DATE_LINE,
    STAMP_ID,
    TOC_LINE,
    YEAR_LINE,
    Pattern,
)
from ctg.segment.signatures import closing_signatures
from ctg.segment.stamps import is_acknowledgement, match_key
from ctg.segment.text import clean, content_lines
from ctg.segment.votes import vote_statement


@dataclass(frozen=True, slots=True)
class StartCue:
    kind: DocKind
    pattern: Pattern
    max_chars: int  # a heading is short; a longer line is running text that happens to match
    pull_back: bool  # take the cover lines above the cue (a convention's cover, a council's letterhead)


# (kind, pattern, longest line it may be): the cues that open a document. Examples are in the patterns.
START_CUES: tuple[StartCue, ...] = (
    StartCue("convention", PARTIES_OPEN, 60, True),
    StartCue("convention", PARTIES_OPEN_INLINE, 300, True),
    StartCue("annex", ANNEX_HEADING, 120, False),
    StartCue("acknowledgement", ACK_HEADING, 120, False),
    StartCue("deliberation", DELIB_HEADING, 120, True),
)


@dataclass(slots=True)
class Segment:
    """A run of lines that forms one document, before its fields are parsed."""

    kind: DocKind
    lines: list[Line]  # content lines only, in order
    cue: str


# What a table-of-contents entry starts with; dotted leaders elsewhere ("en date du ………") are blanks to fill.
TOC_ENTRY = re.compile(
    r"^\s*(Article|Annexe|Pr[ée]ambule|Signataires|Titre|Chapitre|Sommaire|\d+[.)]|[IVX]+[.)])", re.I
)


def toc_lines(lines: list[Line]) -> set[int]:
    """Indices of table-of-contents lines: dotted leaders, or the entries under a SOMMAIRE heading."""
    found: set[int] = set()
    in_toc = False
    for i, line in enumerate(lines):
        text = line.text.strip()
        if SOMMAIRE.regex.match(text):
            in_toc = True
            found.add(i)
            continue
        if TOC_LINE.regex.search(text) and TOC_ENTRY.match(text):
            found.add(i)
            continue
        if in_toc and not is_stamp(line):
            in_toc = _in_contents(line, lines[max(found)].page)
            if in_toc:
                found.add(i)
    return found


SOMMAIRE_ENTRY = re.compile(r"^\s*(Article|Annexe|Signataires|Pr[ée]ambule|\d+[.)])", re.I)
SECTION_TITLE_CHARS = 100


def _in_contents(line: Line, page: int) -> bool:
    """Whether a line under a SOMMAIRE is still one of its entries: a short heading ("Annexe 1 :
    Diagnostic territorial"), or, on the SOMMAIRE's page, the page number extraction put on a line
    of its own and the titles of sections ("Dynamiques santé sur le territoire"), wrapped or not.
    Running text (a line ending a sentence or a long one), or a line that opens a document, ends it."""
    text = line.text.strip()
    if (SOMMAIRE_ENTRY.match(text) and len(text) < 150) or TOC_LINE.regex.search(text):
        return True  # an entry, or the leaders that went to a line of their own
    if line.page != page:
        return False
    if PAGE_NUMBER.regex.match(text):
        return True
    opens = any(cue.pattern.regex.match(text) for cue in START_CUES)
    # An entry wrapped mid-list goes on in lower case: "instances de gouvernance : Comité de pilotage,".
    ends = r"[.;:!?]$" if text[:1].islower() else r"[.;:,!?]$"
    return len(text) <= SECTION_TITLE_CHARS and not re.search(ends, text) and not opens


def is_stamp(line: Line) -> bool:
    text = line.text
    return (
        line.role == "stamp"
        or is_stamp_line(text)
        or any(p.regex.match(text) for p in (STAMP_ID, STAMP_DATE_LINE))
    )


def is_cover_like(line: Line) -> bool:
    """A line of a cover page or a page banner: title words, years, a territory name, a stamp."""
    text = clean(line.text)
    if is_stamp(line) or COVER_WORD.regex.match(text) or YEAR_LINE.regex.match(text):
        return True
    if STAMP_ID.regex.match(text):
        return True
    if PERIOD.regex.fullmatch(text):
        return True
    if titled_type(text) or PAGE_NUMBER.regex.match(text):  # a cover's title, the number printed under it
        return True
    refuse: tuple[Pattern, ...] = (PERSON, ROLE_LINE, SEAL, SIGNATURE_FOR)
    if any(p.regex.search(text) for p in refuse) or re.match(r"^[-•*>=]", text):
        return False
    return len(text) <= 50 and len(text.split()) <= 7 and not re.search(r"\d|[.;:,)]$", text)


def _opens_page(lines: list[Line], index: int) -> bool:
    """Whether only stamp lines come before `index` on its page."""
    page = lines[index].page
    return all(is_stamp(line) for line in lines[:index] if line.page == page)


def _cue_at(lines: list[Line], index: int, toc: set[int], bodies: set[int]) -> StartCue | None:
    if index in toc:
        return None
    text = lines[index].text.strip()
    for cue in START_CUES:
        if len(text) <= cue.max_chars and cue.pattern.regex.match(text):
            if cue.kind == "annex" and index not in bodies:
                return None
            # An acknowledgement is a page of its own; its header typed inside an act's page (a box
            # the transmission tool adds, read after the page's body) is that act's stamp.
            if cue.kind == "acknowledgement" and not _opens_page(lines, index):
                return None
            return cue
    return None


def _pull_back(lines: list[Line], start: int, floor: int) -> int:
    """Move a start up over the cover lines above it, never above `floor`.

    After another document, a cover above the copy's first stamp is that document's back cover:
    a repeated file reads "… annexes / back cover / stamp / cover / Entre :" for each copy.
    """
    cue = start
    while start > floor and is_cover_like(lines[start - 1]):
        start -= 1
    if floor > 0:
        stamp = next((i for i in range(start, cue) if is_stamp(lines[i])), None)
        start = stamp if stamp is not None else start
    return start


def _floor(lines: list[Line], previous: tuple[int, StartCue]) -> int:
    """First line a new start may take: past the previous heading, and past its title line when the
    heading carries none ("Annexe 3:" / "Le Plan d'actions")."""
    index, cue = previous
    match = cue.pattern.regex.match(lines[index].text.strip())
    bare = cue.kind == "annex" and match is not None and not (match.groupdict().get("title") or "").strip()
    return index + (2 if bare else 1)


LEAD_TITLE_LINES = 12  # a convention's title heads its first lines


def _titled_convention(lines: list[Line]) -> bool:
    """A head titled as a convention, whatever its type; minutes and lists name conventions as items."""
    if is_minutes_title(lines) or is_list_title(lines):
        return False
    return any(titled_type(line.text) for line in lines[:LEAD_TITLE_LINES])


def _leading_kind(lines: list[Line]) -> DocKind:
    checks: tuple[tuple[DocKind, Callable[[list[Line]], bool]], ...] = (
        ("acknowledgement", is_acknowledgement),
        ("deliberation", looks_like_deliberation),
        ("convention", _titled_convention),
    )
    for kind, check in checks:
        if check(lines):
            return kind
    return "other"


def _heads_act(lead: list[Line], starts: list[tuple[int, StartCue]]) -> bool:
    """Whether the lines before a deliberation's heading are its own head: the register's title, the
    sitting and its attendance, printed above "Délibération n° …" with no decision or vote of their
    own. They belong to that act and are no document."""
    return bool(starts) and starts[0][1].kind == "deliberation" and not _decides(lead)


def _act_open(lines: list[Line], starts: list[tuple[int, StartCue]], index: int) -> bool:
    """Whether a deliberation started above `index` has not deliberated yet: a second heading is its own."""
    return (
        bool(starts) and starts[-1][1].kind == "deliberation" and not _decides(lines[starts[-1][0] : index])
    )


def _decides(lines: list[Line]) -> bool:
    """Whether the council deliberates or votes in `lines`."""
    return any(DELIBERATED.search(match_key(line.text)) or vote_statement(line.text) for line in lines)


def split_documents(lines: list[Line]) -> list[Segment]:
    """Cut a file's lines into document segments (content lines only), in file order."""
    content = content_lines(lines)
    if not content:
        return []
    toc = toc_lines(content)
    bodies = annex_body_headings(content, toc)
    starts: list[tuple[int, StartCue]] = []
    for i in range(len(content)):
        cue = _cue_at(content, i, toc, bodies)
        if cue and cue.kind in ("deliberation", "convention") and _in_record(content, starts, i):
            continue  # "Délibération n° …" headings of minutes or of a list are its items, "Entre" its text
        if cue and cue.kind == "deliberation" and _act_open(content, starts, i):
            continue  # "EXTRAIT DU REGISTRE …" then "Délibération n° …": one act, not decided yet
        if cue:
            floor = _floor(content, starts[-1]) if starts else 0
            starts.append((_pull_back(content, i, floor) if cue.pull_back else i, cue))
    segments: list[Segment] = []
    first = starts[0][0] if starts else len(content)
    lead = content[:first]
    if lead and not all(is_cover_like(line) for line in lead) and not _heads_act(lead, starts):
        segments.append(Segment(_leading_kind(lead), lead, "leading"))
        lead = []
    for n, (start, cue) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(content)
        body = (lead if n == 0 else []) + content[start:end]
        segments.append(Segment(cue.kind, body, cue.pattern.name))
    if not starts and lead:  # a file that is only a cover
        segments.append(Segment("other", lead, "leading"))
    for segment in segments:
        segment.kind = _record_kind(segment)
    return [piece for segment in segments for piece in _split_collection(segment)]


# A collection of acts published by a prefecture: cover and sommaire, then each act from the page
# where its number, listed in the sommaire, heads a page (folded text).
COLLECTION_TITLE = re.compile(r"\brecueil\W+des\W+actes\W+administratifs\b")
COLLECTION_EXAMPLE = "RECUEIL DES ACTES ADMINISTRATIFS SPÉCIAL N°30-2020-146"
ACT_NUMBER = re.compile(r"\b\d{2,3}-\d{4}-\d{2}-\d{2}-\d{3}\b")  # "30-2020-10-24-001"
COLLECTION_HEAD = 12  # non-blank lines where the collection's title stands
ACT_PAGE_HEAD = 3  # lines at the top of a page where an act's number heads it


def _split_collection(segment: Segment) -> list[Segment]:
    """A recueil des actes cut into its cover (with the sommaire) and its acts, each of kind "other"
    (acts of a prefecture are not council acts), each followed by its annex if it has one."""
    lines = segment.lines
    head = " ".join(match_key(line.text) for line in lines[:COLLECTION_HEAD])
    if not COLLECTION_TITLE.search(head):
        return [segment]
    listed: set[str] = set()
    starts: list[int] = []
    for index, line in enumerate(lines):
        top = index == 0 or lines[index - 1].page != line.page
        numbers = {
            n for other in lines[index : index + ACT_PAGE_HEAD] for n in ACT_NUMBER.findall(other.text)
        }
        if top and index and numbers & listed:  # each listed act opens once, at its first page
            starts.append(index)
            listed -= numbers
        elif not starts:
            listed.update(ACT_NUMBER.findall(line.text))
    bounds = [0, *starts, len(lines)]
    acts = [lines[a:b] for a, b in itertools.pairwise(bounds) if a < b]
    return [Segment("other", acts[0], segment.cue)] + [
        piece for act in acts[1:] for piece in _act_and_annex(act, segment.cue)
    ]


# An act names the annex that follows its signature: "annexé au présent arrêté", "figurant en annexe".
ANNEX_MENTION = re.compile(r"\bannex[ée]", re.IGNORECASE)


def _act_and_annex(lines: list[Line], cue: str) -> list[Segment]:
    """An act of a collection, and its annex when pages follow the page it is signed on and the act
    names an annex: the tables an arrêté announces are printed after its signature."""
    signed = next(
        (
            b.span.page_end or b.span.page
            for b in closing_signatures(lines, "")
            if b.span.page < lines[-1].page
        ),
        None,
    )
    cut = next((i for i, line in enumerate(lines) if signed and line.page > signed), len(lines))
    if cut == len(lines) or not any(ANNEX_MENTION.search(line.text) for line in lines[:cut]):
        return [Segment("other", lines, cue)]
    return [Segment("other", lines[:cut], cue), Segment("annex", lines[cut:], cue)]


def _in_record(lines: list[Line], starts: list[tuple[int, StartCue]], index: int) -> bool:
    """Whether `index` lies in minutes or a list of deliberations (its head says so)."""
    start = starts[-1][0] if starts else 0
    head = lines[start:index]
    return is_minutes_title(head) or is_list_title(head)


MINUTES_VOTES = 3  # vote statements that make a record of a sitting, whatever its title (an act has one)


def _votes(lines: list[Line]) -> int:
    return sum(1 for line in lines if (found := vote_statement(line.text)) and found.name == "vote")


def _record_kind(segment: Segment) -> DocKind:
    """Minutes of a sitting are "minutes"; a list or summary of deliberations is "other"."""
    if segment.kind not in ("deliberation", "other"):
        return segment.kind
    if is_minutes_title(segment.lines) or _votes(segment.lines) >= MINUTES_VOTES:
        return "minutes"
    return "other" if is_list_title(segment.lines) else segment.kind
