"""Civilities and the titles written in their place: each written form with its canonical one.

Segment reads them before names ("Mme Sonia FONTAINE", "MM. Paul MARTIN et Louis BLANC") and
resolve parses persons with them: both build their regexes and look-ups from this one table.
A reader that deliberately accepts only some forms says which, by title, kind or form.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from ctg.core.text import fold


@dataclass(frozen=True, slots=True)
class Civility:
    written: str  # as documents write it: "M.", "Mme", "Monsieur"
    title: str  # the canonical civility: "Monsieur"
    short: bool  # an abbreviation ("Mme"), not the word in full ("Madame")
    example: str


FULL, SHORT = False, True
# Singular civilities, then plural ones, then the titles written in their place.
CIVILITIES: tuple[Civility, ...] = (
    Civility("Monsieur", "Monsieur", FULL, "Monsieur Michel AUDRAN"),
    Civility("M.", "Monsieur", SHORT, "M. René VILLARD"),
    Civility("M", "Monsieur", SHORT, "M Paul MARTIN"),  # the dot forgotten, or lost by OCR
    Civility("Mr", "Monsieur", SHORT, "Mr René VILLARD"),
    Civility("Madame", "Madame", FULL, "Madame Patricia GRANET-BRUNELLO"),
    Civility("Mme", "Madame", SHORT, "Mme Sonia FONTAINE"),
    Civility("Mademoiselle", "Mademoiselle", FULL, "Mademoiselle Fanny ARSAC"),
    Civility("Mlle", "Mademoiselle", SHORT, "Mlle Fanny ARSAC"),
    Civility("Messieurs", "Messieurs", FULL, "Messieurs Paul MARTIN et Louis BLANC"),
    Civility("MM.", "Messieurs", SHORT, "MM. Paul MARTIN et Louis BLANC"),
    Civility("MM", "Messieurs", SHORT, "MM Paul MARTIN et Louis BLANC"),
    Civility("Mesdames", "Mesdames", FULL, "Mesdames Anne DURAND et Julie GIRAUD"),
    Civility("Mmes", "Mesdames", SHORT, "Mmes Anne DURAND et Julie GIRAUD"),
    Civility("Maître", "Maître", FULL, "Maître Jean ANQUETIL"),
    Civility("Maitre", "Maître", FULL, "Maitre Jean ANQUETIL"),  # the circumflex dropped
    Civility("Me", "Maître", SHORT, "Me Jean ANQUETIL"),
    Civility("Docteur", "Docteur", FULL, "Docteur Florence BOURDEIX"),
    Civility("Dr", "Docteur", SHORT, "Dr Florence BOURDEIX"),
    Civility("Dr.", "Docteur", SHORT, "Dr. Florence BOURDEIX"),
)
TITLES: tuple[str, ...] = tuple(dict.fromkeys(civility.title for civility in CIVILITIES))


def civilities(
    titles: Collection[str] = TITLES,
    *,
    full: bool = True,
    short: bool = True,
    exclude: Collection[str] = (),
) -> tuple[Civility, ...]:
    """The forms of `titles`, in full and/or abbreviated, without the written forms in `exclude`."""
    unknown = (set(titles) - set(TITLES)) | (set(exclude) - {c.written for c in CIVILITIES})
    if unknown:
        raise ValueError(f"not in the civilities table: {sorted(unknown)}")
    return tuple(
        c
        for c in CIVILITIES
        if c.title in titles and (short if c.short else full) and c.written not in exclude
    )


def civility_regex(
    titles: Collection[str] = TITLES,
    *,
    full: bool = True,
    short: bool = True,
    exclude: Collection[str] = (),
    bounded: bool = False,
    folded: bool = False,
) -> str:
    """A non-capturing alternation of the chosen forms, longest first ("M." before "M"), so that
    the regex takes the whole form whatever follows. `bounded` puts a word boundary after the
    forms that end with a letter ("Dr" is not the start of "Drôme"; "M." needs none); `folded`
    writes the forms as core.text's fold does, for regexes matched on folded text ("maitre")."""
    chosen = civilities(titles, full=full, short=short, exclude=exclude)
    written = dict.fromkeys(fold(c.written) if folded else c.written for c in chosen)
    forms = sorted(written, key=lambda form: (-len(form), form))
    edge = r"\b" if bounded else ""
    return "(?:" + "|".join(re.escape(f) + (edge if f[-1].isalnum() else "") for f in forms) + ")"


def civility_titles(
    titles: Collection[str] = TITLES,
    *,
    full: bool = True,
    short: bool = True,
    exclude: Collection[str] = (),
) -> dict[str, str]:
    """Lower-cased written form → canonical title, for looking up a form a regex matched:
    {"m.": "Monsieur", "mme": "Madame", …}."""
    return {c.written.lower(): c.title for c in civilities(titles, full=full, short=short, exclude=exclude)}
