"""Persons as documents write them: civility, first name(s), last name, role.

"Monsieur Michel AUDRAN", "CARRÉ Jean-Christophe", "Hervé GRANIER" and "Représentée par son
Maire, Madame Anne PONIATOWSKI" all become `Person` with the last name upper case and first
names title case; `person_key` links the same person across parties, signature blocks and
deliberations (accents and case folded: "CARRE" and "CARRÉ" are one person).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ctg.core.civilities import civility_regex, civility_titles
from ctg.core.model import Document, Person
from ctg.resolve.names import fold

# Civilities read before a name, lower-cased written form -> canonical ("mme" -> "Madame", as in
# "Mme Sonia FONTAINE"; "Docteur Florence BOURDEIX" signs a contrat local de santé); the bare "M"
# and "Me" are not ones here, nor the plural forms.
CIVILITY_TITLES = ("Monsieur", "Madame", "Mademoiselle", "Docteur", "Maître")
CIVILITIES: dict[str, str] = civility_titles(CIVILITY_TITLES, exclude=("M", "Me"))
# Lower-case particles that belong to the last name they precede, e.g. "Anne de LA ROCHE".
PARTICLES = frozenset({"de", "du", "des", "d'", "van", "von", "le", "la"})
# Articles that make a civility introduce a role, not a name: "Monsieur le Maire".
ROLE_ARTICLES = frozenset({"le", "la", "l'"})
# Text around a name, removed before reading it. Example after each.
NOISE: list[re.Pattern[str]] = [
    re.compile(r"^\s*repr[ée]sent[ée]+e?s?\s+par\s*,?\s*", re.I),  # "Représentée par, Monsieur Yves …"
    re.compile(r",?\s*d\S{0,3}ment\s+autoris.*$", re.I),  # "…, dûment autorisé à signer" (OCR "diiment")
    re.compile(r"\s*\((?:cachet|signature)[^)]*\)\s*$", re.I),  # "Lionel ESCOFFIER (Cachet et signature)"
]
# A role before the name: "son Maire, Monsieur …", "sa Présidente Madame …".
ROLE_BEFORE = re.compile(
    r"^(?:son|sa|leur)\s+(?P<role>[^,]+?)\s*,?\s+(?=(?:"
    + civility_regex(CIVILITY_TITLES, exclude=("M", "Me"))
    + r")\s)",
    re.I,
)
# An upper-case name word, accents and hyphens included: "GRANET-BRUNELLO", "CARRÉ", "D'ARC".
UPPER_WORD = re.compile(r"^[A-ZÀ-Ý][A-ZÀ-Ý'’\-]+$")


def clean(text: str) -> str:
    for pattern in NOISE:
        text = pattern.sub("", text)
    return " ".join(text.split()).strip(" ,;")


def split_role(text: str, role: str) -> tuple[str, str]:
    """The name part and the role, read before ("son Maire, …") or after (", Directeur") the name."""
    before = ROLE_BEFORE.match(text)
    if before:
        role = role or before["role"]
        text = text[before.end() :]
    if "," in text:
        text, after = (part.strip() for part in text.split(",", 1))
        role = role or after.strip(" ,;")
    return text, role


def civility_of(text: str) -> str:
    first = text.split(maxsplit=1)[0].lower() if text.strip() else ""
    return CIVILITIES.get(first, "")


def clean_role(role: str) -> str:
    """The function without civility or article: "Monsieur le Maire" -> "Maire"."""
    words = role.strip(" ,;").split()
    if words and words[0].lower() in CIVILITIES:
        words = words[1:]
    if words and words[0].lower() in ROLE_ARTICLES:
        words = words[1:]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def first_name_case(word: str) -> str:
    """ "JEAN-CHRISTOPHE" -> "Jean-Christophe"."""
    return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))


def split_name(words: list[str]) -> tuple[list[str], list[str]]:
    """First-name and last-name words: upper-case words (and the particles before them) are the last name."""
    if len(words) == 1:
        return [], words  # "Monsieur CARRÉ": a lone word is the last name
    upper = [index for index, word in enumerate(words) if UPPER_WORD.match(word)]
    if not upper or len(upper) == len(words):
        # No case cue ("Jean Dupont", "JEAN DUPONT"): French order, first name first.
        return words[:1], words[1:]
    start, end = upper[0], upper[-1] + 1
    while start > 0 and words[start - 1].lower() in PARTICLES:
        start -= 1
    return words[:start] + words[end:], words[start:end]


def parse_person(as_written: str, role: str = "") -> Person:
    """A Person from "Monsieur Michel AUDRAN", "CARRÉ Jean-Christophe", "Madame X Y, Maire" …"""
    text, role = split_role(clean(as_written), role)
    words = text.split()
    civility = civility_of(role)  # "Madame la Présidente" over a bare "Maley UPRAVAN"
    if words and words[0].lower() in CIVILITIES:
        civility = CIVILITIES[words[0].lower()]
        words = words[1:]
    if words and words[0].lower() in ROLE_ARTICLES:
        # "Monsieur le Maire": a role without a name, as signature blocks often print.
        return Person(as_written=as_written, civility=civility, role=clean_role(role or " ".join(words)))
    first, last = split_name(words)
    return Person(
        as_written=as_written,
        civility=civility,
        first_name=" ".join(first_name_case(word) for word in first),
        last_name=" ".join(last).upper(),
        role=clean_role(role),
    )


def display_name(person: Person) -> str:
    """ "Monsieur Michel AUDRAN": civility, first names, last name."""
    return " ".join(part for part in (person.civility, person.first_name, person.last_name) if part)


def person_key(person: Person) -> str:
    """Key linking one person across a document set: folded last and first names."""

    def norm(text: str) -> str:
        return " ".join(re.findall(r"[a-z]+", fold(text)))

    return f"{norm(person.last_name)}|{norm(person.first_name)}"


def link_persons(persons: Iterable[Person]) -> dict[str, list[Person]]:
    """Group mentions of one person; a mention without first name joins the only group of its last name."""
    groups: dict[str, list[Person]] = {}
    partial: list[Person] = []
    for person in persons:
        if not person.last_name:
            continue
        if person.first_name:
            groups.setdefault(person_key(person), []).append(person)
        else:
            partial.append(person)
    for person in partial:
        last = person_key(person).split("|")[0]
        matches = [key for key in groups if key.split("|")[0] == last]
        groups.setdefault(matches[0] if len(matches) == 1 else person_key(person), []).append(person)
    return groups


def document_persons(doc: Document) -> list[Person]:
    """Every person a document names: party representatives, signers, the council's officers and members."""
    persons = [
        parse_person(party.representative, party.role) for party in doc.parties if party.representative
    ]
    persons += [signer for block in doc.signatures for signer in block.signers]
    if doc.deliberation is not None:
        deliberation = doc.deliberation
        names = [
            deliberation.president,
            deliberation.secretaire,
            *deliberation.presents,
            *deliberation.absents,
        ]
        names += [name for proxy in deliberation.pouvoirs for name in (proxy.giver, proxy.holder)]
        persons += [parse_person(name) for name in names if name]
    return [person for person in persons if person.last_name]
