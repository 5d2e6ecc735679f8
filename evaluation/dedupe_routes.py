"""Copies of real texts by every route a text takes into a run, and the look-alikes that must
stay apart (tests and bench/dedupe.py).

A *source* is one real document's text (a seed, a corpus document, a born-digital real file,
an OCR reading). Each is planted as the copies a run meets: the same bytes, another extractor's
line breaks at several widths (words hyphenated at the line end), paragraphs joined on one line,
OCR damage at 2 % and 5 % of its characters, a truncated copy, the same PDF read by OCR, and
bundled in a file with another document. Look-alikes are planted beside them: the same
template for another territory, the same council at another sitting, the same act another
year. Every copy of a source is one group; every look-alike a group of its own.
"""

from __future__ import annotations

import random
import re
import textwrap
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from functools import cache
from typing import NamedTuple

from ctg.core.dates import find_dates
from ctg.core.model import DedupeResult, Document, Line, Span
from ctg.corpus.frenchdates import date_long
from evaluation.dedupe_scoring import Score


@dataclass(frozen=True, slots=True)
class Source:
    name: str
    kind: str
    text: str
    ocr_text: str = ""  # the same PDF read by OCR, when there is a scanned rendering


class Planted(NamedTuple):
    doc_id: str
    group: str  # documents of one group are copies (or a bundle of one of them)
    variant: str
    kind: str
    text: str
    quality: float  # 1.0 text layer, lower for OCR: ranks the canonical


HYPHENATE = 0.3  # share of line ends where a long word is cut with a hyphen, as in print
MIN_CUT = 8  # letters a word needs before it is cut at a line end


# --- routes -----------------------------------------------------------------------------------


def paragraphs(text: str) -> list[str]:
    """Blocks of non-blank lines, each joined on one line (a heading is a block of its own when a
    blank line or a short line ends it)."""
    blocks: list[list[str]] = [[]]
    for line in text.split("\n"):
        if not line.strip():
            blocks.append([])
            continue
        blocks[-1].append(line.strip())
        if len(line.strip()) < 40 or line.rstrip().endswith((".", ":", ";")):
            blocks.append([])
    return [" ".join(b) for b in blocks if b]


def rewrap(text: str, width: int, r: random.Random) -> str:
    """Another extractor's line breaks: paragraphs refilled at `width`, long words cut with a
    hyphen at some line ends."""
    out: list[str] = []
    for block in paragraphs(text):
        lines = textwrap.wrap(block, width, break_long_words=False, break_on_hyphens=False) or [block]
        for k, line in enumerate(lines[:-1]):
            nxt = lines[k + 1]
            word = nxt.split(" ", 1)[0]
            if len(word) >= MIN_CUT and word.isalpha() and r.random() < HYPHENATE:
                cut = r.randint(3, len(word) - 3)
                lines[k] = f"{line} {word[:cut]}-"
                lines[k + 1] = word[cut:] + nxt[len(word) :]
        out.extend(lines)
    return "\n".join(out)


def joined(text: str, r: random.Random) -> str:
    return "\n".join(paragraphs(text))


@cache
def _confusions() -> tuple[re.Pattern[str], dict[str, list[tuple[str, float]]]]:
    """normalize's OCR confusions the other way round (the clean text -> what OCR writes),
    weighted by how often OCR makes them (the inverse of their cost)."""
    from ctg.normalize.ocr_confusions import CONFUSIONS

    readings: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for seen, meant, cost, _ in CONFUSIONS:
        if meant and seen != meant:
            readings[meant].append((seen, 1.0 / cost))
    keys = sorted(readings, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, keys))), dict(readings)


