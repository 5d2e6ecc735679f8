"""A readable, diff-like account of what normalize changed in a file (`ctg text --explain`)."""

from __future__ import annotations

from collections import Counter, defaultdict

from core.model import Line, Repair, SourceFile

RULE_WIDTH = 22


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
        out += [f"    {r.rule:<{RULE_WIDTH}} {r.before!r} → {r.after!r}" for r in grouped[place]]
    return "\n".join(out) + "\n"
