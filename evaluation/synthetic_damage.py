"""Tesseract-like damage applied to clean French text, to measure OCR repair where no scan exists.

The damage table is written from what a real OCR output of a CTG shows (accents lost or
read as ¢ €, l read as I or 1, û as ii, ô as d, bullets as "e"), with rates of that order.
It also holds damage the repair cannot undo (lost apostrophes, dropped letters), so the
measure is not a mirror of the repair's own confusion table.
"""

from __future__ import annotations

import random
import re

# (pattern in clean text, damaged form, probability per occurrence, example)
DAMAGE_TABLE: tuple[tuple[str, str, float, str], ...] = (
    (r"(?<=\w)é", "¢", 0.03, "autorisé → autoris¢"),
    (r"(?<!\w)é", "€", 0.05, "économiques → €conomiques"),
    (r"è", "é", 0.35, "après → aprés"),
    (r"è", "e", 0.1, "auprès → aupres"),
    (r"ê", "é", 0.3, "arrêté → arrété"),
    (r"û", "ii", 0.5, "dûment → diiment"),
    (r"ô", "d", 0.2, "rôle → rdle"),
    (r"ô", "o", 0.3, "chômage → chomage"),
    (r"â", "a", 0.4, "grâce → grace"),
    (r"î", "i", 0.4, "maîtrise → maitrise"),
    (r"ç", "g", 0.3, "façon → fagon"),
    (r"œ", "ce", 0.6, "œuvre → ceuvre"),
    (r"(?<!\w)à(?= )", "a", 0.6, "à signer → a signer"),
    (r"(?<![\w'])l'", "I'", 0.25, "l'action → I'action"),
    (r"(?<![\w'])l'", "1'", 0.1, "l'emploi → 1'emploi"),
    (r"(?<=\bd)'(?=[aeiou])", " ", 0.02, "d'un → d un (not repairable)"),
    (r"(?<=[a-z])n(?=[a-z])", "", 0.002, "dropped letter (not repairable)"),
    (r"^- ", "e ", 0.5, "- Des points → e Des points"),
    (r"(?<=\d )km²", "km?", 1.0, "574 km² → 574 km?"),
)
COMPILED = tuple((re.compile(pattern, re.M), damaged, rate) for pattern, damaged, rate, _ in DAMAGE_TABLE)


def damage(text: str, seed: int = 0) -> str:
    """`text` with DAMAGE_TABLE applied at random (reproducible for a given seed)."""
    rng = random.Random(seed)
    for pattern, damaged, rate in COMPILED:
        text = pattern.sub(lambda match, d=damaged, r=rate: d if rng.random() < r else match.group(0), text)
    return text
