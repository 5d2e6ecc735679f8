"""The page cache reuses a reading only for the same page: a copy, a re-compression or a re-scan
hits, a page differing by one line, one number, one name, one accent or its stamp never does; a
repeated page is OCRed once in a run, and each copy keeps its own typed stamp."""

from __future__ import annotations

import importlib.util
import io
import os
import random
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from ctg.corpus.render import SCAN_DPI, degrade
from ctg.engine import local
from ctg.engine.options import RunOptions, Task
from ctg.engine.page_cache import Busy, Entry, PageStore, size
from ctg.engine.page_key import exact_key, fingerprint, laid_over
from ctg.extract.ocr import OcrResult
from ctg.extract.page_image import PageImage
from tests.extract.pdf_factory import BODY, scan_image

# A convention's page: the numbers, names and lines that one published copy changes in another.
PAGE = [
    *BODY,
    "Article 3 : Engagements financiers",
    "La Caisse verse à la commune de Manosque la somme de 12 480 euros par an.",
    "Le comité de pilotage réunit M. Bernard DURAND et Mme Sophie MARTIN.",
    "Article 4 : Évaluation",
    "Un bilan est présenté chaque année au conseil municipal avant le 30 juin.",
]
VARIANTS = {
    "one number": [line.replace("12 480", "12 430") for line in PAGE],
    "one accent": [line.replace("présenté", "presenté") for line in PAGE],
    "one name": [line.replace("DURAND", "DUPONT") for line in PAGE],
    "one line": [*PAGE[:-1], "Un bilan est présenté chaque année au conseil communautaire."],
    "one line more": [*PAGE, "Article 5 : Résiliation"],
}


def scanned(lines: list[str], seed: int, quality: int = 60) -> PageImage:
    """The page as a scanner gives it: turned slightly, blurred, noisy, a JPEG."""
    out = io.BytesIO()
    degrade(scan_image(lines), random.Random(seed)).save(out, format="JPEG", quality=quality)
    return PageImage(300.0, "embedded", jpeg=out.getvalue())


def recompressed(picture: PageImage, quality: int) -> PageImage:
    out = io.BytesIO()
    picture.pil().save(out, format="JPEG", quality=quality)
    return PageImage(300.0, "embedded", jpeg=out.getvalue())


def store_of(folder: Path, max_bytes: int = 1 << 30) -> PageStore:
    return PageStore(folder, "test", max_bytes, stale_seconds=60.0)


def stored(store: PageStore, picture: PageImage, name: str) -> None:
    key, signature = fingerprint(picture, store.context)
    store.put(Entry(key, signature, OcrResult([], 90.0, 0), 100, f"{name}#page=1"))


def found(store: PageStore, picture: PageImage) -> str | None:
    entry = store.find(*fingerprint(picture, store.context), picture=picture)
    return entry.origin if entry is not None else None


@pytest.fixture(scope="module")
def original() -> PageImage:
    return scanned(PAGE, seed=1)


def test_the_same_page_copied_recompressed_or_rescanned_hits(original: PageImage, tmp_path: Path) -> None:
    store = store_of(tmp_path)
    stored(store, original, "original.pdf")
    assert found(store, PageImage(300.0, "embedded", jpeg=original.jpeg)) == "original.pdf#page=1"
    assert found(store, recompressed(original, 35)) == "original.pdf#page=1"
    assert found(store, recompressed(original, 25)) == "original.pdf#page=1"
    # Turned another way, with another grain: laid over the stored scan
    assert found(store, scanned(PAGE, seed=2)) == "original.pdf#page=1"
    assert found(store, harsh_rescan(scan_image(PAGE), seed=11)) == "original.pdf#page=1"


def harsh_rescan(image: Image.Image, seed: int) -> PageImage:
    """The paper through another scanner: scaled by 0.6%, turned and shifted, lighter, blurrier
    and noisier than the corpus's scans, a JPEG of lower quality."""
    from PIL import ImageFilter

    rng = random.Random(seed)
    width, height = image.size
    grown = image.resize((round(width * 1.006), round(height * 1.006)), Image.Resampling.BICUBIC)
    angle, shift = rng.choice((-1, 1)) * rng.uniform(0.3, 1.5), (rng.uniform(-20, 20), rng.uniform(-20, 20))
    turned = grown.crop((0, 0, width, height)).rotate(
        angle, Image.Resampling.BICUBIC, translate=shift, fillcolor=255
    )
    pixels = np.asarray(turned, np.float32) * rng.uniform(0.85, 1.0) + 15
    pixels += np.random.default_rng(seed).normal(0.0, 9.0, pixels.shape)
    blurred = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(1.1))
    out = io.BytesIO()
    blurred.save(out, format="JPEG", quality=45)
    return PageImage(300.0, "embedded", jpeg=out.getvalue())


