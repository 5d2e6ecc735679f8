"""Character and word error rates (Levenshtein over characters or words), for tests and bench."""

from __future__ import annotations

from rapidfuzz.distance import Levenshtein


def _words(text: str) -> list[str]:
    return text.split()


def cer(reference: str, hypothesis: str) -> float:
    """Character edits needed to turn `hypothesis` into `reference`, per reference character."""
    return Levenshtein.distance(reference, hypothesis) / max(1, len(reference))


def wer(reference: str, hypothesis: str) -> float:
    """Word edits (insert, delete, substitute) per reference word."""
    ref = _words(reference)
    return Levenshtein.distance(ref, _words(hypothesis)) / max(1, len(ref))


def changed_share(before: str, after: str) -> float:
    """Share of characters a repair changed."""
    return Levenshtein.distance(before, after) / max(1, len(before))
