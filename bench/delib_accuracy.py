"""Precision / recall / F1 per field of deliberations and stamps, on the seeds and the generated corpus.

Seeds: tests/segment/truth_delib/*.json against /work/shared/seeds (or $CTG_SEEDS), markup stripped.
Corpus: corpus/truth/*.json, parsing the text the truth records for each page (so this measures
the parsers, not extraction), then on that text with normalize.synthetic_damage's OCR damage
(accents read as ¢ €, ç as g …; names damaged count as misses). INSEE codes are filled by
resolve, so they score zero recall here.

    .venv/bin/python bench/delib_accuracy.py
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from ctg.core.model import Line  # noqa: E402
from ctg.segment.deliberations import parse_deliberation  # noqa: E402
from ctg.segment.stamps import find_stamps  # noqa: E402
from evaluation.deliberation_scoring import Scores, merge, score_deliberation, score_stamps, table  # noqa: E402

SEEDS = Path(os.environ.get("CTG_SEEDS", REPO.parent / "shared" / "seeds"))
MARKUP = re.compile(r"\*\*|</?u>|\^\{([^}]*)\}|\\(?=\S)")


def _seed_lines(name: str) -> list[Line]:
    text = (SEEDS / name).read_text(encoding="utf-8")
    return [
        Line(text=MARKUP.sub(lambda m: m.group(1) or "", raw).replace("’", "'"), page=1, number=n, raw=raw)
        for n, raw in enumerate(text.split("\n"), start=1)
    ]


def seeds() -> tuple[list[Scores], list[Scores]]:
    delib, stamps = [], []
    for path in sorted((REPO / "tests" / "segment" / "truth_delib").glob("*.json")):
        truth = json.loads(path.read_text(encoding="utf-8"))
        if not (SEEDS / truth["file"]).is_file():
            continue
        lines = _seed_lines(truth["file"])
        stamps.append(
            score_stamps(
                find_stamps(lines, truth["file"]),
                truth["stamps"] + [s for d in truth["documents"] for s in d["stamps"]],
            )
        )
        for document in truth["documents"]:
            if document["kind"] == "deliberation":
                own = [
                    line for line in lines if document["line_start"] <= line.number <= document["line_end"]
                ]
                delib.append(
                    score_deliberation(parse_deliberation(own, truth["file"]), document["deliberation"])
                )
    return delib, stamps


def corpus(damage_seeds: tuple[int, ...] = ()) -> tuple[list[Scores], list[Scores]]:
    """Scores on the corpus truth text; with `damage_seeds`, on that text OCR-damaged once per seed."""
    if not (REPO / "corpus" / "truth").is_dir():
        return [], []
    from ctg.corpus.truth import iter_truth
    from evaluation.synthetic_damage import damage

    delib, stamps = [], []
    truths = [truth for _, truth in iter_truth(REPO / "corpus")]
    for truth, seed in [(truth, seed) for truth in truths for seed in damage_seeds or (None,)]:
        pages = {
            page.page: [
                Line(text=t, page=page.page, number=n)
                for n, t in enumerate((page.text if seed is None else damage(page.text, seed)).split("\n"), 1)
            ]
            for page in truth.pages
        }
        found = [stamp for lines in pages.values() for stamp in find_stamps(lines, truth.file)]
        stamps.append(score_stamps(found, truth.stamps or [s for d in truth.documents for s in d.stamps]))
        for document in truth.documents:
            if document.kind == "deliberation":
                lines = [line for n in range(document.page_start, document.page_end + 1) for line in pages[n]]
                delib.append(score_deliberation(parse_deliberation(lines, truth.file), document.deliberation))
    return delib, stamps


def show(title: str, scores: list[Scores]) -> None:
    print(f"\n{title} ({len(scores)} scored)")
    print(f"{'field':<16}{'tp':>5}{'fp':>5}{'fn':>5}{'P':>8}{'R':>8}{'F1':>8}")
    for field, tp, fp, fn, precision, recall, f1 in table(merge(scores)):
        print(f"{field:<16}{tp:>5}{fp:>5}{fn:>5}{precision:>8.3f}{recall:>8.3f}{f1:>8.3f}")


def main() -> None:
    sources = (
        ("seeds", seeds),
        ("corpus", corpus),
        ("corpus OCR-damaged x5", lambda: corpus(tuple(range(5)))),
    )
    for name, source in sources:
        start = time.perf_counter()
        delib, stamps = source()
        seconds = time.perf_counter() - start
        show(f"{name}: deliberations", delib)
        show(f"{name}: stamps", stamps)
        print(f"{name}: {seconds:.2f} s")


if __name__ == "__main__":
    main()
