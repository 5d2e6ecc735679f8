"""The facts that tell one document from a look-alike built on the same template.

CTG conventions of different territories share most of their wording; what differs is who
signs (names written in capitals), the numbers (dates, amounts, deliberation numbers) and a
few flags (a PROJET draft, an AVENANT). These are read from the text here, so dedupe does
not depend on segment having filled every field; structured fields (territory, parties,
period, signed date) are compared too when present.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

import numpy as np

from ctg.core.dates import find_dates
from ctg.dedupe.text_norm import fold, fold_accents, strip_markup


class Pattern(NamedTuple):
    """One regular expression with an example of what it matches."""

    regex: str
    example: str


# Names, in French administrative writing, are set in capitals: communes, EPCI, signers.
# (No \b anchors: they double the scan time over a 50 k-character convention.)
NAME = Pattern(r"[A-ZÀ-Ý][A-ZÀ-Ý'’\-]{2,}", "LA COMMUNE DE GARDANNE, Monsieur Hervé GRANIER")
# Numbers with at least two digits, separators kept: dates, deliberation numbers, amounts.
NUMBER = Pattern(r"\d+(?:[/.,]\d+)*", "10/12/2025, 2022/07/29/07, 013-211300413, 35")

# A draft says so on a line of its own (seed: a lone "PROJET" under the parties).
DRAFT_MARKS: tuple[Pattern, ...] = (
    Pattern(r"^\W*(?-i:PROJET)\W*$", "PROJET"),  # in capitals: "projet)" alone is a wrapped line
    Pattern(r"^\W*projet de convention\b", "Projet de convention territoriale globale"),
    Pattern(r"^\W*(?-i:DOCUMENT DE TRAVAIL)\W*$", "DOCUMENT DE TRAVAIL"),
)
# An amendment announces itself in its title or first lines, not in the body ("Cet avenant
# devra..." in article 11 of every convention is not one).
AMENDMENT_MARKS: tuple[Pattern, ...] = (
    Pattern(r"^\W*avenant\b", "AVENANT N°1 À LA CONVENTION TERRITORIALE GLOBALE"),
    Pattern(r"^\W*convention modifi[ée]e\b", "Convention modifiée par avenant"),
)
HEAD_LINES = 80  # where amendment marks are looked for; a draft watermark can be on any page

_NAME_RE = re.compile(NAME.regex)
_NUMBER_RE = re.compile(NUMBER.regex)
# Periods, most explicit first; a span of more than MAX_PERIOD years is not a CTG period.
PERIODS: tuple[Pattern, ...] = (
    Pattern(r"\b(20\d\d)\s*[-–/]\s*(20\d\d)\b", "CONVENTION TERRITORIALE GLOBALE 2022-2026"),
    Pattern(r"^\s*(20\d\d)\s*\n+\s*(20\d\d)\s*$", "cover page: '2026' and '2030' on lines of their own"),
    Pattern(
        r"1\s*er\s+janvier\s+(20\d\d)\D{1,40}?31\s+d[ée]cembre\s+(20\d\d)",
        "du 1er janvier 2026 au 31 décembre 2030",
    ),
)
MAX_PERIOD = 6

_FLAGS = re.IGNORECASE | re.MULTILINE
_DRAFT_RE = re.compile("|".join(f"(?:{p.regex})" for p in DRAFT_MARKS), _FLAGS)  # one pass over the text
_AMENDMENT_RES = tuple(re.compile(p.regex, _FLAGS) for p in AMENDMENT_MARKS)
_PERIOD_RES = tuple(re.compile(p.regex, _FLAGS) for p in PERIODS)


# The sitting an act was voted at, announced in its heading (accents folded, lower case). The date
# that follows is the act's: another sitting of one council is another act, however alike.
SITTINGS: tuple[Pattern, ...] = (
    Pattern(
        r"\bs[e]ance\s+(?:publique\s+|ordinaire\s+|extraordinaire\s+)*du\b", "Séance du 16 décembre 2022"
    ),
    Pattern(
        r"\bconseil\s+(?:municipal|communautaire|metropolitain|syndical)\s+du\b",
        "Procès verbal conseil municipal du 16 décembre 2022",
    ),
    Pattern(r"\bdate\s+de\s+(?:la\s+)?(?:seance|reunion)\s*:", "Date de la séance : 08/12/2025"),
    Pattern(
        r"\b(?:proces[\s-]verbal|compte[\s-]rendu)\s+(?:de\s+la\s+seance\s+)?du\b",
        "Compte rendu du 9 juillet 2013",
    ),
)
SITTING_REACH = 40  # characters after the words where the date is looked for
SITTING_LINES = 40  # the heading of an act: later "séance du" recall other sittings (minutes approved)
_SITTING_RES = tuple(re.compile(p.regex) for p in SITTINGS)
# An ACTES identifier as OCR may read it: 'O' for '0', 'I' or 'l' for '1' in its digit parts.
ACTES = Pattern(
    r"\b([0-9OIl]{2}[0-9OIlAB])\s*-\s*([0-9OIl]{9})\s*-\s*([0-9OIl]{8})\s*-\s*([\w]+)\s*-\s*([A-Z]{2})\b",
    "ID : 030-213001100-20230127-PV16122022-DE",
)
_ACTES_RE = re.compile(ACTES.regex)
_DIGIT_READINGS = str.maketrans({"O": "0", "I": "1", "l": "1"})


def sitting_date(lines: Iterable[str]) -> date | None:
    """The date of the sitting named in an act's heading: 'Séance du 16 décembre 2022' -> 2022-12-16.

    The heading may break the line between the words and the date. Dates are read by
    core.dates, which reads OCR-damaged months ('décembie') and dates written in words.
    """
    head = " ".join(line for _, line in zip(range(SITTING_LINES), lines, strict=False))
    key = " ".join(fold_accents(head).split())
    cues = sorted(m.end() for pattern in _SITTING_RES for m in pattern.finditer(key))
    for end in cues:
        hits = find_dates(key[end : end + SITTING_REACH])
        if hits and hits[0][1] <= 3:  # the date follows the words (a ':' or a space between)
            return hits[0][0]
    return None


# Years, OCR readings of their digits folded ('2O23', '2O1l'); a copy states the same years.
YEAR = Pattern(r"(?:19|20)[\dOIl]{2}", "séance du 16 décembre 2022, budget 2O23")
HEAD_WORDS = 400  # the heading and the first articles: where an act's or a convention's years are
# A year stands alone: no digit (or digit read as a letter) on either side. Tested around each
# match rather than by look-arounds, which made the scan five times slower.
_YEAR_RE = re.compile(YEAR.regex)
_DIGITISH = frozenset("0123456789OIl")


def years(text: str) -> frozenset[int]:
    """Years the text names: 'CTG 2026-2030, séance du 8 décembre 2025' -> {2025, 2026, 2030}."""
    found = set()
    for m in _YEAR_RE.finditer(text):
        start, end = m.span()
        if (start and text[start - 1] in _DIGITISH) or (end < len(text) and text[end] in _DIGITISH):
            continue
        found.add(int(m.group().translate(_DIGIT_READINGS)))
    return frozenset(found)


def head_years(text: str) -> frozenset[int]:
    """Years of the first HEAD_WORDS words: those of the act itself (its sitting, its period),
    read where another extractor's line breaks cannot move them out."""
    return years(" ".join(text.split(maxsplit=HEAD_WORDS)[:HEAD_WORDS]))


