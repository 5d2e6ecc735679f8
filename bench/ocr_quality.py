"""OCR quality on degraded scans: CER and time of each preparation step and engine, side by side.

Usage: python bench/ocr_quality.py [--pages N] [--jobs 2] [--ocrmypdf PATH] [CORPUS]

Pages: the corpus's scanned pages (their truth is the text drawn) and every born-digital page
of the corpus rendered at 150 or 200 dpi and degraded as a poor scanner does: turned by
0.5-2°, blurred, grainy, specked, a dark edge down one side, stored as a low-quality JPEG.
Their text is known exactly (corpus/truth). Every row reads the very same images with
`--jobs` processes at a time; CER is pooled over pages (edits / truth characters, spaces
collapsed, apostrophes unified), time is the wall clock of the whole set.

Rows: plain Tesseract (psm 3, no preparation), each preparation step alone (Tesseract's page
segmentation mode too), ctg's default (all steps), and OCRmyPDF (`-l fra --sidecar`, same
Tesseract) when an `ocrmypdf` command is found (--ocrmypdf, $CTG_OCRMYPDF, or PATH). OCRmyPDF is
never a dependency of ctg: install it in an environment of its own, e.g.
`python -m venv /tmp/omp && /tmp/omp/bin/pip install ocrmypdf`.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter
from rapidfuzz.distance import Levenshtein

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from ctg.corpus.truth import iter_truth  # noqa: E402
from ctg.extract.ocr import DEFAULT, PLAIN, Preparation, ocr_image, with_preparation  # noqa: E402
from ctg.extract.page_image import PageImage, page_image  # noqa: E402

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
SEED = 20240917
LOW_DPIS = (150, 200)


@dataclass(slots=True)
class Scan:
    name: str
    picture: PageImage
    truth: str


@dataclass(slots=True)
class Row:
    tool: str
    pages: int
    cer: float
    seconds: float  # wall clock, `--jobs` at a time
    cpu: float  # CPU seconds, OCR engine included
    pages_cer: list[float]


def corpus_scans(corpus: Path) -> list[Scan]:
    """The corpus's scanned pages whose whole text is in the image (no stamp typed over it)."""
    scans = []
    for path, truth in iter_truth(corpus):
        if path.suffix != ".pdf":
            continue
        document = pdfium.PdfDocument(str(path))
        for page in truth.pages:
            pdf_page = document[page.page - 1]
            if page.scanned and not pdf_page.get_textpage().get_text_bounded().strip():
                picture = page_image(pdf_page, 300, 100_000_000)
                scans.append(Scan(f"{path.name} p{page.page}", picture, page.text))
        document.close()
    return scans


def degraded_scans(corpus: Path, rng: random.Random) -> list[Scan]:
    """Every born-digital page of the corpus, rendered at a low resolution and degraded."""
    scans = []
    for path, truth in iter_truth(corpus):
        if path.suffix != ".pdf":
            continue
        document = pdfium.PdfDocument(str(path))
        for page in truth.pages:
            if page.scanned:
                continue
            dpi = rng.choice(LOW_DPIS)
            grey = document[page.page - 1].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            jpeg = degrade(grey, dpi, rng)
            scans.append(
                Scan(
                    f"{path.name} p{page.page} @{dpi}",
                    PageImage(float(dpi), "embedded", jpeg=jpeg),
                    page.text,
                )
            )
        document.close()
    return scans


def bench_scans(corpus: Path, pages: int = 0) -> list[Scan]:
    """The pages every row reads: the corpus's scans, then its born-digital pages degraded."""
    scans = corpus_scans(corpus) + degraded_scans(corpus, random.Random(SEED))
    return scans[:pages] if pages else scans


