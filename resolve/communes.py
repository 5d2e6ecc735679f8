"""Resolve a commune, EPCI or département name, as a document writes it, to official codes.

Exact keys first (see `resolve.names`), then rapidfuzz, always inside what the document
tells (`PlaceContext`: its département, its EPCI's members). A name that stays ambiguous or
too far gets no code and a reason: a wrong code is worse than none.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from ctg.resolve.epci import ANY_NATURE, NATURE_FAMILY, read_written
from ctg.resolve.names import ocr_key, place_key, tokens
from ctg.resolve.reference import Reference, load_reference
from ctg.resolve.similarity import fuzzy_best, one_edit, rivals, score

PlaceKind = Literal["commune", "epci", "departement", "none"]

# Fuzzy matching limits: the best score must reach MIN_SCORE (and lead the next candidate,
# see resolve.similarity); keys shorter than MIN_FUZZY_LENGTH are not scored ("Eze" and "Eve"
# are one edit apart and both real).
MIN_SCORE = 85.0
MIN_FUZZY_LENGTH = 6
# Below MIN_SCORE, a single edit is accepted from this key length on, with no rival within two.
MIN_ONE_EDIT_LENGTH = 5
# A cut name ("Digne" for "Digne-les-Bains") is read as a prefix only from this length on.
MIN_PREFIX_LENGTH = 4
# A name found only outside the document's départements is refused when a commune inside
# them is this close (then likelier a typo): "Baon" (89) near "Banon" (04) scores 80,
# "Momas" (64) near "Mornas" (84) 67.
NEAR_SCORE = 60.0
# Whole-country fuzzy matching, without any département to narrow it, must be near-exact.
MIN_SCORE_NATIONWIDE = 94.0
# Words that say a name is a département, e.g. "Département des Bouches-du-Rhône".
DEPARTEMENT_DESIGNATORS = re.compile(
    r"^(?:le\s+)?(?:conseil\s+departemental|departement)\s+(?:de\s+la|de\s+l|des|du|de|d)?\s*"
)
EXACT_REASONS = frozenset({"exact", "former name"})
POSTAL_CODE = re.compile(r"^\d{5}$")  # a postal code inside a name, e.g. "Gardanne (13120)"


@dataclass(frozen=True, slots=True)
class PlaceContext:
    """What a document tells about where it is: narrows the candidates of every name."""

    departements: frozenset[str] = frozenset()  # "13", "04", "2A"
    epci_sirens: frozenset[str] = frozenset()
    insee_candidates: frozenset[str] = frozenset()  # e.g. the members of the EPCI named


@dataclass(slots=True)
class Resolution:
    """The official codes of a name, or why there are none."""

    as_written: str
    kind: PlaceKind = "none"
    insee: str | None = None
    siren: str | None = None
    departement: str | None = None
    name: str = ""  # official name
    score: float = 0.0
    reason: str = "no match"
    candidates: list[str] = field(default_factory=list)  # codes left when ambiguous

    @property
    def resolved(self) -> bool:
        return self.kind != "none"


def commune_resolution(as_written: str, insee: str, ref: Reference, score: float, reason: str) -> Resolution:
    row = ref.communes.loc[insee]
    return Resolution(as_written, "commune", insee, row.siren, row.departement, row["name"], score, reason)


def epci_resolution(as_written: str, siren: str, ref: Reference, score: float, reason: str) -> Resolution:
    departements = sorted(ref.epci_departements(siren))
    departement = departements[0] if len(departements) == 1 else None
    name = str(ref.epci.loc[siren, "name"])
    return Resolution(as_written, "epci", None, siren, departement, name, score, reason)


def unresolved(as_written: str, candidates: Iterable[str] = (), reason: str = "no match") -> Resolution:
    codes = sorted(set(candidates))
    if len(codes) > 1:
        reason = f"ambiguous: {len(codes)} candidates"
    return Resolution(as_written, reason=reason, candidates=codes)


def commune_pools(context: PlaceContext, ref: Reference) -> list[frozenset[str] | None]:
    """Candidate sets from the narrowest to the widest; None stands for the whole country."""
    pools: list[frozenset[str] | None] = []
    if context.insee_candidates:
        pools.append(context.insee_candidates)
    if context.departements:
        pools.append(ref.communes_in(context.departements))
    pools.append(None)
    return pools


def exact_communes(key: str, pool: frozenset[str] | None, ref: Reference) -> tuple[list[str], str]:
    """Codes whose current name, else a former name, has this key."""
    for index, reason in ((ref.commune_keys, "exact"), (ref.former_keys, "former name")):
        found = [insee for insee in index.get(key, []) if pool is None or insee in pool]
        if found:
            return found, reason
    return [], ""


def prefix_communes(key: str, pool: frozenset[str], ref: Reference) -> list[str]:
    """Members whose name starts with the key's words: a table cell cut "Commune de Digne".

    Only inside the EPCI the document names, where a unique prefix cannot be another commune.
    """
    if len(key) < MIN_PREFIX_LENGTH:
        return []
    return [insee for insee in pool if any(k.startswith(key + " ") for k in ref.keys_of[insee])]


def ocr_folded(key: str, choices: dict[str, list[str]], ref: Reference) -> list[str]:
    """Communes whose OCR-folded name equals the key's ("Aig1un" for Aiglun)."""
    return [insee for insee in ref.ocr_keys.get(ocr_key(key), []) if insee in choices]


