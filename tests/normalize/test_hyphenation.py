from ctg.normalize import normalize_file

from .helpers import source_of_lines, source_of_pages


def _texts(lines: list[str]) -> list[str]:
    return [line.text for line in normalize_file(source_of_lines(lines), ocr_repair=False).lines]


def test_broken_word_joined_onto_the_first_line() -> None:
    assert _texts(["pour favoriser le dévelop-", "pement des services aux familles"]) == [
        "pour favoriser le développement",
        "des services aux familles",
    ]


def test_real_compounds_keep_their_hyphen() -> None:
    assert _texts(["les équipements petite-", "enfance du territoire"])[0].endswith("petite-enfance")
    assert _texts(["la commune de Saint-Rémy-de-", "Provence est signataire"]) == [
        "la commune de Saint-Rémy-de-Provence",
        "est signataire",
    ]
    assert _texts(["la réponse à celles-", "ci passe par la volonté"])[0].endswith("celles-ci")
    assert _texts(["le centre de Seyne-", "les-Alpes"])[0].endswith("Seyne-les-Alpes")


def test_dash_before_a_name_and_numbers_are_not_joined() -> None:
    assert _texts(["ANNEXE 2 -", "LISTE DES ÉQUIPEMENTS"]) == ["ANNEXE 2 -", "LISTE DES ÉQUIPEMENTS"]
    assert _texts(["les acteurs-", "Caf et communes"]) == ["les acteurs-", "Caf et communes"]


def test_line_numbers_and_provenance_survive_the_join() -> None:
    source = source_of_lines(["intro", "", "le dévelop-", "pement", "suite"])
    result = normalize_file(source, ocr_repair=False)
    assert [line.number for line in result.lines] == [1, 2, 3, 4, 5]
    assert result.lines[3].text == "" and result.lines[3].role == "blank"
    assert result.lines[3].raw == "pement"
    rules = {(r.line, r.rule) for r in result.repairs}
    assert rules == {(3, "hyphenation:join"), (4, "hyphenation:join")}


def test_break_across_a_page_with_its_running_header() -> None:
    pages = [
        ["Convention territoriale globale", "Article 1", "pour favoriser le dévelop-"],
        ["Convention territoriale globale", "pement des services aux familles", "Article 2"],
        ["Convention territoriale globale", "Article 3", "fin du texte"],
    ]
    result = normalize_file(source_of_pages(pages), ocr_repair=False)
    lines = {(line.page, line.number): line for line in result.lines}
    assert lines[(1, 3)].text == "pour favoriser le développement"
    assert lines[(2, 2)].text == "des services aux familles"
    assert lines[(2, 1)].role == "header"
