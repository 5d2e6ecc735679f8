"""Words hyphenated across line ends joined onto the first line, real compounds kept.

`dévelop-` + `pement` → `développement`; `petite-` + `enfance` → `petite-enfance`;
`Saint-Rémy-de-` + `Provence` → `Saint-Rémy-de-Provence`. The lexicon decides (table below);
line numbers never change: the second line only loses the fragment moved up.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from ctg.core.model import Line
from ctg.normalize.lexicon import Lexicon

LINE_END_FRAGMENT = re.compile(r"([^\W\d_]+(?:-[^\W\d_]+)*)-$")  # "… dévelop-" → "dévelop"
LINE_START_WORD = re.compile(r"^([^\W\d_]+(?:-[^\W\d_]+)*)")  # "pement des …" → "pement"

# How a break is resolved, first matching test wins: (decision, test, example).
# "compound" keeps the hyphen, "join" removes it.
DECISIONS: tuple[tuple[str, str, str], ...] = (
    ("compound", "the hyphenated form is a known word", "celles- + ci → celles-ci"),
    ("compound", "the second part starts with a capital", "Saint-Rémy-de- + Provence"),
    ("compound", "the second part is itself hyphenated", "Seyne- + les-Alpes → Seyne-les-Alpes"),
    ("join", "the joined form is a known word", "dévelop- + pement → développement"),
    ("compound", "both parts are known words", "petite- + enfance → petite-enfance"),
    ("join", "otherwise (fragments of one word)", "particu- + liérement → particuliérement"),
)


@dataclass(slots=True)
class Joined:
    """A break resolved: the first line's new text, the second line's, and the decision."""

    first: str
    second: str
    decision: str
    old_first: str
    old_second: str


def _decide(head: str, tail: str, lexicon: Lexicon) -> str:
    last_part = head.rsplit("-", 1)[-1]
    first_part = tail.split("-", 1)[0]
    if f"{last_part}-{first_part}" in lexicon or tail[0].isupper() or "-" in tail:
        return "compound"
    if f"{last_part}{first_part}" in lexicon:
        return "join"
    if last_part in lexicon and first_part in lexicon:
        return "compound"
    return "join"


def join_break(first: Line, second: Line, lexicon: Lexicon) -> Joined | None:
    """Resolve a hyphen at the end of `first` continued by the word starting `second`."""
    ending = first.text.rstrip()
    if not ending.endswith("-"):
        return None  # most lines: spares the end-anchored search, which tries every start position
    end = LINE_END_FRAGMENT.search(ending)
    start = LINE_START_WORD.match(second.text.lstrip())
    if not end or not start:
        return None
    head, tail = end.group(1), start.group(1)
    if tail[0].isupper() and not head[0].isupper():
        return None  # "… les acteurs -" + "Caf": a dash before a name, not a broken word
    decision = _decide(head, tail, lexicon)
    word = f"{head}-{tail}" if decision == "compound" else f"{head}{tail}"
    new_first = ending[: end.start()] + word
    new_second = second.text.lstrip()[start.end() :].lstrip()
    return Joined(new_first, new_second, decision, old_first=first.text, old_second=second.text)


def join_hyphenated(lines: list[Line], lexicon: Lexicon) -> list[tuple[Line, Line, Joined]]:
    """Join breaks between consecutive body lines (in place); return what was joined."""
    body = [line for line in lines if line.role == "body" and line.text.strip()]
    done: list[tuple[Line, Line, Joined]] = []
    for first, second in itertools.pairwise(body):
        joined = join_break(first, second, lexicon)
        if joined is None:
            continue
        first.text, second.text = joined.first, joined.second
        if not second.text:
            second.role = "blank"
        done.append((first, second, joined))
    return done
