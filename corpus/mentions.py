"""Find every naming of a known commune in a document's text, with its true INSEE code.

Matching is done on the finished text (not while writing) so that no mention is missed: the
party headings in capitals, the visa, the table of equipments, "Fait à …", the pilots of the
action sheets. Longest forms win, so "Les Baux-de-Provence" is not also read as
"Baux-de-Provence".
"""

from __future__ import annotations

import re

from ctg.corpus.territories import TERRITORIES, Commune

# Communes named in the corpus outside any territory's list (places of signature).
# Example: "Fait à Digne-les-Bains" names Digne-les-Bains, INSEE 04070.
OTHER_COMMUNES: tuple[Commune, ...] = (Commune("04070", "Digne-les-Bains", "de ", "", ()),)


def _forms(commune: Commune) -> list[str]:
    """Spellings of a commune as they can appear: official, variants, in capitals, and without
    the leading article after "des" ("Commune des Baux-de-Provence")."""
    forms = [commune.name, *commune.variants]
    if commune.of == "des ":
        forms += [form.split(" ", 1)[1] for form in forms if " " in form]
    return forms + [form.upper() for form in forms]


def _pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    insee_of: dict[str, str] = {}
    for commune in [c for t in TERRITORIES for c in t.communes] + list(OTHER_COMMUNES):
        for form in _forms(commune):
            insee_of[form] = commune.insee
    alternatives = sorted(insee_of, key=len, reverse=True)
    # Letters, digits and hyphens around a form mean it is part of a longer word or name.
    body = "|".join(re.escape(form) for form in alternatives)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])"), insee_of


_PATTERN, _INSEE_OF = _pattern()


def find_mentions(text: str) -> list[tuple[str, str]]:
    """Distinct (as_written, insee) pairs in order of first appearance; line breaks count as
    spaces, since a name can be wrapped."""
    found: list[tuple[str, str]] = []
    for match in _PATTERN.finditer(" ".join(text.split())):
        pair = (match.group(0), _INSEE_OF[match.group(0)])
        if pair not in found:
            found.append(pair)
    return found
