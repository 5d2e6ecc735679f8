from __future__ import annotations

import pytest

from ctg.corpus.siren import actes_departement, commune_siren, is_valid_siren, luhn_check_digit
from ctg.corpus.territories import TERRITORIES

# Published SIRENs of communes (INSEE code -> SIREN).
KNOWN = {
    "13041": "211300413",  # Gardanne
    "13055": "211300553",  # Marseille
    "69123": "216901231",  # Lyon
    "2A004": "212000046",  # Ajaccio: Corsica's 2A is written 20
}


@pytest.mark.parametrize(("insee", "siren"), KNOWN.items())
def test_commune_siren_matches_published_numbers(insee: str, siren: str) -> None:
    assert commune_siren(insee) == siren


def test_check_digit_rejects_a_changed_digit() -> None:
    assert is_valid_siren("211300413")
    assert not is_valid_siren("211300414")
    assert not is_valid_siren("21130041")
    assert luhn_check_digit("21130041") == "3"


def test_every_territory_siren_is_valid() -> None:
    for territory in TERRITORIES:
        assert is_valid_siren(territory.epci.siren), territory.epci.name
        for commune in territory.communes:
            assert is_valid_siren(commune.siren), commune.name


def test_actes_departement_is_three_characters() -> None:
    assert actes_departement("13041") == "013"
    assert actes_departement("2A004") == "02A"
