"""Nothing invented: every count of every deliberation row is printed in the lines of its span, or the
rule that gave it is recorded in `derived`.

Run on the seeds, on the born-digital real documents and on the reference OCR text of the scanned
ones (each skipped where absent), through the normalize and segment stages.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ctg.core.model import Deliberation, Line, SourceFile, Span
from ctg.extract import read_file
from ctg.normalize import normalize_file
from ctg.segment import segment_file
from evaluation.real import REAL, count_printed
from tests.conftest import SEEDS

# What pdftoppm -r 300 -gray and tesseract -l fra read on the six scanned PDFs of shared/real (pages
# split by form feeds): OCR text of real scans, kept here so that the check runs without OCR.
REAL_OCR = Path(__file__).resolve().parent / "real_ocr"
MAX_PAGES = 20  # whole documents belong in bench/; these are read in a few seconds
MAX_PICTURE_PAGES = 2  # pages with a picture of text (a pasted table) that extraction may OCR
# Each count and the names a `derived` note gives it ("votants = 11: …", "présents = …").
COUNTS: dict[str, str] = {
    "votants": "votants",
    "pour": "pour",
    "contre": "contre",
    "abstention": "abstention",
    "presents_count": "pr[ée]sents",
    "pouvoirs_count": "pouvoirs",
    "en_exercice": "en_exercice",
}


def _span_text(lines: list[Line], span: Span) -> str:
    last_page = span.page_end or span.page
    return "\n".join(
        line.text
        for line in lines
        if span.page <= line.page <= last_page
        and (line.page > span.page or line.number >= span.line_start)
        and (line.page < last_page or line.number <= span.line_end)
    )


def _unexplained(source: SourceFile) -> list[str]:
    """Counts of the file's deliberation rows neither printed in their span nor derived by a stated rule."""
    lines = source.lines
    found: list[str] = []
    for document in segment_file(source):
        for act in document.deliberations:
            found.extend(_check(act, lines, document.file))
    return found


def _check(act: Deliberation, lines: list[Line], file: str) -> list[str]:
    text = _span_text(lines, act.span)
    notes = " ".join(act.derived)
    problems = []
    for field, label in COUNTS.items():
        value = getattr(act, field)
        if value is None or re.search(rf"\b{label}\s*=", notes):
            continue
        if not count_printed(value, text):
            problems.append(f"{file} p. {act.span.page} «{act.objet[:40]}» {field} = {value}")
    return problems


def _born_digital() -> list[Path]:
    """Real files whose pages carry a text layer (a picture on two of them at most), short enough for a
    unit test."""
    if not REAL.is_dir():
        return []
    files = []
    for gold_path in sorted(REAL.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        pages = gold["pages"]
        pictures = sum(page["kind"] != "text" for page in pages)
        if (
            len(pages) <= MAX_PAGES
            and pictures <= MAX_PICTURE_PAGES
            and all(p["kind"] != "scan" for p in pages)
        ):
            files.append(REAL / gold["file"])
    return files


def _read(path: Path) -> SourceFile:
    return normalize_file(read_file(path, path.parent))


@pytest.mark.parametrize("path", _born_digital(), ids=lambda path: path.stem)
def test_real_born_digital_counts_are_printed(path: Path) -> None:
    assert _unexplained(_read(path)) == []


@pytest.mark.parametrize(
    "path", sorted(REAL_OCR.glob("*.txt")) if REAL_OCR.is_dir() else [], ids=lambda path: path.stem
)
def test_real_ocr_text_counts_are_printed(path: Path) -> None:
    assert _unexplained(_read(path)) == []


def test_seed_counts_are_printed() -> None:
    if not SEEDS.is_dir() or not any(SEEDS.glob("*.txt")):
        pytest.skip(f"seed documents not found at {SEEDS}")
    problems = [problem for path in sorted(SEEDS.glob("*.txt")) for problem in _unexplained(_read(path))]
    assert problems == []


def test_no_real_documents_means_skipped_not_passed() -> None:
    """The parametrized tests above are empty when the folders are absent: say so rather than pass."""
    if not REAL.is_dir() and not REAL_OCR.is_dir():
        pytest.skip("no real documents here")
    assert _born_digital() or any(REAL_OCR.glob("*.txt"))
