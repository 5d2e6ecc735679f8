"""ctg's entry point: wires the stages, owns parallelism, caching, progress and the report.

Layers go one way: this module → stages (extract, normalize, …) → core types. Stages
never print and never touch the output folder; everything on the console is said here.

Exit status of `ctg run`:
  0  every file was read
  1  the run completed but some files failed (see the `files` table, status=error)
  2  bad command line (argparse)
  4  another run holds the output folder's lock
"""

from __future__ import annotations

import argparse
import fcntl
import os
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from core.model import FileResult
from engine.options import PIPELINE_VERSION, RunOptions, Task
from extract import INPUT_SUFFIXES, ExtractOptions, read_file

if TYPE_CHECKING:
    from rich.console import Console

    from export.store import Staging

EXIT_OK, EXIT_FILES_FAILED, EXIT_LOCKED = 0, 1, 4


@dataclass(slots=True)
class RunSummary:
    results: list[FileResult]
    seconds: float

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.results if r.source.status == "error"]

    @property
    def partial(self) -> list[FileResult]:
        return [r for r in self.results if r.source.status == "partial"]

    @property
    def lost_pages(self) -> int:
        """Pages whose text was not all read (the reason is in pages.reason and files.error)."""
        return sum(1 for r in self.results for page in r.source.pages if page.lost)

    @property
    def pages_by_method(self) -> Counter[str]:
        return Counter(page.method for r in self.results for page in r.source.pages)

    @property
    def exit_code(self) -> int:
        return EXIT_FILES_FAILED if self.failed else EXIT_OK


# --- inputs -------------------------------------------------------------------------------


