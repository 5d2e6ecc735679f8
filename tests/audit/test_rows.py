"""The signature audit on small conventions modelled on the seeds, and on the seeds themselves."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from frictionless import Resource, Schema

from ctg.audit.rows import build_audit, unreadable_pages
from ctg.audit.view import format_audit
from ctg.core.model import AuditRow, Document, Line, Party, Person, SignatureBlock, Span
from ctg.export.audit_table import AUDIT_COLUMNS, audit_frame, rows_from_frame
from ctg.export.schema import AUDIT_FIELDS
from tests.export.builders import CONVENTION_TEXT, convention, deliberation, stamp

DESIGN_COLUMNS = [
    "convention_doc_id", "territory", "insee", "commune", "is_party", "has_signature_block",
    "signer_named", "deliberation_doc_id", "deliberation_date", "vote", "findings",
]  # fmt: skip
TRI_STATE = ["is_party", "has_signature_block", "signer_named", "deliberation", "stamp"]
AUREILLE, EYGALIERES, PARADOU, MOURIES, FONTVIEILLE, MAILLANE = (
    "13006", "13034", "13068", "13065", "13038", "13052",
)  # fmt: skip
VBA_SIREN = "241300375"


def by_insee(rows: list[AuditRow]) -> dict[str, AuditRow]:
    return {row.insee or f"siren:{row.siren}": row for row in rows}


def codes(row: AuditRow) -> set[str]:
    return {f.code for f in row.findings}


@pytest.fixture(scope="module")
def conv() -> Document:
    return convention()


@pytest.fixture(scope="module")
def delibs() -> list[Document]:
    return [
        deliberation("del00001", "Aureille", date(2025, 11, 20), (15, 0, 0)),
        deliberation("del00002", "Paradou", date(2025, 12, 1), (10, 3, 2), file="deliberations/paradou.pdf"),
    ]


@pytest.fixture(scope="module")
def rows(conv: Document, delibs: list[Document]) -> dict[str, AuditRow]:
    return by_insee(build_audit([conv, *delibs]))


def test_every_place_named_anywhere_has_one_row(rows: dict[str, AuditRow]) -> None:
    # parties, the EPCI, the visa's Mouriès and the EPCI's other members (reference)
    assert {AUREILLE, EYGALIERES, PARADOU, MOURIES, FONTVIEILLE, f"siren:{VBA_SIREN}"} <= set(rows)
    assert rows[MOURIES].sources == ["visa", "epci_member"]
    assert rows[AUREILLE].sources[:3] == ["party", "signature", "visa"]
    assert "preambule" in rows[PARADOU].sources


def test_party_with_no_signature_block(rows: dict[str, AuditRow]) -> None:
    paradou = rows[PARADOU]
    assert (paradou.is_party, paradou.has_signature_block, paradou.signer_named) == ("yes", "no", "no")
    assert "party_without_signature" in codes(paradou)


def test_signature_block_with_a_role_and_no_name(rows: dict[str, AuditRow]) -> None:
    eygalieres = rows[EYGALIERES]
    assert (eygalieres.has_signature_block, eygalieres.signer_named) == ("yes", "no")
    assert any("Maire" in f.text for f in eygalieres.findings if f.code == "signature_without_name")


def test_commune_in_visa_but_not_party(rows: dict[str, AuditRow]) -> None:
    mouries = rows[MOURIES]
    assert mouries.is_party == "no"
    assert "named_not_party" in codes(mouries)
    assert (
        mouries.evidence["visa"].line_start
        == CONVENTION_TEXT.index(next(t for t in CONVENTION_TEXT if "Vu les" in t)) + 1
    )


def test_epci_in_visa_but_not_party(conv: Document) -> None:
    assert by_insee(build_audit([conv]))[f"siren:{VBA_SIREN}"].sources == ["party", "signature", "visa"]
    without = dataclasses.replace(conv, doc_id="conv0030")
    without.parties = [p for p in conv.parties if p.party_type != "epci"]
    without.signatures = [b for b in conv.signatures if b.party_type != "epci"]
    epci = by_insee(build_audit([without]))[f"siren:{VBA_SIREN}"]
    assert (epci.kind, epci.sources, epci.is_party) == ("epci", ["visa"], "no")
    assert "named_not_party" in codes(epci)


def test_epci_member_not_party(rows: dict[str, AuditRow]) -> None:
    fontvieille = rows[FONTVIEILLE]
    assert fontvieille.sources == ["epci_member"]
    assert codes(fontvieille) == {"epci_member_not_party"}
    assert "Vallée des Baux-Alpilles" in fontvieille.findings[0].text


def test_unanimous_deliberation_approves(rows: dict[str, AuditRow]) -> None:
    aureille = rows[AUREILLE]
    assert (aureille.deliberation, aureille.deliberation_doc_id) == ("yes", "del00001")
    assert aureille.deliberation_date == date(2025, 11, 20)
    assert aureille.vote.startswith("unanimous")
    assert not codes(aureille) & {"not_unanimous", "no_deliberation"}


def test_split_vote_is_found(rows: dict[str, AuditRow]) -> None:
    paradou = rows[PARADOU]
    assert (paradou.deliberation, paradou.vote) == ("yes", "pour 10, contre 3, abstention 2")
    assert "not_unanimous" in codes(paradou)
    assert paradou.evidence["deliberation"].file == "deliberations/paradou.pdf"


def test_missing_deliberation_is_unknown_not_no(rows: dict[str, AuditRow]) -> None:
    eygalieres = rows[EYGALIERES]
    assert eygalieres.deliberation == "unknown"
    assert "no_deliberation" in codes(eygalieres)
    assert rows[MOURIES].deliberation == "unknown"


def test_rejecting_deliberation_is_no(conv: Document) -> None:
    rejected = deliberation("del00003", "Eygalières", date(2025, 12, 2), (4, 9, 0))
    row = by_insee(build_audit([conv, rejected]))[EYGALIERES]
    assert row.deliberation == "no"
    assert "deliberation_rejects" in codes(row)


def test_deliberation_of_another_ctg_does_not_approve(conv: Document) -> None:
    older = deliberation(
        "del00004", "Aureille", date(2022, 7, 29), (18, 0, 0),
        objet="CAF - Convention Territoriale Globale de Service aux familles 2022-2025",
    )  # fmt: skip
    row = by_insee(build_audit([conv, older]))[AUREILLE]
    assert row.deliberation == "unknown"
    assert "deliberation_other_ctg" in codes(row)


def test_deliberation_not_about_a_ctg_is_ignored(conv: Document) -> None:
    budget = deliberation(
        "del00005", "Aureille", date(2025, 11, 20), (15, 0, 0), objet="Budget primitif 2026"
    )
    row = by_insee(build_audit([conv, budget]))[AUREILLE]
    assert (row.deliberation, row.deliberation_doc_id) == ("unknown", None)


def test_stamp_on_a_copy_counts_as_deliberation(conv: Document) -> None:
    copy = dataclasses.replace(conv, doc_id="conv0002", duplicate_of=conv.doc_id)
    copy.stamps = [stamp("211300686", date(2025, 12, 8), "DEL_2025_12", copy.file)]
    rows = build_audit([conv, copy])
    assert {row.convention_doc_id for row in rows} == {conv.doc_id}  # copies are not audited
    paradou = by_insee(rows)[PARADOU]
    assert (paradou.deliberation, paradou.stamp, paradou.vote) == ("yes", "yes", "unknown")
    assert paradou.deliberation_number == "DEL_2025_12"
    assert "deliberation_from_stamp" in codes(paradou)


def test_same_commune_spelt_differently() -> None:
    conv = convention(doc_id="conv0003", signature_names={"Aureille": "Aureile"})
    aureille = by_insee(build_audit([conv]))[AUREILLE]
    assert "spelt_differently" in codes(aureille)
    assert any("Aureile (signature)" in s for s in aureille.spellings)


def test_territory_lost_a_commune_since_an_earlier_deliberation(conv: Document) -> None:
    text = [
        "COMMUNE D'AUREILLE",
        "CAF - Convention Territoriale Globale de Service aux familles 2022-2025 Territoire Vallée des "
        "Baux-Alpilles.",
        "Sur le territoire Vallée des Baux-Alpilles, la Ctg comporte quatre signataires qui sont les trois "
        "communes Aureille, Maillane, Paradou, et la Caf des Bouches Du Rhône.",
    ]
    earlier = deliberation(
        "del00006", "Aureille", date(2022, 7, 29), (18, 0, 0), objet=text[1], text=text,
    )  # fmt: skip
    rows = by_insee(build_audit([conv, earlier]))
    maillane = rows[MAILLANE]
    assert maillane.sources == ["earlier_territory"] and maillane.is_party == "no"
    assert "left_territory" in codes(maillane)
    assert "joined_territory" in codes(rows[EYGALIERES])
    assert "joined_territory" not in codes(rows[PARADOU])


def test_territory_gained_a_commune_since_an_earlier_convention(conv: Document) -> None:
    older = dataclasses.replace(
        conv, doc_id="conv0020", period_start=2022, period_end=2025, file="old/ctg-2022.pdf"
    )
    older.parties = [p for p in conv.parties if p.insee != PARADOU]
    older.parties.append(
        dataclasses.replace(conv.parties[1], name="Maillane", insee=MAILLANE, siren="211300520")
    )
    rows = build_audit([conv, older])
    assert {row.convention_doc_id for row in rows} == {conv.doc_id, older.doc_id}
    newer = by_insee([row for row in rows if row.convention_doc_id == conv.doc_id])
    assert "joined_territory" in codes(newer[PARADOU])
    assert "left_territory" in codes(newer[MAILLANE]) and newer[MAILLANE].sources == ["earlier_territory"]
    assert "joined_territory" not in codes(newer[AUREILLE])


def test_no_signature_read_is_unknown(conv: Document) -> None:
    unsigned = dataclasses.replace(conv, doc_id="conv0004", signatures=[])
    aureille = by_insee(build_audit([unsigned]))[AUREILLE]
    assert (aureille.has_signature_block, aureille.signer_named) == ("unknown", "unknown")
    assert "no_signatures_read" in codes(aureille)


def test_unreadable_page_makes_a_missing_block_unknown(conv: Document) -> None:
    pages = pd.DataFrame(
        {"file": [conv.file, conv.file], "page": [1, 2], "chars": [900, 0], "quality": [1, 0]}
    )
    unreadable = unreadable_pages(pages)
    assert unreadable == {conv.file: {2}}
    paradou = by_insee(build_audit([conv], unreadable=unreadable))[PARADOU]
    assert paradou.has_signature_block == "unknown"
    assert "unreadable_pages" in codes(paradou) and "party_without_signature" not in codes(paradou)


def test_unresolved_names_keep_one_row_and_say_so() -> None:
    doc = Document(
        "conv0009", "x.pdf", 0, "convention", Span("x.pdf", 1, 1, 9), lines=[Line("Entre :", 1, 1)]
    )
    doc.parties = [
        Party(1, "LA COMMUNE DE ZZYZX-SUR-MER", "commune", "Zzyzx-sur-Mer", Span("x.pdf", 1, 2, 2))
    ]
    doc.signatures = [
        SignatureBlock(
            1, "Commune de Zzyzx sur Mer", "commune", "Zzyzx sur Mer", Span("x.pdf", 3, 2, 2), [Person("")]
        )
    ]
    (row,) = build_audit([doc])
    assert (row.commune, row.insee, row.is_party, row.has_signature_block) == (
        "Zzyzx-sur-Mer",
        None,
        "yes",
        "yes",
    )
    assert {"unresolved_name", "signature_without_name"} <= codes(row)
    assert build_audit([Document("conv0010", "y.pdf", 0, "convention", Span("y.pdf", 1, 1, 1))]) == []


def test_frame_has_the_contract_columns(rows: dict[str, AuditRow]) -> None:
    frame = audit_frame(list(rows.values()))
    assert list(frame.columns[: len(DESIGN_COLUMNS)]) == DESIGN_COLUMNS
    assert list(frame.columns) == AUDIT_COLUMNS
    for column in TRI_STATE:
        assert set(frame[column]) <= {"yes", "no", "unknown"}
    paradou = frame[frame["insee"] == PARADOU].iloc[0]
    assert paradou["party_page"] == 1 and paradou["deliberation_file"] == "deliberations/paradou.pdf"
    assert "a party with no signature block" in paradou["findings"]


def test_frame_valid_against_its_declared_fields(rows: dict[str, AuditRow], tmp_path: Path) -> None:
    fields = [
        {
            "name": name,
            "type": kind,
            **({"constraints": {"enum": ["yes", "no", "unknown"]}} if name in TRI_STATE else {}),
        }
        for name, kind, _ in AUDIT_FIELDS
    ]
    audit_frame(list(rows.values())).to_csv(tmp_path / "audit.csv", index=False)
    resource = Resource(
        path="audit.csv", basepath=str(tmp_path), schema=Schema.from_descriptor({"fields": fields})
    )
    report = resource.validate()
    assert report.valid, [error.message for error in report.tasks[0].errors][:5]


def test_console_text_filters_by_commune_and_territory(rows: dict[str, AuditRow]) -> None:
    everything = list(rows.values())
    text = format_audit(everything, commune="paradou")
    assert "Paradou" in text and "a party with no signature block" in text and "Aureille" not in text
    assert "Mouriès" in format_audit(everything, territory="Baux Alpilles")
    assert "Saint-Rémy-de-Provence" in format_audit(everything, commune="Saint-Rémy")
    assert "Paradou" in format_audit(everything, commune=PARADOU)  # an INSEE code
    assert format_audit(everything, commune="Saint-Ré").startswith("no audit row")  # words, not letters
    assert format_audit(everything, territory="Bassin Minier").startswith("no audit row")


def test_rows_read_back_from_the_written_table(rows: dict[str, AuditRow], tmp_path: Path) -> None:
    # `ctg audit` prints a finished run from its audit table, without reading the inputs again.
    everything = list(rows.values())
    audit_frame(everything).to_csv(tmp_path / "audit.csv", index=False)
    back = rows_from_frame(pd.read_csv(tmp_path / "audit.csv", dtype=str, keep_default_na=False))
    assert format_audit(back) == format_audit(everything)
    paradou = by_insee(back)[PARADOU]
    assert paradou.evidence["deliberation"].file == "deliberations/paradou.pdf"
    assert [f.code for f in paradou.findings] == [f.code for f in rows[PARADOU].findings]


# --- the seeds, through the stages of a run -------------------------------------------------


@pytest.fixture(scope="module")
def seed_rows(seeds_dir: Path) -> list[AuditRow]:
    from tests.export.seed_run import seed_documents

    return build_audit(seed_documents(seeds_dir))


def test_seeds_audit_real_findings(seed_rows: list[AuditRow]) -> None:
    by_name = {(row.territory, row.commune): row for row in seed_rows}
    vba = {name: row for (territory, name), row in by_name.items() if "Baux" in territory}
    assert vba["Paradou"].is_party == "yes" and vba["Paradou"].has_signature_block == "no"
    assert "party_without_signature" in codes(vba["Paradou"])
    assert "spelt_differently" in codes(vba["Fontvieille"])
    epci = next(row for row in vba.values() if row.kind == "epci")
    assert "signature_without_name" in codes(epci)
    # the 2022 deliberation of Maussane lists Maillane, gone from the 2026-2030 territory
    assert "left_territory" in codes(vba["Maillane"])
    assert "deliberation_other_ctg" in codes(vba["Maussane-les-Alpilles"])


def test_seeds_every_visa_read_and_misspelt_visa_found(seed_rows: list[AuditRow]) -> None:
    paa = [row for row in seed_rows if "Provence Alpes" in row.territory]
    parties = [row for row in paa if row.is_party == "yes"]
    assert len(parties) == 11  # the agglomeration and ten communes
    assert all("visa" in row.sources for row in parties if row.kind == "commune")
    assert not any("party_not_in_visa" in codes(row) for row in parties)
    chateau = next(row for row in parties if row.insee == "04049")
    assert any("Aroux" in spelling for spelling in chateau.spellings)
    # the signature block calls the agglomeration a "Communauté de Communes"
    assert "spelt_differently" in codes(next(row for row in parties if row.kind == "epci"))


def test_seeds_one_convention_per_territory(seed_rows: list[AuditRow]) -> None:
    conventions = {(row.territory, row.convention_doc_id) for row in seed_rows}
    territories = [territory for territory, _ in conventions]
    assert len(territories) == len(set(territories))  # the repeated copies are audited once


def test_seeds_stamp_and_bundled_deliberation(seed_rows: list[AuditRow]) -> None:
    approved = [row for row in seed_rows if row.deliberation == "yes"]
    assert {row.commune for row in approved} >= {"Gardanne", "Les Pennes-Mirabeau"}
    gardanne = next(row for row in approved if row.commune == "Gardanne")
    assert gardanne.stamp == "yes" and gardanne.stamp_actes_id and gardanne.vote == "unknown"
    pennes = next(row for row in approved if row.commune == "Les Pennes-Mirabeau")
    assert pennes.deliberation_doc_id and pennes.vote.startswith("unanimous")