def test_a_rescan_hit_gives_the_reading_where_the_rescan_shows_it(
    original: PageImage, tmp_path: Path
) -> None:
    from ctg.core.model import Line

    store = store_of(tmp_path)
    key, signature = fingerprint(original, store.context)
    box = (64.8, 86.4, 300.0, 100.0)  # the first line's box on the stored scan, in points
    store.put(
        Entry(key, signature, OcrResult([Line("Article 1", 1, 1, bbox=box)], 90.0, 0), 100, "a.pdf#page=1")
    )
    shifted = io.BytesIO()
    Image.open(io.BytesIO(original.jpeg)).rotate(0, translate=(30, 60), fillcolor=255).save(shifted, "JPEG")
    picture = PageImage(300.0, "embedded", jpeg=shifted.getvalue())
    entry = store.find(*fingerprint(picture, store.context), picture=picture)
    assert entry is not None
    x0, top, x1, bottom = entry.result.lines[0].bbox
    assert (x0, top) == pytest.approx((box[0] + 30 * 72 / 300, box[1] + 60 * 72 / 300), abs=0.5)
    assert (x1 - x0, bottom - top) == pytest.approx((box[2] - box[0], box[3] - box[1]), abs=0.5)


def test_a_copy_is_found_from_its_jpeg_file_without_decoding_it(original: PageImage, tmp_path: Path) -> None:
    store = store_of(tmp_path)
    stored(store, original, "original.pdf")
    copy = PageImage(300.0, "embedded", jpeg=original.jpeg)
    entry = store.exact(exact_key(copy, store.context))
    assert entry is not None and entry.origin == "original.pdf#page=1"
    assert copy.image is None  # never decoded
    assert store.exact(exact_key(PageImage(200.0, "embedded", jpeg=original.jpeg), store.context)) is None


# A printed stamp as prefectures burn it into the paper before scanning (9 pt), and the same
# stamp with another date and number, or one digit changed.
STAMP = ["Reçu en préfecture le 12/01/2026", "ID : 013-211300058-20260108-C04-CC"]
STAMPS = {
    "another stamp": ["Reçu en préfecture le 03/02/2026", "ID : 013-211300058-20260130-C11-CC"],
    "one digit of the stamp": [STAMP[0], STAMP[1].replace("C04", "C05")],
}


def stamped(lines: list[str], stamp: list[str]) -> Image.Image:
    from PIL import ImageDraw, ImageFont

    image = scan_image(lines)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype("DejaVuSans.ttf", round(9 * 300 / 72))
    draw.rectangle((1480, 70, 2400, 100 + 55 * len(stamp)), outline=0, width=4)
    for number, line in enumerate(stamp):
        draw.text((1500, 90 + 55 * number), line, fill=0, font=font)
    return image


def scan_of(image: Image.Image, seed: int) -> PageImage:
    out = io.BytesIO()
    degrade(image, random.Random(seed)).save(out, format="JPEG", quality=60)
    return PageImage(300.0, "embedded", jpeg=out.getvalue())


def test_ink_where_the_stored_scan_does_not_reach_is_never_taken_for_it() -> None:
    """The stored scan was laid 100 px higher on the glass: its top edge cut nothing but paper.
    The new one holds a stamp in that margin, which the stored scan's frame does not cover.
    (Laid over directly: the stamp also moves the perceptual hash, which must not be what
    keeps them apart.)"""
    from PIL import ImageDraw, ImageFont

    page = scan_image(PAGE)
    first = scan_of(page.rotate(0, translate=(0, -100), fillcolor=255), 1)
    _, kept = fingerprint(first, "test")
    again = scan_of(page, 2)
    assert (
        laid_over(again, fingerprint(again, "test")[1], kept) is not None
    )  # the margin blank: the same page
    ImageDraw.Draw(page).text(
        (1500, 30), "Reçu le 12/01/2026", fill=0, font=ImageFont.truetype("DejaVuSans.ttf", 38)
    )
    stamped_again = scan_of(page, 2)
    assert laid_over(stamped_again, fingerprint(stamped_again, "test")[1], kept) is None


