from collections import Counter

from ctg.normalize import normalize_file
from ctg.normalize.page_furniture import page_number_shape
from ctg.normalize.unicode_clean import canonical

from .helpers import seed, source_of_lines, source_of_pages

SET_ASIDE = ("header", "footer", "page_number")


def _page(number: int, body: list[str]) -> list[str]:
    return [
        "Convention Territoriale Globale 2026-2030",
        f"Caf des Bouches-du-Rhône – édition du {number}/12/2025",
        *body,
        f"Page {number}/4",
    ]


def test_repeated_headers_and_page_numbers_across_pages() -> None:
    bodies = [
        ["Article 1 - Objet", "La présente convention vise à définir"],
        ["Article 2 - Durée", "La convention est conclue pour 5 ans"],
        ["Article 3 - Engagements", "Les parties s'engagent"],
        ["Article 4 - Évaluation", "Un bilan annuel est fait", "20"],
    ]
    result = normalize_file(source_of_pages([_page(n, b) for n, b in enumerate(bodies, 1)]))
    roles = {(line.page, line.text): line.role for line in result.lines}
    assert roles[(2, "Convention Territoriale Globale 2026-2030")] == "header"
    assert roles[(3, "Caf des Bouches-du-Rhône - édition du 3/12/2025")] == "header"
    assert roles[(1, "Page 1/4")] == "page_number"
    assert roles[(4, "20")] == "page_number"
    assert roles[(2, "Article 2 - Durée")] == "body"
    # set aside, not lost
    assert len(result.lines) == sum(len(_page(1, b)) for b in bodies)


def test_footer_with_varying_digits() -> None:
    bodies = ["Préambule", "Article 1 - Objet", "Article 2 - Durée", "Signatures"]
    pages = [[body, f"Ctg Vallée des Baux – {n} –"] for n, body in enumerate(bodies, 1)]
    result = normalize_file(source_of_pages(pages))
    assert {line.role for line in result.lines if line.text.startswith("Ctg")} == {"footer"}


def test_page_number_shapes() -> None:
    assert page_number_shape("20") == "bare"
    assert page_number_shape("- 3 -") == "dashed"
    assert page_number_shape("Page 3/12") == "page_of"
    assert page_number_shape("page 3 sur 12") == "page_of"
    assert page_number_shape("2026") is None
    assert page_number_shape("Article 3") is None


def test_one_page_text_keeps_title_years_but_finds_counted_page_numbers() -> None:
    lines = ["CONVENTION", "2026", "2030", "", "texte", "12", "", "texte", "13", "texte", "14", "- 15 -"]
    result = normalize_file(source_of_lines(lines))
    roles = {line.text: line.role for line in result.lines}
    assert roles["2026"] == roles["2030"] == "body"
    assert roles["12"] == roles["13"] == roles["14"] == roles["- 15 -"] == "page_number"
    assert roles[""] == "blank"


def test_seed_title_years_stay_body(seeds_dir) -> None:
    result = normalize_file(seed(seeds_dir, "000"))
    years = [line for line in result.lines if line.text in ("2026", "2030")]
    assert years and all(line.role == "body" for line in years)


def test_lines_repeated_only_by_copies_of_one_document_stay_body() -> None:
    copy = [
        "DÉLIBÉRATION DU CONSEIL MUNICIPAL",
        "Le conseil approuve la convention.",
        "Le Maire,",
        "Laurent CHABAUD",
    ]
    other = ["Accusé de réception", "Objet : convention territoriale globale", "Transmis le 10/12/2025"]
    result = normalize_file(source_of_pages([copy, other, copy]))
    assert {line.role for line in result.lines if line.text.strip()} == {"body"}


def test_set_aside_lines_match_the_corpus_truth(corpus_text_layers) -> None:
    """Born-digital corpus pages: the lines set aside are exactly those the truth leaves out
    of `body_text` (running headers, footers, page numbers), page by page."""
    checked = 0
    for source, truth in corpus_text_layers:
        result = normalize_file(source)
        for page, expected in zip(result.pages, truth.pages, strict=False):
            if expected.scanned:
                continue
            body = Counter(canonical(text) for text in expected.body_text.split("\n"))
            aside = Counter(canonical(text) for text in expected.text.split("\n")) - body
            found = Counter(line.text for line in page.lines if line.role in SET_ASIDE)
            assert found == aside, (source.file, page.number)
            checked += 1
    assert checked >= 10


def test_running_header_spelt_differently_by_ocr() -> None:
    headers = [
        "Convention Territoriale Globale 2026-2030",
        "Conventlon Territoriale Globale 2026-2030",
        "Convention Terrltoriale Globale 2026-2030",
        "Convention Territoriale Globa1e 2026-2030",
    ]
    bodies = ["Préambule du texte", "Article 1 - Objet", "Article 2 - Durée", "Article 3 - Suivi"]
    result = normalize_file(
        source_of_pages([[h, b] for h, b in zip(headers, bodies, strict=True)], method="ocr")
    )
    assert [line.role for line in result.lines if line.number == 1] == ["header"] * 4
    assert [line.role for line in result.lines if line.number == 2] == ["body"] * 4
