"""Minutes of a sitting (procès-verbal, compte rendu): its voted items, each with its heading, number
and vote, and the sitting's date and attendance.

Items are cut by the strongest evidence the text gives, in this order:

1. an act number opening a heading ("DL-055-07-13 - Signature du marché", "Délibération N° 63 - …");
2. a vote statement ("Vote : à l'unanimité", "est approuvé à l'unanimité", "prennent acte") that
   closes an item whose heading stands above it, since the previous statement.

A heading is a short line that opens a paragraph: after a blank line, or, in OCR text, which has
none, after a gap in the layout or where the body resumes beside the margin column. Headings stand
after the sitting opens ("L'an deux mille …"), never in the right half of a page (a stamp's box). A
heading whose end is hidden is completed where an earlier line announces it (the ordre du jour) or
where the item's text quotes it. The margin's count column ("Nombre de membres / en exercice : 11")
heads nothing.
A statement with no heading above it gives no item: nothing is invented. Counts printed once for the
sitting (a header "29 en exercice, 21 présents, 28 votants", a margin column repeated on each page)
are given to every item, from the page of the item's heading when the page prints its own; each is
recorded in `derived` with the page it was read on.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from rapidfuzz import fuzz

from ctg.core.civilities import civility_regex
from ctg.core.dates import find_dates
from ctg.core.model import Deliberation, Line, Span
from ctg.segment.deliberations import DECISION_VERBS, parse_deliberation
from ctg.segment.patterns import OPEN_WORDS, Pattern
from ctg.segment.patterns import pattern as table_entry
from ctg.segment.stamps import match_key
from ctg.segment.votes import read_votes, vote_statement


def _p(name: str, regex: str, example: str, flags: int = 0) -> Pattern:
    """An entry matched on folded text (lower case, no accents): no flags by default."""
    return table_entry(name, regex, example, flags)


# Titles of minutes, on folded text, at the start of a line of the document's head.
MINUTES_TITLES: tuple[Pattern, ...] = (
    # "verbai": OCR's "verbal"
    _p("proces_verbal", r"^\W*proces[\s-]*verba(?:l|ux|i)\b", "PROCES VERBAL DU CONSEIL MUNICIPAL"),
    _p(
        "compte_rendu",
        r"^\W*compte[\s-]*rendu\b(?!\s+(?:d'activite|annuel|financier|technique|de\s+gestion))",
        "COMPTE RENDU DE LA SEANCE DU CONSEIL MUNICIPAL",
    ),
    _p(
        "pv",
        r"^\W*pv\s+(?:du\s+|de\s+la\s+)?(?:conseil|seance)\b",
        "PV du conseil municipal du 16 décembre 2022",
    ),
)
# Titles of a list or summary of deliberations (a document of kind "other" whose items are rows).
LIST_TITLES: tuple[Pattern, ...] = (
    _p(
        "list",
        r"^\W*(?:liste|synthese|recapitulatif|releve|tableau)\s+des\s+deliberations\b",
        "Synthèse des délibérations portant attribution de subventions",
    ),
)
TITLE_LINES = 40  # non-blank lines of the head where a title is looked for

# Headings that print an act number, on the raw text: (name, pattern with number and objet, example).
NUMBERED_HEADINGS: tuple[Pattern, ...] = (
    _p(
        "code",
        r"^\W*(?P<number>[A-Z]{1,5}[-_]\d{1,4}(?:[-_/.]\d{1,4}){0,3})\s*[-–:]\s*(?P<objet>\S.*)$",
        "DL-055-07-13 - Signature du marché: Etude communale de ruissellement",
    ),
    _p(
        "deliberation_n",
        r"^\W*D[ée]lib[ée]ration\s+n\s*[°o]\s*(?P<number>\d[\w/.]*(?:-\d[\w/.]*)*)\s*[-–:]?\s*(?P<objet>\S.*)?$",
        "Délibération N° 63- Attributions de subventions dans le cadre des Bourse Animation Jeunes (BAJ) :",
        re.IGNORECASE,
    ),
    _p(
        "numero",
        r"^\W*N\s*°\s*(?P<number>\d{1,4}(?:[-_/.]\d{1,4}){1,3})\s*[-–:]\s*(?P<objet>\S.*)$",
        "N° 2023-045 : Budget primitif 2024",
    ),
)
# Lines that open a sentence or a labelled part, never a heading (folded text).
NOT_HEADING = re.compile(
    r"^\W*(?:vu|considerant|attendu|le\s+conseil|la\s+commune|les\s+membres|"
    # a civility opens a sentence ("Monsieur le Maire …"); "M. 14" is an accounts' nomenclature
    + civility_regex(("Monsieur", "Madame", "Mademoiselle"), exclude=("M", "M."), bounded=True, folded=True)
    + r"|m\.(?!\s?\d)"
    r"|apres|etai(?:en)?t|depuis|il\s|elle\s|ils\s|on\s|personne|l'an|le\s+quorum|le\s+maire|la\s+seance|presents?|absents?|excuses?"
    r"|procurations?|pouvoirs?|secretaire|ordre\s+du\s+jour|nombre\s+de|date\s+de|objet|expose|decision|vote"
    r"|envoye|recu|publie|affiche|id\b|republique|departement|page\b|seance\s+du|compte\s+rendu|proces|note\s+de"
    r"|questions?\s+diverses|fin\s+de|la\s+seance|total\b|section|excedent|deficit|resultat"
    r"|conformement|suite\s+a|afin|dans\s+le\s+cadre|lors\s+d|\w{5,8}\s+de\s+membres"
    r"|ouvert\w*\s+de\s+\W?\w+\s+seance|appel\b|quorum|d'autoriser|de\s+valider|d'approuver|duree|taux\b)"
)
VISA = re.compile(r"^\W*(?:vu|considerant|attendu)\b")  # "VU le code général …" opens an act's text
# A figure of a table row: an amount, a rate, a decimal number.
TABLE_FIGURE = re.compile(r"[€%]|\d[\d ]*[.,]\d\d\b")
# The line that opens the record of the sitting: what stands above it (title, margin, stamp) is the
# document's head, where no item stands.
SITTING_OPENS = re.compile(r"^\W*l'an\s+(?:deux\s+mille|mil|\d{4})\b")
OPENING_LINES = 80  # where the opening stands: an item's text may quote another "L'an …" further on
SITTING_CLOSED = re.compile(
    r"\bseance\s+(?:est\s+)?levee\b|\blevee\s+de\s+(?:la\s+)?seance\b|\bla\s+seance\s+est\s+(?:close|levee)\b"
)
# Margin column labels OCR may put between two entries of an ordre du jour.
MARGIN_WORDS = re.compile(r"^\W*(?:proces|compte|note\s+de|nombre|date\s+de|en\s+exercice|qui\s+ont|dont)\b")
ORDRE_DU_JOUR = re.compile(r"^\W*ordre\s+du\s+jour\b")
ENTRY_CHARS = 120  # an entry of the ordre du jour is a short line
LAST_ENTRY = re.compile(r"^\W*questions?\s+diverses\W*$")  # an entry, though never an item's heading
# The request put to the council when an item has no heading of its own: "Monsieur le Maire demande
# aux membres du Conseil de rajouter à l'ordre du jour …".
PROPOSAL = re.compile(
    r"\b(?:rajouter|ajouter|inscrire|retirer|modifier)\b[^.]{0,60}\bordre\s+du\s+jour\b"
    r"|\bordre\s+du\s+jour\s+(?:est|soit)\s+modifie"
)
# A sentence, not a heading: "Patricia MICHOT a été nommée secrétaire de séance" ("2" is OCR's "a"),
# a proxy given under "Procurations :".
SENTENCE = re.compile(
    r"\b(?:a|2|ont|est|sont)\s+ete\b"
    r"|\b(?:propose|demande|expose|presente|rappelle|informe|indique|souhaite|annonce)\b"
    r"|\b"
    + civility_regex(("Monsieur", "Madame"), short=False, folded=True)
    + r"\s+le\s+maire\b|\bpr\w?fecture\b"
    r"|\bdonne\s+(?:procuration|pouvoir)\b"  # "Catherine MARTEL donne procuration à …"
    r"|\bqu'(?:il|elle|on)s?\b"  # a clause's subject: "… fait apparaître qu'ils concordent"
)
# The genre title of the minutes, cut before its date ("Compte rendu / conseil municipal du") or
# with it ("CONSEIL MUNICIPAL / DU 9 JUILLET 2013").
GENRE_TITLE_CUT = re.compile(
    r"\b(?:conseil\s+\w+|\w+\s+municipal|seance)\s+du\s*$|^\W*conseil\s+\w+(?:\s+du\s+\d.*)?$"
)
# A heading run in with its paragraph, printed bold or underlined and glued to the sentence after it:
# a lower-case letter then, with no space, the capital of a sentence's first word (OCR keeps the glue).
RUN_IN = _p(
    "run_in_heading",
    r"(?<=[a-zà-ÿ]{3})(?=(?:La|Le|Les|L['’]|Il|Elle|Ils|Un|Une|Ce|Cette|Ces|Vu|Considérant|Suite|Afin|Dans"
    r"|Par|Pour|Lors|" + civility_regex(("Monsieur", "Madame"), short=False) + r")\b)",
    "Réalisation d'un parc photovoltaïqueLa commune de Flaux envisage de réaliser un",
)
# A margin label OCR joined to the heading beside it: "Note de synthèse M 49 - approbation du …".
MARGIN_LABEL = re.compile(r"^(?:Note\s+de\s+synth[eè]se|Proc[eè]s[\s-]verbal|Compte\s+rendu)\s+(?=[A-Z0-9])")
PROPOSAL_CHARS = 400
HEADING_CHARS = (4, 250)
HEADING_LINES = 3
# Where text OCR joined to a line begins: a stamp's words, a bracket of its box, the margin's
# "dont N procurations".
JOINED_TAIL = re.compile(
    r"\b(?:re[çcg]u\w*|envoy\w*|publi\w*|af+ich\w*)\s+(?:en|le)\b|\ben\s+pr\w{0,3}f\w*ctur|\bid\s*:|\]"
    r"|\s+dont\s+(?:\d+\s+)?p\w+$",
    re.IGNORECASE,
)
# A bullet OCR read inside a line: the line joins a margin and a list item ("2lmars 2022 + s'engage").
INLINE_BULLET = re.compile(r"\s[+•]\s")
# A stamp's words on the line after a heading cut short: the stamp hides the heading's end.
STAMP_WORDS = re.compile(r"publi|pr\w?fecture|\bid\s*:|envoy|\bre[cg]u\b|\baf+ich")
CUT_HEADING_CHARS = 60  # a heading ending on a preposition, its end hidden, is at most this long
# A sentence's end, or a word no heading ends on; a full stop after a space is a speck OCR read
# ("CCPU - marché nocturne 2022 ."), where ";", ":", "?" and "!" take a space in French.
_OPEN = "|".join((*OPEN_WORDS, "a", "d'", "l'"))  # on folded text: "a" is "à" too
ENDS_OPEN = re.compile(rf"(?:(?<!\s)\.|[;:?!]|\b(?:{_OPEN}))\s*$")
OPEN_END = re.compile(r"[,;(\-–]\s*$")  # a line that runs on into the next
OPEN_WORD = re.compile(rf"\b(?:{_OPEN})\s*$")  # a heading cut mid-phrase
WORD = re.compile(r"[A-Za-zÀ-ÿ]{4,}")
BULLET = re.compile(r"^\s*(?:[\-–•*>·:}\uf000-\uf8ff]+|Ÿ\W|o\s)\s*")  # "Ÿ”", "o ": OCR's bullets
FURNITURE_PAGES = 3
VOTE_ROLES = frozenset(
    {"body", "header", "footer"}
)  # a vote line repeated at the foot of pages is no furniture
DECISION_WORDS = frozenset(
    verb for verb, _ in DECISION_VERBS
)  # a short line on this many pages is running furniture (a margin column, a banner)


@dataclass(slots=True)
class Item:
    """One voted or numbered item of minutes: where its heading and its text are."""

    heading: list[int]  # indexes of its heading lines
    end: int  # index of its last line
    number: str = ""
    objet: str = ""
    statements: list[str] = field(default_factory=list)  # "vote" / "noted", in order
    votes_at: list[int] = field(default_factory=list)  # indexes of its vote statements
    completed: str = ""  # where its heading's hidden end was read: an earlier line, its own text


def _key(text: str) -> str:
    return match_key(text)


def _title(lines: list[Line], titles: tuple[Pattern, ...]) -> Pattern | None:
    head = [line for line in lines if line.text.strip()][:TITLE_LINES]
    return next((t for t in titles for line in head if t.regex.search(_key(line.text))), None)


def is_minutes_title(lines: list[Line]) -> bool:
    """Whether the document's head titles it as minutes of a sitting."""
    return _title(lines, MINUTES_TITLES) is not None