def ocr_damage(text: str, rate: float, r: random.Random) -> str:
    """normalize's synthetic damage, then its OCR confusions, until about `rate` of the characters
    are misread (an edit distance of rate * len(text))."""
    from rapidfuzz.distance import Levenshtein

    from evaluation.synthetic_damage import damage

    base = damage(text, seed=r.randrange(10**6))
    done = Levenshtein.distance(text, base) / max(len(text), 1)
    pattern, readings = _confusions()
    hits = max(len(pattern.findall(base)), 1)
    p = max(rate - done, 0.0) * len(text) / hits

    def misread(m: re.Match[str]) -> str:
        if r.random() >= p:
            return m.group()
        options = readings[m.group()]
        return r.choices([s for s, _ in options], [w for _, w in options])[0]

    return pattern.sub(misread, base)


def truncated(text: str, r: random.Random) -> str:
    lines = text.split("\n")
    return "\n".join(lines[: int(len(lines) * r.uniform(0.6, 0.8))])


Route = Callable[[str, random.Random], str]
ROUTES: dict[str, Route] = {
    "exact": lambda t, r: t,
    "rewrap-40": lambda t, r: rewrap(t, 40, r),
    "rewrap-70": lambda t, r: rewrap(t, 70, r),
    "rewrap-100": lambda t, r: rewrap(t, 100, r),
    "joined": joined,
    "ocr-2%": lambda t, r: ocr_damage(t, 0.02, r),
    "ocr-5%": lambda t, r: ocr_damage(t, 0.05, r),
    "truncated": truncated,
}
OCR_QUALITY = {"ocr-2%": 0.7, "ocr-5%": 0.5, "ocr-read": 0.6}
BUNDLED_KINDS = frozenset({"convention", "deliberation"})

# --- look-alikes ------------------------------------------------------------------------------


def other_sitting(text: str, days: int = 14) -> str | None:
    """The same act voted at another sitting of the same council: every date of its sitting moved
    by `days`, and its numbers bearing that date with it (None when no sitting date is found)."""
    from ctg.dedupe.facts import sitting_date

    sitting = sitting_date(text.split("\n"))
    if sitting is None:
        return None
    moved = sitting + timedelta(days=days)
    out, last = [], 0
    for when, start, end in find_dates(text):
        if when == sitting:
            out.extend([text[last:start], date_long(moved)])
            last = end
    text = "".join([*out, text[last:]])
    return text.replace(sitting.strftime("%Y%m%d"), moved.strftime("%Y%m%d")).replace(
        sitting.strftime("%d/%m/%Y"), moved.strftime("%d/%m/%Y")
    )


def other_year(text: str) -> str:
    """The same council's act of another year: every year of the text one later (dates, periods,
    numbers that carry a year)."""
    return re.sub(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)", lambda m: str(int(m.group()) + 1), text)


# --- the set ----------------------------------------------------------------------------------


def plant(sources: Sequence[Source], carriers: dict[str, str], seed: int = 0) -> list[Planted]:
    """Every route of every source, and its look-alikes. `carriers` by kind: a text that bundles a
    source of the other kind (a deliberation for a convention, a convention for a deliberation),
    itself not in the set."""
    planted: list[Planted] = []
    for s in sources:
        r = random.Random(f"{seed}:{s.name}")
        quality = 0.6 if s.kind == "ocr" else 1.0
        for variant, route in ROUTES.items():
            planted.append(_doc(s.name, variant, s.kind, route(s.text, r), OCR_QUALITY.get(variant, quality)))
        if s.ocr_text:
            planted.append(_doc(s.name, "ocr-read", s.kind, s.ocr_text, OCR_QUALITY["ocr-read"]))
        if s.kind in BUNDLED_KINDS:
            if s.kind == "convention":
                text = f"{carriers['deliberation']}\n\nANNEXE : LA CONVENTION\n\n{s.text}"
            else:
                text = f"{s.text}\n\nANNEXE\n\n{carriers['convention']}"
            planted.append(_doc(s.name, "bundled", "deliberation", text, 1.0))
        if (sitting := other_sitting(s.text)) is not None and sitting != s.text:
            planted.append(_doc(f"{s.name}~sitting", "lookalike-sitting", s.kind, sitting, 1.0))
        year = other_year(s.text)
        if year != s.text:
            planted.append(_doc(f"{s.name}~year", "lookalike-year", s.kind, year, 1.0))
    return planted


