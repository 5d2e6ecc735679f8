"""Fill official codes and clean persons into a segmented Document.

Parties, signature blocks, equipments and the deliberation get INSEE/SIREN codes and the
official name (or a reason why not) from their names, read inside the document's own context; stamps and the
deliberation get their collectivité from the SIREN of their ACTES ID, which is authoritative,
and its official name. Last, the places the document's lines name are read for the audit
(`resolve.mentions.read_places`), while the lines are at hand.
"""

from __future__ import annotations

import copy

from ctg.core.model import Deliberation, Document, Party, PartyType, Proxy, SignatureBlock, Stamp
from ctg.resolve.communes import PlaceContext, PlaceKind, Resolution, resolve_place, resolve_siren
from ctg.resolve.context import context_from_document
from ctg.resolve.epci import full_name
from ctg.resolve.mentions import read_places
from ctg.resolve.persons import display_name, parse_person
from ctg.resolve.reference import Reference, load_reference
from ctg.segment.stamps import parse_actes_id

# Which kind of place each party type names; the others (CAF, MSA …) carry no INSEE/SIREN here.
PARTY_KINDS: dict[PartyType, PlaceKind] = {"commune": "commune", "epci": "epci", "departement": "departement"}
NOT_A_COLLECTIVITE = "not a commune or EPCI"


def resolve_named(item: Party | SignatureBlock, context: PlaceContext, ref: Reference) -> None:
    kind = PARTY_KINDS.get(item.party_type)
    if kind is None:
        item.resolution = NOT_A_COLLECTIVITE
        return
    found = resolve_place(item.as_written or item.name, context, kind, ref)
    if not found.resolved and item.name and item.name != item.as_written:
        found = resolve_place(item.name, context, kind, ref)
    item.insee, item.siren, item.resolution = found.insee, found.siren, found.reason
    if found.resolved:
        item.name = official_name(found, ref)


def official_name(found: Resolution, ref: Reference) -> str:
    """The reference's name, an EPCI's written in full ("Communauté de communes …")."""
    if found.kind == "epci" and found.siren:
        return full_name(found.name, ref.epci_nature[found.siren])
    return found.name


def resolve_party(party: Party, context: PlaceContext, ref: Reference) -> None:
    resolve_named(party, context, ref)
    if party.representative:
        person = parse_person(party.representative, party.role)
        party.representative = display_name(person) or party.representative
        party.role = party.role or person.role


def resolve_signature(block: SignatureBlock, context: PlaceContext, ref: Reference) -> None:
    resolve_named(block, context, ref)
    block.signers = [parse_person(signer.as_written, signer.role) for signer in block.signers]


def resolve_stamp(stamp: Stamp, ref: Reference) -> None:
    if not stamp.siren and stamp.actes_id and (parts := parse_actes_id(stamp.actes_id)):
        stamp.siren = str(parts["siren"])
    if stamp.siren:
        owner = resolve_siren(stamp.siren, ref)
        stamp.insee = stamp.insee or owner.insee
    stamp.collectivite = collectivite_name(stamp.insee, stamp.siren, ref)


def collectivite_name(insee: str | None, siren: str | None, ref: Reference) -> str:
    """The official name of a commune (INSEE) or of the owner of a SIREN, an EPCI's in full
    ("Communauté de communes …", not "CC … (CC VBA)"); "" when neither is known."""
    if insee and insee in ref.communes.index:
        return str(ref.communes.at[insee, "name"])
    if siren:
        owner = resolve_siren(siren, ref)
        if owner.kind == "epci" and siren in ref.epci_nature:
            return full_name(owner.name, ref.epci_nature[siren])
        if owner.resolved:
            return owner.name
    return ""


def deliberation_owner(
    deliberation: Deliberation, context: PlaceContext, ref: Reference
) -> Resolution | None:
    """The collectivité from the ACTES ID's SIREN, else from its name."""
    parts = parse_actes_id(deliberation.actes_id or "")
    if parts:
        owner = resolve_siren(str(parts["siren"]), ref)
        if owner.resolved:
            return owner
    if deliberation.collectivite:
        return resolve_place(deliberation.collectivite, context, None, ref)
    return None


def resolve_deliberation(deliberation: Deliberation, context: PlaceContext, ref: Reference) -> None:
    owner = deliberation_owner(deliberation, context, ref)
    if owner is not None and owner.resolved:
        deliberation.insee = deliberation.insee or owner.insee
        deliberation.siren = deliberation.siren or owner.siren
    deliberation.official_name = collectivite_name(deliberation.insee, deliberation.siren, ref)
    for attribute in ("president", "secretaire"):
        setattr(deliberation, attribute, clean_name(getattr(deliberation, attribute)))
    deliberation.presents = [clean_name(name) for name in deliberation.presents]
    deliberation.absents = [clean_name(name) for name in deliberation.absents]
    deliberation.pouvoirs = [Proxy(clean_name(p.giver), clean_name(p.holder)) for p in deliberation.pouvoirs]


def clean_name(written: str) -> str:
    """ "CARRÉ Jean-Christophe" -> "Jean-Christophe CARRÉ": one order and casing for every list."""
    return (display_name(parse_person(written)) or written) if written else written


def resolve_document(doc: Document, ref: Reference | None = None) -> Document:
    """A copy of `doc` with official codes, resolution reasons and clean persons filled in."""
    ref = ref or load_reference()
    out = copy.deepcopy(doc, memo={id(doc.lines): doc.lines})  # the lines are shared, not copied
    context = context_from_document(out, ref)
    for party in out.parties:
        resolve_party(party, context, ref)
    for block in out.signatures:
        resolve_signature(block, context, ref)
    for equipment in out.equipments:
        if equipment.commune and not equipment.insee:
            equipment.insee = resolve_place(equipment.commune, context, "commune", ref).insee
    for stamp in out.stamps:
        resolve_stamp(stamp, ref)
    for deliberation in out.deliberations:
        resolve_deliberation(deliberation, context, ref)
    out.audit = read_places(out, ref)
    return out
