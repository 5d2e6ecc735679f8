"""Character and word error rates (Levenshtein over characters or words), for tests and bench."""

from __future__ import annotations

from collections.abc import Callable

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


def lined(measure: Callable[[str, str], float], reference: str, hypothesis: str) -> float:
    """`measure` over texts with the same lines, line by line (fast on long texts), weighted by size."""
    pairs = list(zip(reference.split("\n"), hypothesis.split("\n"), strict=True))
    total = sum(max(1, len(ref)) for ref, _ in pairs)
    return sum(measure(ref, hyp) * max(1, len(ref)) for ref, hyp in pairs) / max(1, total)
