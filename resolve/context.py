"""What a document tells about where it is, gathered into a `PlaceContext`.

Evidence, each a table entry below: the CAF or département it names ("Caisse d'allocations
familiales des Bouches-du-Rhône"), the ACTES IDs of its prefecture stamps (département and
SIREN), postal codes followed by a commune name, and the EPCI it names (its members become
the first candidates of every commune name).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ctg.core.model import Document
from ctg.resolve.communes import PlaceContext, match_epci, resolve_siren
from ctg.resolve.epci import NATURE_FORMS
from ctg.resolve.names import tokens
from ctg.resolve.reference import Reference, load_reference
from ctg.segment.stamps import find_actes_ids

# Phrases followed by a département name, on folded words. Example before each.
CONNECTOR = r"(?:de la |de l |des |du |de |d )"
DEPARTEMENT_CUES: list[re.Pattern[str]] = [
    # "Caisse d'allocations familiales des Bouches-du-Rhône"
    re.compile(rf"\ballocations familiales {CONNECTOR}"),
    # "la Caf des Bouches Du Rhône"
    re.compile(rf"\bcaf {CONNECTOR}"),
    # "Département des Alpes de Haute-Provence"
    re.compile(rf"\bdepartement {CONNECTOR}"),
]
# A postal code followed by a word, e.g. "13170 Les Pennes Mirabeau", "04420 LE BRUSQUET".
POSTAL = re.compile(r"\b(?P<code>\d{5})\s+(?P<word>[A-ZÀ-Ýa-zà-ÿ']{2,})")
# Longest EPCI name read after a nature designator, in words ("… Vallée des Baux-Alpilles").
EPCI_NAME_WORDS = 8
# Where an EPCI name starts in running text, on folded words: "communaute de communes …", "metropole …".
EPCI_DESIGNATOR = re.compile(
    r"\b(?:" + "|".join(" ".join(form) for form, _ in NATURE_FORMS if len(form) > 1) + r"|metropole)\b"
)


def actes_departement(code: str) -> str:
    """ACTES writes the département on three characters: "013" -> "13", "02A" -> "2A", "974" stays."""
    return code[1:] if len(code) == 3 and code.startswith("0") else code


def cue_departements(text: str, ref: Reference) -> set[str]:
    folded = " ".join(tokens(text))
    names = {code: " ".join(tokens(name)) + " " for code, name in ref.departements["name"].items()}
    found: set[str] = set()
    for cue in DEPARTEMENT_CUES:
        for match in cue.finditer(folded):
            tail = folded[match.end() :] + " "
            found |= {code for code, name in names.items() if tail.startswith(name)}
    return found


def actes_departements(text: str, ref: Reference) -> set[str]:
    found: set[str] = set()
    for parts in find_actes_ids(text):
        found.add(actes_departement(str(parts["departement"])))
        owner = resolve_siren(str(parts["siren"]), ref)
        if owner.departement:
            found.add(owner.departement)
    return found


def postal_departements(text: str, ref: Reference) -> set[str]:
    """Départements of postal codes whose following word starts a commune of that code."""
    found: set[str] = set()
    for match in POSTAL.finditer(text):
        word = tokens(match["word"])[:1]
        for insee in ref.insee_by_postal.get(match["code"], []):
            if tokens(ref.communes.at[insee, "name"])[:1] == word:
                found.add(ref.communes.at[insee, "departement"])
    return found


def named_epci(texts: Iterable[str], ref: Reference) -> set[str]:
    """SIRENs of EPCI named after a nature designator ("Communauté de communes X") or as parties."""
    found: set[str] = set()
    for text in texts:
        words = " ".join(tokens(text))
        for match in EPCI_DESIGNATOR.finditer(words):
            following = words[match.start() :].split()[: EPCI_NAME_WORDS + 3]
            # Longest exact reading first: the name ends where the sentence goes on.
            for end in range(len(following), 1, -1):
                resolution = match_epci(" ".join(following[:end]), PlaceContext(), ref, fuzzy=False)
                if resolution.resolved and resolution.siren:
                    found.add(resolution.siren)
                    break
    return found


def context_from_text(
    text: str, ref: Reference | None = None, epci_names: Iterable[str] = ()
) -> PlaceContext:
    """The context told by a text, plus EPCI names given apart (e.g. the document's EPCI parties)."""
    ref = ref or load_reference()
    sirens = named_epci([text, *epci_names], ref)
    departements = (
        cue_departements(text, ref) | actes_departements(text, ref) | postal_departements(text, ref)
    )
    members: set[str] = set()
    for siren in sirens:
        members |= ref.epci_members(siren)
        departements |= ref.epci_departements(siren)
    return PlaceContext(frozenset(departements), frozenset(sirens), frozenset(members))


def context_from_document(doc: Document, ref: Reference | None = None) -> PlaceContext:
    """The context of a document: its text, parties, signature blocks and stamps."""
    epci_names = [item.as_written for item in [*doc.parties, *doc.signatures] if item.party_type == "epci"]
    stamps = [stamp.actes_id or "" for stamp in doc.stamps]
    parties = [party.as_written for party in doc.parties]
    return context_from_text("\n".join([doc.text, *parties, *stamps]), ref, epci_names)
