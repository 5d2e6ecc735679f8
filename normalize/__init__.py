"""normalize: extracted pages → clean lines with roles, and a record of every repair."""

from collections.abc import Callable
from typing import Any

from ctg.normalize.clean import normalize_file
from ctg.normalize.lexicon import Lexicon, default_lexicon
from ctg.normalize.ocr_detect import looks_ocred
from ctg.normalize.stamp_lines import is_stamp_line

__all__ = [
    "Lexicon",
    "count_by_rule",
    "default_lexicon",
    "explain",
    "is_stamp_line",
    "looks_ocred",
    "normalize_file",
]


def __getattr__(name: str) -> Callable[..., Any]:
    """`explain` and `count_by_rule` load when first asked for (with difflib): `ctg text` without
    --explain and the run's workers never are."""
    if name in ("count_by_rule", "explain"):
        from ctg.normalize import explanation

        return getattr(explanation, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