def minutes_title(lines: list[Line]) -> str:
    """The line that titles the minutes, with the one or two lines that continue it."""
    head = [line for line in lines if line.text.strip()][:TITLE_LINES]
    for index, line in enumerate(head):
        if any(t.regex.search(_key(line.text)) for t in MINUTES_TITLES):
            taken = [line.text.strip()]
            for other in head[index + 1 : index + 3]:
                if other.bold != line.bold or not _title_goes_on(other.text.strip()):
                    break
                taken.append(other.text.strip())
            return " ".join(taken)
    return ""


TITLE_LINE_CHARS = 90  # a title's continuation is a short line; the opening sentence is no title


def _title_goes_on(text: str) -> bool:
    """A short line that is neither a sentence nor a labelled line ("Présents : …")."""
    return len(text) <= TITLE_LINE_CHARS and not text.endswith(".") and ":" not in text


def is_list_title(lines: list[Line]) -> bool:
    """Whether the document's head titles it as a list or summary of deliberations."""
    return _title(lines, LIST_TITLES) is not None


def _body_text(line: Line) -> str:
    """The text of a line without what OCR joined to it: the margin column ("… | heading", a margin
    label before, "dont procurations" after) and a stamp over its end ("… hé, en préfecture le")."""
    text = MARGIN_LABEL.sub("", line.text.split("|")[-1].strip(" «»\"'"))
    tail = JOINED_TAIL.search(text)
    if tail:
        text = re.sub(r"(?:\s+\S{1,3})?[\s,;.-]*$", "", text[: tail.start()]) if tail.start() else ""
    return text


