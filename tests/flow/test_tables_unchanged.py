"""The run's tables on the seeds and the corpus are the ones stored in tables.sha256.json, byte for byte.

The digests were made on main before the stages were rearranged (audit its own stage, export
writing only) and held through that move; since, only the audit's own tables changed, with the
findings added on purpose (dates in order, missing annexes, the audit_conventions table). Code
moved between stages that reads differently changes a digest here.
"""

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
