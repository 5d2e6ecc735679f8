from normalize import normalize_file
from normalize.page_furniture import page_number_shape

from .helpers import seed, source_of_lines, source_of_pages


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
    pages = [["Texte de la page", f"Ctg Vallée des Baux – {n} –"] for n in range(1, 5)]
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
