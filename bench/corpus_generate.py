"""Size and generation time of the sample corpus, file by file.

Run: `python bench/corpus_generate.py [--out DIR]` (default: a temporary folder, so the committed
corpus is left alone). Prints one row per input: variant, pages, scanned pages, documents, size,
seconds to lay out and write it, then the totals.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from ctg.corpus.generate import SCAN_SEED, build_files, write_pdf, write_text  # noqa: E402
from ctg.corpus.truth import dump_truth  # noqa: E402


def run(out: Path) -> Table:
    (out / "truth").mkdir(parents=True, exist_ok=True)
    table = Table(title="corpus: sample inputs")
    for column in ("file", "variant", "pages", "scanned", "documents", "KB", "seconds"):
        table.add_column(column, justify="left" if column in ("file", "variant") else "right")
    started = time.perf_counter()
    builders = build_files()
    layout_seconds = time.perf_counter() - started
    pages = scanned = size = 0
    for index, builder in enumerate(builders):
        begin = time.perf_counter()
        if builder.name.endswith(".txt"):
            truth = write_text(builder, out)
        else:
            truth = write_pdf(builder, out, SCAN_SEED + index)
        dump_truth(truth, out / "truth" / f"{builder.name}.json")
        seconds = time.perf_counter() - begin
        kilobytes = (out / builder.name).stat().st_size / 1024
        count = sum(page.scanned for page in truth.pages)
        pages, scanned, size = pages + len(truth.pages), scanned + count, size + kilobytes
        row = (truth.file, truth.variant, len(truth.pages), count, len(truth.documents), f"{kilobytes:.0f}")
        table.add_row(*map(str, row), f"{seconds:.2f}")
    total = time.perf_counter() - started
    table.add_row("layout of all files", "", "", "", "", "", f"{layout_seconds:.2f}")
    table.add_row("total", "", str(pages), str(scanned), "", f"{size:.0f}", f"{total:.2f}", style="bold")
    return table


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        Console(width=120).print(run(args.out or Path(temporary)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
