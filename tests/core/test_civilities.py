"""The table of civilities: each written form's example reads back its canonical civility."""

from __future__ import annotations

import re

import pytest

from ctg.core.civilities import CIVILITIES, TITLES, Civility, civilities, civility_regex, civility_titles
from ctg.resolve import persons
from ctg.segment import deliberations, text


@pytest.mark.parametrize("civility", CIVILITIES, ids=lambda c: c.written)
def test_every_example_opens_with_its_form(civility: Civility) -> None:
    match = re.match(civility_regex() + r"(?=\s)", civility.example)
    assert match and match.group(0) == civility.written
    assert civility_titles()[civility.written.lower()] == civility.title
    assert civility.title in TITLES


@pytest.mark.parametrize(
    "civility", [c for c in CIVILITIES if c.written.lower() in persons.CIVILITIES], ids=lambda c: c.written
)
def test_resolve_reads_the_civility_of_a_person(civility: Civility) -> None:
    person = persons.parse_person(civility.example)
    assert person.civility == civility.title
    assert person.last_name and civility.written not in person.first_name.split()


@pytest.mark.parametrize(
    "civility", [c for c in CIVILITIES if c.written.lower() in text.CIVILITIES], ids=lambda c: c.written
)
def test_segment_reads_the_civility_of_a_person(civility: Civility) -> None:
    person = text.parse_person(civility.example)
    assert person is not None and person.civility == civility.title


@pytest.mark.parametrize("civility", civilities(exclude=("Mr",)), ids=lambda c: c.written)
def test_deliberations_strip_every_civility_before_a_member_name(civility: Civility) -> None:
    assert not deliberations.CIVILITY.sub("", civility.example).startswith(civility.written + " ")


def test_longest_form_first_whatever_follows() -> None:
    assert re.match(civility_regex(), "MM. Paul MARTIN").group(0) == "MM."
    assert re.match(civility_regex(), "Mmes DURAND").group(0) == "Mmes"
    assert re.match(civility_regex(("Docteur",)), "Dr. BOURDEIX").group(0) == "Dr."


def test_subsets_by_title_kind_and_form() -> None:
    assert civility_titles(("Madame",)) == {"madame": "Madame", "mme": "Madame"}
    assert [c.written for c in civilities(("Monsieur",), short=False)] == ["Monsieur"]
    assert [c.written for c in civilities(("Monsieur",), full=False, exclude=("M", "Mr"))] == ["M."]
    with pytest.raises(ValueError):
        civilities(("Sire",))
    with pytest.raises(ValueError):
        civilities(exclude=("Mgr",))


def test_bounded_forms_end_at_a_word_and_folded_forms_match_folded_text() -> None:
    bounded = civility_regex(("Docteur",), bounded=True)
    assert re.match(bounded, "Dr Florence") and not re.match(bounded, "Drôme")
    assert re.match(civility_regex(("Monsieur",), exclude=("M",), bounded=True), "M. Paul")
    assert civility_regex(("Maître",), folded=True) == "(?:maitre|me)"
