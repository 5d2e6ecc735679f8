"""The one fold and the steps each stage adds on top of it."""

from __future__ import annotations

import re

import pytest

from ctg.core import dates
from ctg.core.text import APOSTROPHES, LIGATURES, fold, fold_words
from ctg.dedupe.text_norm import OCR_LETTERS, fold_accents
from ctg.resolve import names

# Texts without an elided L' misread nor an OCR reading of é: every fold agrees with the base one.
PLAIN = ["L’ŒUVRE Été", "Saint-Rémy-de-Provence", "curriculum vitæ", "n° 3, «Dûment»", "Straße", "AOÛT 2025"]


def test_the_fold_lowers_drops_accents_spells_ligatures_and_straightens_apostrophes() -> None:
    assert fold("L’ŒUVRE Été") == "l'oeuvre ete"
    assert fold("Préfecture") == "prefecture"


@pytest.mark.parametrize(("seen", "example"), APOSTROPHES)
def test_every_apostrophe_folds_to_the_straight_one(seen: str, example: str) -> None:
    assert seen in example
    assert fold(example) == fold(example.replace(seen, "'"))
    assert "'" in fold(example) and seen not in fold(example)


@pytest.mark.parametrize(("seen", "spelled", "example"), LIGATURES)
def test_every_ligature_is_spelled_out(seen: str, spelled: str, example: str) -> None:
    written, folded = example.split(" → ")
    assert seen in written.lower()
    assert fold(written) == folded
    assert fold(seen.upper()) == spelled


def test_other_signs_are_kept_unless_only_ascii_is_asked_for() -> None:
    assert fold("n° 3, «Dûment»") == "n° 3, «dument»"
    assert fold("n° 3, «Dûment»", ascii_only=True) == "n 3, dument"


@pytest.mark.parametrize("text", PLAIN)
def test_the_ascii_form_is_the_fold_without_its_non_ascii_signs(text: str) -> None:
    assert fold(text, ascii_only=True) == "".join(c for c in fold(text) if c.isascii())


def test_fold_words_drops_punctuation_on_top_of_the_fold() -> None:
    assert fold_words("Saint-Rémy, l’Œuvre") == "saint remy l oeuvre"
    for text in PLAIN:
        assert fold_words(text) == " ".join(re.sub(r"[^a-z0-9]+", " ", fold(text)).split())


def test_names_repair_the_ocr_reading_of_an_elided_l_on_top_of_the_fold() -> None:
    assert names.fold("I’Escale") == names.fold("1'Escale") == names.fold("|`Escale") == "l'escale"
    assert names.fold("I‘Œuvre") == "l'oeuvre"  # any apostrophe, a ligature after it
    assert names.fold("AI'X") == "ai'x"  # inside a word, no elision
    for text in PLAIN:
        assert names.fold(text) == fold(text)


@pytest.mark.parametrize("letter", OCR_LETTERS, ids=lambda letter: letter.seen)
def test_dedupe_reads_ocr_letters_for_e_on_top_of_the_ascii_fold(letter) -> None:
    before, after = letter.example.split(" -> ")
    assert fold_accents(before) == after


def test_dedupe_and_dates_fold_like_the_base_fold() -> None:
    for text in PLAIN:
        assert fold_accents(text) == fold(text, ascii_only=True)
    assert dates.fold is fold
    assert dates.parse_month("AOÛT") == 8
