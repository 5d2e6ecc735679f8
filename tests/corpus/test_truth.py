"""Every value of the ground truth can be read on the page the truth points to."""

from __future__ import annotations

from pathlib import Path

from ctg.corpus.siren import commune_siren, is_valid_siren
from ctg.corpus.truth import TruthDocument, TruthFile

CorpusRun = tuple[Path, list[TruthFile]]


def _flat(text: str) -> str:
    return " ".join(text.split())


def _document_text(truth: TruthFile, document: TruthDocument) -> str:
    pages = truth.pages[document.page_start - 1 : document.page_end]
    return _flat("\n".join(page.body_text for page in pages))


def _page_text(truth: TruthFile, page: int | None) -> str:
    assert page is not None
    return _flat(truth.pages[page - 1].body_text)


def _documents(run: CorpusRun) -> list[tuple[TruthFile, TruthDocument]]:
    return [(truth, document) for truth in run[1] for document in truth.documents]


def test_documents_cover_distinct_pages_in_order(digital_corpus: CorpusRun) -> None:
    for truth in digital_corpus[1]:
        previous_end = 0
        for document in truth.documents:
            assert previous_end < document.page_start <= document.page_end <= len(truth.pages), truth.file
            previous_end = document.page_end


def test_corpus_holds_every_kind_and_variant(digital_corpus: CorpusRun) -> None:
    truths = digital_corpus[1]
    assert {t.variant for t in truths} == {"digital", "scanned", "mixed", "repeated", "bundle", "text"}
    kinds = {d.kind for _, d in _documents(digital_corpus)}
    assert kinds == {"convention", "annex", "deliberation", "acknowledgement"}
    party_types = {p.party_type for _, d in _documents(digital_corpus) for p in d.parties}
    assert party_types == {"caf", "msa", "commune", "epci"}


def test_conventions_values_are_printed_where_the_truth_says(digital_corpus: CorpusRun) -> None:
    for truth, document in _documents(digital_corpus):
        if document.kind != "convention":
            continue
        text = _document_text(truth, document)
        assert document.territory in text
        assert f"{document.period_start} - {document.period_end}" in text
        for party in document.parties:
            assert party.as_written in text and party.representative in text
        for visa in document.visas:
            assert _flat(visa) in text
        for article in document.articles:
            assert article.title.split(" ")[0] in _page_text(truth, article.page)
        for signature in document.signatures:
            assert signature.as_written in text
            for signer in signature.signers:
                assert signer in text
        for annex in document.annexes:
            assert f"Annexe {annex.number} : {annex.title}" in text
            assert annex.present == (annex.page is not None)
        for equipment in document.equipments:
            assert equipment.name in _page_text(truth, equipment.page)
        for action in document.actions:
            page = _page_text(truth, action.page)
            assert f"Fiche action n°{action.number} : {action.title}" in page
            assert _flat(action.objectives) in page


def test_some_signature_names_no_signer_and_some_annex_is_missing(digital_corpus: CorpusRun) -> None:
    documents = [d for _, d in _documents(digital_corpus) if d.kind == "convention"]
    assert any(not s.signers for d in documents for s in d.signatures)
    assert any(a.listed and not a.present for d in documents for a in d.annexes)
    assert any(a.number == "préliminaire" for d in documents for a in d.articles)


def test_deliberation_counts_add_up(digital_corpus: CorpusRun) -> None:
    deliberations = [(t, d) for t, d in _documents(digital_corpus) if d.deliberation]
    assert len(deliberations) >= 6
    for truth, document in deliberations:
        delib = document.deliberation
        assert delib is not None
        assert delib.pour + delib.contre + delib.abstention == delib.votants
        assert delib.presents_count == len(delib.presents)
        assert delib.votants == len(delib.presents) + len(delib.pouvoirs)
        assert delib.unanimite == (delib.pour == delib.votants)
        text = _document_text(truth, document)
        for name in [*delib.presents, *delib.absents, delib.secretaire, delib.president]:
            assert name in text
        for proxy in delib.pouvoirs:
            assert f"{proxy.giver} donne pouvoir à {proxy.holder}" in text
        assert delib.number in text and _flat(delib.objet) in text
        for decision in delib.decisions:
            assert _flat(decision) in text
    assert any(d.deliberation and not d.deliberation.unanimite for _, d in deliberations)
    assert any(d.deliberation and d.deliberation.unanimite for _, d in deliberations)


def test_codes_are_consistent(digital_corpus: CorpusRun) -> None:
    for _, document in _documents(digital_corpus):
        for party in document.parties:
            if party.insee:
                assert party.siren == commune_siren(party.insee)
            if party.siren:
                assert is_valid_siren(party.siren)
        for stamp in document.stamps:
            assert is_valid_siren(stamp.siren)
            assert stamp.actes_id.startswith(
                f"{stamp.departement}-{stamp.siren}-{stamp.act_date.replace('-', '')}"
            )
            assert stamp.actes_id.endswith(f"-{stamp.act_number}-{stamp.nature}")
            if stamp.insee:
                assert commune_siren(stamp.insee) == stamp.siren


def test_stamps_are_printed_on_their_page(digital_corpus: CorpusRun) -> None:
    count = 0
    for truth in digital_corpus[1]:
        for stamp in truth.stamps:
            page = _page_text(truth, stamp.page)
            assert stamp.actes_id in page
            count += 1
    assert count >= 8


def test_misspelt_mentions_carry_the_true_insee(digital_corpus: CorpusRun) -> None:
    mentions = {(m.as_written, m.insee) for _, d in _documents(digital_corpus) for m in d.commune_mentions}
    assert ("St Remy de Provence", "13100") in mentions
    assert ("Maussane les Alpilles", "13058") in mentions
    assert ("Saint-Etienne-du-Gres", "13094") in mentions
    for truth, document in _documents(digital_corpus):
        text = _document_text(truth, document)
        for mention in document.commune_mentions:
            assert mention.as_written in text


def _line(truth: TruthFile, page: int | None, line: int | None) -> str:
    assert page is not None and line is not None
    return truth.pages[page - 1].text.split("\n")[line - 1]


def test_lines_point_at_the_values(digital_corpus: CorpusRun) -> None:
    checked = 0
    for truth, document in _documents(digital_corpus):
        for article in document.articles:
            assert f" {article.number}" in _line(truth, article.page, article.line)
        for annex in document.annexes:
            if annex.present:
                assert _line(truth, annex.page, annex.line) == f"Annexe {annex.number} : {annex.title}"
        for equipment in document.equipments:
            assert _line(truth, equipment.page, equipment.line).startswith(f"{equipment.structure_type}\t")
            assert equipment.name in _line(truth, equipment.page, equipment.line)
        for action in document.actions:
            assert _line(truth, action.page, action.line).startswith(f"Fiche action n°{action.number} ")
        checked += len(document.articles) + len(document.equipments) + len(document.actions)
    for truth in digital_corpus[1]:
        for stamp in truth.stamps:
            first = _line(truth, stamp.page, stamp.line)
            assert first.startswith(("Envoyé en préfecture", "Accusé de réception")), (truth.file, first)
            checked += 1
    assert checked > 50
