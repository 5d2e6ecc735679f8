"""French dates as administrative documents write them, to `datetime.date`.

Numeric ("10/12/2025", "10.12.25"), with a month name ("19 novembre 2025", "1er juillet
2022", "- 1 AOUT 2022"), written out in words ("le vingt-neuf juillet deux mil vingt-deux",
"L'an deux mille vingt-cinq, le huit décembre") and OCR-damaged ("1er juiliet", "aoiit").

Number words are read by a small hand-written reader: the only numbers a date needs are
days (1-31) and years, and the forms councils use ("mil", "premier") and OCR damage are
not what general number-to-words libraries expect.
"""

from __future__ import annotations

import re
from datetime import date

from rapidfuzz import fuzz, process

from ctg.core.text import fold

# Month names in folded form (lower case, no accents), each with an example of use.
MONTHS: tuple[tuple[str, int, str], ...] = (
    ("janvier", 1, "15 janvier 2024"),
    ("fevrier", 2, "6 février 2020"),
    ("mars", 3, "28 mars 2025"),
    ("avril", 4, "22 avril 2021"),
    ("mai", 5, "3 mai 2022"),
    ("juin", 6, "30 juin 2023"),
    ("juillet", 7, "29 juillet 2022"),
    ("aout", 8, "1 AOUT 2022"),
    ("septembre", 9, "12 septembre 2024"),
    ("octobre", 10, "3 octobre 2001"),
    ("novembre", 11, "19 novembre 2025"),
    ("decembre", 12, "10 décembre 2025"),
)
MONTH_NUMBER: dict[str, int] = {name: number for name, number, _ in MONTHS}
# Abbreviations seen in tables and headers ("janv.", "déc.").
MONTH_ABBREVIATIONS: dict[str, int] = {
    "janv": 1,
    "fev": 2,
    "fevr": 2,
    "avr": 4,
    "juil": 7,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}

# OCR confusions inside month words: (damaged, repaired, example). Applied before fuzzy matching.
OCR_MONTH_CONFUSIONS: tuple[tuple[str, str, str], ...] = (
    ("ii", "u", "aoiit -> aout"),
    ("fi", "u", "aofit -> aout"),
    ("rn", "m", "novernbre -> novembre"),
    ("0", "o", "0ctobre -> octobre"),
    ("1", "l", "juil1et -> juillet"),
    ("6", "e", "d6cembre -> decembre"),
)

TWO_DIGIT_PIVOT = 69  # "10.12.25" is 2025, "01.01.99" is 1999

# Number words (folded) and their value; "premier" only occurs as a day.
NUMBER_WORDS: dict[str, int] = {
    "un": 1,
    "une": 1,
    "premier": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "treize": 13,
    "quatorze": 14,
    "quinze": 15,
    "seize": 16,
    "vingt": 20,
    "vingts": 20,
    "trente": 30,
    "quarante": 40,
    "cinquante": 50,
    "soixante": 60,
    "cent": 100,
    "cents": 100,
    "mille": 1000,
    "mil": 1000,
}
# How OCR and typists write the ordinal day "1er": (form, example).
FIRST_DAY_FORMS: tuple[tuple[str, str], ...] = (
    (r"1\s?er", "1er juillet 2022"),
    (r"1\s?ER", "1ER JUILLET 2022"),
    (r"1°", "1° janvier 2026"),
    (r"1¢\"?", '1¢" janvier 2026'),
    (r"ler", "ler juillet 2022"),
    (r"premier", "premier juillet 2022"),
)

_WORD = "|".join(sorted((w for w in NUMBER_WORDS if w != "premier"), key=len, reverse=True))
_NUMBER_WORDS_RE = rf"(?:(?:{_WORD}|et)(?:[\s-]+|(?=\W)|$))+"
_FIRST_RE = "|".join(form for form, _ in FIRST_DAY_FORMS)
_DAY_RE = rf"(?:{_FIRST_RE}|[0-3]?\d|{_NUMBER_WORDS_RE})"
_YEAR_RE = rf"(?:(?:19|20)\d\d|{_NUMBER_WORDS_RE})"
_MONTH_TOKEN_RE = r"[A-Za-zÀ-ÿ0-6]{3,11}\.?"