def with_postal(pool: frozenset[str] | None, postal: set[str], ref: Reference) -> frozenset[str]:
    """The communes of the pool served by a postal code written with the name."""
    candidates = {insee for code in postal for insee in ref.insee_by_postal.get(code, [])}
    return frozenset(candidates if pool is None else candidates & pool)


def near_in_context(key: str, context: PlaceContext, ref: Reference) -> list[str]:
    """Communes of the document's départements close to a key found only elsewhere in France.

    "Baon" is a commune of the Yonne and one letter from Banon (04): in a document of the
    Alpes-de-Haute-Provence it is far likelier a typo than a commune 600 km away.
    """
    choices = {insee: ref.keys_of[insee] for insee in ref.communes_in(context.departements)}
    return fuzzy_best(key, choices, NEAR_SCORE)[0]


def approximate(
    key: str, choices: dict[str, list[str]], ref: Reference, nationwide: bool
) -> tuple[list[str], str]:
    """Codes for a key no name matches exactly: OCR-folded, fuzzy, then one edit; several = ambiguous.

    A single candidate is kept only when no other commune is as close in edits.
    """
    steps = [("ocr-folded", ocr_folded(key, choices, ref))] if not nationwide else []
    if len(key) >= MIN_FUZZY_LENGTH:
        found, best = fuzzy_best(key, choices, MIN_SCORE_NATIONWIDE if nationwide else MIN_SCORE)
        steps.append((f"fuzzy {best:.0f}", found))
    if not nationwide:
        steps.append(("one edit", one_edit(key, choices, MIN_ONE_EDIT_LENGTH)))
    for reason, found in steps:
        if len(found) == 1:
            others = rivals(found[0], key, choices)
            return ([*found, *others], reason) if others else (found, reason)
        if found:
            return found, reason
    return [], ""


def match_commune(as_written: str, context: PlaceContext, ref: Reference) -> Resolution:
    words = tokens(as_written)
    postal = {word for word in words if POSTAL_CODE.match(word)}
    key = place_key(" ".join(word for word in words if word not in postal))
    for pool in commune_pools(context, ref):
        if postal:
            pool = with_postal(pool, postal, ref)
        found, reason = exact_communes(key, pool, ref)
        if not found and context.insee_candidates and pool == context.insee_candidates:
            found, reason = prefix_communes(key, pool, ref), "prefix among EPCI members"
        if pool is None and len(found) == 1 and context.departements and not postal:
            near = near_in_context(key, context, ref)
            if near:
                return unresolved(as_written, [*found, *near])
        if not found and not (pool is None and context.departements):
            # Outside the départements a document tells, only exact names are taken.
            choices = ref.keys_of if pool is None else {insee: ref.keys_of[insee] for insee in pool}
            found, reason = approximate(key, choices, ref, nationwide=pool is None)
        if len(found) == 1:
            return commune_resolution(as_written, found[0], ref, score(key, ref.keys_of[found[0]]), reason)
        if found:
            return unresolved(as_written, found)
    return unresolved(as_written)


def epci_in_context(sirens: list[str], context: PlaceContext, ref: Reference) -> list[str]:
    """The EPCI the document names, else those with members in its départements, else all."""
    named = [siren for siren in sirens if siren in context.epci_sirens]
    if named:
        return named
    if context.departements:
        return [siren for siren in sirens if ref.epci_departements(siren) & context.departements]
    return sirens


