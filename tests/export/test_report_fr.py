"""The report as an auditor reads it: in French, counts that agree with the findings listed,
labelled dates that do not wrap, links to a file's page with the line in their title, the
territory as tiles, the annexes, and a footer telling the version, run date and input root."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pandas as pd
import pytest

from ctg import pipeline
from ctg.audit.rows import build_audit, build_conventions
from ctg.core.model import Document
from ctg.engine.options import RunOptions, Task
from ctg.export.report import ReportContext, render_report
from tests.export.builders import convention, deliberation


class Page(HTMLParser):
    """Sections' finding counts and items, the links, and every element's text by class."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []  # (href, title)
        self.by_class: dict[str, list[str]] = {}
        self.stack: list[str] = []
        self.texts: list[list[str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a":
            self.links.append((values.get("href") or "", values.get("title") or ""))
        if tag in ("br", "meta"):
            return
        self.stack.append(values.get("class") or "")
        self.texts.append([])

    def handle_endtag(self, tag: str) -> None:
        if tag in ("br", "meta") or not self.stack:
            return
        css, text = self.stack.pop(), "".join(self.texts.pop())
        if self.texts:
            self.texts[-1].append(text)
        for name in css.split():
            self.by_class.setdefault(name, []).append(text)

    def handle_data(self, data: str) -> None:
        if self.texts:
            self.texts[-1].append(data)


@pytest.fixture(scope="module")
def documents() -> list[Document]:
    conv = convention()
    conv.signed_date, conv.signed_place = date(2025, 11, 19), "Saint-Rémy-de-Provence"
    return [
        conv,
        deliberation("del00001", "Aureille", date(2025, 11, 20), (15, 0, 0)),
        deliberation("del00002", "Paradou", date(2025, 12, 1), (10, 3, 2), file="deliberations/paradou.pdf"),
    ]


@pytest.fixture(scope="module")
def html(documents: list[Document]) -> str:
    files = pd.DataFrame([{"file": d.file, "status": "ok", "error": ""} for d in documents])
    context = ReportContext("../in/", "ctg 0.1.0 (pipeline 0.1.0-5)", "2026-12-02 10:00 UTC", "/data/ctg")
    return render_report(
        documents, build_audit(documents), files, conventions=build_conventions(documents), context=context
    )


def test_in_french(html: str) -> None:
    assert '<html lang="fr">' in html
    for label in ("Partie", "Bloc de signature", "Signataire nommé", "Tampon de la préfecture", "Cité dans"):
        assert f"<th>{label}</th>" in html
    assert "Signée à Saint-Rémy-de-Provence, le" in html
    text = re.sub(r"<style>.*</style>|<[^>]+>", " ", html, flags=re.S)
    assert not {"Findings", "unknown", "party", "yes"} & set(re.findall(r"\w+", text))


def test_counts_agree_with_the_findings_listed(html: str) -> None:
    for section in html.split("<section")[1:]:
        heading = re.search(r"<h3>Constats \((\d+)\)(?: : ([^<]*))?</h3>", section)
        assert heading is not None
        listed = section.count('<li class="problem">') + section.count('<li class="warning">')
        listed += section.count('<li class="note">')
        assert int(heading[1]) == listed
        by_severity = sum(int(part.split()[0]) for part in (heading[2] or "").split(", ") if part)
        assert by_severity == listed


def test_deliberation_cells_label_date_and_number(html: str) -> None:
    page = Page()
    page.feed(html)
    cells = [text for text in page.by_class["yes"] if "Séance" in text]
    assert cells and all("N° :" in text and "Vote :" in text for text in cells)
    assert "2025-11-20" in page.by_class["date"]  # every date is in a span that does not wrap
    assert ".date { white-space: nowrap; }" in html


def test_links_carry_page_and_line(html: str) -> None:
    page = Page()
    page.feed(html)
    evidence = [(href, title) for href, title in page.links if not href.startswith("#")]
    assert evidence and all(re.search(r"#page=\d+$", href) for href, _ in evidence)
    assert all(re.search(r", page \d+, ligne \d+$", title) for _, title in evidence)
    assert all(href.startswith("../in/") for href, _ in evidence)  # the context's link root


def test_territory_tiles_annexes_and_footer(html: str) -> None:
    page = Page()
    page.feed(html)
    tiles = page.by_class["tiles"][0]
    assert "Aureille" in tiles and "Paradou" in tiles
    assert "Paradou" in page.by_class["problem-tile"]  # a party with no signature block
    footer = re.search(r"<footer>(.*)</footer>", html, re.S)
    assert footer is not None
    assert (
        "ctg 0.1.0 (pipeline 0.1.0-5)" in footer[1] and "2026-12-02" in footer[1] and "/data/ctg" in footer[1]
    )


def test_every_link_of_a_corpus_run_reaches_a_file(corpus_run: Path) -> None:
    report = corpus_run / "report.html"
    page = Page()
    page.feed(report.read_text(encoding="utf-8"))
    files = [href.split("#")[0] for href, _ in page.links if not href.startswith("#")]
    assert files
    missing = sorted({f for f in files if not (report.parent / unquote(f)).is_file()})
    assert missing == []
    assert any(name.endswith("conv_alpilles.pdf") for name in files)
    assert "Annexe 4 : Modalités de pilotage et de suivi — manquante" in report.read_text(encoding="utf-8")


def test_link_root_for_a_report_read_elsewhere(tmp_path: Path) -> None:
    options = RunOptions(out=tmp_path / "out", link_root="https://example.org/ctg")
    task = Task(tmp_path / "in" / "a.pdf", tmp_path / "in")
    context = pipeline.report_context([tmp_path / "in"], options, [task])
    assert context.link_prefix == "https://example.org/ctg/" and not context.prefixes
    args = pipeline.build_parser().parse_args(["run", "in", "--link-root", "/srv/pdf"])
    assert args.link_root == "/srv/pdf"
    relative = pipeline.report_context([tmp_path / "in"], RunOptions(out=tmp_path / "out"), [task])
    assert relative.prefixes == {"a.pdf": "../in/"}


def test_a_section_per_commune_across_conventions(corpus_run: Path) -> None:
    html = (corpus_run / "report.html").read_text(encoding="utf-8")
    communes = html[html.index('<h2 id="communes">') :]
    mouries = re.search(r"<tr><td>Mouriès</td><td>13065</td><td><ul>(.*?)</ul>", communes)
    assert mouries is not None
    sections = set(re.findall(r'<section id="([0-9a-f]+)">', html))
    anchors = re.findall(r'href="#([0-9a-f]+)"', mouries[1])
    assert anchors and set(anchors) <= sections  # each item links to its convention's section
    assert "partie : ✔ oui, délibération : ✔ oui du 2025-12-01" in mouries[1]