# Date shapes, each with an example; find_dates tries them all and keeps non-overlapping hits.
DATE_PATTERNS: tuple[tuple[str, re.Pattern[str], str], ...] = (
    (
        "numeric",
        re.compile(
            r"(?<![\d/.-])(?P<day>[0-3]?\d)\s?[/.-]\s?(?P<month>[01]?\d)\s?[/.-]\s?(?P<year>\d{4}|\d{2})(?!\d)"
        ),
        "10/12/2025",
    ),
    (
        "iso",
        re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?!\d)"),
        "2025-12-08",
    ),
    (
        "year_first_words",  # "L'an deux mille vingt-cinq, le huit décembre"
        re.compile(
            rf"\bl'an\s+(?P<year>{_YEAR_RE}),?\s*(?:le\s+)?(?P<day>{_DAY_RE})\s*(?P<month>{_MONTH_TOKEN_RE})",
            re.IGNORECASE,
        ),
        "L'an deux mille vingt-cinq, le huit décembre",
    ),
    (
        "day_month_year",
        re.compile(
            rf"(?<![\w-])(?P<day>{_DAY_RE})\s*(?P<month>{_MONTH_TOKEN_RE})\s+(?P<year>{_YEAR_RE})",
            re.IGNORECASE,
        ),
        "le vingt-neuf juillet deux mil vingt-deux",
    ),
)


def parse_month(token: str) -> int | None:
    """Month number of a month word, tolerant of case, accents, abbreviations and OCR damage."""
    word = fold(token).strip(". ")
    if word in MONTH_NUMBER:
        return MONTH_NUMBER[word]
    if word in MONTH_ABBREVIATIONS:
        return MONTH_ABBREVIATIONS[word]
    for damaged, repaired, _ in OCR_MONTH_CONFUSIONS:
        word = word.replace(damaged, repaired)
    if word in MONTH_NUMBER:
        return MONTH_NUMBER[word]
    if len(word) < 5:  # too short to tell "mai" from "mais" by similarity
        return None
    best = process.extractOne(word, list(MONTH_NUMBER), scorer=fuzz.ratio, score_cutoff=75)
    return MONTH_NUMBER[best[0]] if best else None


def parse_number_words(text: str) -> int | None:
    """Value of French number words: "vingt-neuf" 29, "deux mil vingt-deux" 2022."""
    tokens = [token for token in re.split(r"[\s-]+", fold(text).strip()) if token and token != "et"]
    if not tokens or any(token not in NUMBER_WORDS for token in tokens):
        return None
    total, current, previous = 0, 0, 0
    for token in tokens:
        value = NUMBER_WORDS[token]
        if value == 1000:
            total += max(current, 1) * 1000
            current = 0
        elif value == 100:
            current = max(current, 1) * 100
        elif value == 20 and previous == 4:  # "quatre-vingt": 4 × 20, not 4 + 20
            current += 80 - 4
        else:
            current += value
        previous = value
    return total + current


def parse_day(text: str) -> int | None:
    """Day of month from digits, an ordinal "1er" form, or words."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    if re.fullmatch(_FIRST_RE, text, re.IGNORECASE):
        return 1
    return parse_number_words(text)


def parse_year(text: str) -> int | None:
    """Year from four or two digits or words ("deux mille vingt-cinq" 2025)."""
    text = text.strip()
    if text.isdigit():
        year = int(text)
        if len(text) == 2:  # as strptime's %y: 69 and below are this century's
            year += 2000 if year <= TWO_DIGIT_PIVOT else 1900
        return year
    return parse_number_words(text)


def _build(day: int | None, month: int | None, year: int | None) -> date | None:
    if day is None or month is None or year is None or not 1900 <= year <= 2100:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _date_of(match: re.Match[str]) -> date | None:
    month_text = match.group("month")
    month = int(month_text) if month_text.isdigit() else parse_month(month_text)
    return _build(parse_day(match.group("day")), month, parse_year(match.group("year")))


def find_dates(text: str) -> list[tuple[date, int, int]]:
    """Every date in `text` with its start and end offsets, in reading order."""
    found: list[tuple[date, int, int]] = []
    taken: list[tuple[int, int]] = []
    for _, pattern, _ in DATE_PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            value = _date_of(match)
            if value is not None:
                found.append((value, start, end))
                taken.append((start, end))
    return sorted(found, key=lambda hit: hit[1])


def parse_date(text: str) -> date | None:
    """The first date in `text`, or None. A bare year ("deux mille vingt-cinq") is not a date."""
    hits = find_dates(text)
    return hits[0][0] if hits else None
