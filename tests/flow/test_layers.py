"""Layers go one way: a stage imports only earlier stages and core; export imports core alone;
no stage imports the measurement code (evaluation/), the tests or the benches."""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
STAGES = ("core", "extract", "normalize", "segment", "resolve", "dedupe", "audit", "export")
# What each stage may import besides the stages before it (export writes what it is given).
ALLOWED: dict[str, frozenset[str]] = {
    **{stage: frozenset(STAGES[: index + 1]) for index, stage in enumerate(STAGES)},
    "export": frozenset({"core", "export"}),
}
OUTSIDE = ("evaluation", "tests", "bench")
# Imports of a later stage that predate this check, to be moved to the stage that reads first:
# the reference's commune names (resolve/reference) serve normalize's OCR repair.
KNOWN = frozenset({"normalize/commune_names.py imports resolve"})


def imported(path: Path) -> set[str]:
    """The top-level names imported by a module: `ctg.resolve.names` gives "resolve"."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        for name in names:
            parts = name.split(".")
            found.add(parts[1] if parts[0] == "ctg" and len(parts) > 1 else parts[0])
    return found


def test_each_stage_imports_only_earlier_stages() -> None:
    wrong: list[str] = []
    for stage in STAGES:
        for path in sorted((REPO / stage).rglob("*.py")):
            names = imported(path)
            later = {name for name in names & set(STAGES) if name not in ALLOWED[stage]}
            outside = names & set(OUTSIDE)
            wrong += [f"{path.relative_to(REPO)} imports {name}" for name in sorted(later | outside)]
    assert sorted(set(wrong) - KNOWN) == []


def test_the_check_sees_an_import() -> None:
    assert imported(REPO / "export" / "audit_table.py") >= {"core", "export"}
    assert "resolve" in imported(REPO / "audit" / "rows.py")
