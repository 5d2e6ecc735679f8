"""Small, realistic documents for the export tests, modelled on the seed conventions.

A CTG of three communes of the Vallée des Baux-Alpilles and their intercommunality: Aureille
signs with a name, Eygalières' block has a role and no name, Paradou has no block at all; the
visa cites Mouriès, which is not a party; the EPCI's reference members include communes that
are not parties. Codes are filled by the resolve stage, as in a run.
"""

from __future__ import annotations

from datetime import date

from ctg.core.model import Article, Deliberation, Document, Line, Party, Person, SignatureBlock, Span, Stamp
from ctg.resolve.document import resolve_document, resolve_stamp
from ctg.resolve.reference import load_reference
from ctg.segment.convention_types import type_named
from ctg.segment.votes import read_votes

FILE = "conventions/ctg-vba-2026.pdf"
DELIB_FILE = "deliberations/aureille-2025.pdf"

CONVENTION_TEXT = [
    "CONVENTION TERRITORIALE GLOBALE",
    "Vallée des Baux-Alpilles 2026-2030",
    "Entre :",
    "La Caisse d'Allocations Familiales des Bouches-du-Rhône, représentée par sa Présidente",
    "La Commune d'Aureille, représentée par son Maire, Monsieur Lionel ESCOFFIER",
    "La Commune d'Eygalières, représentée par son Maire, Madame Aline PELISSIER",
    "La Commune de Paradou, représentée par son Maire, Madame Pascale LICARI",
    "La Communauté de communes Vallée des Baux-Alpilles, représentée par son Président",
    "Vu le Code de l'action sociale et des familles ;",
    "Vu les délibérations des Conseils Municipaux des communes d'Aureille, Eygalières, Paradou et",
    "Mouriès, figurant en annexe 5 de la présente convention ;",
    "Vu la délibération du conseil communautaire de la Communauté de communes Vallée des Baux-Alpilles ;",
    "Préambule",
    "Le territoire Vallée des Baux-Alpilles regroupe 3 communes : Aureille, Eygalières, Paradou.",
    "Article 1 - Objet de la convention",
    "La présente convention a pour objet …",
    "Pour la Commune d'Aureille,",
    "Monsieur le Maire",
    "Lionel ESCOFFIER",
    "Pour la Commune d'Eygalières,",
    "Madame le Maire",
    "(Cachet et signature)",
    "Pour la Communauté de communes Vallée des Baux-Alpilles,",
    "Monsieur le Président",
    "Hervé CHERUBINI",
]


def lines_of(texts: list[str], page_break: int | None = None) -> list[Line]:
    """Lines numbered from 1; from `page_break` on they are on page 2 (numbering restarts, as in a PDF)."""
    lines: list[Line] = []
    for index, text in enumerate(texts):
        page = 2 if page_break is not None and index >= page_break else 1
        number = index + 1 - (page_break if page == 2 and page_break else 0)
        lines.append(Line(text=text, page=page, number=number, raw=text))
    return lines


def span_of(lines: list[Line], text: str, file: str = FILE) -> Span:
    line = next(line for line in lines if text in line.text)
    return Span(file, line.page, line.number, line.number)


