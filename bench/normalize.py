"""Normalize: OCR repair quality, damage on clean text, and throughput. Prints one table.

Usage: python bench/normalize.py [CORPUS_FOLDER] [SEEDS_FOLDER]   (defaults: corpus/, ../shared/seeds)

- Scanned corpus pages (truth `scanned`): OCRed by extract (text cached under out/bench-cache/,
  keyed by file hash, so reruns are fast), then normalized without and with OCR repair; the
  body lines are compared with the truth `body_text` (both in the canonical character form,
  whitespace collapsed): CER and WER, raw vs repaired.
- Synthetic damage: clean seeds 000-003 damaged with normalize.synthetic_damage, repaired.
- Degraded scans: prose of each clean seed set on a page, scanned badly (halved resolution,
  blur, speckle), read by real Tesseract (cached), repaired; against the text that was set.
- No damage: born-digital corpus pages and clean seeds, repair forced on; share of characters
  changed, and changes touching a digit or a capitalised word (must be 0).
- Throughput: characters per second of the whole normalize stage on every text input.
The domain lexicon is learned from clean text other than the text measured.
"""

from __future__ import annotations

import hashlib
import pickle
import random
import re
import sys
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

import pytesseract
from PIL import Image, ImageDraw, ImageFilter, ImageFont

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from ctg.core.model import Line, Page, SourceFile  # noqa: E402
from ctg.corpus.truth import iter_truth  # noqa: E402
from ctg.extract import ExtractOptions, file_sha256, read_file  # noqa: E402
from ctg.normalize import Lexicon, default_lexicon, is_stamp_line, normalize_file  # noqa: E402
from ctg.normalize.unicode_clean import canonical  # noqa: E402
from evaluation.synthetic_damage import damage  # noqa: E402
from evaluation.text_measure import cer, changed_share, lined, wer  # noqa: E402

CACHE = REPO / "out" / "bench-cache"
CLEAN_SEEDS = ("000", "001", "002", "003")
WORDS = re.compile(r"(?<![\w'])[a-zà-ÿœ][a-zà-ÿœ]{2,}(?![\w'])")  # lower-case words, 3 letters or more
NO_OCR = ExtractOptions(ocr="never")
SCAN_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"  # Debian fonts-dejavu-core


@dataclass(slots=True)
class Row:
    measure: str
    on: str
    before: str
    after: str
    note: str = ""


def flat(text: str) -> str:
    return " ".join(canonical(text).split())


def body_text(page: Page, roles: tuple[str, ...] = ("body", "stamp")) -> str:
    """The page without header, footer and page-number lines, as the truth's `body_text`."""
    return "\n".join(line.text for line in page.lines if line.role in roles)


