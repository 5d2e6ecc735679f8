"""The tables a run writes on the seeds and the sample corpus, as one digest each.

`python -m tests.flow.table_digests` prints them; with `--write` it stores them in
`tables.sha256.json` beside this file, to do only when a change of the tables is meant (the
commit says which). The files and pages tables are left out: they hold timings and
extraction's own columns, which no later stage changes.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from ctg import pipeline
from ctg.engine.options import RunOptions
from ctg.extract import ExtractOptions

REPO = Path(__file__).resolve().parents[2]
FIXTURE = Path(__file__).with_name("tables.sha256.json")
LEFT_OUT = frozenset({"csv/files.csv", "csv/pages.csv"})
FOLDERS = ("csv", "scdl", "documents", "text")


def run_outputs(seeds: Path, out: Path) -> Path:
    """Seeds and corpus through the whole run, text layers only (no OCR: a few seconds)."""
    options = RunOptions(out=out, jobs=2, use_cache=False, extract=ExtractOptions(ocr="never"))
    pipeline.run([seeds, REPO / "corpus"], options)
    return out


def digests(out: Path) -> dict[str, str]:
    found: dict[str, str] = {}
    for folder in FOLDERS:
        for path in sorted((out / folder).rglob("*")):
            name = path.relative_to(out).as_posix()
            if path.is_file() and name not in LEFT_OUT:
                found[name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def main(argv: list[str]) -> int:
    import tempfile

    from tests.conftest import SEEDS

    with tempfile.TemporaryDirectory() as folder:
        found = digests(run_outputs(SEEDS, Path(folder) / "out"))
    text = json.dumps(found, indent=1, sort_keys=True) + "\n"
    if "--write" in argv:
        FIXTURE.write_text(text, encoding="utf-8")
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
