"""Vote formulas of council deliberations: counts and unanimity, as written.

"POUR : 35 / CONTRE : 0 / ABSTENTION : 0", "Votants : 19", "Vote : Pour 25 – Contre 0 –
Abstention 2", "adopté par 15 voix pour, 2 contre et 1 abstention", "Nombre de conseillers en
exercice : 29 / présents : 21 / votants : 27", "à l'unanimité (des suffrages exprimés)".
Only what the text says is read here; deliberations.py derives what it does not say and
records each derivation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields

from ctg.segment.patterns import Pattern, pattern
from ctg.segment.stamps import match_key

# Counts OCR misreads as letters: (as read, value, example).
OCR_COUNTS: tuple[tuple[str, int, str], ...] = (
    ("o", 0, "par 40 voix pour, O voix contre et 1 abstention"),
    ("l", 1, "par 40 voix pour, 0 voix contre et l abstention"),
)
# "11" in a scanned column of counts, either 1 read as i or l, as Tesseract reads a thin 1 in a
# small font ("qui ont pris part à la délibération : ii"): every such reading, (as read, value,
# example). The count pattern below admits exactly these two-letter tokens.
OCR_ELEVENS: tuple[tuple[str, int, str], ...] = tuple(
    (a + b, 11, f"en exercice : {a + b}") for a in "1il" for b in "1il" if a + b != "11"
)
WORD_COUNTS: dict[str, int] = {"neant": 0, "aucun": 0, "aucune": 0, "zero": 0, "un": 1, "une": 1} | {
    read: value for read, value, _ in (*OCR_COUNTS, *OCR_ELEVENS)
}
# A count; "néant" is written for zero; single OCR letters only where a count must stand.
_N = r"(\b[il1]{2}(?![\w'])|\d{1,3}|neant|aucune?|zero|\b[ol](?![\w']))(?![\d/.,-]\d)"


# "procurations" as OCR misreads it in a small font: "procurtions", "pracutätions", "proeuratlonis".
_PROCURATIONS = r"pr\w{1,3}[cu]\w{1,5}[io]\w{0,3}\b"


@dataclass(frozen=True, slots=True)
class VotePattern:
    """A count formula: the counts it gives, by group, matched on folded text."""

    names: tuple[str, ...]  # the count each group gives, in group order
    pattern: re.Pattern[str]
    example: str


def _vote(names: tuple[str, ...], regex: str, example: str) -> VotePattern:
    return VotePattern(names, re.compile(regex), example)


# Order matters: the first pattern that sets a count wins, so the most specific come first.
VOTE_PATTERNS: tuple[VotePattern, ...] = (
    # "unanimité des votants (31 voix)": the figure in brackets is the votes cast for, abstentions aside.
    _vote(
        ("pour", "abstention"),
        rf"\bunanimite\s+des\s+(?:votants|suffrages\s+exprimes)\s*\(\s*{_N}\s+voix\s*\)\s*[,;]?\s*(?:et\s+)?{_N}\s+abstentions?\b",
        "A L'UNANIMITE des votants (31 voix), 8 abstentions",
    ),
    _vote(
        ("pour",),
        rf"\bunanimite(?:\s+des\s+(?:votants|suffrages\s+exprimes))?\s*\(\s*{_N}\s+voix\s*\)",
        "à l'unanimité des suffrages exprimés (27 voix)",
    ),
    _vote(
        ("contre", "pour"),
        rf"\b{_N}\s+(?:voix\s+)?contre\b[^.;]*?\bet\s+{_N}\s+(?:voix\s+)?pour\b",
        "Vote : 1 contre et 10 pour",
    ),
    _vote(
        ("contre", "pour"),
        rf"\b{_N}\s+voix\s+contre\s*(?:\([^)]*\)\s*)?,?\s*et\s+{_N}\s+voix(?:\s+pour)?\b",
        "adopté par 3 voix contre (M. A, M. B, Mme C) et 10 voix pour",
    ),
    _vote(
        ("abstention", "pour"),
        rf"\bpar\s+{_N}\s+[«\"]?\s*abstentions?\s*[»\"]?\s*,?\s*et\s+{_N}\s+voix\b",
        "adopté par 1 « abstention » et 11 voix",
    ),
    _vote(
        ("pour", "contre", "abstention"),
        rf"\bpour\s*:?\s*{_N}\s*[-–,;/|]\s*contre\s*:?\s*{_N}\s*[-–,;/|]\s*abstentions?\s*:?\s*{_N}",
        "Vote : Pour 25 – Contre 0 – Abstention 2",
    ),
    _vote(
        ("pour", "contre"),
        rf"\b{_N}\s+pour\s*[,;]\s*{_N}\s+contre\b",
        "Vote : 19 pour, 0 contre, 0 abstention",
    ),
    # "à l'unanimité moins une voix contre": all but the votes named after "moins"
    _vote(
        ("contre",),
        r"\bunanimite\s+moins\s+(une?|\d{1,3})\s+(?:voix\s+)?contre\b",
        "unanimité moins une voix contre",
    ),
    _vote(("pour",), rf"\b{_N}\s+voix\s+pour\b", "adopté par 15 voix pour, 2 contre et 1 abstention"),
    _vote(("contre",), rf"\bvoix\s+pour\b.*?\b{_N}\s+(?:voix\s+)?contre\b", "15 voix pour, 2 contre"),
    _vote(("abstention",), rf"\bvoix\s+pour\b.*?\b{_N}\s+abstentions?\b", "15 voix pour, 1 abstention"),
    _vote(("pour",), rf"(?:^|[/|,;–-]|\bvotes?\s*:?|\d\s)\W*pour\s*:\s*{_N}", "POUR : 35"),
    _vote(("contre",), rf"\bcontre\s*:\s*{_N}", "POUR : 25 CONTRE : 2 ABSTENTIONS : 2"),
    _vote(("abstention",), rf"\babstentions?\s*:\s*{_N}", "ABSTENTION : 0"),
    _vote(
        ("abstention",),
        rf"(?:\bvoix\b|\bunanimite\b|\bmajorite\b|\bpour\b).*?\b{_N}\s+abstentions?\b",
        "à l'unanimité, 2 abstentions",
    ),
    # a majority, and the members against counted before their names
    _vote(
        ("contre",),
        rf"\bmajorite\b.*?\b{_N}\s+(?:voix\s+)?contre\b",
        "à la majorité des suffrages exprimés (2 contre : M. A, Mme B)",
    ),
    _vote(("votants",), rf"\bvotants\s*:?\s*{_N}", "Votants : 19"),
    _vote(
        ("votants",),
        rf"\bpris\s+part\s+(?:a\s+la\s+deliberation|au\s+vote)\s*:?\s*{_N}",
        "Nombre de membres qui ont pris part à la délibération : 11",
    ),
    _vote(("pouvoirs",), rf"\bdont\s+{_N}\s+(?:procurations?|pouvoirs?)\b", "dont 2 procurations"),
    # the margin column as OCR reads it: "procurations" misspelt, the "d" of "dont" lost
    _vote(("pouvoirs",), rf"\bd?ont\s+{_N}\s+{_PROCURATIONS}", "ont 2 proeuratlonis"),
    _vote(
        ("pouvoirs",),
        rf"^\W*(?:nombre\s+de\s+)?(?:procurations?|pouvoirs?)\s*:\s*{_N}\s*$",
        "Nombre de pouvoirs : 3",
    ),
    # members represented are the proxies given; a count among the others on one line
    _vote(
        ("pouvoirs",),
        rf"\b(?:procurations?|pouvoirs?|representes?)\s*:\s*{_N}\s*(?:$|[/|,;–-]|(?:votants|absents?|presents?|excuses?)\b)",
        "En exercice : 19 - Présents : 15 - Représentés : 2 - Absents : 2",
    ),
    _vote(("exprimes",), rf"\bsuffrages\s+exprimes\s*:\s*{_N}", "Suffrages exprimés : 25"),
    _vote(("en_exercice",), rf"\ben\s+exercice\s*:?\s*{_N}", "Nombre de conseillers en exercice : 29"),
    _vote(
        ("presents",),
        rf"\bpresents?\s*:\s*{_N}\s*(?:$|[/|,;–-]|(?:votants|absents?|pouvoirs?|procurations?|representes?|excuses?|en\s+exercice)\b)",
        "En exercice : 33 Présents : 25 Votants : 30",
    ),
)

# Unanimity formulas: (kind, pattern on folded text, example). "exprimes" means abstentions may exist.
UNANIMITY_PATTERNS: tuple[tuple[str, re.Pattern[str], str], ...] = (
    (
        "exprimes",
        re.compile(r"\bunanimite\s+des\s+(?:suffrages\s+exprimes|voix\s+exprimees)"),
        "à l'unanimité des suffrages exprimés",
    ),
    # all but some: the vote is not unanimous ("unanimité moins 2 abstentions" leaves the votes cast)
    (
        "majority",
        re.compile(r"\bunanimite\s+moins\s+(?:une?|\d{1,3})\s+(?:voix\s+)?contre\b"),
        "unanimité moins une voix contre",
    ),
    ("all", re.compile(r"\bunanimite\b"), "Le Conseil Municipal, après en avoir délibéré, à l'unanimité"),
    ("majority", re.compile(r"\ba\s+la\s+majorite\b"), "adopte à la majorité des suffrages exprimés"),
)


@dataclass(slots=True)
class Votes:
    """Counts read from the text; None where the text does not give them."""

    votants: int | None = None
    pour: int | None = None
    contre: int | None = None
    abstention: int | None = None
    exprimes: int | None = None
    en_exercice: int | None = None
    presents: int | None = None
    pouvoirs: int | None = None  # a printed number of proxies ("dont 2 procurations")
    not_voting: bool = False  # a member stays out of the vote
    unanimity: str | None = None  # "all", "exprimes", "majority" (not unanimous) or None when not stated

    @property
    def unanimous(self) -> bool:
        return self.unanimity in ("all", "exprimes")


def _count(text: str) -> int:
    return int(text) if text.isdigit() else WORD_COUNTS.get(text, 0)


# A vote table: a header line naming the counts, the figures on the next line, in the same order.
VOTE_TABLE_HEADER = re.compile(
    r"^\W*(?:votants\W+)?pour\W+contre\W+abstentions?\W*$|^\W*(?:votants\W+)?pour\W+abstentions?\W+contre\W*$"
)
VOTE_TABLE_ROW = re.compile(r"^\W*(\d{1,3})(?:\W+(\d{1,3}))+\W*$")
VOTE_TABLE_EXAMPLE = ("Votants | Pour | Contre | Abstention", "27 | 25 | 0 | 2")
# A member who stays out of the vote ("ne prend pas part au vote", leaves the room before it): the
# item's figures, if printed, already leave them out; none is computed from it.
NOT_VOTING = re.compile(
    r"\bne\s+(?:prend|prennent|participe|participent)\s+pas\s+(?:part\s+)?au\s+vote\b"
    r"|\b(?:sort|sortent|quitte|quittent)\s+(?:de\s+)?la\s+(?:salle|seance)\b"  # "… et sort de la salle"
)
NOT_VOTING_EXAMPLE = "M. Paul MARTIN, intéressé à l'affaire, ne prend pas part au vote."


TABLE_NAMES = {"votants": "votants", "pour": "pour", "contre": "contre", "abstention": "abstention"} | {
    "abstentions": "abstention"
}


def _table(votes: Votes, header: str, row: str) -> None:
    """Counts of a vote table: the header's names, in order, over the row's figures."""
    names = [TABLE_NAMES[word] for word in re.findall(r"votants|pour|contre|abstentions?", header)]
    figures = re.findall(r"\d{1,3}", row)
    if len(names) != len(figures):
        return
    for name, figure in zip(names, figures, strict=True):
        if getattr(votes, name) is None:
            setattr(votes, name, int(figure))


def read_votes(texts: list[str]) -> Votes:
    """Vote counts and unanimity stated in `texts` (lines of one deliberation)."""
    votes = Votes()
    known = {f.name for f in fields(Votes)}
    keys = [match_key(text) for text in texts]
    for key, following in zip(keys, [*keys[1:], ""], strict=True):
        if VOTE_TABLE_HEADER.search(key) and VOTE_TABLE_ROW.search(following):
            _table(votes, key, following)
        votes.not_voting = votes.not_voting or bool(NOT_VOTING.search(key))
    for text in texts:
        key = match_key(text)
        for vote in VOTE_PATTERNS:
            match = vote.pattern.search(key)
            if not match:
                continue
            for name, value in zip(vote.names, match.groups(), strict=True):
                if name in known and getattr(votes, name) is None:
                    setattr(votes, name, _count(value))
        if votes.unanimity is None:
            votes.unanimity = next(
                (kind for kind, pattern, _ in UNANIMITY_PATTERNS if pattern.search(key)), None
            )
    return votes


def _statement(kind: str, regex: str, example: str) -> Pattern:
    """A line that records the outcome of an item: voted ("vote") or only taken note of ("noted"),
    its kind being the pattern's name; matched on folded text."""
    return pattern(kind, regex, example, flags=0)


