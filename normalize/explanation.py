"""A readable, diff-like account of what normalize changed in a file (`ctg text --explain`)."""

from __future__ import annotations

from collections import Counter, defaultdict
from difflib import SequenceMatcher

from ctg.core.model import Line, Repair, SourceFile

RULE_WIDTH = 22
SHORT = 40  # a change shorter than this is shown whole; a longer one by its changed words


def _fragments(before: str, after: str) -> list[tuple[str, str]]:
    """The words that differ between two versions of a line ("d’Aiglun" → "d'Aiglun")."""
    if len(before) <= SHORT and len(after) <= SHORT:
        return [(before, after)]
    old, new = before.split(" "), after.split(" ")
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    return [
        (" ".join(old[a:b]), " ".join(new[c:d]))
        for tag, a, b, c, d in matcher.get_opcodes()
        if tag != "equal"
    ] or [(before, after)]


def count_by_rule(repairs: list[Repair]) -> Counter[str]:
    """How many changes each rule made."""
    return Counter(repair.rule for repair in repairs)


def _by_place(source: SourceFile) -> dict[tuple[int, int], Line]:
    return {(line.page, line.number): line for line in source.lines}


def explain(source_before: SourceFile, source_after: SourceFile) -> str:
    """Per page and line: the line before (-) and after (+), then each rule's change."""
    before_lines = _by_place(source_before)
    after_lines = _by_place(source_after)
    grouped: dict[tuple[int, int], list[Repair]] = defaultdict(list)
    for repair in source_after.repairs:
        grouped[(repair.page, repair.line)].append(repair)
    out = [f"--- {source_before.file} (as extracted)", f"+++ {source_after.file} (normalized)"]
    counts = count_by_rule(source_after.repairs)
    out += [f"# {rule:<{RULE_WIDTH}} {count}" for rule, count in sorted(counts.items())]
    roles = Counter(line.role for line in source_after.lines if line.role not in ("body", "blank"))
    out += [f"# set aside as {role:<12} {count} lines" for role, count in sorted(roles.items())]
    for place in sorted(grouped):
        page, number = place
        old = before_lines.get(place)
        new = after_lines.get(place)
        out.append(f"@@ page {page} line {number} @@")
        out.append(f"-{old.text if old else ''}")
        out.append(f"+{new.text if new else ''}")
        for repair in grouped[place]:
            out += [
                f"    {repair.rule:<{RULE_WIDTH}} {b!r} → {a!r}"
                for b, a in _fragments(repair.before, repair.after)
            ]
    return "\n".join(out) + "\n"
