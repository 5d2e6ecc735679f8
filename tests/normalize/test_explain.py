from ctg.normalize import explain, normalize_file

from .helpers import source_of_lines


def test_explain_shows_each_repaired_line_as_a_diff_with_rule_names() -> None:
    before = source_of_lines(
        ["Envoyé en préfecture le 10/12/2025", "diiment autoris¢ a signer la présente", "convention ;"],
        method="ocr",
    )
    after = normalize_file(before)
    text = explain(before, after)
    assert "@@ page 1 line 2 @@" in text
    assert "-diiment autoris¢ a signer la présente" in text
    assert "+dûment autorisé à signer la présente" in text
    assert "ocr:lexicon" in text and "'diiment' → 'dûment'" in text
    assert "ocr:context" in text
    assert "set aside as stamp" in text
    assert "line 3 @@" not in text  # untouched lines are not listed