def carriers() -> dict[str, str]:
    """Texts that bundle a source and are in no set themselves: the built-in templates, filled."""
    import evaluation.dedupe_synthetic as synthetic

    tpls = synthetic.templates(None)
    return {kind: synthetic.fill(tpls[name], 424242, 2026, 2030) for kind, name in CARRIER_TEMPLATES.items()}


CARRIER_TEMPLATES = {"deliberation": "delib", "convention": "conv_a"}


def territory_lookalikes(texts: dict[str, tuple[str, str]], seed: int = 0) -> list[Planted]:
    """One template filled for two territories: name -> (kind, text) holds both, named
    '<template>@<territory>'; each is planted exact and re-wrapped (the trap: a look-alike of the
    re-wrapped copy)."""
    planted = []
    for name, (kind, text) in sorted(texts.items()):
        r = random.Random(f"{seed}:{name}")
        planted.append(_doc(name, "lookalike-territory", kind, text, 1.0))
        planted.append(_doc(name, "lookalike-territory", kind, rewrap(text, 70, r), 1.0, "rewrap-70"))
    return planted


def _doc(group: str, variant: str, kind: str, text: str, quality: float, route: str = "") -> Planted:
    return Planted(f"{group}#{route or variant}", group, variant, kind, text, quality)


def document(p: Planted) -> Document:
    """The planted text as segment would hand it over with no field read: dedupe must not need them."""
    file = f"routes/{p.doc_id}.pdf"
    lines = [Line(text=t, page=1, number=n) for n, t in enumerate(p.text.split("\n"), 1)]
    return Document(
        doc_id=p.doc_id, file=file, position=0, kind=p.kind, span=Span(file, 1, 1, len(lines)), lines=lines
    )  # type: ignore[arg-type]


# --- scoring ----------------------------------------------------------------------------------


Pair = tuple[str, str]


def _pair(a: str, b: str) -> Pair:
    return (a, b) if a < b else (b, a)


def linked_pairs(result: DedupeResult) -> set[Pair]:
    """Pairs the result links by any relation: one cluster of copies, a bundle and what it holds,
    a version and its reference (each through every member of the clusters involved)."""
    members: dict[str, list[str]] = defaultdict(list)
    for doc, canonical in result.canonical.items():
        members[canonical].append(doc)
    pairs = {_pair(a, b) for group in members.values() for a in group for b in group if a < b}
    for link in result.links:
        if link.relation != "copy":
            source = members.get(result.canonical.get(link.doc_id, link.doc_id), [link.doc_id])
            for a in source:
                pairs.update(_pair(a, b) for b in members.get(link.canonical_doc_id, [link.canonical_doc_id]))
    return pairs


def kind_scores(planted: Iterable[Planted], result: DedupeResult) -> list[Score]:
    """Pairwise precision and recall of the links by planted kind (a pair counts for the kinds of
    both its documents), then 'all'. True pairs: documents of one group."""
    planted = list(planted)
    variant = {p.doc_id: p.variant for p in planted}
    groups: dict[str, list[str]] = defaultdict(list)
    for p in planted:
        groups[p.group].append(p.doc_id)
    truth = {_pair(a, b) for g in groups.values() for a in g for b in g if a < b}
    predicted = linked_pairs(result)
    scores = []
    for kind in [*sorted(set(variant.values())), "all"]:
        t = {x for x in truth if kind == "all" or kind in (variant[x[0]], variant[x[1]])}
        p = {x for x in predicted if kind == "all" or kind in (variant[x[0]], variant[x[1]])}
        scores.append(Score(kind, len(t), len(p), len(t & p)))
    return scores