@pytest.mark.parametrize("change", sorted(STAMPS))
def test_pages_differing_by_their_printed_stamp_never_hit(change: str, tmp_path: Path) -> None:
    store = store_of(tmp_path)
    first = scan_of(stamped(PAGE, STAMP), 1)
    stored(store, first, "first.pdf")
    assert found(store, recompressed(first, 40)) == "first.pdf#page=1"  # the same stamp, re-compressed
    for seed in (1, 2):
        assert found(store, scan_of(stamped(PAGE, STAMPS[change]), seed)) is None


def corpus_page(index: int) -> Image.Image:
    """A page of the corpus's convention, rendered as the corpus's scanner sees it."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(Path(__file__).resolve().parents[2] / "corpus" / "conv_alpilles.pdf")
    try:
        return document[index].render(scale=SCAN_DPI / 72, grayscale=True).to_pil().convert("L")
    finally:
        document.close()


def test_a_page_whose_page_number_changed_into_a_look_alike_never_hits(tmp_path: Path) -> None:
    """The convention's last page, its footer "Page 8/9" made "Page 8/6", scanned alike."""
    page = corpus_page(7)
    store = store_of(tmp_path)
    stored(store, scan_of(page, 4), "first.pdf")
    changed = _last_footer_digit_changed(page)
    assert found(store, scan_of(page, 5)) == "first.pdf#page=1"  # the page itself, re-scanned, hits
    for seed in (4, 5, 7):  # scanned alike, then re-scanned: never
        assert found(store, scan_of(changed, seed)) is None
    assert found(store, harsh_rescan(changed, 12)) is None


def _last_footer_digit_changed(page: Image.Image) -> Image.Image:
    """The page with the last character of its lowest line of ink ("Page 8/9") drawn as a 6."""
    from PIL import ImageDraw, ImageFont
    from scipy import ndimage

    ink = np.asarray(page) < 128
    rows = np.nonzero(ink.any(axis=1))[0]
    band = ink[rows.max() - 60 : rows.max() + 1]
    labels, count = ndimage.label(band)
    boxes = ndimage.find_objects(labels)
    last = max(range(count), key=lambda n: boxes[n][1].stop)
    top, left = rows.max() - 60 + boxes[last][0].start, boxes[last][1].start
    bottom, right = rows.max() - 60 + boxes[last][0].stop, boxes[last][1].stop
    changed = page.copy()
    draw = ImageDraw.Draw(changed)
    draw.rectangle((left - 1, top - 1, right + 1, bottom + 1), fill=255)
    font = ImageFont.truetype("DejaVuSans.ttf", round((bottom - top) * 1.35))
    draw.text((left, bottom), "6", fill=0, font=font, anchor="ls")
    return changed


@pytest.mark.parametrize("change", sorted(VARIANTS))
def test_a_page_differing_by_one_line_number_or_name_never_hits(
    change: str, original: PageImage, tmp_path: Path
) -> None:
    store = store_of(tmp_path)
    stored(store, original, "original.pdf")
    lines = VARIANTS[change]
    assert found(store, scanned(lines, seed=1)) is None  # scanned alike: only the change differs
    assert found(store, scanned(lines, seed=3)) is None  # and re-scanned
    assert found(store, harsh_rescan(scan_image(lines), seed=12)) is None
    assert found(store, recompressed(scanned(lines, seed=1), 35)) is None


def test_a_picture_being_read_makes_the_same_or_a_near_one_wait(original: PageImage, tmp_path: Path) -> None:
    store = store_of(tmp_path)
    key, _ = fingerprint(original, store.context)
    near_key, _ = fingerprint(recompressed(original, 35), store.context)
    assert near_key.exact != key.exact
    with store.claimed(key, "a.pdf", 3):
        with pytest.raises(Busy) as same, store.claimed(key, "b.pdf", 3):
            pass
        with pytest.raises(Busy) as near, store.claimed(near_key, "c.pdf", 1):
            pass
    assert (same.value.file, same.value.page) == (near.value.file, near.value.page) == ("a.pdf", 3)
    with store.claimed(key, "b.pdf", 3):  # released: free again
        pass


def test_a_claim_left_by_a_dead_worker_is_taken_over(original: PageImage, tmp_path: Path) -> None:
    store = store_of(tmp_path)
    key, _ = fingerprint(original, store.context)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True)
    store.claims.mkdir(parents=True)
    (store.claims / f"{key.exact}.claim").write_text(
        f'{{"near": {key.near}, "host": "{os.uname().nodename}", "pid": {int(dead.stdout)}, '
        f'"at": 0, "file": "gone.pdf", "page": 1}}'
    )
    with store.claimed(key, "b.pdf", 1):
        pass


