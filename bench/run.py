"""The scale benchmark: one table, same machine, same run, ratios side by side.

Usage: python bench/run.py [--sizes 100,1000,10000] [--post-ocr-mb 50] [--corpus corpus/]
                           [--only born-digital,scanned,repeated,post-OCR,growth]

Rows:
- born-digital pages/s: the whole `ctg text` process (start-up included) vs `pdftotext` vs
  pdfplumber's `extract_text`, on the corpus's born-digital pages joined into one long PDF;
- scanned pages/s: the whole pipeline (`ctg run`) on the corpus's scanned pages (copied into PDFs
  of scans alone, so both sides read the very same images and nothing else), with 1 and 2 jobs,
  vs plain `tesseract` on the same images (one after the other, and two at a time); best of
  two rounds; and the page cache's overhead on a batch without repeats (those pages once each
  and the born-digital pages through the corpus's scanner, `ctg run --jobs 2` caches on, with
  the page cache vs `--no-page-cache`, alternating, best of OVERHEAD_ROUNDS);
- repeated pages: one 8-page scanned convention (the corpus's convention through the corpus's
  scanner) annexed to 10 deliberation bundles, copied as is, re-compressed, or re-scanned with
  another stamp on its first page; each bundle's own prefecture stamp typed over that page.
  `ctg run` with the page cache vs today's per-file cache alone (alternating, best of two
  rounds) vs plain tesseract on every OCR page, 2 at a time; the tables compared (all but
  timings and pages.read_from) and every stamp looked for; and the page cache's own cost on a
  page it has not seen, against OCR's;
- post-OCR stages (normalize → export) in MB of text per second, on the seeds replicated;
- growth: time and peak memory of `ctg run` for N generated deliberations.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def _bench_extract() -> ModuleType:
    """bench/extract.py shares its name with the extract package: load it by path."""
    spec = importlib.util.spec_from_file_location("bench_extract", REPO / "bench" / "extract.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


BENCH_EXTRACT = _bench_extract()
born_digital_rows, split_pages = BENCH_EXTRACT.born_digital_rows, BENCH_EXTRACT.split_pages

SEEDS = Path(os.environ.get("CTG_SEEDS", REPO.parent / "shared" / "seeds"))
CTG = [sys.executable, str(REPO / "pipeline.py")]
MIN_SCANNED_PAGES = 24
ROUNDS = 2  # scanned and repeated measures: best of this many
OVERHEAD_ROUNDS = 3  # the page cache's overhead is a few % of runs of ~30 s: more rounds
PACKAGES = ("core", "extract", "normalize", "segment", "resolve", "dedupe", "export", "engine")


# Runs a command and prints the peak resident size of its largest process, itself or a worker
# it reaped: a fresh wrapper per measurement, since RUSAGE_CHILDREN only ever grows.
PEAK_WRAPPER = (
    "import resource, subprocess, sys; "
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def ctg_run(inputs: Path, out: Path, jobs: int) -> tuple[float, float]:
    """Seconds and peak resident MB (largest process) of a whole `ctg run`, cache off."""
    command = [*CTG, "run", str(inputs), "--out", str(out), "--jobs", str(jobs), "--no-cache", "--quiet"]
    started = time.perf_counter()
    printed = subprocess.run([sys.executable, "-c", PEAK_WRAPPER, *command], capture_output=True, text=True)
    seconds = time.perf_counter() - started
    return seconds, int(printed.stdout.strip() or 0) / 1024


def timed(action: Callable[[], None]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def scanned_only(scanned: list[tuple[Path, int]], folder: Path, copies: int) -> int:
    """PDFs of the scanned pages alone (each file's scans, in order), `copies` times: the inputs
    on which ctg and plain tesseract see the very same images and nothing else. Returns pages."""
    import pypdfium2 as pdfium

    folder.mkdir()
    by_file: dict[Path, list[int]] = {}
    for path, index in scanned:
        by_file.setdefault(path, []).append(index)
    for path, indices in sorted(by_file.items()):
        source, target = pdfium.PdfDocument(path), pdfium.PdfDocument.new()
        target.import_pages(source, indices)
        for copy in range(copies):
            target.save(folder / f"{copy}_{path.name}")
    return len(scanned) * copies


def scanned_rows(corpus: Path, work: Path) -> list[tuple[str, str, float, float, str]]:
    digital, scanned = split_pages(corpus)
    if not scanned:
        return []
    inputs = work / "scans"
    # Enough scanned pages that fixed costs (start-up, reference loading) do not hide the per-page ones.
    copies = max(1, -(-MIN_SCANNED_PAGES // len(scanned)))
    pages = scanned_only(scanned, inputs, copies)
    images = BENCH_EXTRACT.page_images(scanned, work) * copies
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}

    def tesseract(image: Path) -> None:
        subprocess.run(["tesseract", str(image), "-", "-l", "fra"], check=True, capture_output=True, env=env)

    def one_at_a_time() -> None:
        for image in images:
            tesseract(image)

    def two_at_a_time() -> None:
        with ThreadPoolExecutor(2) as pool:
            list(pool.map(tesseract, images))

    # Best of ROUNDS, the four measures taken in turn each round: a shared machine's slow spell
    # then hits every row alike instead of whichever ran during it (seen: ±10% between runs).
    plain_1 = plain_2 = one = two = float("inf")
    for round_ in range(ROUNDS):
        plain_1 = min(plain_1, timed(one_at_a_time))
        one = min(one, ctg_run(inputs, work / f"out1_{round_}", 1)[0])
        plain_2 = min(plain_2, timed(two_at_a_time))
        two = min(two, ctg_run(inputs, work / f"out2_{round_}", 2)[0])
    n = len(images)
    return [
        ("scanned", f"tesseract alone, {n} images, 1 at a time", n / plain_1, plain_1, ""),
        ("scanned", "tesseract alone, 2 at a time", n / plain_2, plain_2, f"{plain_1 / plain_2:.2f}× vs 1"),
        (
            "scanned",
            f"ctg run --jobs 1 ({pages} pages, {n} OCRed)",
            n / one,
            one,
            f"overhead {one / plain_1 - 1:+.0%}",
        ),
        ("scanned", "ctg run --jobs 2", n / two, two, f"{one / two:.2f}× vs 1 job"),
        *page_cache_overhead_rows(digital, scanned, work),
    ]


def page_cache_overhead_rows(
    digital: list[tuple[Path, int]], scanned: list[tuple[Path, int]], work: Path
) -> list[tuple[str, str, float, float, str]]:
    """`ctg run` on a batch of distinct scanned pages (the scanned pages once each, and the
    born-digital pages through the corpus's scanner), caches on, with the page cache and
    without, taken in turn each round."""
    inputs = work / "scans_once"
    pages = scanned_only(scanned, inputs, 1) + scanned_digital(digital, inputs)
    with_cache = without = cpu_with = cpu_without = float("inf")
    for round_ in range(OVERHEAD_ROUNDS):
        seconds, cpu = ctg_run_cpu(inputs, work / f"once_off_{round_}", 2, "--no-page-cache")
        without, cpu_without = min(without, seconds), min(cpu_without, cpu)
        seconds, cpu = ctg_run_cpu(inputs, work / f"once_on_{round_}", 2)
        with_cache, cpu_with = min(with_cache, seconds), min(cpu_with, cpu)
    return [
        ("scanned", f"ctg run --jobs 2, {pages} distinct pages, no page cache", pages / without, without, ""),
        (
            "scanned",
            f"ctg run --jobs 2, same pages, page cache on ({_reused_pages(work / 'once_on_0')} reused)",
            pages / with_cache,
            with_cache,
            f"page cache overhead {with_cache / without - 1:+.1%}, CPU {cpu_with / cpu_without - 1:+.1%} "
            f"({cpu_with:.1f} s against {cpu_without:.1f} s; best of {OVERHEAD_ROUNDS}, in turn)",
        ),
    ]


def scanned_digital(digital: list[tuple[Path, int]], folder: Path) -> int:
    """The born-digital pages as the corpus's scanner gives them, one PDF of scans per file; a
    page whose text an earlier page already holds is left out (the batch holds no repeats).
    Returns pages."""
    import io

    import pypdfium2 as pdfium
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    from ctg.corpus.render import scan_images

    seen: set[str] = set()
    by_file: dict[Path, list[int]] = {}
    for path, index in digital:
        document = pdfium.PdfDocument(path)
        text = document[index].get_textpage().get_text_bounded()
        document.close()
        if text.strip() and text not in seen:
            seen.add(text)
            by_file.setdefault(path, []).append(index)
    for number, (path, indices) in enumerate(sorted(by_file.items())):
        scans = scan_images(path.read_bytes(), indices, seed=number)
        canvas = Canvas(str(folder / f"scanned_{path.name}"), pagesize=A4, invariant=1)
        for index in indices:
            canvas.drawImage(ImageReader(io.BytesIO(scans[index])), 0, 0, *A4)
            canvas.showPage()
        canvas.save()
    return sum(len(indices) for indices in by_file.values())


BUNDLES = 10
CONVENTION_PAGES = 8
RECOMPRESSED = (6, 7, 8)  # bundles whose convention pages were decoded and saved again as JPEG
RESCANNED = 9  # the bundle whose convention was scanned again, with another stamp on page 1
RECOMPRESS_QUALITY = 50
STAMP_PT = 9  # size of a stamp's text burnt into the scan (bench: printed and read back)


def burnt_stamp(image: object, lines: list[str]) -> None:
    """A prefecture stamp printed on the paper before scanning: pixels, not text."""
    from PIL import ImageDraw, ImageFont

    draw = ImageDraw.Draw(image)  # type: ignore[arg-type]
    font = ImageFont.truetype("DejaVuSans.ttf", round(STAMP_PT * 300 / 72))
    x, y = 1500, 90
    draw.rectangle((x - 20, y - 20, x + 900, y + 40 + 55 * len(lines)), outline=0, width=4)
    for number, line in enumerate(lines):
        draw.text((x, y + 55 * number), line, fill=0, font=font)


def convention_scans(source: Path, seed: int, stamp: list[str]) -> list[bytes]:
    """The convention's first pages as the corpus's scanner gives them (corpus/render.py), the
    stamp printed on the first before it went through."""
    import io

    import pypdfium2 as pdfium

    from ctg.corpus.render import JPEG_QUALITY, SCAN_DPI, degrade

    rng = random.Random(seed)
    document = pdfium.PdfDocument(source)
    scans = []
    for index in range(CONVENTION_PAGES):
        image = document[index].render(scale=SCAN_DPI / 72, grayscale=True).to_pil().convert("L")
        if index == 0:
            burnt_stamp(image, stamp)
        out = io.BytesIO()
        degrade(image, rng).save(out, format="JPEG", quality=JPEG_QUALITY, dpi=(SCAN_DPI, SCAN_DPI))
        scans.append(out.getvalue())
    document.close()
    return scans


def recompressed(scan: bytes) -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.open(io.BytesIO(scan)).save(out, format="JPEG", quality=RECOMPRESS_QUALITY, dpi=(300, 300))
    return out.getvalue()


def typed_stamp_id(number: int) -> str:
    return f"013-2113{number:05d}-2026011{number % 10}-DEL_2026_{number:02d}-DE"


def bundle_pdf(target: Path, deliberation: Path, scans: list[bytes], stamp: str) -> None:
    """A deliberation (born-digital) with the scanned convention annexed, the prefecture's stamp
    typed over the convention's first page as transmission tools add it."""
    import io

    import pypdfium2 as pdfium
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    width, height = A4
    for index, scan in enumerate(scans):
        canvas.drawImage(ImageReader(io.BytesIO(scan)), 0, 0, width, height)
        if index == 0:
            canvas.setFont("Helvetica", 7)
            canvas.drawString(40, height - 20, "Accusé de réception en préfecture")
            canvas.drawString(40, height - 29, f"ID : {stamp}")
        canvas.showPage()
    canvas.save()
    out, annex = pdfium.PdfDocument(deliberation), pdfium.PdfDocument(buffer.getvalue())
    out.import_pages(annex)
    out.save(target)
    out.close()
    annex.close()


def repeated_batch(corpus: Path, folder: Path) -> tuple[list[str], list[str]]:
    """The bundles; returns the typed stamps' ids and the lines of the re-scan's printed stamp."""
    folder.mkdir()
    first = ["Reçu en préfecture le 12/01/2026", "ID : 013-211300058-20260108-C04-CC"]
    second = ["Reçu en préfecture le 03/02/2026", "ID : 013-211300058-20260130-C11-CC"]
    scans = convention_scans(corpus / "conv_alpilles.pdf", 1, first)
    squeezed = [recompressed(scan) for scan in scans]
    rescanned = convention_scans(corpus / "conv_alpilles.pdf", 2, second)
    stamps = []
    for number in range(BUNDLES):
        annex = rescanned if number == RESCANNED else squeezed if number in RECOMPRESSED else scans
        stamps.append(typed_stamp_id(number))
        bundle_pdf(folder / f"bundle_{number:02d}.pdf", corpus / "delib_maussane.pdf", annex, stamps[-1])
    return stamps, [first[1], second[1]]


def ctg_run_cached(inputs: Path, out: Path, jobs: int, *flags: str) -> float:
    """Seconds of a whole `ctg run` into a fresh folder, its caches on (they start empty)."""
    return ctg_run_cpu(inputs, out, jobs, *flags)[0]


def ctg_run_cpu(inputs: Path, out: Path, jobs: int, *flags: str) -> tuple[float, float]:
    """Seconds and CPU seconds (the run, its workers and their Tesseracts) of a whole `ctg run`
    into a fresh folder, its caches on. CPU time is steadier than seconds on a shared machine
    (seen: ±10% between two runs of the same batch, CPU ±1%)."""
    import resource

    command = [*CTG, "run", str(inputs), "--out", str(out), "--jobs", str(jobs), "--quiet", *flags]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    seconds = timed(lambda: subprocess.run(command, check=True, capture_output=True))
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return seconds, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def table_differences(first: Path, second: Path) -> tuple[list[str], set[str]]:
    """Tables of two runs' csv/ that differ, timings and pages.read_from aside, and the input
    files whose rows differ (for tables with a file column)."""
    import pandas as pd

    tables, files = [], set()
    for path in sorted((first / "csv").glob("*.csv")):
        a = pd.read_csv(path, dtype=str, keep_default_na=False)
        b = pd.read_csv(second / "csv" / path.name, dtype=str, keep_default_na=False)
        a, b = (frame.drop(columns=["seconds", "read_from"], errors="ignore") for frame in (a, b))
        if a.equals(b):
            continue
        tables.append(path.stem)
        if "file" in a.columns and "file" in b.columns:
            for name in set(a["file"]) | set(b["file"]):
                rows = [f[f["file"] == name] for f in (a, b)]
                rows = [f.drop(columns=[c for c in f.columns if _names_other(c)]) for f in rows]
                if not rows[0].reset_index(drop=True).equals(rows[1].reset_index(drop=True)):
                    files.add(name)
    return tables, files


def _names_other(column: str) -> bool:
    """A column naming another document (which copy of a group is kept depends on the whole
    group): a file's rows are compared without it."""
    return column.endswith("doc_id") or column == "duplicate_of"


def stamps_read(out: Path, typed: list[str], printed: list[str]) -> tuple[int, int, bool]:
    """(bundles whose text holds their own typed stamp id, of how many; whether the re-scan's
    printed stamp and the original's were both read, each on its own bundles)."""
    joined = "\n".join(path.read_text(encoding="utf-8") for path in (out / "text").glob("*.txt"))
    own = sum(1 for stamp in typed if stamp in joined)
    printed_ids = [line.split(" : ")[1] for line in printed]
    return own, len(typed), all(stamp_id in joined for stamp_id in printed_ids)


def page_cache_cost(corpus: Path, work: Path) -> tuple[float, int]:
    """Mean seconds the page cache adds to a page it has not seen (keys, lookup, claim, store),
    on the corpus's scanned pages; OCR's own decoding of the picture is not counted: it is
    shared. Returns (seconds a page, pages)."""
    import pypdfium2 as pdfium

    from ctg.engine.page_cache import Entry, PageStore
    from ctg.engine.page_key import fingerprint
    from ctg.extract.ocr import OcrResult
    from ctg.extract.page_image import page_image

    _, scanned = split_pages(corpus)
    store = PageStore(work / "cost_cache", "bench", 1 << 30, 60.0)
    total = 0.0
    for number, (path, index) in enumerate(scanned):
        document = pdfium.PdfDocument(str(path))
        picture = page_image(document[index], 300, 100_000_000)
        picture.pil()  # decoded: OCR decodes it anyway
        started = time.perf_counter()
        key, signature = fingerprint(picture, store.context)
        if store.find(key, signature) is None:
            with store.claimed(key, path.name, number):
                store.put(Entry(key, signature, OcrResult([], None, 0), 0, f"{path.name}#page={index + 1}"))
        total += time.perf_counter() - started
        document.close()
    return total / max(len(scanned), 1), len(scanned)


def repeated_rows(corpus: Path, work: Path) -> list[tuple[str, str, float, float, str]]:
    if not (corpus / "conv_alpilles.pdf").exists():
        return []
    inputs = work / "repeated"
    typed, printed = repeated_batch(corpus, inputs)
    jobs = 2
    today = cached = float("inf")
    for round_ in range(ROUNDS):  # in turn, as for the scanned rows; each run's caches start empty
        today = min(today, ctg_run_cached(inputs, work / f"rep_today_{round_}", jobs, "--no-page-cache"))
        cached = min(cached, ctg_run_cached(inputs, work / f"rep_pages_{round_}", jobs))
    from ctg.extract import plan_file

    pdfs = sorted(inputs.glob("*.pdf"))
    scanned = [(path, number - 1) for path in pdfs for number in plan_file(path, inputs).ocr_pages]
    images = BENCH_EXTRACT.page_images(scanned, work)
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}

    def tesseract(image: Path) -> None:
        subprocess.run(["tesseract", str(image), "-", "-l", "fra"], check=True, capture_output=True, env=env)

    def two_at_a_time() -> None:
        with ThreadPoolExecutor(jobs) as pool:
            list(pool.map(tesseract, images))

    plain = timed(two_at_a_time)
    differing, files = table_differences(work / "rep_today_0", work / "rep_pages_0")
    own, bundles, both_printed = stamps_read(work / "rep_pages_0", typed, printed)
    reused = _reused_pages(work / "rep_pages_0")
    cost, cost_pages = page_cache_cost(corpus, work)
    n = len(images)
    near_hits = {f"bundle_{n:02d}.pdf" for n in (*RECOMPRESSED, RESCANNED)}
    if not differing:
        same = "tables identical"
    elif files <= near_hits:  # a near hit carries the original's reading, not its own
        tables = ", ".join(differing)
        same = f"tables identical but rows of {len(files)} re-compressed/re-scanned bundles ({tables})"
    else:
        same = f"tables differ ({', '.join(differing)}) in {len(files)} files, exact copies among them"
    return [
        ("repeated", f"tesseract alone, {n} OCR pages, 2 at a time", n / plain, plain, ""),
        (
            "repeated",
            "ctg run --jobs 2, per-file cache only (today)",
            n / today,
            today,
            f"{plain / today:.2f}× tesseract",
        ),
        (
            "repeated",
            f"ctg run --jobs 2, page cache ({reused} of {n} reused)",
            n / cached,
            cached,
            f"{today / cached:.1f}× today, {plain / cached:.1f}× tesseract; {same}; "
            f"typed stamps read {own}/{bundles}, printed stamps {'both' if both_printed else 'NOT all'} read",
        ),
        (
            "repeated",
            f"page cache's cost on an unseen page ({cost_pages} pages)",
            1 / cost if cost else 0.0,
            cost,
            f"{cost / (plain * jobs / n):.1%} of a page's OCR",
        ),
    ]


def _reused_pages(out: Path) -> int:
    import pandas as pd

    pages = pd.read_csv(out / "csv" / "pages.csv", dtype=str, keep_default_na=False)
    return int((pages["read_from"] != "").sum())


SURNAMES = [
    *("MARTIN", "BERNARD", "THOMAS", "PETIT", "ROBERT", "RICHARD", "DURAND", "DUBOIS", "MOREAU"),
    *("LAURENT", "SIMON", "MICHEL", "LEFEBVRE", "LEROY", "ROUX", "DAVID", "BERTRAND", "MOREL"),
    *("FOURNIER", "GIRARD", "BONNET", "DUPONT", "LAMBERT", "FONTAINE", "ROUSSEAU", "VINCENT"),
    *("MULLER", "FAURE", "ANDRE", "MERCIER", "BLANC", "GUERIN", "BOYER", "GARNIER", "CHEVALIER"),
]
# A surname as councils write it, next to a first name ("FUSAT Marc", "Marc FUSAT"): with the
# commune, what makes one council's act another's. Headings in capitals are left alone.
FIRST_THEN_LAST = re.compile(r"\b([A-Z][a-zéèï-]+ )([A-ZÉÈ][A-ZÉÈ'-]{2,})\b")
LAST_THEN_FIRST = re.compile(r"\b([A-ZÉÈ][A-ZÉÈ'-]{2,})( [A-Z][a-zéèï-]+)\b")


def varied(text: str, number: int, communes: list[str]) -> str:
    """A distinct document of the same genre: another council, other members, numbers and dates."""
    rng = random.Random(number)
    commune = communes[rng.randrange(len(communes))]
    text = re.sub(r"(?i)maussane[- ]les[- ]alpilles", commune, text)
    text = FIRST_THEN_LAST.sub(lambda m: m.group(1) + rng.choice(SURNAMES), text)
    text = LAST_THEN_FIRST.sub(lambda m: rng.choice(SURNAMES) + m.group(2), text)
    text = re.sub(r"\b(20\d\d)\b", lambda m: str(2000 + (int(m.group(1)) + number) % 40), text)
    text = re.sub(r"\b(\d{1,2})/(\d{1,2})/", lambda m: f"{rng.randrange(1, 29):02d}/{m.group(2)}/", text)
    return f"{text}\n\nRéférence de publication {number:06d}\n"


def commune_sample(size: int = 2000) -> list[str]:
    from ctg.resolve.reference.files import commune_names

    names = sorted(set(commune_names()))
    return random.Random(0).sample(names, size)


def replicate(folder: Path, megabytes: float, sources: list[Path]) -> float:
    folder.mkdir()
    communes = commune_sample()
    written, number = 0, 0
    while written < megabytes * 1e6:
        source = sources[number % len(sources)]
        text = varied(source.read_text(encoding="utf-8"), number, communes)
        (folder / f"{number:06d}_{source.name}").write_text(text, encoding="utf-8")
        written += len(text.encode())
        number += 1
    return written / 1e6


def post_ocr_row(work: Path, megabytes: float) -> list[tuple[str, str, float, float, str]]:
    seeds = sorted(SEEDS.glob("*.txt"))
    if not seeds:
        return []
    size = replicate(work / "replicas", megabytes, seeds)
    seconds, peak = ctg_run(work / "replicas", work / "out_post", 2)
    return [
        (
            "post-OCR",
            f"normalize → export, {size:.0f} MB of text, 2 jobs",
            size / seconds,
            seconds,
            f"{peak:.0f} MB peak",
        )
    ]


def growth_rows(work: Path, sizes: list[int]) -> list[tuple[str, str, float, float, str]]:
    seeds = sorted(SEEDS.glob("*.txt"))
    deliberation = min(seeds, key=lambda p: p.stat().st_size) if seeds else None
    if deliberation is None:
        return []
    rows = []
    base = deliberation.read_text(encoding="utf-8")
    communes = commune_sample()
    for size in sizes:
        folder = work / f"growth_{size}"
        folder.mkdir()
        for number in range(size):
            (folder / f"{number:06d}.txt").write_text(varied(base, number, communes), encoding="utf-8")
        seconds, peak = ctg_run(folder, work / f"out_{size}", 2)
        rows.append(
            (
                "growth",
                f"{size:,} generated deliberations, 2 jobs",
                size / seconds,
                seconds,
                f"{peak:.0f} MB peak",
            )
        )
    return rows


def print_table(rows: list[tuple[str, str, float, float, str]]) -> None:
    print(f"{'what':<13} {'run':<52} {'units/s':>9} {'seconds':>9}  note")
    for what, label, rate, seconds, note in rows:
        print(f"{what:<13} {label:<52} {rate:>9.1f} {seconds:>9.2f}  {note}")


def compile_bytecode() -> None:
    """Compile the project's modules first, as an installed package has them: with
    PYTHONDONTWRITEBYTECODE set, every `ctg` process would otherwise compile ~100 modules anew."""
    import compileall

    for folder in PACKAGES:
        compileall.compile_dir(REPO / folder, quiet=1)
    compileall.compile_file(REPO / "pipeline.py", quiet=1)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=REPO / "corpus")
    parser.add_argument("--sizes", default="100,1000,10000", help="growth sizes, e.g. 100,1000")
    parser.add_argument("--post-ocr-mb", type=float, default=50.0)
    parser.add_argument("--only", default="", help="these rows alone, e.g. scanned,repeated")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",") if size]
    compile_bytecode()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        only = set(filter(None, args.only.split(",")))
        rows = []
        for name, make in (
            ("born-digital", lambda: born_rows(args.corpus, work)),
            ("scanned", lambda: scanned_rows(args.corpus, work)),
            ("repeated", lambda: repeated_rows(args.corpus, work)),
            ("post-OCR", lambda: post_ocr_row(work, args.post_ocr_mb)),
            ("growth", lambda: growth_rows(work, sizes)),
        ):
            if not only or name in only:
                rows += make()
    print_table(rows)


def born_rows(corpus: Path, work: Path) -> list[tuple[str, str, float, float, str]]:
    digital, _ = split_pages(corpus)
    born = [(r.what, r.tool, r.pages_per_second, r.seconds, "") for r in born_digital_rows(digital, work)]
    if born:
        reference = born[1][2] if len(born) > 1 else born[0][2]
        born = [(w, t, rate, s, f"{reference / rate:.1f}× pdftotext's time") for w, t, rate, s, _ in born]
    return born


if __name__ == "__main__":
    main()