def _furniture(lines: list[Line]) -> set[str]:
    """Short lines repeated on many pages: a margin column, a banner (folded)."""
    pages: dict[str, set[int]] = {}
    for line in lines:
        key = _key(line.text).strip()
        if key and len(key) < 60:
            pages.setdefault(key, set()).add(line.page)
    return {key for key, found in pages.items() if len(found) >= FURNITURE_PAGES}


def _is_break(line: Line) -> bool:
    return not line.text.strip() or line.role == "blank"


# A gap between two lines of a page larger than its usual gap by this share of a line's height parts
# two paragraphs where the text has no blank line (OCR gives none): the lines of a paragraph of a
# scan touch, those of a text layer stand about 0.6 of a line apart, a paragraph break adds a line.
PARAGRAPH_GAP = 0.5


@dataclass(frozen=True, slots=True)
class Layout:
    """What the page shows beyond the text, for telling headings."""

    furniture: set[str]  # short lines repeated on many pages (folded)
    breaks: set[int]  # indexes of lines the layout parts from the line above


def _layout(lines: list[Line]) -> Layout:
    return Layout(_furniture(lines), _layout_breaks(lines))


def _layout_breaks(lines: list[Line]) -> set[int]:
    """Indexes of lines that stand in a block of their own: above the line before (the body read after
    the margin column beside it), or under a gap wider than the page's usual one."""
    pairs = [
        (i, _gap(lines[i - 1], lines[i]))
        for i in range(1, len(lines))
        if lines[i - 1].page == lines[i].page and lines[i - 1].bbox and lines[i].bbox
    ]
    usual: dict[int, list[float]] = {}
    for i, gap in pairs:
        if gap > -1:  # the next line down, not the top of another block
            usual.setdefault(lines[i].page, []).append(gap)
    # the lower quartile: the gap within paragraphs, wider gaps (between paragraphs, down a sparse
    # margin column) being fewer
    within = {page: sorted(gaps)[len(gaps) // 4] for page, gaps in usual.items()}
    return {i for i, gap in pairs if gap <= -1 or gap > within.get(lines[i].page, 0.0) + PARAGRAPH_GAP}


def _gap(above: Line, below: Line) -> float:
    """The space between two lines in line heights: negative where `below` overlaps or stands higher."""
    assert above.bbox is not None and below.bbox is not None
    height = max(min(above.bbox[3] - above.bbox[1], below.bbox[3] - below.bbox[1]), 1.0)
    if below.bbox[1] < above.bbox[1]:
        return -1.0  # above the line before it: another block
    return (below.bbox[1] - above.bbox[3]) / height


def _opens_paragraph(lines: list[Line], index: int, layout: Layout) -> bool:
    """A blank line, a gap or a page starts before it, or the line above ends a sentence, or it is set
    in bold."""
    line = lines[index]
    if index == 0 or line.bold or line.heading or "|" in line.text:  # "|": a margin column beside it
        return True
    previous = lines[index - 1]
    return (
        _is_break(previous)
        or index in layout.breaks
        or previous.page != line.page
        or previous.text.rstrip().endswith((".", ":", "!", "?"))
        or vote_statement(previous.text) is not None
        or _ranked(previous.text)  # under a ranked heading ("I - FINANCES"), whatever ends it
        or (_ranked(line.text) and not OPEN_END.search(previous.text))
    )


def _right_side(lines: list[Line]) -> set[int]:
    """Indexes of lines that begin in the right half of their page's text: a stamp's box and what OCR
    read in it (a handwritten date), a signature; a heading, flush left or centred, begins left of the
    middle."""
    edges: dict[int, tuple[float, float]] = {}
    for line in lines:
        if line.bbox is not None:
            left, right = edges.get(line.page, (line.bbox[0], line.bbox[2]))
            edges[line.page] = (min(left, line.bbox[0]), max(right, line.bbox[2]))
    return {
        i
        for i, line in enumerate(lines)
        if line.bbox is not None and line.bbox[0] > sum(edges[line.page]) / 2
    }


def _ranked(text: str) -> bool:
    """A short line opened by the rank of an entry: "II - FINANCES", "3 - Budget primitif 2022"."""
    return len(text.strip()) <= HEADING_CHARS[1] and RANK.match(text) is not None


def _could_head(text: str, key: str, furniture: set[str]) -> bool:
    letters = sum(char.isalpha() for char in text)
    return (
        HEADING_CHARS[0] <= len(text) <= HEADING_CHARS[1]
        and (text[0].isupper() or text[0].isdigit())
        and key.strip() not in furniture
        and not NOT_HEADING.search(key)
        and (not ENDS_OPEN.search(key) or _capitals_label(text))
        and letters >= 0.6 * len(text.replace(" ", ""))
        and any(re.search(r"[aeiouyàâéèêëîïôûù]", word, re.I) for word in WORD.findall(text))
        and len(re.findall(r"[A-Za-zÀ-ÿ]{2,}", text)) >= 2
        and not TABLE_FIGURE.search(text)
        and not SENTENCE.search(key)
        and not GENRE_TITLE_CUT.search(key)
        and not STAMP_WORDS.search(key)
        and not INLINE_BULLET.search(text)
        and not _opens_with_decision(text)
        and not _date_only(text)
        and vote_statement(text) is None
    )


def _capitals_label(text: str) -> bool:
    """A heading in capitals that ends on a colon ("TARIFS DU CAMPING MUNICIPAL :"); in lower case,
    a line ending on a colon introduces what follows ("se résume ainsi qu'il suit :")."""
    body = text.rstrip().removesuffix(":").strip()
    return text.rstrip().endswith(":") and body.isupper() and ":" not in body


def _opens_with_decision(text: str) -> bool:
    """A line of the dispositif ("Charge Monsieur le Maire de …", "- Autorise …"), not a heading."""
    words = [word for word in re.findall(r"[A-Za-zÀ-ÿ']+", text) if len(word) > 1]
    return bool(words) and _key(words[0]) in DECISION_WORDS


def _date_only(text: str) -> bool:
    key = _key(text)
    hits = find_dates(key)
    return bool(hits) and len(WORD.findall(re.sub(r"\d", "", key))) <= 2 and len(key) < 30


def _heading_at(lines: list[Line], index: int, layout: Layout) -> list[int] | None:
    """The heading's lines when one starts at `index` (a short standalone line, maybe wrapped)."""
    line = lines[index]
    text = _body_text(line)
    if (
        line.role != "body"
        or not text
        or not _opens_paragraph(lines, index, layout)
        or BULLET.match(line.text)
    ):
        return None
    if GENRE_TITLE_CUT.search(_key(text)):
        return None
    taken = [index]
    # a heading cut after a preposition goes on, past a blank line OCR may put in ("… du contrat de /
    # location et réactualisation du tarif"); otherwise it wraps in lower case, or in capitals
    cut = False  # a short heading whose end is hidden (under a stamp) stands as it is
    while OPEN_WORD.search(_key(text)) and len(taken) < HEADING_LINES:
        follower = _next_content(lines, taken[-1])
        stamped = follower is not None and STAMP_WORDS.search(_key(lines[follower].text))
        if (
            follower is None
            or lines[follower].page != line.page
            or not _continues(lines[follower])
            or stamped
        ):
            hidden = stamped or _announced(lines, index, text) is not None
            if len(taken) > 1 or len(text) > CUT_HEADING_CHARS or not hidden:
                return None
            cut = True
            break
        taken.append(follower)
        text = f"{text} {_body_text(lines[follower])}"
    if not _could_head(text, OPEN_WORD.sub("", _key(text)) if cut else _key(text), layout.furniture):
        return None
    for follower in range(taken[-1] + 1, min(len(lines), taken[-1] + HEADING_LINES)):
        other = lines[follower]
        rest = _body_text(other)
        capitals = text.isupper() and rest.isupper()
        if _is_break(other) or other.page != line.page or not rest or not _continues(other, capitals):
            break
        if not (rest[0].islower() or capitals):
            break
        if _states_count(rest):  # "Nombre de membres / en exercice : 11": the margin's count column
            return None
        taken.append(follower)
        text = rest
    return None if GENRE_TITLE_CUT.search(_key(_joined(lines, taken))) else taken


def _states_count(text: str) -> bool:
    """Whether a line gives one of the sitting's counts ("en exercice : 11", "dont 2 procurations")."""
    votes = read_votes([text])
    return any(getattr(votes, name) is not None for name in COUNT_FIELDS)


def _continues(line: Line, capitals: bool = False) -> bool:
    """Whether a line may carry on a heading: body text, not a label, a vote or a bullet. A heading set
    in capitals goes on in capitals whatever its words ("… CONCURRENTE / SUITE A LA …"), short of a
    visa."""
    rest = _body_text(line)
    return (
        line.role == "body"
        and bool(rest)
        and not (VISA if capitals else NOT_HEADING).search(_key(rest))
        and vote_statement(rest) is None
        and not BULLET.match(line.text)
    )


def _numbered_at(lines: list[Line], index: int) -> tuple[str, str] | None:
    text = lines[index].text.strip()
    for pattern in NUMBERED_HEADINGS:
        match = pattern.regex.match(text)
        if match and len(text) <= HEADING_CHARS[1]:
            return match.group("number").strip(" -"), (match.group("objet") or "").strip()
    return None


def _run_in_cut(heading: str) -> str:
    """The heading without the paragraph it runs in with."""
    glued = RUN_IN.regex.search(heading)
    return heading[: glued.start()] if glued else heading


def _joined(lines: list[Line], indexes: list[int]) -> str:
    text = re.sub(r"\s+", " ", " ".join(_body_text(lines[i]) for i in indexes))
    return SPECK_STOP.sub("", RANK.sub("", text, count=1)).strip(" :;,-–")


SPECK_STOP = re.compile(r"\s+\.\s*$")  # a full stop after a space: a speck OCR read (see ENDS_OPEN)
# The rank of an entry of the ordre du jour before its heading: "II. ", "3) ", "a - ".
RANK = re.compile(r"^\s*(?:[IVXL]{1,5}|\d{1,2}|[a-z])\s*[.)°–-]\s+")


def _next_content(lines: list[Line], index: int) -> int | None:
    return next((i for i in range(index + 1, len(lines)) if not _is_break(lines[i])), None)


def _agenda(lines: list[Line]) -> set[int]:
    """Indexes of the entries of an ordre du jour: the short lines under its heading, up to the first
    sentence. They announce items; the item is where its heading reappears with its text."""
    found: set[int] = set()
    for index, line in enumerate(lines):
        if not ORDRE_DU_JOUR.search(_key(line.text)):
            continue
        for follower in range(index + 1, len(lines)):
            other = lines[follower]
            if _is_break(other):
                continue
            if not _entry(other) or (follower + 1 < len(lines) and _opens_text(lines[follower + 1])):
                break  # a sentence, or a heading with its text right under it: the items have begun
            found.add(follower)
    return found


def _entry(line: Line) -> bool:
    text = BULLET.sub("", _body_text(line))
    if LAST_ENTRY.search(_key(text)):
        return True
    return len(text) <= ENTRY_CHARS and not NOT_HEADING.search(_key(text)) and not vote_statement(text)


def _opens_text(line: Line) -> bool:
    """A line of running text: a sentence opener or a vote, not another entry (nor a blank)."""
    return not _is_break(line) and not _entry(line) and not MARGIN_WORDS.search(_key(line.text))


def _headings_before(
    lines: list[Line], start: int, end: int, skip: set[int], layout: Layout
) -> list[list[int]]:
    """The headings in lines[start:end] (since the previous vote), in order: the first is the item's
    (the entries of an ordre du jour are skipped)."""
    found: list[list[int]] = []
    index = start
    while index < end:
        heading = _heading_at(lines, index, layout) if index not in skip else None
        if heading:
            found.append(heading)
            index = heading[-1] + 1
        else:
            index += 1
    return found


def _closed_headings(lines: list[Line], headings: list[list[int]], statements: int) -> list[list[int]]:
    """The headings that `statements` votes printed in a row close: the first ones (a heading-like line
    inside an item's text comes after its heading); but where headings are ranked ("I.", "II."), the
    last ranked ones, an earlier ranked heading being a point with no vote (a secretary designated)."""
    ranked = [heading for heading in headings if _ranked(lines[heading[0]].text)]
    return ranked[-statements:] if ranked else headings[:statements]


def _below_sections(lines: list[Line], headings: list[list[int]]) -> list[list[int]]:
    """The headings without those that title a section: a heading with the next heading right under it,
    no text between ("II - FINANCES" / "3 - Budget primitif 2022"), groups items and is none itself."""
    return [
        heading
        for heading, following in itertools.zip_longest(headings, headings[1:])
        if following is None or _next_content(lines, heading[-1]) != following[0]
    ]


def _proposal_before(lines: list[Line], start: int, end: int, layout: Layout) -> list[int] | None:
    """The paragraph just above a vote when it puts a request to the council (no heading of its own)."""
    paragraph: list[int] = []
    for index in range(end - 1, start - 1, -1):
        if _is_break(lines[index]):
            if paragraph:
                break
            continue
        paragraph.insert(0, index)
        if index in layout.breaks or (index > 0 and lines[index - 1].page != lines[index].page):
            break
    text = _joined(lines, paragraph)
    if not paragraph or len(text) > PROPOSAL_CHARS or not PROPOSAL.search(_key(text)):
        return None
    return paragraph


def _proposal_objet(text: str) -> str:
    """The request itself: "… demande aux membres de rajouter à l'ordre du jour X" gives "rajouter à
    l'ordre du jour X"."""
    match = PROPOSAL.search(_key(text))
    return text[match.start() :].strip(" .;") if match and len(_key(text)) == len(text) else text


def split_items(lines: list[Line]) -> list[Item]:
    """The items of minutes in `lines` (blank lines kept, as paragraph breaks), in order; the sitting
    ends where it is closed ("Séance levée à 20h00"): a page printed again after it adds nothing."""
    closed = next((i for i, line in enumerate(lines) if SITTING_CLOSED.search(_key(line.text))), None)
    lines = lines[: closed + 1] if closed is not None else lines
    layout = _layout(lines)
    numbered = {i: found for i in range(len(lines)) if (found := _numbered_at(lines, i))}
    head = lines[:OPENING_LINES]
    opened = next((i for i, line in enumerate(head) if SITTING_OPENS.search(_key(line.text))), 0)
    skip = _agenda(lines) | set(numbered) | set(range(opened)) | _right_side(lines)
    closers = [
        (i, statement.name)
        for i in range(len(lines))
        if lines[i].role in VOTE_ROLES and (statement := vote_statement(lines[i].text))
    ]
    openers: dict[int, Item] = {}
    for i, (number, objet) in numbered.items():
        heading = [i, *_continuation(lines, i)]
        tail = _joined(lines, heading[1:])
        openers[i] = Item(heading=heading, end=i, number=number, objet=f"{objet} {tail}".strip(" :;,-–"))
    previous = 0
    for run in _runs(lines, closers):
        first = run[0][0]
        if any(previous <= opener <= first for opener in openers):
            item = openers[max(opener for opener in openers if opener <= first)]
            item.statements.extend(kind for _, kind in run)
            item.votes_at.extend(index for index, _ in run)
            item.end = max(item.end, run[-1][0])
        else:
            # one heading a statement: votes printed one after the other close as many headings
            headings = _closed_headings(
                lines,
                _below_sections(lines, _headings_before(lines, previous, first, skip, layout)),
                len(run),
            )
            proposal = None if headings else _proposal_before(lines, previous, first, layout)
            for heading, (index, kind) in zip(
                headings or ([proposal] if proposal else []), run, strict=False
            ):
                if kind == "noted":  # a report taken note of is an item only when numbered
                    continue
                objet = (
                    _proposal_objet(_joined(lines, heading))
                    if proposal
                    else _run_in_cut(_joined(lines, heading))
                )
                openers[heading[0]] = Item(
                    heading=heading, end=index, objet=objet, statements=[kind], votes_at=[index]
                )
        previous = run[-1][0] + 1
    items = _once(_close(lines, openers))
    for item in items:
        if not item.number:
            item.objet, item.completed = _completed(lines, item)
            if not item.completed:
                item.objet, item.completed = _quoted_heading(lines, item)
    return items


def _runs(lines: list[Line], closers: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    """Statements grouped when only blank lines stand between them."""
    runs: list[list[tuple[int, str]]] = []
    for index, kind in closers:
        last = runs[-1][-1][0] if runs else None
        if last is not None and all(_is_break(line) for line in lines[last + 1 : index]):
            runs[-1].append((index, kind))
        else:
            runs.append([(index, kind)])
    return runs


# The last word of a heading cut short (under a stamp): one or two letters, not a French small word.
FRAGMENT = re.compile(r"\s(?P<fragment>[A-Za-zÀ-ÿ][a-zà-ÿ]?)$")
SMALL_WORDS = frozenset({"de", "du", "la", "le", "et", "en", "au", "a", "à", "d", "l", "un", "ou", "y"})
COMPLETION_SCORE = 88  # rapidfuzz alignment score of the visible part against the announced heading


def _completed(lines: list[Line], item: Item) -> tuple[str, str]:
    """The item's heading completed from an earlier line announcing it (the ordre du jour) when its end
    is hidden: "M49 — Interconnexion des 2 réservoirs - Em" + "… réservoirs - Emprunt long terme"."""
    cut = FRAGMENT.search(item.objet)
    if not cut or cut.group("fragment").lower() in SMALL_WORDS:
        return _announced_heading(lines, item)
    visible = item.objet[: cut.start()].rstrip()
    for line in lines[: item.heading[0]]:
        text = line.text.lower()
        found = fuzz.partial_ratio_alignment(visible.lower(), text, score_cutoff=COMPLETION_SCORE)
        if found is None or found.dest_end - found.dest_start < len(visible) * 0.8:
            continue
        rest = line.text[found.dest_end :].strip()
        if rest.lower().startswith(cut.group("fragment").lower()) and len(rest) > len(cut.group("fragment")):
            return f"{visible} {rest.rstrip(' .:;…')}", ANNOUNCED
    return _announced_heading(lines, item)


def _announced_heading(lines: list[Line], item: Item) -> tuple[str, str]:
    """A heading cut on a small word or a letter OCR misread ("… réservoirs - En" for "Em…"), as the
    earlier line announcing it words it whole."""
    if not (OPEN_WORD.search(_key(item.objet)) or FRAGMENT.search(item.objet)):
        return item.objet, ""
    announced = _announced(lines, item.heading[0], item.objet)
    return (announced, ANNOUNCED) if announced else (item.objet, "")


ANNOUNCED, QUOTED = "the ordre du jour", "the item's text"
QUOTE = re.compile(r"«\s*([^»]{8,300}?)\s*»")


def _quoted_heading(lines: list[Line], item: Item) -> tuple[str, str]:
    """The heading as the item's text quotes it whole when a stamp hides its end on the heading's line:
    "Parachèvement des travaux de restauration" + "… intitulé « Parachèvement des travaux de
    restauration du lavoir du hameau les Auvis »"."""
    text = " ".join(lines[i].text for i in range(item.heading[-1] + 1, item.end + 1))
    for quote in QUOTE.findall(text):
        found = fuzz.partial_ratio_alignment(item.objet.lower(), quote.lower(), score_cutoff=COMPLETION_SCORE)
        if found is None or found.dest_start > 2 or found.dest_end - found.dest_start < 0.8 * len(item.objet):
            continue
        rest = quote[found.dest_end :]
        rest = rest if not rest or not rest[0].isalnum() else rest.partition(" ")[2]  # from a word on
        if WORD.search(rest):
            return f"{item.objet} {rest.strip(' .,;:')}", QUOTED
    return item.objet, ""


def _start_of(visible: str, text: str, near: int) -> int:
    """Where in `text` the words of `visible` begin, about `near` (an alignment may start a few letters
    off): at its first word when found there, else at the start of the word under `near`."""
    first = visible.split()[0].lower()
    found = text.lower().find(first, max(0, near - len(first) - 3), near + len(first) + 3)
    if found >= 0:
        return found
    while near > 0 and text[near - 1].isalnum():
        near -= 1
    return near


def _announced(lines: list[Line], before: int, visible: str) -> str | None:
    """The earlier line (an entry of the ordre du jour, the margin's objet) that begins like `visible`
    and goes on past it, from where it matches; the best match, the first of equals."""
    best: tuple[float, str] | None = None
    for line in lines[:before]:
        text = line.text
        found = fuzz.partial_ratio_alignment(visible.lower(), text.lower(), score_cutoff=COMPLETION_SCORE)
        if found is None or found.dest_end - found.dest_start < len(visible) * 0.8:
            continue
        whole = text[_start_of(visible, text, found.dest_start) :].strip(" .:;…")
        if len(whole) > len(visible) + 3 and (best is None or found.score > best[0]):
            best = (found.score, whole)
    return best[1] if best else None


def _once(items: list[Item]) -> list[Item]:
    """Items with their heading printed once: a page printed twice (two states of the last page) repeats
    its items, and the first print stands."""
    seen: set[str] = set()
    kept: list[Item] = []
    for item in items:
        key = f"{item.number}|{_key(item.objet)}"
        if key not in seen:
            kept.append(item)
        seen.add(key)
    return kept


def _continuation(lines: list[Line], index: int) -> list[int]:
    """Lines that continue a numbered heading: wrapped in lower case, or set like it in bold."""
    taken: list[int] = []
    line = lines[index]
    for follower in range(index + 1, min(len(lines), index + HEADING_LINES)):
        other, above = lines[follower], lines[taken[-1] if taken else index].text.rstrip()
        text = other.text.strip()
        if _is_break(other) or other.page != line.page or not text or vote_statement(text):
            break
        if above.endswith((".", ":", ";", "!", "?")) or _numbered_at(lines, follower):
            break
        if not (text[0].islower() or (line.bold and other.bold and not NOT_HEADING.search(_key(text)))):
            break
        taken.append(follower)
    return taken


def _close(lines: list[Line], openers: dict[int, Item]) -> list[Item]:
    """Items in order; a numbered item runs to the next item, one found by its vote ends at its vote."""
    ordered = [openers[i] for i in sorted(openers)]
    for item, following in itertools.zip_longest(ordered, ordered[1:]):
        limit = (following.heading[0] - 1) if following else len(lines) - 1
        item.end = limit if item.number else min(item.end, limit)
    return ordered


# --- the sitting's attendance -------------------------------------------------------------------

COUNT_FIELDS = ("en_exercice", "presents", "votants", "pouvoirs")


def _page_counts(lines: list[Line]) -> dict[int, dict[str, int]]:
    """Counts each page prints, read line by line and on pairs of lines (a wrapped margin label)."""
    by_page: dict[int, dict[str, int]] = {}
    pages = sorted({line.page for line in lines})
    for page in pages:
        texts = [line.text for line in lines if line.page == page and line.text.strip()]
        pairs = [f"{a} {b}" for a, b in itertools.pairwise(texts)]
        votes = read_votes(texts + pairs)
        found = {name: getattr(votes, name) for name in COUNT_FIELDS if getattr(votes, name) is not None}
        if found:
            by_page[page] = found
    return by_page


# The smallest council (CGCT art. L2121-2: 7 members under 100 inhabitants) and the least share of its
# members a sitting deliberates with (a quorum of half, of a third under the 2020-2022 rules): a
# page's figure below them is OCR's misreading of the margin ("11" read "1"), and the figure of the
# nearest page before stands instead.
SMALLEST_COUNCIL = 7
LEAST_SHARE = 1 / 3


def _council_size(by_page: dict[int, dict[str, int]]) -> int | None:
    """The members in office most pages print, misreadings aside."""
    sizes = Counter(
        counts["en_exercice"]
        for counts in by_page.values()
        if counts.get("en_exercice", 0) >= SMALLEST_COUNCIL
    )
    return sizes.most_common(1)[0][0] if sizes else None


def _misread(name: str, value: int, members: int | None) -> bool:
    if name == "en_exercice":
        return value < SMALLEST_COUNCIL
    return name in ("presents", "votants") and members is not None and value < members * LEAST_SHARE


def _plausible(by_page: dict[int, dict[str, int]], members: int | None) -> dict[int, dict[str, int]]:
    kept = {
        page: {name: value for name, value in counts.items() if not _misread(name, value, members)}
        for page, counts in by_page.items()
    }
    return {page: counts for page, counts in kept.items() if counts}


def _drop_misread(act: Deliberation, members: int | None) -> None:
    """An item's own reading of the margin beside it, when it is a misreading: left to the sitting's."""
    for name, attribute in COUNT_ATTRIBUTES.items():
        value = getattr(act, attribute)
        read = not any(note.startswith(name) for note in act.derived)
        if value is not None and read and _misread(name, value, members):
            setattr(act, attribute, None)


def _counts_for(page: int, by_page: dict[int, dict[str, int]]) -> dict[str, tuple[int, int]]:
    """Each count as printed on `page`, else on the nearest page before it that prints it."""
    counts: dict[str, tuple[int, int]] = {}
    for printed in sorted(p for p in by_page if p <= page):
        for name, value in by_page[printed].items():
            counts[name] = (value, printed)
    return counts


COUNT_ATTRIBUTES = {
    "en_exercice": "en_exercice",
    "presents": "presents_count",
    "votants": "votants",
    "pouvoirs": "pouvoirs_count",
}


def _apply_counts(act: Deliberation, counts: dict[str, tuple[int, int]], item_page: int) -> None:
    for name, attribute in COUNT_ATTRIBUTES.items():
        if name in counts and getattr(act, attribute) is None:
            value, page = counts[name]
            setattr(act, attribute, value)
            where = "its page" if page == item_page else f"p. {page}"
            act.derived.append(f"{name} = {value}: the sitting's count printed on {where}")


# --- items → deliberations ----------------------------------------------------------------------


def _item_act(lines: list[Line], item: Item, file: str, sitting: Deliberation) -> Deliberation:
    at = sorted({*range(item.heading[0], item.end + 1), *item.votes_at})
    own = [lines[i] for i in at if lines[i].text.strip()]
    act = parse_deliberation(own, file)
    act.span = Span.of_lines(file, own)
    act.number, act.objet = item.number, item.objet
    act.derived = [note for note in act.derived if not note.startswith("objet")]
    if item.completed:
        act.derived.append(f"objet: the end hidden in the heading, read in {item.completed}")
    votes = read_votes([line.text for line in own])
    # true where unanimity is written, false where votes against are printed; an item only taken
    # note of, or whose vote line is blank, has neither
    voted = "vote" in item.statements
    act.unanimite = True if voted and votes.unanimous else (False if voted and votes.contre else None)
    if act.unanimite is None:  # what the act's reading derived from its counts no longer stands
        act.derived = [note for note in act.derived if not note.startswith("unanimité")]
    # the sitting's, when its head gives them: an item's text recalls other dates and people
    for name in ("collectivite", "seance_date", "president", "secretaire"):
        setattr(act, name, getattr(sitting, name) or getattr(act, name))
    act.presents, act.pouvoirs, act.absents = sitting.presents, sitting.pouvoirs, sitting.absents
    return act


def parse_items(lines: list[Line], file: str) -> list[Deliberation]:
    """The voted items of minutes (lines of the whole document, blank lines kept), with the sitting's
    date and attendance on each; [] when no item is found."""
    items = split_items(lines)
    if not items:
        return []
    head = [line for line in lines[: items[0].heading[0]] if line.text.strip()] or [lines[0]]
    sitting = parse_deliberation(head, file)
    sitting.seance_date = _sitting_date(head) or sitting.seance_date or _title_date(lines)
    printed = _page_counts(lines)
    members = _council_size(printed)
    by_page = _plausible(printed, members)
    acts: list[Deliberation] = []
    for item in items:
        act = _item_act(lines, item, file, sitting)
        _drop_misread(act, members)
        page = lines[item.heading[0]].page
        _apply_counts(act, _counts_for(page, by_page), page)
        acts.append(act)
    return acts


SITTING_OF = re.compile(r"\bseance\s+(?:publique\s+|ordinaire\s+|extraordinaire\s+)*du\b")


def _sitting_date(head: list[Line]) -> date | None:
    """The date of "Séance du 25 mars 2022" in the head (a stamp's dates there are of its sending)."""
    for line, following in itertools.zip_longest(head, head[1:]):
        match = SITTING_OF.search(_key(line.text))
        if match:
            hits = find_dates(
                _key(line.text)[match.start() :] + " " + (_key(following.text) if following else "")
            )
            if hits:
                return hits[0][0]
    return None


def _title_date(lines: list[Line]) -> date | None:
    """The date a title gives ("… approuvées lors du Conseil Municipal du 25 Mars 2013")."""
    head = [line for line in lines if line.text.strip()][:6]
    hits = find_dates(" ".join(_key(line.text) for line in head))
    return hits[0][0] if hits else None


def list_items(lines: list[Line], file: str) -> list[Deliberation]:
    """The deliberations a list or summary names: "Délibération N° 63 - …" headings, else its bullets;
    dated by its title, with no vote (a list records none)."""
    seance = _title_date(lines)
    acts: list[Deliberation] = []
    numbered = [i for i in range(len(lines)) if _numbered_at(lines, i)]
    starts = numbered or _bullets(lines)
    for n, start in enumerate(starts):
        if numbered:
            number, objet = _numbered_at(lines, start) or ("", "")
            heading = [start]
        else:
            number, heading = (
                "",
                [start, *_wrapped(lines, start, starts[n + 1] if n + 1 < len(starts) else len(lines))],
            )
            objet = _joined(lines, heading)
        objet = BULLET.sub("", objet).strip(" :;,-–")
        span = Span.of_lines(file, [lines[i] for i in heading])
        acts.append(Deliberation(span=span, number=number, objet=objet, seance_date=seance))
    return acts


def _bullets(lines: list[Line]) -> list[int]:
    return [
        i
        for i, line in enumerate(lines)
        if line.text.strip() and BULLET.match(line.text) and len(BULLET.sub("", line.text).strip()) > 3
    ]


def _wrapped(lines: list[Line], start: int, stop: int) -> list[int]:
    return [i for i in range(start + 1, stop) if lines[i].text.strip() and lines[i].role == "body"]


__all__ = ["Item", "is_list_title", "is_minutes_title", "list_items", "parse_items", "split_items"]