def actes_ids(text: str) -> set[str]:
    """ACTES identifiers in `text`, folded so that an OCR reading equals the text layer's:
    'ID : O3O-2130011OO-20230127-PV16122022-DE' -> {'030-213001100-20230127-PV16122022-DE'}."""
    found = set()
    for m in _ACTES_RE.finditer(text):
        digits = [g.translate(_DIGIT_READINGS) for g in m.groups()[:3]]
        found.add("-".join([*digits, act_number(m.group(4)), m.group(5)]))
    return found


def act_number(number: str) -> str:
    """An act number as compared: upper case, OCR digit readings folded, separators dropped
    ('2025/12/08-O7' and '2025 12 08 07' -> '2025120807')."""
    return re.sub(r"[\W_]", "", number.upper().replace("O", "0"))


def hash_set(values: Iterable[str]) -> bytes:
    """A set of strings as sorted distinct crc32 values, packed: compact and stable across processes."""
    hashes = np.unique(np.fromiter((zlib.crc32(v.encode()) for v in values), dtype=np.uint32))
    return hashes.tobytes()


def unpack(packed: bytes) -> np.ndarray:
    return np.frombuffer(packed, dtype=np.uint32)


def names(plain: str) -> set[str]:
    """Words in capitals of a text without markup, folded: {'gardanne', 'granier', 'caf', ...}.

    Folded together, one per line (no fold rule crosses a line break but the hyphen's, which
    needs a letter before the break): one pass instead of one per word."""
    return set(fold("\n".join(set(_NAME_RE.findall(plain))), stripped=True).split("\n")) - {""}


def numbers(text: str) -> set[str]:
    """Numbers of two digits or more as written: {'10/12/2025', '2026', '35'}."""
    return {n for n in _NUMBER_RE.findall(text) if sum(ch.isdigit() for ch in n) >= 2}


def _marked(text: str, res: tuple[re.Pattern[str], ...]) -> bool:
    plain = strip_markup(text)
    return any(r.search(plain) for r in res)


def is_draft(title: str, plain: str) -> bool:
    """True for a PROJET version (a lone 'PROJET' line anywhere or a 'Projet de convention' title).

    `plain` is the text without markup.
    """
    return _DRAFT_RE.search(strip_markup(title)) is not None or _DRAFT_RE.search(plain) is not None


def is_amendment(title: str, lines: list[str]) -> bool:
    """True for an avenant (title or a line of the first page opening with 'Avenant')."""
    return _marked("\n".join([title, *lines[:HEAD_LINES]]), _AMENDMENT_RES)


def period(title: str, text: str) -> tuple[int, int] | None:
    """(start, end) years read from the title, cover or duration article: '2026-2030' -> (2026, 2030)."""
    plain = strip_markup(f"{title}\n{text}")
    for pattern in _PERIOD_RES:
        for m in pattern.finditer(plain):
            start, end = int(m.group(1)), int(m.group(2))
            if 0 < end - start <= MAX_PERIOD:
                return start, end
    return None


def containment(small: np.ndarray, large: np.ndarray) -> float:
    """Share of `small` found in `large` (1.0 when `small` is empty: nothing contradicts)."""
    if len(small) == 0:
        return 1.0
    return len(np.intersect1d(small, large, assume_unique=True)) / len(small)
