"""The run's tables on the seeds and the corpus are the ones stored in tables.sha256.json, byte for byte.

The digests were made on main before the stages were rearranged (audit its own stage, export
writing only) and held through that move. A change of behaviour changes a digest here: rewrite
them (`python -m tests.flow.table_digests --write`) only when the change is meant, and say in the
commit which tables changed and why. Since the move: the audit's findings (dates, missing
annexes), annex bodies as documents of their own, minutes items, titles, en_exercice."""

from __future__ import annotations

import json
from pathlib import Path

from tests.flow.table_digests import FIXTURE, digests, run_outputs


def test_same_tables_byte_for_byte(seeds_dir: Path, tmp_path: Path) -> None:
    expected = json.loads(FIXTURE.read_text(encoding="utf-8"))
    found = digests(run_outputs(seeds_dir, tmp_path / "out"))
    assert sorted(found) == sorted(expected)
    changed = [name for name in expected if found[name] != expected[name]]
    assert not changed, f"tables changed: {changed}"
