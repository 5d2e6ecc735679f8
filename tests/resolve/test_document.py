"""resolve_document on a Document built from strings as the seeds write them."""

from __future__ import annotations

from ctg.core.model import Deliberation, Document, Line, Party, Person, Proxy, SignatureBlock, Span, Stamp
from ctg.resolve.document import resolve_document

PARTY_LINES = [
    "la Commune d’Aiglun, représentée par son Maire Monsieur Michel AUDRAN, diiment autoris¢ a signer",
    "la commune de I’Escale, représentée par son Maire Monsieur Claude FIAERT, diment autorisé a signer",
]


def span(line: int) -> Span:
    return Span("conv.txt", 1, line, line)


def document() -> Document:
    """A convention of Provence Alpes Agglomération, as segment hands it over."""
    lines = [
        "La Caisse des Allocations familiales des Alpes de Haute-Provence représentée par",
        "Monsieur Sébastien NEFFAH, Directeur,",
        *PARTY_LINES,
    ]
    parties = [
        Party(1, "La Caisse des Allocations familiales des Alpes de Haute-Provence", "caf", "Caf", span(1)),
        Party(
            2,
            "la Communauté d’Agglomération Provence Alpes Agglomération",
            "epci",
            "Provence Alpes Agglomération",
            span(2),
            representative="Madame Patricia GRANET-BRUNELLO",
            role="Présidente",
        ),
        Party(
            3,
            "la Commune d’Aiglun",
            "commune",
            "Aiglun",
            span(3),
            representative="Monsieur Michel AUDRAN",
            role="Maire",
        ),
        Party(
            4,
            "la commune de I’Escale",
            "commune",
            "L'Escale",
            span(4),
            representative="Monsieur Claude FIAERT",
        ),
        Party(5, "la Commune de Chateau Aroux Saint-Auban", "commune", "Chateau Aroux Saint-Auban", span(5)),
    ]
    signatures = [
        SignatureBlock(
            1,
            "Commune de I’Escale",
            "commune",
            "L'Escale",
            span(9),
            signers=[Person("Monsieur Claude FIAERT")],
        ),
        SignatureBlock(2, "Commune de Digne", "commune", "Digne", span(10)),
    ]
    stamps = [Stamp(span(12), actes_id="004-210400792-20251208-DEL_2025_07-DE")]
    return Document(
        doc_id="abc-1",
        file="conv.txt",
        position=1,
        kind="convention",
        span=Span("conv.txt", 1, 1, 12),
        lines=[Line(text, 1, number) for number, text in enumerate(lines, 1)],
        parties=parties,
        signatures=signatures,
        stamps=stamps,
    )


def test_parties_get_codes_and_reasons() -> None:
    resolved = resolve_document(document())
    codes = [(party.insee, party.siren) for party in resolved.parties]
    assert codes == [
        (None, None),
        (None, "200067437"),
        ("04001", "210400016"),
        ("04079", "210400792"),
        ("04049", "210400495"),
    ]
    assert resolved.parties[0].resolution == "not a commune or EPCI"
    assert [party.name for party in resolved.parties[1:]] == [
        "Communauté d'agglomération Provence-Alpes-Agglomération",
        "Aiglun",
        "L'Escale",
        "Château-Arnoux-Saint-Auban",
    ]
    assert resolved.parties[4].resolution.startswith("fuzzy ")


def test_signature_blocks_and_signers() -> None:
    resolved = resolve_document(document())
    escale, digne = resolved.signatures
    assert escale.insee == "04079"
    assert (escale.signers[0].first_name, escale.signers[0].last_name) == ("Claude", "FIAERT")
    assert digne.insee == "04070"  # a cut name, read among the EPCI's members


def test_stamp_insee_from_actes_siren() -> None:
    resolved = resolve_document(document())
    assert (resolved.stamps[0].siren, resolved.stamps[0].insee) == ("210400792", "04079")


def test_input_document_is_left_untouched() -> None:
    doc = document()
    resolve_document(doc)
    assert doc.parties[2].insee is None and doc.stamps[0].insee is None


def test_deliberation_collectivite_and_persons() -> None:
    doc = document()
    doc.kind = "deliberation"
    doc.lines = [Line("COMMUNE de MAUSSANE les ALPILLES", 1, 1), Line("Caf des Bouches-du-Rhône", 1, 2)]
    doc.parties, doc.signatures, doc.stamps = [], [], []
    doc.deliberations = [
        Deliberation(
            span(1),
            collectivite="COMMUNE de MAUSSANE les ALPILLES",
            president="Monsieur Jean-Christophe CARRÉ, Maire",
            secretaire="Bernadette SAMUEL",
            presents=["CARRÉ Jean-Christophe", "FUSAT Marc", "Christine GARCIN-GOURILLON"],
            pouvoirs=[Proxy("FABRE Thierry", "Jean-Christophe CARRÉ")],
        )
    ]
    deliberation = resolve_document(doc).deliberation
    assert deliberation is not None
    assert (deliberation.insee, deliberation.siren) == ("13058", "211300587")
    assert (deliberation.president, deliberation.secretaire) == (
        "Monsieur Jean-Christophe CARRÉ",
        "Bernadette SAMUEL",
    )


def test_deliberation_actes_siren_wins_over_its_name() -> None:
    doc = document()
    doc.deliberations = [
        Deliberation(
            span(1), collectivite="Ville de Gardanne", actes_id="013-211300413-20251208-DEL_2025_123-DE"
        )
    ]
    deliberation = resolve_document(doc).deliberation
    assert deliberation is not None and deliberation.insee == "13041"