# Matched on folded text; an item of minutes ends at its statement.
VOTE_STATEMENTS: tuple[Pattern, ...] = (
    # "Vore", "Votre", "Vos", "Vate": OCR; a margin column may stand before it on the line
    _statement("vote", r"(?:^\W*|\s)v[oa](?:t|r|tr|s)e?s?\s*:", "19 septembre 2023 Vote : Unanimité"),
    # the colon read as a semicolon
    _statement("vote", r"^\W*vote\s*;\s*(?:a\s+l'\s?)?unanimite\b", "Vote ; à l'unanimité"),
    _statement("vote", r"^\W*(?:a\s+l'\s?)?unanimite\b", "Unanimité"),
    _statement(
        "vote",
        r"\b(?:est|sont|a\s+ete|ont\s+ete)\s+(?:approuvee?s?|adoptee?s?)\s+a\s+l'\s?unanimite\b",
        "Le compte rendu de la séance du 27 mai 2013 est approuvé à l'unanimité",
    ),
    _statement(
        "vote",
        r"\b(?:adoptent|approuvent|decident|adoptee?s?|approuvee?s?|decide)\s*,?\s+a\s+l'\s?unanimite\b",
        "les membres du conseil municipal adoptent, à l'unanimité, la présente délibération",
    ),
    _statement(
        "vote",
        r"\b(?:delibere|conseil\s+(?:municipal|communautaire|syndical|metropolitain)|assemblee)\s*,?\s*"
        r"(?:et\s+)?a\s+l'\s?unanimite\b",
        "Le conseil municipal, après en avoir délibéré, à l'unanimité, approuve la composition",
    ),
    _statement(
        "vote",
        r"\b(?:adoptee?s?|approuvee?s?|rejetee?s?)\s+(?:a\s+la\s+majorite|par\s+\d{1,3}\s+voix)",
        "La délibération est adoptée par 15 voix pour et 2 contre",
    ),
    _statement(
        "vote",
        r"\b\d{1,3}\s+contre\s+et\s+\d{1,3}\s+pour\b|\b\d{1,3}\s+voix\s+(?:pour|contre)\b",
        "par 3 voix contre et 10 voix pour",
    ),
    _statement(
        "vote",
        r"\bpour\s*:?\s*\d{1,3}\b.{0,30}?\bcontre\s*:?\s*\d{1,3}\b",
        "Vote à main levée : Pour 18 - Contre 3 - Abstention 2",
    ),
    _statement(
        "noted",
        r"\b(?:prennent|prend|pris|donne)\s+acte\b",
        "Les membres du conseil municipal prennent acte de cette décision.",
    ),
)


def vote_statement(text: str) -> Pattern | None:
    """The statement `text` makes about an item's outcome, if any."""
    key = match_key(text)
    return next((statement for statement in VOTE_STATEMENTS if statement.regex.search(key)), None)
