"""SIREN numbers of communes, derived from their INSEE code.

A commune's SIREN is "21" + département (2 characters, Corsica's 2A/2B written 20) + "0" + the
commune's 3-digit number + a Luhn check digit: Gardanne, INSEE 13041, is 211300413.
Corsican commune numbers are unique across 2A and 2B, so writing both as 20 is unambiguous
(Ajaccio, 2A004, is 212000046).

The rule does not hold for every commune (merged or renumbered communes keep an older SIREN);
the corpus only uses communes whose official SIREN follows it (checked against the official
list of communes when the territories were chosen).
"""

from __future__ import annotations

# Corsica's département letters as they appear inside a SIREN (example: 2A004 -> 212000046).
CORSICA_IN_SIREN: dict[str, str] = {"2A": "20", "2B": "20"}


def luhn_sum(digits: str) -> int:
    """Luhn sum of a digit string, doubling every second digit from the right."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char) * (2 if index % 2 else 1)
        total += value - 9 if value > 9 else value
    return total


def luhn_check_digit(payload: str) -> str:
    """The digit that makes `payload` + digit pass the Luhn test (SIREN key)."""
    return str((10 - luhn_sum(payload + "0") % 10) % 10)


def is_valid_siren(siren: str) -> bool:
    return len(siren) == 9 and siren.isdigit() and luhn_sum(siren) % 10 == 0


def commune_siren(insee: str) -> str:
    """SIREN of the commune with this INSEE code, e.g. "13041" -> "211300413"."""
    departement, number = insee[:2], insee[2:]
    payload = "21" + CORSICA_IN_SIREN.get(departement, departement) + "0" + number
    return payload + luhn_check_digit(payload)


def actes_departement(insee: str) -> str:
    """Département as written in an ACTES identifier: 3 characters, "013", "004", "02A"."""
    return insee[:2].rjust(3, "0")
