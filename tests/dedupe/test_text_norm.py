from ctg.dedupe.text_norm import MARKUP, OCR_CONFUSIONS, fold, strip_markup, tokens


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
    assert fold("l’Etat").split("'") == [fold("l"), fold("etat")]
    assert tokens("«La Caf»") == tokens("la caf") and len(tokens("«La Caf»")) == 2


def test_line_breaks_and_hyphenation_do_not_change_tokens():
    assert tokens("le dévelop-\npement social") == tokens("le développement social")
    assert tokens("Saint-\nRémy-de-Provence") == tokens("Saint-Rémy-de-Provence")
    assert tokens("2022-2026") == tokens("2022 2026")  # numbers stay apart


def test_the_cheap_confusions_of_normalize_fold_onto_the_clean_reading():
    from ctg.dedupe.text_norm import FOLDED_CONFUSION_COST
    from ctg.normalize.ocr_confusions import CONFUSIONS

    # "1I" for "l" is left out: once l, I and 1 are one letter it reads "ii", as "û" misread does,
    # and the û reading is the one kept (dûment, diiment).
    cheap = [
        (seen, meant)
        for seen, meant, cost, _ in CONFUSIONS
        if cost <= FOLDED_CONFUSION_COST and (seen, meant) != ("1I", "l")
    ]
    assert len(cheap) >= 20
    words = (
        "commune",
        "fenêtre",
        "universelle",
        "délibération",
        "présente",
        "Ctg",
        "Moyens",
        "lieux",
        "dûment",
    )
    failed = []
    for word in words:
        for seen, meant in cheap:
            if meant in word:
                misread = word.replace(meant, seen, 1)
                if tokens(misread) != tokens(word):
                    failed.append((word, misread))
    assert failed == []


def test_different_words_stay_different():
    assert tokens("Gardanne 2026") != tokens("Meyreuil 2026")
