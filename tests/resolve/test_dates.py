"""French dates as the documents write them: numeric, with month names, in words, OCR-damaged."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ctg.core.dates import (
    DATE_PATTERNS,
    FIRST_DAY_FORMS,
    MONTHS,
    OCR_MONTH_CONFUSIONS,
    find_dates,
    parse_date,
    parse_month,
    parse_number_words,
)

CASES = [
    ("10/12/2025", date(2025, 12, 10)),
    ("10.12.25", date(2025, 12, 10)),
    ("08-12-2025", date(2025, 12, 8)),
    ("2025-12-08", date(2025, 12, 8)),
    ("19 novembre 2025", date(2025, 11, 19)),
    ("1er juillet 2022", date(2022, 7, 1)),
    ("1ER JUILLET 2022", date(2022, 7, 1)),
    ("Séance du 29 juillet 2022", date(2022, 7, 29)),
    ("le : - 1 AOUT 2022", date(2022, 8, 1)),
    ("le vingt-neuf juillet deux mil vingt-deux à dix-neuf heures", date(2022, 7, 29)),
    ("le trente et un décembre deux mille vingt-quatre", date(2024, 12, 31)),
    ("L'an deux mille vingt-cinq, le huit décembre à dix-huit heures", date(2025, 12, 8)),
    ("L'an deux mille vingt-cinq, le premier décembre deux mille vingt-cinq", date(2025, 12, 1)),
    ("le treize juillet 2022", date(2022, 7, 13)),
    ("1er juiliet 2022", date(2022, 7, 1)),
    ("3 aoiit 2021", date(2021, 8, 3)),
    ("12 novernbre 2025", date(2025, 11, 12)),
    ("4 déc. 2025", date(2025, 12, 4)),
    ("1° janvier 2026", date(2026, 1, 1)),
    ("ler janvier 2026", date(2026, 1, 1)),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_parse_date(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "deux mille vingt-cinq",  # a year alone is not a date
        "31/02/2025",  # no such day
        "ID : 013-211300413-20251208-DEL_2025_123-DE",  # the compact act date belongs to the ACTES id
        "pour 3 mais 2022",  # "mais" is too short to be read as "mai" by similarity
        "Article 2.1.3",
        "",
    ],
)
def test_not_a_date(text: str) -> None:
    assert parse_date(text) is None


def test_find_dates_gives_offsets_in_reading_order() -> None:
    text = "Élaboration du diagnostic du 6 février 2020 à mars 2021, validé le 22/04/2021."
    hits = find_dates(text)
    assert [hit[0] for hit in hits] == [date(2020, 2, 6), date(2021, 4, 22)]
    assert [text[start:end] for _, start, end in hits] == ["6 février 2020", "22/04/2021"]


def test_find_dates_in_a_stamp_sentence() -> None:
    text = "Acte rendu exécutoire après dépôt en préfecture le 10/12/2025 et publication le 11 décembre 2025"
    assert [hit[0] for hit in find_dates(text)] == [date(2025, 12, 10), date(2025, 12, 11)]


def test_number_words() -> None:
    assert parse_number_words("vingt-neuf") == 29
    assert parse_number_words("deux mil vingt-deux") == 2022
    assert parse_number_words("deux mille vingt-cinq") == 2025
    assert parse_number_words("mil neuf cent quatre-vingt-dix-neuf") == 1999
    assert parse_number_words("soixante et onze") == 71
    assert parse_number_words("vingt heures") is None


@pytest.mark.parametrize(("name", "pattern", "example"), DATE_PATTERNS)
def test_every_date_pattern_matches_its_example(name: str, pattern, example: str) -> None:
    assert pattern.search(example), name
    assert parse_date(example) is not None, name


@pytest.mark.parametrize(("name", "number", "example"), MONTHS)
def test_every_month_example_reads_as_its_month(name: str, number: int, example: str) -> None:
    assert parse_date(example).month == number  # type: ignore[union-attr]


@pytest.mark.parametrize(("damaged", "repaired", "example"), OCR_MONTH_CONFUSIONS)
def test_every_ocr_confusion_example_is_repaired(damaged: str, repaired: str, example: str) -> None:
    word, expected = (part.strip() for part in example.split("->"))
    assert damaged in word
    assert parse_month(word) == parse_month(expected) is not None


@pytest.mark.parametrize(("form", "example"), FIRST_DAY_FORMS)
def test_every_first_day_form_is_the_first(form: str, example: str) -> None:
    assert parse_date(example).day == 1  # type: ignore[union-attr]


FRENCH_MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]


@given(st.dates(min_value=date(1970, 1, 1), max_value=date(2069, 12, 31)))
def test_numeric_and_long_forms_round_trip(value: date) -> None:
    month = FRENCH_MONTHS[value.month - 1]
    day = "1er" if value.day == 1 else str(value.day)
    texts = (
        f"{value:%d/%m/%Y}",
        f"{value:%d.%m.%y}",
        f"le {day} {month} {value.year}",
        f"{day} {month.upper()} {value.year}",
    )
    for text in texts:
        assert parse_date(text) == value, text


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
def test_written_out_dates_round_trip(value: date) -> None:
    """Dates as councils write them out in full, spelled by an independent number speller."""
    num2words = pytest.importorskip("num2words").num2words
    day = "premier" if value.day == 1 else num2words(value.day, lang="fr")
    month = FRENCH_MONTHS[value.month - 1]
    year = num2words(value.year, lang="fr")
    assert parse_date(f"Le {day} {month} {year} à dix-huit heures") == value
    assert parse_date(f"L'an {year}, le {day} {month} à dix-huit heures") == value