def same_nature(sirens: list[str], nature: str | None, ref: Reference) -> list[str]:
    if nature is None or nature == ANY_NATURE:
        return sirens
    return [s for s in sirens if NATURE_FAMILY.get(ref.epci_nature[s], ref.epci_nature[s]) == nature]


def match_epci(as_written: str, context: PlaceContext, ref: Reference, fuzzy: bool = True) -> Resolution:
    nature, base, compact = read_written(as_written)
    steps = [
        (ref.epci_bases.get(base, []), "exact"),
        (
            [
                siren
                for form in compact | {base.replace(" ", "")}
                for siren in ref.epci_acronyms.get(form, [])
            ],
            "acronym",
        ),
    ]
    # The nature written is a hint, not a rule: documents call a CA "Communauté de communes".
    for sirens, reason in steps:
        found = epci_in_context(sorted(set(same_nature(sirens, nature, ref) or sirens)), context, ref)
        if len(found) == 1:
            return epci_resolution(as_written, found[0], ref, 100.0, reason)
        if found:
            return unresolved(as_written, found)
    if not fuzzy or len(base) < MIN_FUZZY_LENGTH:
        return unresolved(as_written)
    pool = epci_in_context(same_nature(list(ref.epci_base_of), nature, ref), context, ref)
    min_score = MIN_SCORE if context.departements or context.epci_sirens else MIN_SCORE_NATIONWIDE
    choices = {siren: [ref.epci_base_of[siren]] for siren in pool}
    found, best = fuzzy_best(base, choices, min_score)
    if len(found) == 1:
        found += rivals(found[0], base, choices)
    if len(found) == 1:
        return epci_resolution(as_written, found[0], ref, best, f"fuzzy {best:.0f}")
    return unresolved(as_written, found)


def match_departement(as_written: str, ref: Reference) -> Resolution:
    key = place_key(DEPARTEMENT_DESIGNATORS.sub("", " ".join(tokens(as_written))))
    for code, name in ref.departements["name"].items():
        if place_key(name) == key:
            return Resolution(as_written, "departement", None, None, code, name, 100.0, "exact")
    return unresolved(as_written)


def resolve_place(
    as_written: str,
    context: PlaceContext = PlaceContext(),
    kind: PlaceKind | None = None,
    ref: Reference | None = None,
) -> Resolution:
    """Official codes of a commune, EPCI or département name; `kind` when the document says it.

    >>> resolve_place("Commune de Fontveille", PlaceContext(departements=frozenset({"13"}))).insee
    '13038'
    """
    ref = ref or load_reference()
    nature, _, _ = read_written(as_written)
    if kind == "epci" or (kind is None and nature is not None):
        return match_epci(as_written, context, ref)
    if kind == "departement" or (
        kind is None and DEPARTEMENT_DESIGNATORS.match(" ".join(tokens(as_written)))
    ):
        return match_departement(as_written, ref)
    if kind == "commune":
        return match_commune(as_written, context, ref)
    # Undesignated: a commune's exact name ("Saint-Flour" the town, not "CC de Saint-Flour"),
    # an exact EPCI name or acronym, an approximate commune, a département of the context.
    commune = match_commune(as_written, context, ref)
    if commune.resolved and commune.reason in EXACT_REASONS:
        return commune
    epci = match_epci(as_written, context, ref, fuzzy=False)
    if epci.resolved:
        return epci
    if commune.resolved or commune.candidates:
        return commune
    departement = match_departement(as_written, ref)
    if departement.resolved and (not context.departements or departement.departement in context.departements):
        return departement
    return epci if epci.candidates else commune  # an ambiguous acronym says more than "no match"


def resolve_siren(siren: str, ref: Reference | None = None) -> Resolution:
    """The commune or EPCI of a SIREN, e.g. the one inside an ACTES ID."""
    ref = ref or load_reference()
    if siren in ref.insee_by_siren:
        return commune_resolution(siren, ref.insee_by_siren[siren], ref, 100.0, "siren")
    if siren in ref.epci.index:
        return epci_resolution(siren, siren, ref, 100.0, "siren")
    return unresolved(siren, reason="no match: SIREN not in reference")
