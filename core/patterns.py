"""The record types every table of domain knowledge is written in, each entry with its example.

`Pattern` is a regex that recognises something (a heading, a vote formula, a stamp's label);
`Rewrite` turns one form into another (converter markup, an OCR confusion folded for comparison).
Tests check that each entry's example is what it recognises or rewrites.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Pattern:
    name: str
    regex: re.Pattern[str]
    example: str


def pattern(name: str, regex: str, example: str, flags: re.RegexFlag | int = re.IGNORECASE) -> Pattern:
    """The one way a table builds an entry; matched on folded text, pass flags=0."""
    return Pattern(name, re.compile(regex, flags), example)


@dataclass(frozen=True, slots=True)
class Rewrite:
    """`seen` (a regex or a literal string, as its table says) becomes `replacement`."""

    seen: str
    replacement: str
    example: str  # "before -> after"
