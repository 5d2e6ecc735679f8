"""Words of French commune names (resolve's reference), the only names OCR repair may reach.

A capitalised unknown word is corrected towards a commune-name word ("Gr¢asque" → "Gréasque")
or left alone; a word that is itself part of a commune name is never changed.
"""

from __future__ import annotations

import re
from functools import lru_cache

NAME_WORD = re.compile(r"[^\W\d_]{3,}")  # "Saint-Rémy-de-Provence" → saint, rémy, provence


@lru_cache(maxsize=1)
def commune_name_words() -> frozenset[str]:
    """Lower-case words of every commune name, current and former; empty without the reference."""
    try:
        from resolve.reference import HERE as REFERENCE_FOLDER
        from resolve.reference import read_tables  # the reference belongs to resolve/
    except ImportError:
        return frozenset()
    communes = read_tables(REFERENCE_FOLDER).communes
    names = " ".join(communes["name"]) + " " + " ".join(communes["former_names"].str.replace("|", " "))
    return frozenset(word.lower() for word in NAME_WORD.findall(names))
