"""Property: a file's parties, signature blocks and articles do not depend on its layout.

Each seed and each corpus file read from its text layer is segmented as extracted, then again after
every transform of tests/segment/transforms.py (re-wrapped at 50, 80 and 140 columns, paragraphs
joined into one line, Tesseract-like damage), and the rows must be the same, provenance aside.
Under OCR damage a value may differ by the damage only ("Rhdne" for "Rhône"): those rows are
compared with a tolerant fold (folded ratio ≥ transforms.OCR_TOLERANCE) instead of equality.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from ctg.core.model import SourceFile
from tests.conftest import REPO, SEEDS
from tests.segment.transforms import NOISY, TRANSFORMS, Rows, differences, layout_rows, same_rows, transformed

CORPUS = REPO / "corpus"
TABLES = ("parties", "signatures", "articles")
FILES = (
    *(f"seeds/{p.name}" for p in sorted(SEEDS.glob("*.txt"))),
    *(
        f"corpus/{p.name}"
        for p in sorted(CORPUS.glob("*"))
        if p.suffix in {".pdf", ".txt"} and not p.name.startswith(("scan_", "mixed_"))  # OCR: bench only
    ),
)
# Layouts the rules do not read yet, each with what goes wrong (strict: fixing one shows here).
KNOWN: dict[tuple[str, str, str], str] = {}


def _path(name: str) -> tuple[Path, Path]:
    folder, file = name.split("/", 1)
    root = SEEDS if folder == "seeds" else CORPUS
    return root / file, root


@functools.lru_cache(maxsize=4)
def _extracted(name: str) -> SourceFile:
    extract = pytest.importorskip("extract")
    path, root = _path(name)
    if not path.is_file():
        pytest.skip(f"{name} absent")
    return extract.read_file(path, root)


def _rows(source: SourceFile) -> Rows:
    from ctg.normalize import normalize_file
    from ctg.segment import segment_file

    return layout_rows(segment_file(normalize_file(source)))


@functools.lru_cache(maxsize=4)
def _baseline(name: str) -> Rows:
    return _rows(_extracted(name))


@functools.lru_cache(maxsize=64)
def _under(name: str, transform: str) -> Rows:
    return _rows(transformed(_extracted(name), TRANSFORMS[transform]))


def _cases() -> list[object]:
    cases: list[object] = []
    for name in FILES:
        for transform in TRANSFORMS:
            for table in TABLES:
                reason = KNOWN.get((name, transform, table))
                marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
                cases.append(
                    pytest.param(name, transform, table, marks=marks, id=f"{name}-{transform}-{table}")
                )
    return cases


@pytest.mark.skipif(not FILES, reason="no seeds and no corpus")
@pytest.mark.parametrize(("name", "transform", "table"), _cases())
def test_rows_do_not_depend_on_the_layout(name: str, transform: str, table: str) -> None:
    want = _baseline(name)[table]
    got = _under(name, transform)[table]
    tolerant = transform in NOISY
    assert same_rows(got, want, tolerant), differences(got, want, tolerant)


def test_the_baseline_has_rows_to_compare() -> None:
    """The property is not empty: the files give parties, signatures and articles to begin with."""
    if not FILES:
        pytest.skip("no seeds and no corpus")
    totals = {table: sum(len(_baseline(name)[table]) for name in FILES) for table in TABLES}
    assert all(count > 10 for count in totals.values()), totals


def test_the_transforms_change_the_lines() -> None:
    """Each transform really gives another layout of the same words (else the property is void)."""
    name = next((n for n in FILES if n.startswith("corpus/") and n.endswith(".pdf")), None)
    if name is None:
        pytest.skip("corpus absent")
    source = _extracted(name)
    before = [line.text for page in source.pages for line in page.lines]
    for key, transform in TRANSFORMS.items():
        after = [line.text for page in transformed(source, transform).pages for line in page.lines]
        assert after != before, key
        if key not in NOISY:
            assert " ".join(after).split() == " ".join(before).split(), key