def test_the_cache_keeps_to_its_bound_dropping_the_least_recently_used(tmp_path: Path) -> None:
    noise = [np.random.default_rng(seed).integers(0, 256, (60, 40), dtype=np.uint8) for seed in range(3)]
    pages = [PageImage(300.0, "rendered", image=Image.fromarray(pixels)) for pixels in noise]
    store = store_of(tmp_path)
    store.trim_every = 1  # every put looks at the bound
    stored(store, pages[0], "first.pdf")
    one = size(tmp_path)[1]
    store.max_bytes = round(2.5 * one)
    stored(store, pages[1], "second.pdf")
    _age(store, "second.pdf")  # the least recently used
    stored(store, pages[2], "third.pdf")
    assert size(tmp_path)[1] <= store.max_bytes
    assert found(store, pages[0]) == "first.pdf#page=1"
    assert found(store, pages[1]) is None
    held = {path.stem for path in store.folder.glob("*.page")}
    assert {path.stem[17:] for path in store.folder.glob("*.near")} == held  # near hashes go with them


def _age(store: PageStore, name: str) -> None:
    """Make the entry read from `name` the oldest (file times are coarse on some file systems)."""
    import pickle

    for path in store.folder.glob("*.page"):
        if pickle.loads(path.read_bytes()).origin.startswith(name):
            os.utime(path, (1, 1))


def stamped_scan(path: Path, body: bytes, stamp: str) -> Path:
    """A one-page scan with a prefecture stamp typed over it as text (not in its pixels)."""
    pdf = canvas.Canvas(str(path), pagesize=A4)
    width, height = A4
    pdf.drawImage(ImageReader(io.BytesIO(body)), 0, 0, width=width, height=height)
    pdf.setFont("Helvetica", 7)
    pdf.drawString(width - 190, height - 20, "Reçu en préfecture le 10/12/2025")
    pdf.drawString(width - 190, height - 29, stamp)
    pdf.showPage()
    pdf.save()
    return path


@pytest.mark.ocr
def test_a_repeated_page_is_read_once_and_each_copy_keeps_its_own_stamp(tmp_path: Path) -> None:
    body = io.BytesIO()
    scan_image(BODY[:4]).save(body, format="JPEG", quality=75)
    folder = tmp_path / "in"
    folder.mkdir()
    stamps = {"a.pdf": "004-210400708-20251208-DEL_2025_07-DE", "b.pdf": "004-210400716-20251209-D12-DE"}
    tasks = [Task(stamped_scan(folder / n, body.getvalue(), f"ID : {s}"), folder) for n, s in stamps.items()]
    options = RunOptions(out=tmp_path / "out", jobs=2)
    results = {r.source.file: r for r in local.run_pool(tasks, options)}
    froms = {name: r.rows["pages"][0]["read_from"] for name, r in results.items()}
    reader = next(name for name, source in froms.items() if source is None)
    copy = next(name for name in stamps if name != reader)
    assert froms == {reader: None, copy: f"{reader}#page=1"}  # OCRed once, the other waited for it
    for name, stamp in stamps.items():
        text = results[name].texts[0][2]
        assert stamp in text  # its own stamp, read from its own text layer
        assert all(other not in text for other in stamps.values() if other != stamp)
        assert "Objet de la convention" in text
    assert size(options.page_cache_dir)[0] == 1
    # A later run, another file with the same scan: read from the cache, its own stamp kept.
    later = Task(stamped_scan(folder / "c.pdf", body.getvalue(), "ID : 004-210400724-20260105-D3-DE"), folder)
    (result,) = local.run_sequential([later], RunOptions(out=tmp_path / "out", jobs=1))
    assert result.source.pages[0].read_from == f"{reader}#page=1"
    assert "004-210400724-20260105-D3-DE" in result.texts[0][2]
    if importlib.util.find_spec("distributed") is None:
        return
    from ctg.engine.cluster import run_dask  # a Dask worker asks the same cache before it OCRs

    on_dask = Task(
        stamped_scan(folder / "d.pdf", body.getvalue(), "ID : 004-210400732-20260106-D4-DE"), folder
    )
    (result,) = run_dask([on_dask], RunOptions(out=tmp_path / "out", jobs=1, engine="dask"))
    assert result.source.pages[0].read_from == f"{reader}#page=1"
    assert "004-210400732-20260106-D4-DE" in result.texts[0][2]
