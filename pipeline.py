"""ctg's entry point: wires the stages, owns parallelism, caching, progress and the report.

Layers go one way: this module → stages (extract, normalize, …) → core types. Stages
never print and never touch the output folder; everything on the console is said here.

Exit status of `ctg run`:
  0  every file was read (some perhaps partly: `files.status` partial, listed in the summary)
  1  the run completed but some files failed (see the `files` table, status=error); or no file
     could be read and the outputs already there were kept
  2  bad command line: an input that does not exist, or no .pdf/.txt/.md file in the inputs
     (the output folder is not touched)
  4  another run holds the output folder's lock

Exit status of `ctg audit`: 0 rows printed; 1 no run in --out, or no commune (closest names
said) or territory of that name.
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
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ctg.core.model import AuditRow, FileResult
from ctg.engine.options import PIPELINE_VERSION, RunOptions, Task
from ctg.engine.reduce import Found, reduce_and_commit, stream
from ctg.extract import INPUT_SUFFIXES, ExtractOptions, read_file

if TYPE_CHECKING:
    from rich.console import Console

    from ctg.export.report import ReportContext


EXIT_OK, EXIT_FILES_FAILED, EXIT_USAGE, EXIT_LOCKED = 0, 1, 2, 4


@dataclass(slots=True)
class RunSummary:
    results: list[FileResult]
    seconds: float
    committed: bool = True  # False: no file could be read and the earlier outputs were kept
    notes: list[str] = field(default_factory=list)  # said once on the console (a stale lock taken over)
    found: Found | None = None  # what the reduce found; None when nothing was committed

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
    def reused_pages(self) -> int:
        """OCR pages whose reading was reused from the page cache (pages.read_from)."""
        return sum(1 for r in self.results for page in r.source.pages if page.read_from)

    @property
    def exit_code(self) -> int:
        return EXIT_FILES_FAILED if self.failed else EXIT_OK


# --- inputs -------------------------------------------------------------------------------


def discover(inputs: list[Path], out: Path | None = None) -> list[Task]:
    """Files given directly, and .pdf/.txt/.md found below folders (links to folders not followed).

    An output folder inside an input folder is not searched: its text/ and documents/ would
    otherwise be read back as inputs by the next run."""
    tasks: dict[Path, Task] = {}
    skipped = out.resolve() if out is not None else None
    for given in inputs:
        if given.is_dir():
            for folder, dirs, names in os.walk(given, followlinks=False):
                dirs[:] = sorted(
                    d for d in dirs if not d.startswith(".") and (Path(folder) / d).resolve() != skipped
                )
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
        from ctg.engine.cluster import run_dask

        return run_dask(tasks, options)
    from ctg.engine.local import run_pool  # process pools: not imported by `ctg text`

    return run_pool(tasks, options)


# --- the run --------------------------------------------------------------------------------


class OutputLocked(Exception):
    pass


class Refused(Exception):
    """The run stops before touching the output folder."""


class NoInput(Refused):
    """Nothing to read."""


class ForeignOutput(Refused):
    """The output folder is not one ctg may write in."""


@contextmanager
def output_lock(out: Path) -> Iterator[str | None]:
    """One run per output folder: a second one refuses instead of interleaving writes.

    A POSIX record lock (lockf), not flock: it belongs to this process alone, so pool workers
    forked from it never hold it, and it is gone the moment the process is, however it ends. The
    holder's pid is written in the file; finding a dead run's pid there, the lock is taken over
    and that is said (yields the note)."""
    out.mkdir(parents=True, exist_ok=True)
    with (out / ".lock").open("a+") as handle:
        try:
            fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            raise OutputLocked(f"another ctg run is writing to {out}") from error
        handle.seek(0)
        previous = handle.read().strip()
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        stale = f"took over the lock of an earlier run (pid {previous}) that ended without releasing it"
        try:
            yield stale if previous.isdigit() and int(previous) != os.getpid() else None
        finally:
            handle.truncate(0)
            fcntl.lockf(handle, fcntl.LOCK_UN)


def check_inputs(inputs: list[Path], out: Path | None = None) -> list[Task]:
    """The files to read; NoInput when an input does not exist or holds no .pdf/.txt/.md file."""
    missing = [str(path) for path in inputs if not path.exists()]
    if missing:
        raise NoInput(f"no such file or folder: {', '.join(missing)}")
    tasks = discover(inputs, out)
    if not tasks:
        names = ", ".join(str(path) for path in inputs)
        raise NoInput(f"no {'/'.join(INPUT_SUFFIXES)} file in {names}: nothing to do")
    return tasks


def has_outputs(out: Path) -> bool:
    return (out / "ctg.sqlite").exists()


def check_output(out: Path) -> None:
    """ForeignOutput unless `out` is absent, empty, or a ctg output folder: a run replaces the
    folders it writes (csv/, text/, documents/…) whole, so it never writes among other files."""
    if out.exists() and not out.is_dir():
        raise ForeignOutput(f"--out {out} is a file, not a folder")
    if not out.is_dir() or has_outputs(out) or (out / ".lock").exists():
        return
    held = sorted(entry.name for entry in out.iterdir())
    if held:
        shown = ", ".join(held[:5]) + (", …" if len(held) > 5 else "")
        raise ForeignOutput(f"--out {out} holds other files ({shown}): give an empty or new folder")


def run(inputs: list[Path], options: RunOptions, console: Console | None = None) -> RunSummary:
    """Map every file (streaming its rows into the staging store), reduce once, commit.

    Inputs and the output folder are checked before anything is touched (Refused). A run in which
    no file could be read does not replace outputs that hold an earlier run's data: its staging is
    dropped instead."""
    from ctg.export.store import Staging

    started = time.perf_counter()
    tasks = check_inputs(inputs, options.out)
    check_output(options.out)
    results: list[FileResult] = []
    notes: list[str] = []
    with output_lock(options.out) as stale, Staging(options.out) as staging:
        notes += [stale] if stale else []
        for result in _with_progress(map_files(tasks, options), len(tasks), console):
            stream(staging, result)
            results.append(result)
        results.sort(key=lambda r: r.source.file)
        committed = not (all(r.source.status == "error" for r in results) and has_outputs(options.out))
        found = None
        if committed:
            context = report_context(inputs, options, tasks)
            found = reduce_and_commit(staging, results, context, dict(options.sirets))
    seconds = round(time.perf_counter() - started, 2)
    return RunSummary(results=results, seconds=seconds, committed=committed, notes=notes, found=found)


def report_context(inputs: list[Path], options: RunOptions, tasks: list[Task]) -> ReportContext:
    """The report's footer (version, run date, input root) and how its links reach the inputs:
    --link-root for every file, else the path from out/ to each file's input folder."""
    from datetime import UTC, datetime

    from ctg.export.report import ReportContext

    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    root = ", ".join(str(path.resolve()) for path in inputs)
    if options.link_root:
        prefix = options.link_root if options.link_root.endswith("/") else options.link_root + "/"
        return ReportContext(prefix, version(), when, root)
    prefixes = {task.file: _relative(task.root, options.out) for task in tasks}
    return ReportContext(_link_prefix(inputs, options.out), version(), when, root, prefixes)