def convention(
    doc_id: str = "conv0001",
    file: str = FILE,
    texts: list[str] | None = None,
    signature_names: dict[str, str] | None = None,
) -> Document:
    """The convention as segment gives it (names only), then resolved."""
    lines = lines_of(texts or CONVENTION_TEXT, page_break=15)
    misspelt = signature_names or {}

    def party(position: int, kind: str, name: str, heading: str, who: str = "") -> Party:
        # as segment gives it: the heading as printed, the name read in it, the line it is on
        return Party(position, heading, kind, name, span_of(lines, heading, file), representative=who)  # type: ignore[arg-type]

    def block(position: int, kind: str, name: str, heading: str, signers: list[Person]) -> SignatureBlock:
        span = span_of(lines, f"Pour la {heading}", file)
        written = heading.replace(name, misspelt.get(name, name))
        return SignatureBlock(position, written, kind, misspelt.get(name, name), span, signers)  # type: ignore[arg-type]

    doc = Document(
        doc_id=doc_id,
        file=file,
        position=0,
        kind="convention",
        span=Span(file, 1, 1, len(lines)),
        title="CONVENTION TERRITORIALE GLOBALE",
        territory="Vallée des Baux-Alpilles",
        period_start=2026,
        period_end=2030,
        lines=lines,
        visas=[
            "Vu le Code de l'action sociale et des familles",
            "Vu les délibérations des Conseils Municipaux des communes d'Aureille, Eygalières, Paradou et "
            "Mouriès, figurant en annexe 5 de la présente convention",
            "Vu la délibération du conseil communautaire de la Communauté de communes "
            "Vallée des Baux-Alpilles",
        ],
    )
    epci = "Communauté de communes Vallée des Baux-Alpilles"
    doc.parties = [
        party(1, "caf", "Caisse d'Allocations Familiales des Bouches-du-Rhône", "La Caisse d'Allocations"),
        party(2, "commune", "Aureille", "La Commune d'Aureille", "Monsieur Lionel ESCOFFIER"),
        party(3, "commune", "Eygalières", "La Commune d'Eygalières", "Madame Aline PELISSIER"),
        party(4, "commune", "Paradou", "La Commune de Paradou", "Madame Pascale LICARI"),
        party(5, "epci", epci, f"La {epci}"),
    ]
    doc.articles = [Article("1", "Objet de la convention", span_of(lines, "Article 1", file))]
    doc.signatures = [
        block(1, "commune", "Aureille", "Commune d'Aureille", [Person("Lionel ESCOFFIER", role="Maire")]),
        block(2, "commune", "Eygalières", "Commune d'Eygalières", [Person("", role="Madame le Maire")]),
        block(3, "epci", epci, epci, [Person("Hervé CHERUBINI", role="Président")]),
    ]
    return resolve_document(doc)


def deliberation(
    doc_id: str,
    commune: str,
    seance: date,
    votes: tuple[int, int, int],
    objet: str = "Approbation de la Convention Territoriale Globale 2026-2030 avec la Caf",
    file: str = DELIB_FILE,
    text: list[str] | None = None,
    number: str = "",
) -> Document:
    """A council deliberation as segment gives it (pour, contre, abstention), then resolved."""
    lines = lines_of(text or [f"COMMUNE DE {commune.upper()}", "DELIBERATION DU CONSEIL MUNICIPAL", objet])
    pour, contre, abstention = votes
    delib = Deliberation(
        span=Span(file, 1, 1, len(lines)),
        collectivite=f"Commune de {commune}",
        seance_date=seance,
        number=number or f"{seance.year}-{doc_id[-2:]}",
        objet=objet,
        votants=pour + contre + abstention,
        pour=pour,
        contre=contre,
        abstention=abstention,
        unanimite=contre == 0 and abstention == 0,
        en_exercice=read_votes([line.text for line in lines]).en_exercice,
        approves=type_named(objet),
    )
    doc = Document(
        doc_id=doc_id,
        file=file,
        position=0,
        kind="deliberation",
        span=Span(file, 1, 1, len(lines)),
        title=objet,
        lines=lines,
        deliberations=[delib],
    )
    return resolve_document(doc)


def stamp(siren: str, act_date: date, number: str, file: str, line: int = 2) -> Stamp:
    """A prefecture stamp of a deliberation (ACTES nature DE), as segment and resolve give it."""
    actes_id = f"013-{siren}-{act_date:%Y%m%d}-{number}-DE"
    found = Stamp(
        span=Span(file, 1, line, line + 5),
        sent=act_date,
        received=act_date,
        published=act_date,
        actes_id=actes_id,
        departement="013",
        siren=siren,
        act_date=act_date,
        act_number=number,
        nature="DE",
    )
    resolve_stamp(found, load_reference())
    return found
