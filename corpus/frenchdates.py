"""Dates written the way French administrative documents write them."""

from __future__ import annotations

from datetime import date

from num2words import num2words

MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip


def day_words(day: int) -> str:
    """1 -> "premier", 8 -> "huit", 21 -> "vingt et un"."""
    return "premier" if day == 1 else num2words(day, lang="fr")


def date_words(value: date) -> str:
    """2025-12-08 -> "huit décembre deux mille vingt-cinq"."""
    return f"{day_words(value.day)} {MONTHS[value.month - 1]} {num2words(value.year, lang='fr')}"


def date_long(value: date) -> str:
    """2025-12-08 -> "8 décembre 2025" (1 -> "1er")."""
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {MONTHS[value.month - 1]} {value.year}"


def date_slash(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def hour_words(hour: int, minute: int) -> str:
    """18, 30 -> "dix-huit heures trente"."""
    spoken = num2words(hour, lang="fr")
    # "heure" is feminine: 1 -> "une heure", 21 -> "vingt et une heures".
    spoken = spoken[:-2] + "une" if spoken.endswith("un") else spoken
    text = f"{spoken} heure{'s' if hour > 1 else ''}"
    return text + (f" {num2words(minute, lang='fr')}" if minute else "")