def _relative(folder: Path, out: Path) -> str:
    return os.path.relpath(folder.resolve(), out.resolve()) + "/"


def _link_prefix(inputs: list[Path], out: Path) -> str:
    """How the report (in out/) reaches the input files: relative to the first input folder."""
    first = inputs[0] if inputs and inputs[0].is_dir() else (inputs[0].parent if inputs else Path("."))
    return os.path.relpath(first.resolve(), out.resolve()) + "/"


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


def found_line(found: Found, out: Path) -> str:
    """What was found, in one line: "found: 7 conventions (+4 copies), 52 communes or EPCI,
    findings: 9 problems, 17 warnings; report: out/report.html"."""
    copies = f" (+{found.copies} copies)" if found.copies else ""
    rank = {"problem": 0, "warning": 1, "note": 2}
    counts = sorted(found.findings.items(), key=lambda item: (rank.get(item[0], 3), item[0]))
    findings = ", ".join(f"{n} {kind}{'s' if n > 1 else ''}" for kind, n in counts) or "none"
    return (
        f"found: {found.conventions} conventions{copies}, {found.communes} communes or EPCI, "
        f"findings: {findings}; report: {out / 'report.html'}"
    )


def print_summary(summary: RunSummary, console: Console, out: Path) -> None:
    from rich.table import Table

    results = summary.results
    ok = sum(1 for r in results if r.source.status == "ok")
    reused = sum(1 for r in results if r.cached)
    methods = ", ".join(f"{n} {m}" for m, n in sorted(summary.pages_by_method.items())) or "none"
    for note in summary.notes:
        console.print(f"[yellow]{note}[/]")
    where = f"→ {out}" if summary.committed else f"(no file could be read: {out} left as it was)"
    console.print(
        f"[bold]{len(results)} files[/]: {ok} ok, {len(summary.partial)} partial, "
        f"{len(summary.failed)} failed, {reused} reused from cache; "
        f"pages: {methods}, {summary.lost_pages} not fully read; {summary.seconds:.1f} s {where}"
    )
    if summary.found is not None:
        console.print(found_line(summary.found, out))
    from ctg.engine import page_cache  # only now: `ctg text` never needs it

    entries, size = page_cache.size(out / "cache" / "pages")
    if entries:
        console.print(
            f"page cache: {summary.reused_pages} OCR pages reused this run; {entries} pages held, "
            f"{size / 2**20:.1f} MB"
        )
    for title, shown in (("Files that failed", summary.failed), ("Files partly read", summary.partial)):
        if shown:
            table = Table("file", "error", title=title, title_justify="left")
            for result in shown:
                table.add_row(result.source.file, result.source.error)
            console.print(table)


