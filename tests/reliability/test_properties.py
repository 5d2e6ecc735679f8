"""Property-based: any text in, no exception out, and every value still points at a real line."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ctg.core.model import Document, SourceFile, Span
from ctg.extract.text_file import text_pages
from ctg.normalize import normalize_file
from ctg.segment import segment_file

# Lines of the genre, so that generated texts reach the parsers' deep paths, mixed with noise.
GENRE_LINES = [
    "CONVENTION TERRITORIALE GLOBALE",
    "Entre :",
    "LA COMMUNE DE GARDANNE",
    "Représentée par son Maire, Monsieur Hervé GRANIER",
    "Et",
    "Vu le Code général des collectivités territoriales ;",
    "Article 1 : Objet de la convention",
    "ARTICLE 2 — Durée",
    "Fait à Marseille, le 19 novembre 2025",
    "Pour la Commune de GARDANNE,",
    "Le Maire",
    "Annexe 1 : Diagnostic",
    "Envoyé en préfecture le 10/12/2025",
    "ID : 013-211300413-20251208-DEL_2025_123-DE",
    "DELIBERATION DU CONSEIL MUNICIPAL",
    "Séance du 29 juillet 2022",
    "Pour : 19 Contre : 0 Abstention : 0",
    "**gras** <u>souligné</u> 1^{er} dévelop-",
    "diiment autoris¢ a signer I'action",
    "- 3 -",
]

lines = st.one_of(st.sampled_from(GENRE_LINES), st.text(max_size=80))
texts = st.lists(lines, max_size=60).map("\n".join)
documents = st.lists(texts, min_size=1, max_size=3).map("\f".join)


def _source(text: str) -> SourceFile:
    return SourceFile(file="x.txt", sha256="0" * 64, bytes=len(text), pages=text_pages("x.txt", text))


def _valid(span: Span, places: set[tuple[int, int]]) -> bool:
    last_page = span.page_end or span.page
    ordered = last_page > span.page or span.line_start <= span.line_end
    return (span.page, span.line_start) in places and (last_page, span.line_end) in places and ordered


def _spans(doc: Document) -> list[Span]:
    items = [*doc.parties, *doc.articles, *doc.signatures, *doc.stamps, *doc.equipments, *doc.actions]
    spans = [doc.span, *(item.span for item in items)]
    spans += [annex.span for annex in doc.annexes if annex.span is not None]
    if doc.deliberation is not None:
        spans.append(doc.deliberation.span)
    return spans


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_normalize_keeps_provenance(text: str) -> None:
    source = _source(text)
    places = {(line.page, line.number) for line in source.lines}
    clean = normalize_file(source)
    assert {(line.page, line.number) for line in clean.lines} <= places
    assert all((repair.page, repair.line) in places for repair in clean.repairs)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_segment_spans_point_at_real_lines(text: str) -> None:
    source = _source(text)
    places = {(line.page, line.number) for line in source.lines}
    for doc in segment_file(normalize_file(source)):
        for span in _spans(doc):
            assert span.file == "x.txt"
            assert _valid(span, places), (span, doc.kind)
