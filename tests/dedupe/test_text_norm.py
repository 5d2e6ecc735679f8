from dedupe.text_norm import MARKUP, OCR_CONFUSIONS, fold, strip_markup, tokens


def test_markup_examples_fold_to_their_plain_form():
    for entry in MARKUP:
        before, after = entry.example.split(" -> ")
        assert tokens(strip_markup(before)) == tokens(after), entry


def test_ocr_confusions_fold_onto_the_clean_reading():
    clean = "Vu l'arrêté, dûment autorisée à signer la présente convention de la commune"
    damaged = "Vu I'arrété, diiment autoris¢e a signer Ia présente convention de la cornmune"
    assert tokens(damaged) == tokens(clean)
    assert all(" -> " in entry.example for entry in OCR_CONFUSIONS)


def test_layout_and_markup_do_not_change_tokens():
    one = "**Article 10 : Durée de la convention**\nLa présente convention est conclue le **1^{er} janvier"
    two = "Article 10 : Durée de la   convention La présente\nconvention est conclue le 1er janvier"
    assert tokens(one) == tokens(two)


def test_words_stay_apart_across_typographic_apostrophes():
    assert fold("l’Etat").split("'") == ["i", "etat"]
    assert tokens("«La Caf»") == ["ia", "caf"]


def test_different_words_stay_different():
    assert tokens("Gardanne 2026") != tokens("Meyreuil 2026")
