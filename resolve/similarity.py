"""Edit-distance matching of name keys against candidate codes (rapidfuzz, optimal string alignment).

Optimal string alignment counts one typo, one dropped or one swapped letter as one edit each,
the way OCR and hurried typing damage names. `choices` map a code to its keys (a commune's
current and former names).
"""

from __future__ import annotations

from rapidfuzz import process
from rapidfuzz.distance import OSA

# Candidates within MIN_LEAD points of the best fuzzy score tie with it (then: ambiguous).
MIN_LEAD = 4.0


def within_edits(key: str, choices: dict[str, list[str]], edits: int) -> dict[str, int]:
    """Communes at most `edits` edits from the key (optimal string alignment, best of their keys)."""
    flat = {(code, index): value for code, values in choices.items() for index, value in enumerate(values)}
    found: dict[str, int] = {}
    for _, distance, (code, _) in process.extract(
        key, flat, scorer=OSA.distance, score_cutoff=edits, limit=None
    ):
        found[code] = min(int(distance), found.get(code, edits))
    return found


def rivals(code: str, key: str, choices: dict[str, list[str]]) -> list[str]:
    """Other communes at least as close to the key as `code` is: a match needs none."""
    distance = min(OSA.distance(key, value) for value in choices[code])
    return [other for other in within_edits(key, choices, distance) if other != code]


def fuzzy_best(key: str, choices: dict[str, list[str]], min_score: float) -> tuple[list[str], float]:
    """Codes tied at the best score (within MIN_LEAD), scored on their best key.

    The score is the optimal-string-alignment similarity (0-100): one typo, one dropped or one
    swapped letter each cost one edit, the way OCR and hurried typing damage names.
    """
    flat = {(code, index): value for code, values in choices.items() for index, value in enumerate(values)}
    found = process.extract(
        key, flat, scorer=OSA.normalized_similarity, score_cutoff=min_score / 100, limit=10
    )
    best: dict[str, float] = {}
    for _, score, (code, _) in found:
        best[code] = max(100 * score, best.get(code, 0.0))
    if not best:
        return [], 0.0
    top = max(best.values())
    return [code for code, score in best.items() if score >= top - MIN_LEAD], top


def one_edit(key: str, choices: dict[str, list[str]], min_length: int) -> list[str]:
    """Communes one edit from a short key, when no other is within two edits.

    Short names fall under a fuzzy threshold after a single typo ("Aigun": 83 for Aiglun); one
    edit with a clear margin is as telling as the score on a long name.
    """
    if len(key) < min_length:
        return []
    near = within_edits(key, choices, 2)
    closest = [code for code, distance in near.items() if distance <= 1]
    return closest if len(closest) == 1 == len(near) else []


def score(key: str, values: list[str]) -> float:
    """Similarity (0-100) of a key to the closest of some keys."""
    return max(100 * OSA.normalized_similarity(key, value) for value in values)