def extracted(path: Path, root: Path) -> SourceFile:
    """extract.read_file, cached by content hash (OCR takes seconds a page)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    cached = CACHE / f"{file_sha256(path)}.pickle"
    if cached.exists():
        with cached.open("rb") as handle:
            return pickle.load(handle)
    source = read_file(path, root)
    with cached.open("wb") as handle:
        pickle.dump(source, handle)
    return source


def seed_sources(seeds: Path) -> dict[str, SourceFile]:
    found = {}
    for prefix in CLEAN_SEEDS:
        paths = sorted(seeds.glob(f"{prefix}*.txt"))
        if paths:
            found[prefix] = read_file(paths[0], seeds)
    return found


def lexicon_from(sources: list[SourceFile]) -> Lexicon:
    lexicon = Lexicon()
    for source in sources:
        lexicon.learn(line for page in source.pages if page.method != "ocr" for line in page.lines)
    return lexicon


def scanned_rows(corpus: Path, clean: dict[str, SourceFile]) -> list[Row]:
    sources = [(extracted(path, corpus), truth) for path, truth in iter_truth(corpus) if path.exists()]
    lexicon = lexicon_from([source for source, _ in sources] + list(clean.values()))
    texts: dict[str, list[str]] = {
        "ref": [],
        "raw": [],
        "out": [],
        "ref_prose": [],
        "raw_prose": [],
        "out_prose": [],
    }
    pages = 0
    for source, truth in sources:
        scanned = {page.page for page in truth.pages if page.scanned}
        if not scanned:
            continue
        plain = normalize_file(source, ocr_repair=False, lexicon=lexicon)
        repaired = normalize_file(source, lexicon=lexicon)
        for number in sorted(scanned):
            reference = truth.pages[number - 1].body_text.split("\n")
            texts["ref"].append(flat("\n".join(reference)))
            texts["ref_prose"].append(flat("\n".join(t for t in reference if not is_stamp_line(t))))
            for key, result in (("raw", plain), ("out", repaired)):
                texts[key].append(flat(body_text(result.pages[number - 1])))
                texts[f"{key}_prose"].append(flat(body_text(result.pages[number - 1], ("body",))))
            pages += 1
    if not pages:
        return [Row("CER", "scanned corpus pages", "-", "-", "no scanned page with truth found")]
    rows = []
    for suffix, what in (("", "body_text"), ("_prose", "body_text less stamp lines")):
        ref, raw, out = (" ".join(texts[f"{key}{suffix}"]) for key in ("ref", "raw", "out"))
        raw_cer, out_cer = cer(ref, raw), cer(ref, out)
        on = f"scanned corpus, {what} ({pages} pages, {len(ref)} chars)"
        reduction = f"{(1 - out_cer / raw_cer):.0%} less" if raw_cer else "raw OCR already exact"
        rows.append(Row("CER", on, f"{raw_cer:.4%}", f"{out_cer:.4%}", reduction))
        rows.append(Row("WER", on, f"{wer(ref, raw):.4%}", f"{wer(ref, out):.4%}"))
    return rows


def synthetic_rows(clean: dict[str, SourceFile]) -> list[Row]:
    normalized = {key: normalize_file(source, ocr_repair=False) for key, source in clean.items()}
    raw_cer = out_cer = raw_wer = out_wer = 0.0
    chars = 0
    for key, source in normalized.items():
        lexicon = lexicon_from([other for name, other in normalized.items() if name != key])
        reference = source.pages[0].text
        damaged = damage(reference, seed=7)
        lines = [Line(text=t, raw=t, page=1, number=n) for n, t in enumerate(damaged.split("\n"), 1)]
        hurt = SourceFile(file=key, sha256="", bytes=0, pages=[Page(key, 1, "plain", lines)])
        repaired = normalize_file(hurt, lexicon=lexicon).pages[0].text
        size = len(reference)
        chars += size
        raw_cer += lined(cer, reference, damaged) * size
        out_cer += lined(cer, reference, repaired) * size
        raw_wer += lined(wer, reference, damaged) * size
        out_wer += lined(wer, reference, repaired) * size
    if not chars:
        return []
    on = f"seeds 000-003, synthetic damage ({chars} chars)"
    return [
        Row(
            "CER", on, f"{raw_cer / chars:.4%}", f"{out_cer / chars:.4%}", f"{1 - out_cer / raw_cer:.0%} less"
        ),
        Row("WER", on, f"{raw_wer / chars:.4%}", f"{out_wer / chars:.4%}"),
    ]


def render_degraded(lines: list[str], seed: int) -> Image.Image:
    """A page of `lines` set in a serif font, then degraded as a poor office scan: resolution
    halved, blurred, speckled and thresholded (Tesseract then loses accents, as in seed 004)."""
    font = ImageFont.truetype(SCAN_FONT, 24)
    page = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(page)
    for index, text in enumerate(lines):
        draw.text((80, 80 + index * 40), text, font=font, fill=0)
    rng = random.Random(seed)
    scan = page.resize((600, 849), Image.BILINEAR).resize(page.size, Image.BILINEAR)
    scan = scan.filter(ImageFilter.GaussianBlur(0.5))
    pixels = scan.load()
    for _ in range(3000):
        pixels[rng.randrange(scan.width), rng.randrange(scan.height)] = rng.choice((0, 255))
    return scan.point(lambda value: 0 if value < 150 else 255)


def scanned_text(lines: list[str], seed: int) -> str:
    """Tesseract's reading of the degraded page, cached by content."""
    key = hashlib.sha256(("\n".join(lines) + f"|{seed}|v1").encode()).hexdigest()
    cached = CACHE / f"scan-{key}.txt"
    if not cached.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        text = pytesseract.image_to_string(render_degraded(lines, seed), lang="fra")
        cached.write_text(text, encoding="utf-8")
    return cached.read_text(encoding="utf-8")


