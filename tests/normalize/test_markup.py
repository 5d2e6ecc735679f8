from ctg.core.model import Line, Page, SourceFile
from ctg.normalize import normalize_file
from ctg.normalize.markup import unmark_lines

from .helpers import source_of_lines


def test_bold_spanning_lines_is_removed_and_flagged() -> None:
    # seed 002's title: bold opens on the first line and closes two lines later
    lines = unmark_lines(
        [
            "**CONVENTION TERRITORIALE GLOBALE",
            "DE SERVICES AUX FAMILLES 2022-2026 (CTG)",
            "CAF - LES PENNES MIRABEAU - SEPTEMES LES VALLONS**",
            "La Convention Territoriale Globale (CTG) est une convention de partenariat",
        ]
    )
    assert [line.text for line in lines[:3]] == [
        "CONVENTION TERRITORIALE GLOBALE",
        "DE SERVICES AUX FAMILLES 2022-2026 (CTG)",
        "CAF - LES PENNES MIRABEAU - SEPTEMES LES VALLONS",
    ]
    assert all(line.bold and line.heading for line in lines[:3])
    assert not lines[3].bold and not lines[3].heading


def test_partly_bold_line_is_not_bold() -> None:
    [line] = unmark_lines(["La présente convention est conclue à compter du **1^{er} janvier 2026**."])
    assert line.text == "La présente convention est conclue à compter du 1er janvier 2026."
    assert not line.bold


def test_bold_does_not_leak_past_a_blank_line() -> None:
    lines = unmark_lines(["- 2. L'accès aux droits**", "", "Texte courant"])
    assert not lines[2].bold


def test_html_superscript_italic_blockquote_and_escapes() -> None:
    lines = unmark_lines(
        [
            "Planète Bébés\t<u>Siège</u> : Maison de Quartier du Liourat",
            "<p>Action 22 : Créer des structures.</p> <p>2025-2026</p>\tHandicap",
            "1. *L'attractivité du territoire par une valorisation des services*",
            "- > **Renforcer les coopérations avec les partenaires locaux par :**",
            r"Période 2022\-2026 \* cofinancée",
            "## Article 3 - Durée",
            "Caf &amp; communes",
        ]
    )
    assert [line.text for line in lines] == [
        "Planète Bébés\tSiège : Maison de Quartier du Liourat",
        "Action 22 : Créer des structures. 2025-2026\tHandicap",
        "1. L'attractivité du territoire par une valorisation des services",
        "- Renforcer les coopérations avec les partenaires locaux par :",
        "Période 2022-2026 * cofinancée",
        "Article 3 - Durée",
        "Caf & communes",
    ]
    assert lines[3].bold
    assert lines[5].heading


def test_normalize_file_records_markup_and_keeps_raw() -> None:
    raw = "depuis le 1^{er} janvier 2025, les autorités organisatrices"
    result = normalize_file(source_of_lines([raw]), ocr_repair=False)
    [line] = result.lines
    assert line.text == "depuis le 1er janvier 2025, les autorités organisatrices"
    assert line.raw == raw
    assert [(r.rule, r.line) for r in result.repairs] == [("markup", 1)]


def test_font_cues_of_a_text_layer_make_headings() -> None:
    texts = ["ARTICLE 4 - ÉVALUATION", "Un bilan est établi chaque année", "par les partenaires.", "Note"]
    sizes = [14.0, 10.0, 10.0, 10.0]
    fonts = ["Arial", "Arial", "Arial", "Arial-BoldMT"]
    lines = [
        Line(text=t, raw=t, page=1, number=n, size=s, font=f)
        for n, (t, s, f) in enumerate(zip(texts, sizes, fonts, strict=True), start=1)
    ]
    source = SourceFile(file="f.pdf", sha256="", bytes=0, pages=[Page("f.pdf", 1, "text", lines)])
    result = normalize_file(source)
    assert [(line.heading, line.bold) for line in result.lines] == [
        (True, False),
        (False, False),
        (False, False),
        (True, True),
    ]
