"""What kind of convention a document is (CTG, CLS, avenant, …), from the words of its title.

The types are data: each has the name written to `Document.convention_type`, the pattern its title
matches and an example. The title is read on the flow of the first lines, so that a cover printed
one word a line ("CONVENTION / TERRITORIALE / GLOBALE") and a title on one line give the same type;
the earliest match in the title wins, and of two matches at the same place the first in the table
(the more specific: an "Avenant à la convention territoriale globale" is an avenant).
"""

from __future__ import annotations

import re

from ctg.core.model import Line
from ctg.segment.flow import Flow
from ctg.segment.patterns import PARTIES_OPEN, PARTIES_OPEN_INLINE, Pattern, pattern

TITLE_LINES = 40  # a convention's title stands on its cover or in its first lines


_t = pattern  # a type's name, what names it in a title, an example

CONVENTION_TYPES: tuple[Pattern, ...] = (
    _t("avenant", r"\bAvenant\b", "Avenant n° 2 à la Convention Territoriale Globale"),
    _t(
        "CTG",
        r"\bConvention\s+Territori\w*\s+G\s?l\s?o\s?b\s?a\s?l\s?e\b|\bCTG\b",
        "CONVENTION TERRITORIALE G L O B A L E",
    ),
    _t("CLS", r"\bContrat\s+Local\s+de\s+Sant[ée]\b", "Contrat Local de Santé 2025/2028"),
    _t("CEJ", r"\bContrat\s+Enfance\s+(?:et\s+)?Jeunesse\b", "Contrat Enfance Jeunesse 2019-2022"),
    _t("contrat de ville", r"\bContrat\s+de\s+ville\b", "Contrat de ville 2024-2030 « Quartiers 2030 »"),
    _t(
        "CRTE",
        r"\bContrat\s+de\s+relance\s+et\s+de\s+transition\s+[ée]cologique\b|\bCRTE\b",
        "Contrat de Relance et de Transition Écologique",
    ),
    _t(
        "convention d'objectifs",
        r"\bConvention\s+(?:pluriannuelle\s+)?d['’]\s*objectifs\b",
        "Convention pluriannuelle d'objectifs et de financement",
    ),
    _t("convention de financement", r"\bConvention\s+de\s+financement\b", "Convention de financement"),
    _t("convention de partenariat", r"\bConvention\s+de\s+partenariat\b", "CONVENTION DE PARTENARIAT"),
    _t(
        "convention de mise à disposition",
        r"\bConvention\s+de\s+mise\s+[àa]\s+disposition\b",
        "Convention de mise à disposition de locaux",
    ),
    _t("protocole", r"\bProtocole\b", "Protocole d'accord"),
    _t("charte", r"\bCharte\b", "Charte de la laïcité de la branche Famille"),
    _t("contrat", r"\bContrat\b", "Contrat de territoire"),
    _t("convention", r"\bConvention\b", "Convention de coordination de la police municipale"),
)


def convention_type_of(text: str) -> tuple[Pattern, re.Match[str]] | None:
    """The type a title names and where, or None."""
    best: tuple[Pattern, re.Match[str]] | None = None
    for kind in CONVENTION_TYPES:
        match = kind.regex.search(text)
        if match and (best is None or match.start() < best[1].start()):
            best = (kind, match)
    return best


TITLE_CHARS = 140  # a title line; a longer one is running text


def type_named(text: str) -> str:
    """The name of the type `text` names first ("Approbation de la Convention Territoriale Globale"
    gives "CTG"), "" when it names none."""
    found = convention_type_of(text)
    return found[0].name if found else ""


def titled_type(text: str) -> Pattern | None:
    """The type a heading line opens with ("Contrat Local de Santé 2025/2028", "CONVENTION", "Avenant n° 2 à
    la CTG"); running text is no title: a lower-case start ("convention, et autorise …"), a full stop
    at its end, or the type named further on ("Vu la convention …")."""
    text = " ".join(text.split())
    if not text[:1].isupper() or len(text) > TITLE_CHARS or text.endswith("."):
        return None
    found = convention_type_of(text)
    return found[0] if found and found[1].start() == 0 else None


def title_lines(lines: list[Line]) -> list[Line]:
    """The lines above the parties (cover and title); the body's "la présente convention" is no title."""
    head = lines[:TITLE_LINES]
    for i, line in enumerate(head):
        if PARTIES_OPEN.regex.match(line.text) or PARTIES_OPEN_INLINE.regex.match(line.text):
            return head[:i]
    return head


# Without a title, what the parties sign: "dûment autorisés à signer la présente convention".
PRESENT = re.compile(r"\bpr[ée]sente?\s+(?P<rest>.{0,80})", re.IGNORECASE)


def convention_type(lines: list[Line]) -> str:
    """The type named by the document's title lines, else by the "présente …" its parties sign, "" when
    neither names one."""
    found = convention_type_of(Flow.of_lines(title_lines(lines)).text)
    if found is None:
        for match in PRESENT.finditer(Flow.of_lines(lines[:TITLE_LINES]).text):
            named = convention_type_of(match.group("rest"))
            if named and named[1].start() == 0:
                found = named
                break
    return found[0].name if found else ""