def degrade(image: Image.Image, dpi: int, rng: random.Random) -> bytes:
    """A poor scan of a clean page: turned, blurred, grainy, specked, a dark edge, JPEG."""
    angle = rng.choice((-1, 1)) * rng.uniform(0.5, 2.0)
    image = image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    image = image.filter(ImageFilter.GaussianBlur(rng.uniform(0.4, 0.9) * dpi / 200))
    noise = np.random.default_rng(rng.randrange(2**32))
    pixels = np.asarray(image, dtype=np.float32) + noise.normal(
        0.0, rng.uniform(8, 16), (image.height, image.width)
    )
    specks = noise.random((image.height, image.width)) < rng.uniform(0.0003, 0.001)
    pixels[specks] = noise.uniform(0, 90, int(specks.sum()))
    edge = round(dpi * rng.uniform(0.05, 0.15))
    pixels[:, -edge:] *= 0.25  # the scanner lid's shadow down one side
    out = io.BytesIO()
    Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), mode="L").save(
        out, format="JPEG", quality=rng.randint(30, 55), dpi=(dpi, dpi)
    )
    return out.getvalue()


def squash(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("’", "'").replace("‘", "'")
    return re.sub(r"\s+", " ", text).strip()


def cer(scans: list[Scan], texts: list[str]) -> float:
    edits = sum(Levenshtein.distance(squash(s.truth), squash(t)) for s, t in zip(scans, texts, strict=True))
    return edits / max(1, sum(len(squash(s.truth)) for s in scans))


def cpu_seconds() -> float:
    """CPU time of this process and of the processes it waited for (tesseract): unlike the wall
    clock, it does not grow when other people's work shares the machine."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def _ctg_text(job: tuple[PageImage, Preparation]) -> tuple[str, float]:
    picture, preparation = job
    started = cpu_seconds()
    result = ocr_image(picture, "fra", 300, preparation=preparation)
    return "\n".join(line.text for line in result.lines), cpu_seconds() - started


def ctg_row(tool: str, scans: list[Scan], preparation: Preparation, jobs: int) -> Row:
    with ProcessPoolExecutor(jobs) as pool:
        list(pool.map(_ctg_text, [(scans[0].picture, PLAIN)] * jobs))  # workers warm before the clock
        started = time.perf_counter()
        done = list(pool.map(_ctg_text, [(s.picture, preparation) for s in scans]))
        wall = time.perf_counter() - started
    texts = [text for text, _ in done]
    return Row(tool, len(scans), cer(scans, texts), wall, sum(cpu for _, cpu in done), per_page(scans, texts))


def per_page(scans: list[Scan], texts: list[str]) -> list[float]:
    return [cer([s], [t]) for s, t in zip(scans, texts, strict=True)]


def ocrmypdf_command(given: str | None) -> str | None:
    candidate = given or os.environ.get("CTG_OCRMYPDF") or shutil.which("ocrmypdf")
    if not candidate:
        return None
    return candidate if Path(candidate).exists() or shutil.which(candidate) else None


def ocrmypdf_row(command: str, scans: list[Scan], jobs: int, work: Path) -> Row:
    """OCRmyPDF on a one-page PDF of each image, its sidecar text read back."""
    inputs = []
    children_before = _children_cpu()
    for number, scan in enumerate(scans):
        pdf = work / f"omp{number}.pdf"
        image = scan.picture.pil()
        image.save(pdf, format="PDF", resolution=scan.picture.dpi)
        inputs.append(pdf)

    def run(pdf: Path) -> tuple[str, float]:
        sidecar = pdf.with_suffix(".txt")
        started = _children_cpu()
        subprocess.run(
            [command, "-l", "fra", "--jobs", "1", "--output-type", "pdf", "--sidecar", str(sidecar),
             "--quiet", str(pdf), str(pdf.with_suffix(".out.pdf"))],
            check=True, capture_output=True, env={**os.environ, "OMP_THREAD_LIMIT": "1"},
        )  # fmt: skip
        return sidecar.read_text(encoding="utf-8"), _children_cpu() - started

    from concurrent.futures import ThreadPoolExecutor

    started = time.perf_counter()
    with ThreadPoolExecutor(jobs) as pool:
        done = list(pool.map(run, inputs))
    wall = time.perf_counter() - started
    texts = [text for text, _ in done]
    # Children's CPU is process-wide: with threads, the total over the run is what is exact.
    cpu = sum(cpu for _, cpu in done) if jobs == 1 else _children_cpu() - children_before
    return Row(
        "OCRmyPDF (-l fra --sidecar)", len(scans), cer(scans, texts), wall, cpu, per_page(scans, texts)
    )


def _children_cpu() -> float:
    times = os.times()
    return times.children_user + times.children_system


STEPS: tuple[tuple[str, Callable[[], Preparation]], ...] = (
    ("tesseract plain (psm 3, no preparation)", lambda: PLAIN),
    ("+ deskew", lambda: with_preparation(**_only("deskew"))),
    ("+ rules and frames whitened", lambda: with_preparation(**_only("rules"))),
    ("+ specks whitened", lambda: with_preparation(**_only("specks"))),
    ("+ upscale under 240 dpi", lambda: with_preparation(**_only("upscale"))),
    ("+ margin column read apart", lambda: with_preparation(**_only("columns"))),
    ("+ sign-only words dropped", lambda: with_preparation(**_only("drop_debris"))),
    # leaders are looked for on the levelled page: a row of dots must run along its line
    ("+ deskew, dot leaders counted", lambda: with_preparation(**_only("leaders") | {"deskew": True})),
    # underlines are looked for on the levelled page too
    (
        "+ deskew, underlined lines read again",
        lambda: with_preparation(**_only("underlines") | {"deskew": True}),
    ),
    (
        "+ margin column apart, its parts in psm 6",
        lambda: with_preparation(**_only("columns") | {"part_psm": 6}),
    ),
    # Tesseract 5's Sauvola binarisation on top of ctg's default (measured no better: off)
    ("ctg default + Sauvola thresholding", lambda: with_preparation(options=("thresholding_method=2",))),
    ("ctg default, underlines not read again", lambda: with_preparation(underlines=False)),
    ("ctg default (all of the above)", lambda: DEFAULT),  # last: bench/extract.py reads it so
)


def _only(step: str) -> dict:
    """One step on its own, Tesseract reading with its own layout (psm 3) as plain does."""
    names = ("deskew", "rules", "specks", "underlines", "upscale", "columns", "drop_debris", "leaders")
    return {name: name == step for name in names} | {"psm": 3, "part_psm": 3}


def print_table(rows: list[Row]) -> None:
    plain = rows[0]
    print(
        f"{'engine / preparation':<42} {'pages':>5} {'CER':>7} {'× plain':>8} {'wall s':>7} "
        f"{'CPU s/page':>10} {'× plain':>8} {'pages better/worse':>19}"
    )
    for row in rows:
        better = sum(a < b - 0.0005 for a, b in zip(row.pages_cer, plain.pages_cer, strict=True))
        worse = sum(a > b + 0.0005 for a, b in zip(row.pages_cer, plain.pages_cer, strict=True))
        print(
            f"{row.tool:<42} {row.pages:>5} {row.cer:>7.2%} {row.cer / plain.cer if plain.cer else 0:>7.2f}× "
            f"{row.seconds:>7.1f} {row.cpu / row.pages:>10.2f} {row.cpu / plain.cpu:>7.2f}× "
            f"{better:>9}/{worse:<9}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=REPO / "corpus")
    parser.add_argument("--pages", type=int, default=0, help="at most this many pages (0: all)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--ocrmypdf", help="the ocrmypdf command to compare with")
    parser.add_argument("--rows", default="", help="comma-separated row numbers to run (default: all)")
    args = parser.parse_args()
    scans = bench_scans(args.corpus, args.pages)
    wanted = {int(n) for n in args.rows.split(",") if n} or set(range(len(STEPS)))
    rows = [
        ctg_row(name, scans, make(), args.jobs)
        for n, (name, make) in enumerate(STEPS)
        if n in wanted or n == 0
    ]
    command = ocrmypdf_command(args.ocrmypdf)
    if command is None:
        print("OCRmyPDF row skipped: no ocrmypdf command (see --ocrmypdf)", file=sys.stderr)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            rows.append(ocrmypdf_row(command, scans, args.jobs, Path(tmp)))
    print_table(rows)


if __name__ == "__main__":
    main()
