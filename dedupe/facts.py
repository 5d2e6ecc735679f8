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
from typing import NamedTuple

import numpy as np

from dedupe.text_norm import fold, strip_markup


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
    Pattern(r"^\W*projet\W*$", "PROJET"),
    Pattern(r"^\W*projet de convention\b", "Projet de convention territoriale globale"),
    Pattern(r"^\W*document de travail\W*$", "DOCUMENT DE TRAVAIL"),
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


def hash_set(values: Iterable[str]) -> bytes:
    """A set of strings as sorted distinct crc32 values, packed: compact and stable across processes."""
    hashes = np.unique(np.fromiter((zlib.crc32(v.encode()) for v in values), dtype=np.uint32))
    return hashes.tobytes()


def unpack(packed: bytes) -> np.ndarray:
    return np.frombuffer(packed, dtype=np.uint32)


def names(plain: str) -> set[str]:
    """Words in capitals of a text without markup, folded: {'gardanne', 'granier', 'caf', ...}."""
    return {fold(word, stripped=True) for word in set(_NAME_RE.findall(plain))}


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