def discover(inputs: list[Path]) -> list[Task]:
    """Files given directly, and .pdf/.txt/.md found below folders (links to folders not followed)."""
    tasks: dict[Path, Task] = {}
    for given in inputs:
        if given.is_dir():
            for folder, dirs, names in os.walk(given, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(names):
                    path = Path(folder) / name
                    if path.suffix.lower() in INPUT_SUFFIXES and not name.startswith("."):
                        tasks.setdefault(path.resolve(), Task(path=path, root=given))
        else:
            tasks.setdefault(given.resolve(), Task(path=given, root=given.parent))
    return list(tasks.values())


# --- the per-file map step ----------------------------------------------------------------


def map_files(tasks: list[Task], options: RunOptions) -> Iterator[FileResult]:
    """Yield each file's result as it completes, on the engine the options name."""
    if options.engine == "dask":
        from engine.cluster import run_dask

        return run_dask(tasks, options)
    from engine.local import run_pool  # process pools: not imported by `ctg text`

    return run_pool(tasks, options)


# --- the run --------------------------------------------------------------------------------


class OutputLocked(Exception):
    pass


@contextmanager
def output_lock(out: Path) -> Iterator[None]:
    """One run per output folder: a second one refuses instead of interleaving writes."""
    out.mkdir(parents=True, exist_ok=True)
    with (out / ".lock").open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            raise OutputLocked(f"another ctg run is writing to {out}") from error
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def run(inputs: list[Path], options: RunOptions, console: Console | None = None) -> RunSummary:
    """Map every file (streaming its rows into the staging store), reduce once, commit."""
    from export.store import Staging

    started = time.perf_counter()
    tasks = discover(inputs)
    results: list[FileResult] = []
    with output_lock(options.out), Staging(options.out) as staging:
        for result in _with_progress(map_files(tasks, options), len(tasks), console):
            stream(staging, result)
            results.append(result)
        results.sort(key=lambda r: r.source.file)
        reduce_and_commit(staging, results, _link_prefix(inputs, options.out))
    return RunSummary(results=results, seconds=round(time.perf_counter() - started, 2))


def _link_prefix(inputs: list[Path], out: Path) -> str:
    """How the report (in out/) reaches the input files: relative to the first input folder."""
    first = inputs[0] if inputs and inputs[0].is_dir() else (inputs[0].parent if inputs else Path("."))
    return os.path.relpath(first.resolve(), out.resolve()) + "/"


def stream(staging: Staging, result: FileResult) -> None:
    """One file's rows and texts (made by the worker) go to the store now."""
    from export.tables import file_rows
    from export.texts import text_outputs

    rows = result.rows or {table: list(rows) for table, rows in file_rows(result).items()}
    for table, table_rows in rows.items():
        staging.add_rows(table, table_rows)
    for folder, name, text in result.texts or text_outputs(result):
        staging.write_text(folder, name, text)
    result.rows, result.texts = {}, []


def reduce_and_commit(staging: Staging, results: list[FileResult], link_prefix: str = "../") -> None:
    """The reduce step, once per run: dedupe across files, audit, then every output swapped in."""
    from dedupe import find_duplicates
    from export.audit import audit_record, build_audit, unreadable_pages
    from export.report import write_report
    from export.scdl import write_scdl
    from export.schema import TABLES, write_datapackage
    from export.tables import duplicates_rows

    dedupe = find_duplicates(d for r in results for d in r.digests)
    for result in results:
        result.digests = []  # read once: the audit and the exports never do
    copies: list[tuple[str, str]] = []
    for result in results:
        for doc in result.documents:
            canonical = dedupe.canonical.get(doc.doc_id, doc.doc_id)
            doc.duplicate_of = canonical if canonical != doc.doc_id else None
            if doc.duplicate_of:
                copies.append((doc.duplicate_of, doc.doc_id))
                staging.remove_text("documents", f"{doc.doc_id}.txt")  # only canonical texts are kept
    staging.execute("UPDATE documents SET duplicate_of = ? WHERE doc_id = ?", copies)
    staging.add_rows("duplicates", duplicates_rows(dedupe))
    documents = [doc for result in results for doc in result.documents]
    audit = build_audit(documents, unreadable=unreadable_pages(staging.frame("pages")))
    staging.add_rows("audit", (audit_record(row) for row in audit))
    files = staging.frame("files")

    def extra(folder: Path) -> None:
        write_datapackage(folder / "datapackage.json", TABLES, PIPELINE_VERSION)
        write_scdl(folder, documents)
        write_report(folder, documents, audit, files, link_prefix)

    staging.commit(extra)


def _with_progress(
    results: Iterator[FileResult], total: int, console: Console | None
) -> Iterator[FileResult]:
    if console is None:
        yield from results
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (
        TextColumn("[bold]files"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[pages]} pages"),
        TimeElapsedColumn(),
        TextColumn("{task.fields[current]}"),
    )
    with Progress(*columns, console=console, transient=False) as progress:
        bar = progress.add_task("files", total=total, pages=0, current="")
        pages = 0
        for result in results:
            pages += len(result.source.pages)
            progress.update(bar, advance=1, pages=pages, current=result.source.file[-60:])
            yield result


# --- console ----------------------------------------------------------------------------------


def print_summary(summary: RunSummary, console: Console, out: Path) -> None:
    from rich.table import Table

    results = summary.results
    ok = sum(1 for r in results if r.source.status == "ok")
    reused = sum(1 for r in results if r.cached)
    methods = ", ".join(f"{n} {m}" for m, n in sorted(summary.pages_by_method.items())) or "none"
    console.print(
        f"[bold]{len(results)} files[/]: {ok} ok, {len(summary.partial)} partial, "
        f"{len(summary.failed)} failed, {reused} reused from cache; "
        f"pages: {methods}, {summary.lost_pages} not fully read; {summary.seconds:.1f} s → {out}"
    )
    for title, shown in (("Files that failed", summary.failed), ("Files partly read", summary.partial)):
        if shown:
            table = Table("file", "error", title=title, title_justify="left")
            for result in shown:
                table.add_row(result.source.file, result.source.error)
            console.print(table)


def _command_run(args: argparse.Namespace) -> int:
    from rich.console import Console

    console = Console(stderr=True)
    options = RunOptions(
        out=args.out,
        jobs=max(args.jobs, 1),
        use_cache=not args.no_cache,
        extract=ExtractOptions(ocr=args.ocr),
        engine=args.engine,
        scheduler=args.scheduler,
        item_timeout=args.item_timeout,
    )
    try:
        summary = run(args.inputs, options, console=None if args.quiet else console)
    except OutputLocked as error:
        console.print(f"[red]{error}[/]: wait for it to finish, or use another --out.")
        return EXIT_LOCKED
    print_summary(summary, console, options.out)
    return summary.exit_code


def _command_text(args: argparse.Namespace) -> int:
    path: Path = args.file
    source = read_file(path, path.parent, ExtractOptions(ocr=args.ocr))
    if source.status == "error":
        print(f"ctg: {source.file}: {source.error}", file=sys.stderr)
        return EXIT_FILES_FAILED
    from normalize import normalize_file

    clean = normalize_file(source)
    if args.explain:
        from normalize import explain  # with difflib: only for --explain

        sys.stdout.write(explain(source, clean))
        return EXIT_OK
    from export.texts import page_text

    sys.stdout.write("\f".join(page_text(page) for page in clean.pages))
    sys.stdout.write("\n")
    return EXIT_OK


def _command_audit(args: argparse.Namespace) -> int:
    import pandas as pd

    from export.audit import format_audit, rows_from_frame

    table = args.out / "csv" / "audit.csv"
    if not table.exists():
        print(f"ctg: no audit in {args.out}: run `ctg run INPUT… --out {args.out}` first", file=sys.stderr)
        return EXIT_FILES_FAILED
    frame = pd.read_csv(table, dtype=str, keep_default_na=False)
    sys.stdout.write(format_audit(rows_from_frame(frame), commune=args.commune, territory=args.territory))
    sys.stdout.write("\n")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ctg",
        description="Turn CTG conventions and council deliberations (PDF, scanned or not, .txt, .md) "
        "into auditable tables.",
        epilog=__doc__.split("\n\n", 2)[2] if __doc__ else None,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True)
    run_parser = commands.add_parser(
        "run",
        help="process files and folders into out/",
        epilog=__doc__.split("\n\n", 2)[2] if __doc__ else None,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    run_parser.add_argument("inputs", nargs="+", type=Path, help="files or folders (.pdf, .txt, .md)")
    run_parser.add_argument("--out", type=Path, default=Path("out"), help="output folder (default: out/)")
    run_parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="parallel workers")
    run_parser.add_argument("--no-cache", action="store_true", help="recompute every file")
    run_parser.add_argument("--quiet", action="store_true", help="no progress bar")
    run_parser.add_argument(
        "--item-timeout",
        type=float,
        default=900.0,
        help="seconds a file's reading or analysis, or one page's OCR, may take (0: no limit)",
    )
    run_parser.add_argument(
        "--engine", choices=("local", "dask"), default="local", help="local processes (default) or Dask"
    )
    run_parser.add_argument(
        "--scheduler",
        help="Dask scheduler address (tcp://HOST:8786); without it --engine dask starts a LocalCluster",
    )
    _add_ocr_option(run_parser)
    run_parser.set_defaults(handler=_command_run)
    text_parser = commands.add_parser("text", help="print one input's text as the pipeline sees it")
    text_parser.add_argument("file", type=Path)
    text_parser.add_argument("--explain", action="store_true", help="show normalize's repairs as a diff")
    _add_ocr_option(text_parser)
    text_parser.set_defaults(handler=_command_text)
    audit_parser = commands.add_parser(
        "audit", help="print who signed and approved what, from a finished run"
    )
    audit_parser.add_argument("--out", type=Path, default=Path("out"), help="the run's output folder")
    which = audit_parser.add_mutually_exclusive_group()
    which.add_argument("--commune", help="a commune: name, beginning of a name, INSEE code or SIREN")
    which.add_argument("--territory", help="a convention's territory")
    audit_parser.set_defaults(handler=_command_audit)
    return parser


def _add_ocr_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--ocr",
        choices=("auto", "always", "never"),
        default="auto",
        help="auto: OCR pages without a usable text layer (default)",
    )


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.handler(args))


if __name__ == "__main__":
    sys.exit(main())
