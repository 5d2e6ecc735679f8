"""Extraction speed, side by side in one run: ctg against pdftotext, pdfplumber and plain tesseract.

Usage: python bench/extract.py [PDF_FOLDER] [--jobs 2]   (default: corpus/)

Born-digital: the corpus's born-digital PDFs are joined into one long PDF (like a real
50-page convention) and read by the whole `ctg text` process (Python start-up included),
by `pdftotext`, and by pdfplumber's `extract_text`. Scanned: every page ctg OCRs, against
plain `tesseract IMAGE - -l fra` on the very same images. Degraded: the pages of
bench/ocr_quality.py (the corpus's scans and its born-digital pages rendered at 150-200 dpi,
turned, blurred, grainy, JPEG), CER and time of plain Tesseract and of ctg's preparation, as that
bench's first and last rows (it measures each step on its own). Prints two tables.

`ctg text` is timed with the project's bytecode compiled first, as an installed package has it
(bench/run.py does the same), and once more from a copy of the code without any, as a fresh
checkout runs where PYTHONDONTWRITEBYTECODE is set: every process then compiles the modules anew.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from ctg.extract import plan_file, read_file  # noqa: E402
from ctg.extract.page_image import page_image  # noqa: E402

CTG = [sys.executable, str(REPO / "pipeline.py")]
PACKAGES = ("core", "extract", "normalize", "segment", "resolve", "dedupe", "export", "engine")


@dataclass(slots=True)
class Row:
    what: str
    tool: str
    pages: int
    seconds: float

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else float("inf")


def timed(action: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - started)
    return best


def split_pages(folder: Path) -> tuple[list[tuple[Path, int]], list[tuple[Path, int]]]:
    """(born-digital pages, scanned pages) as (file, 0-based index), as ctg itself decides."""
    digital, scanned = [], []
    for path in sorted(folder.rglob("*.pdf")):
        plan = plan_file(path, folder)
        for page in plan.source.pages:
            bucket = scanned if page.number in plan.ocr_pages else digital
            bucket.append((path, page.number - 1))
    return digital, scanned


def joined_pdf(pages: list[tuple[Path, int]], target: Path, at_least: int = 52) -> int:
    """One long born-digital PDF made of the corpus pages, repeated up to `at_least` pages."""
    out = pdfium.PdfDocument.new()
    while len(out) < at_least:
        for path, index in pages:
            source = pdfium.PdfDocument(str(path))
            out.import_pages(source, [index])
            source.close()
    out.save(str(target))
    count = len(out)
    out.close()
    return count


def born_digital_rows(pages: list[tuple[Path, int]], work: Path) -> list[Row]:
    big = work / "convention.pdf"
    count = joined_pdf(pages, big)
    rows = [
        Row("born-digital", "ctg text (whole process)", count, timed(lambda: _run([*CTG, "text", str(big)])))
    ]
    if shutil.which("pdftotext"):
        rows.append(
            Row("born-digital", "pdftotext", count, timed(lambda: _run(["pdftotext", str(big), "-"])))
        )
    rows.append(Row("born-digital", "pdfplumber extract_text", count, timed(lambda: _plumber(big), repeat=1)))
    checkout = checkout_without_bytecode(work / "checkout")
    fresh = [sys.executable, "-m", "ctg.pipeline", "text", str(big)]
    # The copy comes first on the path, so `ctg` is imported from it and not from the checkout.
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": str(checkout)}
    rows.append(
        Row("born-digital", "ctg text, no bytecode (checkout)", count, timed(lambda: _run(fresh, env)))
    )
    return rows


def compile_bytecode() -> None:
    """The project's modules compiled, as an installed package has them."""
    import compileall

    for folder in PACKAGES:
        compileall.compile_dir(REPO / folder, quiet=1)


def checkout_without_bytecode(target: Path) -> Path:
    """The `ctg` package, copied without its compiled bytecode; the folder to put on the path."""
    package = target / "ctg"
    for folder in PACKAGES:
        shutil.copytree(REPO / folder, package / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(REPO / "pipeline.py", package / "pipeline.py")
    return target


def _plumber(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()


def page_images(pages: list[tuple[Path, int]], work: Path) -> list[Path]:
    """The very images ctg would OCR, saved for plain tesseract at their own resolution."""
    images = []
    for number, (path, index) in enumerate(pages):
        document = pdfium.PdfDocument(str(path))
        picture = page_image(document[index], 300, 100_000_000)
        image_path = work / f"scan{number}.png"
        picture.pil().save(image_path, dpi=(round(picture.dpi), round(picture.dpi)))
        images.append(image_path)
        document.close()
    return images


def scanned_rows(pages: list[tuple[Path, int]], work: Path) -> list[Row]:
    if not pages:
        return []
    images = page_images(pages, work)
    files = sorted({path for path, _ in pages})
    results = []
    ctg_seconds = timed(lambda: results.extend(read_file(path, path.parent) for path in files), repeat=1)
    ocr_pages = sum(1 for source in results for page in source.pages if page.method == "ocr")
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    plain = timed(lambda: [_run(["tesseract", str(i), "-", "-l", "fra"], env) for i in images], repeat=1)
    return [
        Row("scanned", "ctg extract (OCR, 1 process)", ocr_pages, ctg_seconds),
        Row("scanned", "tesseract CLI on the same images", len(images), plain),
    ]


def _run(command: list[str], env: dict[str, str] | None = None) -> None:
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)


def print_table(rows: list[Row]) -> None:
    print(f"{'pages':<13} {'tool':<34} {'pages':>6} {'seconds':>8} {'pages/s':>9} {'vs first':>9}")
    for what in dict.fromkeys(row.what for row in rows):
        group = [row for row in rows if row.what == what]
        reference = group[0].pages_per_second
        for row in group:
            ratio = row.pages_per_second / reference if reference else float("nan")
            print(
                f"{row.what:<13} {row.tool:<34} {row.pages:>6} {row.seconds:>8.2f} "
                f"{row.pages_per_second:>9.1f} {ratio:>8.2f}×"
            )


def print_degraded(folder: Path, jobs: int) -> None:
    """CER and time on degraded scans: plain Tesseract against ctg's default preparation."""
    from bench.ocr_quality import STEPS, bench_scans, ctg_row
    from bench.ocr_quality import print_table as print_ocr_table

    scans = bench_scans(folder)
    print_ocr_table([ctg_row(name, scans, make(), jobs) for name, make in (STEPS[0], STEPS[-1])])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=REPO / "corpus")
    parser.add_argument("--jobs", type=int, default=2, help="processes for the degraded scans")
    args = parser.parse_args()
    digital, scanned = split_pages(args.folder)
    if not digital:
        sys.exit(f"no born-digital PDF page under {args.folder}: generate the corpus first (make corpus)")
    compile_bytecode()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        print_table(born_digital_rows(digital, work) + scanned_rows(scanned, work))
    print()
    print_degraded(args.folder, args.jobs)


if __name__ == "__main__":
    main()
