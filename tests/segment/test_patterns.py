from __future__ import annotations

import pytest

from ctg.segment.parties import party_name, party_type_of
from ctg.segment.patterns import ALL_PATTERNS, COMMUNE_ARTICLES, PARTY_HEADS, Pattern
from ctg.segment.tables import ACTION_COLUMNS, ADDRESS_START, EQUIPMENT_COLUMNS, FICHE_LABELS


@pytest.mark.parametrize("pattern", ALL_PATTERNS, ids=lambda p: p.name)
def test_every_pattern_matches_its_example(pattern: Pattern) -> None:
    assert pattern.regex.search(pattern.example), pattern.name


def test_patterns_table_is_not_empty() -> None:
    assert len(ALL_PATTERNS) > 25


@pytest.mark.parametrize("head", PARTY_HEADS, ids=lambda h: h.name)
def test_party_heads_give_their_type(head) -> None:  # type: ignore[no-untyped-def]
    assert party_type_of(head.example) == head.party_type


@pytest.mark.parametrize("example", [row[2] for row in COMMUNE_ARTICLES])
def test_commune_articles_examples(example: str) -> None:
    written, expected = example.split(" -> ")
    assert party_name(written, "commune") == expected


@pytest.mark.parametrize("label", FICHE_LABELS + ACTION_COLUMNS + EQUIPMENT_COLUMNS, ids=lambda c: c.example)
def test_table_labels_match_their_examples(label) -> None:  # type: ignore[no-untyped-def]
    assert label.regex.match(label.example)


def test_address_start_words() -> None:
    words = ["EAJE", "Crèche", "Lei", "Pitchoun", "3", "chemin", "du", "Mas"]
    assert [w for w in words if ADDRESS_START.match(w)] == ["3", "chemin"]
