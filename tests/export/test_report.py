"""The HTML report: one self-contained page, the matrix with its colours and links, everything escaped."""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from html.parser import HTMLParser

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ctg.audit.rows import build_audit
from ctg.core.model import AuditRow, Document
from ctg.export.report import render_report
from tests.export.builders import convention, deliberation

FILES = pd.DataFrame(
    [
        {"file": "conventions/ctg-vba-2026.pdf", "status": "ok", "error": ""},
        {"file": "deliberations/aureille-2025.pdf", "status": "ok", "error": ""},
        {"file": "scans/broken.pdf", "status": "error", "error": "the PDF is corrupt or truncated"},
    ]
)
SCRIPT = "<script>alert('x')</script>"


class Cells(HTMLParser):
    """Tables, cells with their class and the links of a page, read back from the HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[str] = []
        self.cells: list[tuple[str, str]] = []  # (class, text)
        self.links: list[str] = []
        self.tags: set[str] = set()
        self._cell: list[str] | None = None
        self._class = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        values = dict(attrs)
        if tag == "table":
            self.tables.append(values.get("class") or "")
        if tag == "td":
            self._cell, self._class = [], values.get("class") or ""
        if tag == "a":
            self.links.append(values.get("href") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cell is not None:
            self.cells.append((self._class, "".join(self._cell)))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


@pytest.fixture(scope="module")
def documents() -> list[Document]:
    return [
        convention(),
        deliberation("del00001", "Aureille", date(2025, 11, 20), (15, 0, 0)),
        deliberation("del00002", "Paradou", date(2025, 12, 1), (10, 3, 2), file="deliberations/paradou.pdf"),
    ]


@pytest.fixture(scope="module")
def rows(documents: list[Document]) -> list[AuditRow]:
    return build_audit(documents)


@pytest.fixture(scope="module")
def page(documents: list[Document], rows: list[AuditRow]) -> Cells:
    parser = Cells()
    parser.feed(render_report(documents, rows, FILES))
    return parser


def test_matrix_has_a_row_per_place_and_coloured_states(page: Cells, rows: list[AuditRow]) -> None:
    assert "matrix" in page.tables
    coloured = [(kind, text) for kind, text in page.cells if kind in {"yes", "no", "unknown"}]
    assert len(coloured) == 5 * len(rows)  # party, block, signer named, deliberation, stamp
    assert {kind for kind, _ in coloured} == {"yes", "no", "unknown"}
    words = {"yes": "oui", "no": "non", "unknown": "inconnu"}
    assert all(
        text[1:].startswith(f" {words[kind]}") for kind, text in coloured
    )  # the word beside the colour


def test_cells_link_to_file_and_page(page: Cells) -> None:
    assert "../conventions/ctg-vba-2026.pdf#page=1" in page.links
    assert "../deliberations/paradou.pdf#page=1" in page.links
    assert any("ctg-vba-2026.pdf p. 2" in text for kind, text in page.cells if kind == "yes")


def test_findings_and_failed_files_are_listed(documents: list[Document], rows: list[AuditRow]) -> None:
    html = render_report(documents, rows, FILES)
    assert "partie à la convention sans bloc de signature" in html
    assert "délibération non unanime : pour 10, contre 3, abstention 2" in html
    assert "scans/broken.pdf" in html and "corrupt or truncated" in html


def test_partial_files_are_listed_with_their_reason(documents: list[Document], rows: list[AuditRow]) -> None:
    partial = {"file": "scans/layered.pdf", "status": "partial", "error": "partial: page(s) 3 not fully read"}
    html = render_report(documents, rows, pd.concat([FILES, pd.DataFrame([partial])], ignore_index=True))
    assert "1 lus en partie" in html
    assert "scans/layered.pdf (lus en partie) : partial: page(s) 3 not fully read" in html


def test_self_contained(documents: list[Document], rows: list[AuditRow]) -> None:
    html = render_report(documents, rows, FILES)
    assert not re.search(r"<(script|link|img|iframe)\b", html, re.I)
    assert not re.search(r"(src|href)=\"(https?:)?//", html)
    assert "default-src 'none'" in html


def test_text_from_documents_is_escaped(documents: list[Document]) -> None:
    hostile = dataclasses.replace(documents[0], doc_id="conv0666", title=f"CTG {SCRIPT}")
    hostile.territory = f'Baux"><img src=x onerror=alert(1)>{SCRIPT}'
    rows = build_audit([hostile])
    rows[0].commune = f"{SCRIPT} & Co"
    files = pd.DataFrame([{"file": f"{SCRIPT}.pdf", "status": "error", "error": SCRIPT}])
    html = render_report([hostile], rows, files)
    assert "<script" not in html.lower() and "<img" not in html.lower()
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co" in html
    parser = Cells()
    parser.feed(html)
    assert not parser.tags & {"script", "img"}


ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "span", "ul", "li", "a",
    "section", "table", "thead", "tbody", "tr", "th", "td", "br", "b", "details", "summary", "div", "footer",
}  # fmt: skip


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes |= {name for name, _ in attrs}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.sampled_from(list("<>&\"'=/ ascriptonerrAZé\n")), max_size=60))
def test_no_text_from_documents_becomes_markup(
    text: str, rows: list[AuditRow], documents: list[Document]
) -> None:
    doc = dataclasses.replace(documents[1], title=text, file=f"{text}.pdf")
    assert doc.deliberation is not None
    doc.deliberations = [dataclasses.replace(doc.deliberation, objet=text, collectivite=text, number=text)]
    hostile = [dataclasses.replace(row, commune=text, territory=text, vote=text) for row in rows[:3]]
    files = pd.DataFrame([{"file": text, "status": "error", "error": text}])
    parser = Tags()
    parser.feed(render_report([documents[0], doc], hostile, files))
    assert parser.tags <= ALLOWED_TAGS
    assert not {name for name in parser.attributes if name.startswith("on")}
