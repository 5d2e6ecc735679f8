from __future__ import annotations

from ctg.corpus.mentions import find_mentions


def test_longest_form_wins_and_variants_resolve() -> None:
    text = "Vu les délibérations des communes de St Remy de Provence, Les Baux-de-Provence\net Mouries ;"
    assert find_mentions(text) == [
        ("St Remy de Provence", "13100"),
        ("Les Baux-de-Provence", "13011"),
        ("Mouries", "13065"),
    ]


def test_name_wrapped_over_two_lines_is_found() -> None:
    assert find_mentions("LA COMMUNE DES\nBAUX-DE-PROVENCE") == [("BAUX-DE-PROVENCE", "13011")]


def test_common_words_and_longer_names_are_not_communes() -> None:
    assert find_mentions("une oraison funèbre ; la Communauté du Pays Ajaccien ; Volx-sur-Mer") == []
