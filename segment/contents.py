"""Table-of-contents entries wrapped over several lines, which the one-line rules miss.

An entry wrapped at a narrower width leaves its dotted leaders and page number on a later line
("Article 1 : Objet de la convention territoriale" / "globale de services aux familles.....   5"):
the line that holds the leaders does not start like an entry, so the lines above it, back to the one
that does, are the same entry, and none of them is a heading.
"""

from __future__ import annotations

import re

from ctg.core.model import Line
from ctg.segment.patterns import TOC_LINE

ENTRY_START = re.compile(
    r"^\s*(?:Article|Annexe|Pr[ée]ambule|Signataires|Titre|Chapitre|\d+[.)]|[IVX]+[.)])", re.I
)
ENTRY_LINES_MAX = 3  # an entry wraps over three lines at most


def wrapped_toc_entries(lines: list[Line]) -> set[int]:
    """Indices of the lines of contents entries whose leaders went to a later line."""
    found: set[int] = set()
    for i, line in enumerate(lines):
        text = line.text.strip()
        if not TOC_LINE.regex.search(text) or ENTRY_START.match(text):
            continue
        for back in range(i - 1, max(i - ENTRY_LINES_MAX, -1), -1):
            if TOC_LINE.regex.search(lines[back].text):
                break  # the entry above ends there: this line's leaders are a blank to fill
            if ENTRY_START.match(lines[back].text):
                found.update(range(back, i + 1))
                if i + 1 < len(lines) and lines[i + 1].text.strip().isdigit():
                    found.add(i + 1)  # the page number alone under its leaders
                break
    return found
