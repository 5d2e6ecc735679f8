"""Invented council members, drawn deterministically from small name pools."""

from __future__ import annotations

import random

# Given names and surnames common in the south-east of France and in Corsica (invented people).
GIVEN = (
    "Anne", "Bernard", "Camille", "Christophe", "Delphine", "Éric", "Fabienne", "François",
    "Gilles", "Hélène", "Isabelle", "Jacques", "Julie", "Laurent", "Marie", "Martine", "Nicolas",
    "Patricia", "Philippe", "Sophie", "Stéphane", "Sylvie", "Thomas", "Valérie", "Yves",
)  # fmt: skip
SURNAMES = (
    "ARNAUD", "AUDIBERT", "BARTOLI", "BERENGUIER", "BONNET", "CAPPELLI", "CHIAPPE", "COSTA",
    "DURAND", "ESPINASSE", "FERRARI", "GARCIN", "GIRAUD", "GUIGUES", "JOURDAN", "LAUGIER",
    "MAUREL", "MICHELI", "PAOLI", "PELLEGRIN", "REBUFFAT", "RICARD", "ROUX", "SIMONPIETRI",
    "TARDIEU", "VALENTINI", "VIGNE",
)  # fmt: skip


def council(rng: random.Random, size: int, exclude: set[str]) -> list[str]:
    """`size` distinct "Prénom NOM" names not in `exclude`."""
    names: list[str] = []
    while len(names) < size:
        name = f"{rng.choice(GIVEN)} {rng.choice(SURNAMES)}"
        if name not in names and name not in exclude:
            names.append(name)
    return names
