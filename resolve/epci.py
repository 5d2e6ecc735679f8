"""How EPCI are written: nature designators, base names and derived acronyms.

The reference names EPCI tersely ("CC Vallée des Baux-Alpilles (CC VBA)",
"CA Provence-Alpes-Agglomération"); documents write them in full ("Communauté de communes
Vallée des Baux-Alpilles"), without the nature ("Provence Alpes Agglomération") or as an
acronym ("CCVBA", "CA P2A"). Acronyms are derived from the names, never listed by hand.
"""

from __future__ import annotations

import re

from ctg.resolve.names import tokens

# Written forms of each nature, as folded tokens, longest first so that the full form wins.
NATURE_FORMS: list[tuple[tuple[str, ...], str]] = [
    (("communaute", "de", "communes"), "CC"),  # "Communauté de communes Vallée des Baux-Alpilles"
    (("communaute", "d", "agglomeration"), "CA"),  # "Communauté d'Agglomération Provence Alpes …"
    (("communaute", "urbaine"), "CU"),  # "Communauté urbaine de Dunkerque"
    (("metropole",), "METRO"),  # "Métropole d'Aix-Marseille-Provence"
    (("cc",), "CC"),  # "CC Vallée des Baux-Alpilles"
    (("ca",), "CA"),  # "CA Provence-Alpes-Agglomération"
    (("cu",), "CU"),  # "CU d'Arras"
    (("intercommunalite",), "EPCI"),  # "l'intercommunalité Vallée des Baux-Alpilles": nature unsaid
    (("epci",), "EPCI"),  # "l'EPCI Provence Alpes Agglomération"
]
# The nature written when a designator says "an EPCI" without saying which kind.
ANY_NATURE = "EPCI"
# Words before the designator: "Pour la Communauté de communes …", "l'intercommunalité …".
LEADING_WORDS = frozenset({"pour", "la", "le", "l"})
# Natures that are the same body for matching ("MET69" is the Métropole de Lyon).
NATURE_FAMILY = {"MET69": "METRO"}
# Small words skipped when reading initials and after the nature, e.g. "Pays *d'*Apt".
SMALL_WORDS = frozenset(
    {"de", "d", "des", "du", "la", "le", "les", "l", "et", "en", "sur", "sous", "aux", "a"}
)
# Acronyms a document may add in brackets, e.g. "CC Vallée des Baux-Alpilles (CC VBA)".
BRACKETED = re.compile(r"\(([^)]*)\)")


def split_nature(words: list[str]) -> tuple[str | None, list[str]]:
    """The nature a name starts with (after an article) and the remaining words."""
    start = 0
    while start < len(words) and words[start] in LEADING_WORDS:
        start += 1
    for form, nature in NATURE_FORMS:
        if tuple(words[start : start + len(form)]) == form:
            return nature, words[start + len(form) :]
    return None, words


def base_words(words: list[str]) -> list[str]:
    """Words of the name proper: leading small words dropped ("d'Arles…" -> "arles …")."""
    while len(words) > 1 and words[0] in SMALL_WORDS:
        words = words[1:]
    return words


def compress_runs(initials: str) -> str:
    """Runs of one letter written with their count, the way "PAA" is written "P2A"."""
    return re.sub(r"(.)\1+", lambda run: f"{len(run.group(0))}{run.group(1)}", initials)


def acronyms(nature: str | None, words: list[str]) -> set[str]:
    """Acronyms of a base name, bare and prefixed by the nature: "vba", "ccvba", "p2a", "cap2a"."""
    initials = "".join(word[0] for word in words if word not in SMALL_WORDS)
    if len(initials) < 2:
        return set()
    forms = {initials, compress_runs(initials)}
    prefix = (nature or "").lower()
    return forms | {prefix + form for form in forms if prefix}


def describe(name: str, nature: str) -> tuple[str, set[str]]:
    """The base key and the acronyms of a reference EPCI name."""
    written = {"".join(tokens(inner)) for inner in BRACKETED.findall(name)}
    _, words = split_nature(tokens(BRACKETED.sub(" ", name)))
    words = base_words(words)
    return " ".join(words), acronyms(NATURE_FAMILY.get(nature, nature), words) | written


def read_written(as_written: str) -> tuple[str | None, str, set[str]]:
    """Nature, base key and compact forms (whole, bracketed) of a name as a document writes it.

    "Provence Alpes Agglomération (PAA)" -> (None, "provence alpes agglomeration", {…, "paa"}).
    """
    outside = BRACKETED.sub(" ", as_written)
    nature, words = split_nature(tokens(outside))
    compact = {"".join(tokens(outside))} | {"".join(tokens(inner)) for inner in BRACKETED.findall(as_written)}
    return nature, " ".join(base_words(words)), compact - {""}


# How each nature is written out in full, e.g. "CC Vallée des Baux-Alpilles" ->
# "Communauté de communes Vallée des Baux-Alpilles".
NATURE_WRITTEN = {
    "CC": "Communauté de communes",
    "CA": "Communauté d'agglomération",
    "CU": "Communauté urbaine",
    "METRO": "Métropole",
    "MET69": "Métropole",
}
# The nature prefix and bracketed acronym of a reference name: "CC … (CC VBA)".
SHORT_NATURE = re.compile(r"^(?:CC|CA|CU|Métropole)\s+|\s*\([^)]*\)")


def bare_name(name: str) -> str:
    """A reference EPCI name without nature prefix nor bracketed acronym: "Vallée des Baux-Alpilles"."""
    return SHORT_NATURE.sub("", name).strip()


def full_name(name: str, nature: str) -> str:
    """The name as a document writes it in full: "Communauté de communes Vallée des Baux-Alpilles".

    Métropoles keep their own name ("Métropole d'Aix-Marseille-Provence", "Toulouse Métropole").
    """
    if nature in ("METRO", "MET69"):
        return BRACKETED.sub("", name).strip()
    return f"{NATURE_WRITTEN[nature]} {bare_name(name)}"
