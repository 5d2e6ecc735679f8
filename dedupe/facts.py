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
NAME = Pattern(r"\b[A-ZÀ-Ý][A-ZÀ-Ý'’\-]{2,}\b", "LA COMMUNE DE GARDANNE, Monsieur Hervé GRANIER")
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
_DRAFT_RES = tuple(re.compile(p.regex, re.IGNORECASE) for p in DRAFT_MARKS)
_AMENDMENT_RES = tuple(re.compile(p.regex, re.IGNORECASE) for p in AMENDMENT_MARKS)


def hash_set(values: Iterable[str]) -> bytes:
    """A set of strings as sorted distinct crc32 values, packed: compact and stable across processes."""
    hashes = np.unique(np.fromiter((zlib.crc32(v.encode()) for v in values), dtype=np.uint32))
    return hashes.tobytes()


def unpack(packed: bytes) -> np.ndarray:
    return np.frombuffer(packed, dtype=np.uint32)


def names(text: str) -> set[str]:
    """Words in capitals, folded: {'gardanne', 'granier', 'caf', ...}."""
    return {fold(word) for word in _NAME_RE.findall(strip_markup(text))}


def numbers(text: str) -> set[str]:
    """Numbers of two digits or more as written: {'10/12/2025', '2026', '35'}."""
    return {n for n in _NUMBER_RE.findall(text) if sum(ch.isdigit() for ch in n) >= 2}


def _marked(head: list[str], res: tuple[re.Pattern[str], ...]) -> bool:
    return any(r.search(strip_markup(line)) for line in head for r in res)


def is_draft(title: str, lines: list[str]) -> bool:
    """True for a PROJET version (a lone 'PROJET' line anywhere or a 'Projet de convention' title)."""
    return _marked([title, *lines], _DRAFT_RES)


def is_amendment(title: str, lines: list[str]) -> bool:
    """True for an avenant (title or a line of the first page opening with 'Avenant')."""
    return _marked([title, *lines[:HEAD_LINES]], _AMENDMENT_RES)


def containment(small: np.ndarray, large: np.ndarray) -> float:
    """Share of `small` found in `large` (1.0 when `small` is empty: nothing contradicts)."""
    if len(small) == 0:
        return 1.0
    return len(np.intersect1d(small, large, assume_unique=True)) / len(small)