def degraded_scan_rows(clean: dict[str, SourceFile]) -> list[Row]:
    """Prose of each clean seed set on a page, scanned badly, read by Tesseract; repaired with
    the domain learned from the other seeds. CER/WER against the text that was set."""
    if not Path(SCAN_FONT).exists():
        return [Row("CER", "degraded scans", "-", "-", f"font {SCAN_FONT} missing")]
    normalized = {key: normalize_file(source, ocr_repair=False) for key, source in clean.items()}
    refs, raws, outs = [], [], []
    for number, (key, source) in enumerate(normalized.items()):
        prose = [line.text for line in source.lines if line.role == "body" and len(line.text) > 60]
        lines = [part for text in prose[10:30] for part in textwrap.wrap(text, 78)][:40]
        text = scanned_text(lines, seed=number)
        ocr_lines = [Line(text=t, raw=t, page=1, number=n) for n, t in enumerate(text.split("\n"), 1)]
        scan = SourceFile(file=key, sha256="", bytes=0, pages=[Page(key, 1, "ocr", ocr_lines)])
        lexicon = lexicon_from([other for name, other in clean.items() if name != key])
        refs.append(flat(" ".join(lines)))
        raws.append(flat(normalize_file(scan, ocr_repair=False, lexicon=lexicon).pages[0].text))
        outs.append(flat(normalize_file(scan, lexicon=lexicon).pages[0].text))
    ref, raw, out = " ".join(refs), " ".join(raws), " ".join(outs)
    on = f"seed prose, degraded scans, Tesseract ({len(refs)} pages, {len(ref)} chars)"
    raw_cer, out_cer = cer(ref, raw), cer(ref, out)
    return [
        Row("CER", on, f"{raw_cer:.4%}", f"{out_cer:.4%}", f"{1 - out_cer / raw_cer:.0%} less"),
        Row("WER", on, f"{wer(ref, raw):.4%}", f"{wer(ref, out):.4%}"),
    ]


def unknown_rate(source: SourceFile, lexicon: Lexicon) -> float:
    words = [w for line in source.lines if line.role == "body" for w in WORDS.findall(line.text)]
    return sum(word not in lexicon for word in words) / max(1, len(words))


def real_ocr_row(seeds: Path, clean: dict[str, SourceFile]) -> list[Row]:
    """Seed 004 (a real Tesseract output, no ground truth): lower-case words the lexicon does
    not know, before and after repair, with the domain learned from the clean seeds."""
    paths = sorted(seeds.glob("004*.txt"))
    if not paths:
        return []
    lexicon = lexicon_from(list(clean.values()))
    source = read_file(paths[0], seeds)
    before = unknown_rate(normalize_file(source, ocr_repair=False, lexicon=lexicon), lexicon)
    repaired = normalize_file(source, lexicon=lexicon)
    after = unknown_rate(repaired, lexicon)
    changes = sum(repair.rule.startswith("ocr") for repair in repaired.repairs)
    on = "seed 004, real OCR (no truth)"
    return [Row("unknown words", on, f"{before:.2%}", f"{after:.2%}", f"{changes} repairs")]


