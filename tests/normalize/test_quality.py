"""The stage's measured promises on real text: repair helps OCR and does not damage clean text."""

import re
from pathlib import Path

import pytest

from ctg.core.model import SourceFile
from ctg.normalize import Lexicon, normalize_file
from evaluation.synthetic_damage import damage
from evaluation.text_measure import cer, changed_share, lined, wer

from .helpers import seed, source_of_lines

CLEAN_SEEDS = ("000", "001", "002", "003")
MAX_CLEAN_CHANGE = 0.0005  # 0.05 % of characters
MIN_CER_REDUCTION = 0.4


@pytest.fixture(scope="module")
def clean_sources(seeds_dir: Path) -> dict[str, SourceFile]:
    return {prefix: normalize_file(seed(seeds_dir, prefix), ocr_repair=False) for prefix in CLEAN_SEEDS}


def _lexicon_without(prefix: str, clean_sources: dict[str, SourceFile]) -> Lexicon:
    """A domain lexicon learned from the other clean seeds, never from the text under test."""
    lexicon = Lexicon()
    for other, source in clean_sources.items():
        if other != prefix:
            lexicon.learn(source.lines)
    return lexicon


@pytest.mark.parametrize("prefix", CLEAN_SEEDS)
def test_forced_repair_leaves_clean_text_alone(prefix: str, seeds_dir: Path, clean_sources) -> None:
    lexicon = _lexicon_without(prefix, clean_sources)
    repaired = normalize_file(seed(seeds_dir, prefix), ocr_repair=True, lexicon=lexicon)
    before, after = clean_sources[prefix].pages[0].text, repaired.pages[0].text
    assert lined(changed_share, before, after) <= MAX_CLEAN_CHANGE
    for repair in (r for r in repaired.repairs if r.rule.startswith("ocr")):
        assert re.sub(r"\D", "", repair.before) == re.sub(r"\D", "", repair.after), repair
        assert not repair.before[:1].isupper(), repair  # no capitalised word, hence no name


@pytest.mark.parametrize("prefix", CLEAN_SEEDS)
def test_synthetic_ocr_damage_is_mostly_undone(prefix: str, clean_sources) -> None:
    reference = clean_sources[prefix].pages[0].text
    damaged = damage(reference, seed=7)
    repaired = (
        normalize_file(source_of_lines(damaged.split("\n")), lexicon=_lexicon_without(prefix, clean_sources))
        .pages[0]
        .text
    )
    raw_cer = lined(cer, reference, damaged)
    assert raw_cer > 0.003  # the damage is real
    assert lined(cer, reference, repaired) <= (1 - MIN_CER_REDUCTION) * raw_cer
    assert lined(wer, reference, repaired) < lined(wer, reference, damaged)


def test_normalize_keeps_every_line_with_its_provenance(seeds_dir: Path) -> None:
    source = seed(seeds_dir, "004")
    result = normalize_file(source)
    assert [(line.page, line.number, line.raw) for line in result.lines] == [
        (line.page, line.number, line.text) for line in source.lines
    ]
    assert source.repairs == [] and result.repairs  # the input is not modified


def test_failed_file_passes_through() -> None:
    failed = SourceFile(file="broken.pdf", sha256="", bytes=0, status="error", error="corrupt")
    assert normalize_file(failed) is failed
