"""Words of French commune names (resolve's reference), the only names OCR repair may reach.

A capitalised unknown word is corrected towards a commune-name word ("Gr¢asque" → "Gréasque")
or left alone; a word that is itself part of a commune name is never changed.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ctg.core.disk_cache import cached, source_key

NAME_WORD = re.compile(r"[^\W\d_]{3,}")  # "Saint-Rémy-de-Provence" → saint, rémy, provence


@lru_cache(maxsize=1)
def commune_name_words() -> frozenset[str]:
    """Lower-case words of every commune name, current and former; empty without the reference."""
    try:
        from ctg.resolve.reference.files import COMMUNES, commune_names  # the reference belongs to resolve/
    except ImportError:
        return frozenset()

    def build() -> frozenset[str]:
        return frozenset(word.lower() for name in commune_names() for word in NAME_WORD.findall(name))

    return cached("commune-name-words", source_key(COMMUNES), build)