def _command_run(args: argparse.Namespace) -> int:
    from rich.console import Console

    from ctg.export.scdl import read_sirets

    console = Console(stderr=True)
    try:
        sirets = read_sirets(args.siret) if args.siret else {}
    except ValueError as error:
        console.print(f"[red]ctg: {error}[/] ({args.out} not touched)")
        return EXIT_USAGE
    options = RunOptions(
        out=args.out,
        jobs=args.jobs,
        use_cache=not args.no_cache,
        page_cache=not args.no_page_cache,
        extract=ExtractOptions(ocr=args.ocr),
        engine=args.engine,
        scheduler=args.scheduler,
        item_timeout=args.item_timeout,
        link_root=args.link_root,
        sirets=tuple(sorted(sirets.items())),
    )
    try:
        summary = run(args.inputs, options, console=None if args.quiet else console)
    except OutputLocked as error:
        console.print(f"[red]{error}[/]: wait for it to finish, or use another --out.")
        return EXIT_LOCKED
    except Refused as error:
        console.print(f"[red]ctg: {error}[/] ({options.out} not touched)")
        return EXIT_USAGE
    print_summary(summary, console, options.out)
    return summary.exit_code


def _command_text(args: argparse.Namespace) -> int:
    path: Path = args.file
    source = read_file(path, path.parent, ExtractOptions(ocr=args.ocr))
    if source.status == "error":
        print(f"ctg: {source.file}: {source.error}", file=sys.stderr)
        return EXIT_FILES_FAILED
    for page in source.pages:  # the text printed lacks these pages' lost part, as `ctg run` says
        if page.lost:
            print(f"ctg: {source.file}: page {page.number} not fully read: {page.lost}", file=sys.stderr)
    from ctg.normalize import normalize_file

    clean = normalize_file(source)
    if args.explain:
        from ctg.normalize import explain  # with difflib: only for --explain

        sys.stdout.write(explain(source, clean))
        return EXIT_OK
    from ctg.export.texts import page_text

    sys.stdout.write("\f".join(page_text(page) for page in clean.pages))
    sys.stdout.write("\n")
    return EXIT_OK


def _command_audit(args: argparse.Namespace) -> int:
    import pandas as pd

    from ctg.export.audit_table import rows_from_frame

    table = args.out / "csv" / "audit.csv"
    if not table.exists():
        print(f"ctg: no audit in {args.out}: run `ctg run INPUT… --out {args.out}` first", file=sys.stderr)
        return EXIT_FILES_FAILED
    frame = pd.read_csv(table, dtype=str, keep_default_na=False)
    rows = rows_from_frame(frame)
    if args.commune:
        return _audit_commune(rows, args.commune, args.format)
    from ctg.audit.view import format_audit, matches

    kept = [index for index, row in enumerate(rows) if matches(row, None, args.territory)]
    if not kept:
        territories = sorted({row.territory for row in rows if row.territory})
        print(f"ctg: no convention of territory {args.territory!r}; the run's: {', '.join(territories)}",
              file=sys.stderr)  # fmt: skip
        return EXIT_FILES_FAILED
    if args.format == "table":
        sys.stdout.write(format_audit(rows, territory=args.territory) + "\n")
    elif args.format == "csv":
        sys.stdout.write(frame.iloc[kept].to_csv(index=False))
    else:
        sys.stdout.write(frame.iloc[kept].to_json(orient="records", force_ascii=False, indent=2) + "\n")
    return EXIT_OK


