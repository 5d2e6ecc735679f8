"""Annexes: the list a convention announces, the annex bodies the file actually holds, and both flags."""

from __future__ import annotations

import re

from ctg.core.model import Annex, Line, Span
from ctg.normalize.page_furniture import page_number_shape
from ctg.segment.contents import wrapped_toc_entries
from ctg.segment.patterns import (
    ANNEX_HEADING,
    ANNEX_LIST_HEADING,
    ANNEX_LIST_ITEM,
    HEADING_GOES_ON,
    HEADING_RUNS_ON,
    TOC_LINE,
)
from ctg.segment.text import clean

ROMAN = {"I": "1", "II": "2", "III": "3", "IV": "4", "V": "5", "VI": "6", "VII": "7", "VIII": "8"}


def _number(raw: str | None) -> str:
    """ "2" from "02" or "II"; "" for the one annex a document names without a number."""
    if raw is None:
        return ""
    return ROMAN.get(raw.upper(), raw.lstrip("0") or "0")


def announced_annexes(sommaire: list[Line], listed: list[Line], file: str) -> list[Annex]:
    """Annexes announced by SOMMAIRE entries or by an "Annexes" list (numbered items under it)."""
    found: dict[str, Annex] = {}
    in_list = False
    for n, line in enumerate(sommaire + listed):
        text = line.text.strip()
        if ANNEX_LIST_HEADING.regex.match(text):
            in_list = True
            continue
        if n >= len(sommaire) and not in_list:
            break  # past the list: annex bodies follow
        entry = re.sub(r"(\.{3,}|…+)?\s*\t?\s*\d{0,3}\s*$", "", text) if TOC_LINE.regex.search(text) else text
        toc = re.match(
            r"^\s*An{1,2}e?x{1,2}e(?:\s+(?P<number>\d{1,2}|[IVX]{1,4})\s*[:\-–—.]|\s*:)\s*(?P<title>.+)$",
            entry,
            re.I,
        )
        item = ANNEX_LIST_ITEM.regex.match(entry) if in_list else None
        match = toc or item
        if match:
            number = _number(match.group("number"))
            found.setdefault(
                number, Annex(number, clean(match.group("title")), True, False, Span.of_lines(file, [line]))
            )
        elif in_list:
            in_list = False
    return list(found.values())


def _ends_a_sentence_wrapped(lines: list[Line], i: int) -> bool:
    """ "… figurant en" / "Annexe 2.": a bare heading ending with a full stop under a line that goes on."""
    text = lines[i].text.strip()
    match = ANNEX_HEADING.regex.match(text)
    bare = match is not None and not (match.group("title") or "").strip()
    previous = lines[i - 1].text.strip() if i else ""
    return bare and text.endswith(".") and bool(re.search(r"[a-zà-ÿ,]$", previous))


def _text_follows(lines: list[Line], i: int) -> bool:
    """Whether text follows line `i`: a page number ("- 4 -") under the last entry of a list is not."""
    return any(not page_number_shape(line.text) for line in lines[i + 1 :])


def annex_body_headings(lines: list[Line], toc: set[int]) -> set[int]:
    """Indices of the headings that open an annex body ("ANNEXE 2 – LISTE DES ÉQUIPEMENTS").

    Headings in a row are a list of annexes, except the last one when text follows it (the first
    body right after the list). A heading alone is a body, even when nothing follows (a cut file).
    """
    toc = toc | wrapped_toc_entries(lines)
    headings = [
        i
        for i, line in enumerate(lines)
        if i not in toc
        and len(line.text.strip()) <= 120
        and ANNEX_HEADING.regex.match(line.text.strip())
        and not line.text.strip()[0].islower()  # "… joint en" / "annexe 3.": a sentence wrapped there
        and not _ends_a_sentence_wrapped(lines, i)
    ]
    bodies: set[int] = set()
    run: list[int] = []
    for i in [*headings, -2]:  # -2 closes the last run
        if run and i != run[-1] + 1:
            if len(run) == 1 or _text_follows(lines, run[-1]):
                bodies.add(run[-1])
            run = []
        run.append(i)
    return bodies


HEADING_LINES = 3  # an annex title wraps over at most this many lines


def annex_heading(lines: list[Line]) -> tuple[str, str] | None:
    """(number, title) of an annex document from its heading; an empty title is taken from the next
    line, and a title broken on an open word goes on over the next lines."""
    for i, line in enumerate(lines[:12]):
        match = ANNEX_HEADING.regex.match(line.text.strip())
        if match:
            title = clean(match.group("title") or "")
            after = [
                clean(other.text) for other in lines[i + 1 : i + 1 + HEADING_LINES] if other.text.strip()
            ]
            if not title and after:
                title, after = after[0], after[1:]
            return _number(match.group("number")), _run_on(title, after)
    return None


def _run_on(title: str, after: list[str]) -> str:
    """The title with the lines it runs on over: same case, opened or left open by a small word."""
    for text in after:
        same_case = text.isupper() == title.isupper()
        open_ = HEADING_RUNS_ON.regex.search(title) or HEADING_GOES_ON.regex.match(text)
        if (
            not (title and same_case and open_)
            or ANNEX_HEADING.regex.match(text)
            or TOC_LINE.regex.search(text)
        ):
            break
        title = f"{title} {text}"
    return title


def merge_annexes(announced: list[Annex], bodies: dict[str, tuple[str, Span]]) -> list[Annex]:
    """Announced annexes flagged present when a body of that number exists; bodies never announced added."""
    merged: list[Annex] = []
    for annex in announced:
        body = bodies.get(annex.number)
        merged.append(
            Annex(annex.number, annex.title, True, body is not None, body[1] if body else annex.span)
        )
    known = {a.number for a in announced}
    for number, (title, span) in sorted(bodies.items(), key=lambda kv: int(kv[0]) if kv[0].isdigit() else 99):
        if number not in known:
            merged.append(Annex(number, title, False, True, span))
    return merged
