"""Small text helpers every stage needs the same way."""

from __future__ import annotations

import re
import unicodedata

_COMBINING_RE = re.compile("[\u0300-\u036f]")


def strip_accents(text: str) -> str:
    """ "Préfecture" → "Prefecture"; ASCII passes untouched.

    One regex over the decomposed text: several times faster than testing
    `unicodedata.combining` character by character, which profiling showed on hot paths.
    """
    if text.isascii():
        return text
    return _COMBINING_RE.sub("", unicodedata.normalize("NFKD", text))


def fold(text: str) -> str:
    """Lower case, no accents, no punctuation: the form two spellings of a name share."""
    bare = strip_accents(text.replace("’", "'").replace("œ", "oe").replace("Œ", "OE")).casefold()
    return " ".join(_NOT_ALNUM_RE.sub(" ", bare).split())


_NOT_ALNUM_RE = re.compile(r"[^a-z0-9]+")