def damage_row(on: str, sources: dict[str, SourceFile]) -> Row:
    """Repair forced on clean text: characters changed, and changes to digits or capitalised words."""
    changed = total = forbidden = 0.0
    for key, source in sources.items():
        lexicon = lexicon_from([other for name, other in sources.items() if name != key])
        before = normalize_file(source, ocr_repair=False, lexicon=lexicon)
        after = normalize_file(source, ocr_repair=True, lexicon=lexicon)
        for page_before, page_after in zip(before.pages, after.pages, strict=True):
            if page_before.method == "ocr":
                continue
            size = len(page_before.text)
            changed += lined(changed_share, page_before.text, page_after.text) * size
            total += size
        for repair in after.repairs:
            if repair.rule.startswith("ocr") and (
                re.sub(r"\D", "", repair.before) != re.sub(r"\D", "", repair.after)
                or repair.before[:1].isupper()
            ):
                forbidden += 1
    share = changed / total if total else 0.0
    return Row(
        "changed by repair", f"{on} ({int(total)} chars)", "0", f"{share:.4%}", f"{int(forbidden)} digit/name"
    )


def throughput_row(what: str, sources: list[SourceFile]) -> Row:
    """Characters per second of the whole stage (best of 3 runs, lexicon already loaded)."""
    default_lexicon()
    chars = sum(len(line.text) for source in sources for line in source.lines)
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        for source in sources:
            normalize_file(source)
        best = min(best, time.perf_counter() - started)
    return Row("throughput", f"normalize, {what} ({chars} chars)", "", f"{chars / best:,.0f} chars/s")


def extract_row(corpus: Path) -> Row:
    """Text-layer extraction speed on the born-digital corpus PDFs, for comparison."""
    paths = [
        path
        for path, truth in iter_truth(corpus)
        if path.exists() and path.suffix == ".pdf" and not any(page.scanned for page in truth.pages)
    ]
    started = time.perf_counter()
    chars = sum(len(line.text) for path in paths for line in read_file(path, corpus, NO_OCR).lines)
    speed = chars / (time.perf_counter() - started)
    return Row(
        "throughput", f"extract text layer, {len(paths)} PDFs ({chars} chars)", "", f"{speed:,.0f} chars/s"
    )


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "corpus"
    seeds = Path(sys.argv[2]) if len(sys.argv) > 2 else REPO.parent / "shared" / "seeds"
    started = time.perf_counter()
    default_lexicon()
    load = time.perf_counter() - started
    clean = seed_sources(seeds) if seeds.is_dir() else {}
    rows: list[Row] = []
    if (corpus / "truth").is_dir():
        rows += scanned_rows(corpus, clean)
    rows += synthetic_rows(clean)
    rows += degraded_scan_rows(clean) if clean else []
    rows += real_ocr_row(seeds, clean)
    if (corpus / "truth").is_dir():
        digital = {
            path.name: extracted(path, corpus)
            for path, truth in iter_truth(corpus)
            if path.exists() and not any(page.scanned for page in truth.pages)
        }
        rows.append(damage_row("born-digital corpus", digital))
    if clean:
        rows.append(damage_row("seeds 000-003", clean))
    rows.append(throughput_row("clean seeds 000-003", list(clean.values())))
    ocred = [read_file(path, seeds) for path in sorted(seeds.glob("004*.txt"))]
    if ocred:
        rows.append(throughput_row("OCR text, seed 004", ocred))
    if (corpus / "truth").is_dir():
        rows.append(extract_row(corpus))
    rows.append(Row("lexicon load", "once per process", "", f"{load:.2f} s"))
    widths = [max(len(getattr(row, name)) for row in rows) for name in ("measure", "on", "before", "after")]
    header = ("measure", "on", "before", "after")
    print("  ".join(title.ljust(width) for title, width in zip(header, widths, strict=True)) + "  note")
    for row in rows:
        cells = (row.measure, row.on, row.before, row.after)
        print(
            "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)) + f"  {row.note}"
        )


if __name__ == "__main__":
    main()
