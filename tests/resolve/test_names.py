"""Name keys: the forms documents write and the official names meet on one key."""

from __future__ import annotations

import pytest

from ctg.resolve.names import compact_key, place_key

# (as written in a document, official name)
SAME_KEY = [
    ("LA COMMUNE DES BAUX DE PROVENCE", "Les Baux-de-Provence"),
    ("Saint-Etienne Du Grès", "Saint-Étienne-du-Grès"),
    ("Chateau Arnoux Saint-Auban", "Château-Arnoux-Saint-Auban"),
    ("la commune de I’Escale", "L'Escale"),
    ("1'Escale", "L'Escale"),
    ("Le Paradou", "Paradou"),
    ("GREASQUE", "Gréasque"),
    ("St Rémy de Provence", "Saint-Rémy-de-Provence"),
    ("Ste Tulle", "Sainte-Tulle"),
    ("la Commune du Brusquet", "Le Brusquet"),
    ("Pour la Commune des PENNES-MIRABEAU", "Les Pennes-Mirabeau"),
    ("COMMUNE de MAUSSANE les ALPILLES", "Maussane-les-Alpilles"),
    ("Commune d’Aiglun", "Aiglun"),
]


@pytest.mark.parametrize(("written", "official"), SAME_KEY)
def test_written_and_official_forms_share_a_key(written: str, official: str) -> None:
    assert place_key(written) == place_key(official)


def test_interior_articles_are_kept() -> None:
    assert place_key("Saint-Étienne-du-Grès") == "saint etienne du gres"
    assert place_key("Mas Blanc des alpilles") == "mas blanc des alpilles"


def test_acronym_spacing_does_not_matter() -> None:
    assert compact_key("CC VBA") == compact_key("CCVBA") == "ccvba"
