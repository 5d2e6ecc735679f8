from __future__ import annotations

from datetime import date

from ctg.corpus.frenchdates import date_long, date_slash, date_words, hour_words


def test_dates_in_words() -> None:
    assert date_words(date(2025, 12, 8)) == "huit décembre deux mille vingt-cinq"
    assert date_words(date(2025, 10, 1)) == "premier octobre deux mille vingt-cinq"
    assert date_words(date(2025, 11, 21)) == "vingt et un novembre deux mille vingt-cinq"


def test_dates_in_digits() -> None:
    assert date_long(date(2025, 11, 1)) == "1er novembre 2025"
    assert date_long(date(2025, 12, 8)) == "8 décembre 2025"
    assert date_slash(date(2025, 12, 8)) == "08/12/2025"


def test_hours_in_words() -> None:
    assert hour_words(18, 30) == "dix-huit heures trente"
    assert hour_words(1, 0) == "une heure"
    assert hour_words(21, 15) == "vingt et une heures quinze"