def _audit_commune(rows: list[AuditRow], commune: str, form: str) -> int:
    """`ctg audit --commune`: the commune's view across conventions; exit 1 with the closest names."""
    from ctg.audit.commune import FORMATS, closest_names, commune_view

    entries = commune_view(rows, commune)
    if not entries:
        near = closest_names(rows, commune)
        hint = f"; closest names: {', '.join(near)}" if near else ""
        print(f"ctg: no commune {commune!r} in the audit{hint}", file=sys.stderr)
        return EXIT_FILES_FAILED
    sys.stdout.write(FORMATS[form](entries))
    return EXIT_OK


class _HelpFormatter(argparse.RawDescriptionHelpFormatter, argparse.ArgumentDefaultsHelpFormatter):
    """The module's exit codes kept as written, and every option's default shown."""


def _number_at_least(minimum: float, kind: type = int):  # an argparse type: text → number
    def parse(text: str) -> float:
        try:
            value = kind(text)
        except ValueError as error:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from error
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be at least {minimum}, got {text}")
        return value

    return parse


def version() -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        release = installed("ctg")
    except PackageNotFoundError:
        release = "not installed"
    return f"ctg {release} (pipeline {PIPELINE_VERSION})"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ctg",
        description="Turn CTG conventions and council deliberations (PDF, scanned or not, .txt, .md) "
        "into auditable tables.",
        epilog=__doc__.split("\n\n", 2)[2] if __doc__ else None,
        formatter_class=_HelpFormatter,
    )
    parser.add_argument("--version", action="version", version=version())
    commands = parser.add_subparsers(dest="command", required=True)
    run_parser = commands.add_parser(
        "run",
        help="process files and folders into out/",
        epilog=__doc__.split("\n\n", 2)[2] if __doc__ else None,
        formatter_class=_HelpFormatter,
    )
    run_parser.add_argument("inputs", nargs="+", type=Path, help="files or folders (.pdf, .txt, .md)")
    run_parser.add_argument("--out", type=Path, default=Path("out"), help="output folder")
    run_parser.add_argument(
        "--jobs", type=_number_at_least(1), default=os.cpu_count() or 1, help="parallel workers"
    )
    run_parser.add_argument("--no-cache", action="store_true", help="recompute every file")
    run_parser.add_argument(
        "--no-page-cache", action="store_true", help="OCR every page, even one whose picture was read before"
    )
    run_parser.add_argument("--quiet", action="store_true", help="no progress bar")
    run_parser.add_argument(
        "--item-timeout",
        type=_number_at_least(0, float),
        default=900.0,
        help="seconds a file's reading or analysis, or one page's OCR, may take (0: no limit)",
    )
    run_parser.add_argument(
        "--engine", choices=("local", "dask"), default="local", help="local processes or Dask"
    )
    run_parser.add_argument(
        "--scheduler",
        help="Dask scheduler address (tcp://HOST:8786); without it --engine dask starts a LocalCluster",
    )
    run_parser.add_argument(
        "--link-root",
        help="what the report's links to the inputs start with (a folder or URL), for a report read "
        "elsewhere than beside its inputs; default: the path from --out to the first input folder",
    )
    run_parser.add_argument(
        "--siret",
        type=Path,
        help="a CSV with columns siren,siret: the SCDL's COLL_SIRET for those collectivités (else empty)",
    )
    _add_ocr_option(run_parser)
    run_parser.set_defaults(handler=_command_run)
    text_parser = commands.add_parser(
        "text", help="print one input's text as the pipeline sees it", formatter_class=_HelpFormatter
    )
    text_parser.add_argument("file", type=Path)
    text_parser.add_argument("--explain", action="store_true", help="show normalize's repairs as a diff")
    _add_ocr_option(text_parser)
    text_parser.set_defaults(handler=_command_text)
    audit_parser = commands.add_parser(
        "audit",
        help="print who signed and approved what, from a finished run",
        formatter_class=_HelpFormatter,
    )
    audit_parser.add_argument("--out", type=Path, default=Path("out"), help="the run's output folder")
    which = audit_parser.add_mutually_exclusive_group()
    which.add_argument("--commune", help="a commune: name, beginning of a name, INSEE code or SIREN")
    which.add_argument("--territory", help="a convention's territory")
    audit_parser.add_argument(
        "--format", choices=("table", "csv", "json"), default="table", help="how the rows are printed"
    )
    audit_parser.set_defaults(handler=_command_audit)
    return parser


def _add_ocr_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--ocr",
        choices=("auto", "always", "never"),
        default="auto",
        help="auto: OCR pages without a usable text layer",
    )


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.handler(args))


if __name__ == "__main__":
    sys.exit(main())
