"""Benchmark of the dedupe stage on generated runs with planted copies and look-alikes.

    .venv/bin/python bench/dedupe.py                      # 1,000 and 10,000 documents, 2 workers
    .venv/bin/python bench/dedupe.py --sizes 500 --method ensemble
    .venv/bin/python bench/dedupe.py --routes [--verbose]     # copies of real texts by route

--routes: the seeds, the corpus documents (the scanned ones also by their OCR reading, cached in
$CTG_BENCH_CACHE) and the real files (born-digital ones by their text layer, scanned ones by the
reference OCR of tests/segment/real_ocr), each planted by every route of
evaluation/dedupe_routes.py (exact, re-wrapped at 40/70/100 columns with hyphenation, paragraphs
joined, OCR damage at 2 % and 5 %, truncated, bundled) beside its look-alikes (another territory,
sitting, year); pairwise precision and recall by kind.

Prints three tables: precision/recall of copy pairs by planted kind, the bundle and version
links, and time/memory per run size. The map step (build a document, then `dedupe.digest`)
runs in a pool of --workers processes, as the pipeline runs it; building the generated
document is timed apart, since in a real run segment does that. The reduce step
(`dedupe.find_duplicates`) runs once in this process; its peak memory is measured with
tracemalloc in a second, separate pass so that tracing does not slow the timed one.
"""

from __future__ import annotations

import argparse
import os
import pickle
import resource
import statistics
import sys
import time
import tracemalloc
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import evaluation.dedupe_scoring as scoring
import evaluation.dedupe_synthetic as synthetic
from ctg.core.model import DedupeResult, DocumentDigest
from ctg.dedupe import digest, find_duplicates, sketch
from ctg.dedupe.candidates import Method
from ctg.dedupe.text_norm import tokens
from evaluation import dedupe_routes as routes

REPO = Path(__file__).resolve().parent.parent


def _shared(name: str) -> Path:
    """A folder of the shared data: $CTG_<NAME>, else shared/<name> beside the first parent of the
    checkout that has one (a worktree sits one level deeper than the main checkout)."""
    if os.environ.get(f"CTG_{name.upper()}"):
        return Path(os.environ[f"CTG_{name.upper()}"])
    found = [p / "shared" / name for p in REPO.parents if (p / "shared" / name).is_dir()]
    return found[0] if found else REPO.parent / "shared" / name


SEEDS = _shared("seeds")
CHUNK = 100  # specs per map task


@dataclass(slots=True)
class MapStats:
    build_cpu: float = 0.0
    digest_cpu: float = 0.0
    worker_peak_mb: float = 0.0


@dataclass(slots=True)
class Run:
    n: int
    specs: list[synthetic.DocSpec]
    result: DedupeResult
    map_wall: float
    stats: MapStats
    reduce_s: float
    reduce_cpu: float
    reduce_peak_mb: float
    digest_bytes: float


def _map_chunk(specs: list[synthetic.DocSpec], seeds: Path | None) -> tuple[list[DocumentDigest], MapStats]:
    stats = MapStats()
    digests = []
    for spec in specs:
        t0 = time.process_time()
        planted = synthetic.build(spec, seeds)
        t1 = time.process_time()
        digests.append(digest(planted.doc, quality=planted.quality, repairs=planted.repairs))
        stats.build_cpu += t1 - t0
        stats.digest_cpu += time.process_time() - t1
    stats.worker_peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return digests, stats


def map_step(
    specs: list[synthetic.DocSpec], seeds: Path | None, workers: int
) -> tuple[list, MapStats, float]:
    chunks = [specs[i : i + CHUNK] for i in range(0, len(specs), CHUNK)]
    stats = MapStats()
    digests: list[DocumentDigest] = []
    t0 = time.perf_counter()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for part, s in pool.map(_map_chunk, chunks, [seeds] * len(chunks)):
            digests.extend(part)
            stats.build_cpu += s.build_cpu
            stats.digest_cpu += s.digest_cpu
            stats.worker_peak_mb = max(stats.worker_peak_mb, s.worker_peak_mb)
    return digests, stats, time.perf_counter() - t0


def run(n: int, seed: int, seeds: Path | None, workers: int, method: Method) -> Run:
    specs = synthetic.corpus(n, seed=seed)
    digests, stats, map_wall = map_step(specs, seeds, workers)
    t0, c0 = time.perf_counter(), time.process_time()
    result = find_duplicates(digests, method=method)
    reduce_s, reduce_cpu = time.perf_counter() - t0, time.process_time() - c0
    tracemalloc.start()
    find_duplicates(digests, method=method)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    size = statistics.mean(len(pickle.dumps(d)) for d in digests[:500])
    return Run(n, specs, result, map_wall, stats, reduce_s, reduce_cpu, peak, size)


def digest_ms_per_large_doc(seeds: Path | None, repeat: int = 20) -> tuple[float, float, int]:
    """Median time (ms) of the whole digest and of its shingling + sampling, for one full
    convention (the largest template, ~50 k characters)."""
    spec = synthetic.corpus(1, seed=1)[0]._replace(template="conv_a")
    doc = synthetic.build(spec, seeds).doc
    words = tokens(doc.text)
    whole, minhash = [], []
    for _ in range(repeat):
        # CPU time of this process: the figure a busy machine does not inflate
        t0 = time.process_time()
        digest(doc, quality=1.0, repairs=0)
        t1 = time.process_time()
        sketch.sample_of(sketch.shingle_hashes(words))
        whole.append(t1 - t0)
        minhash.append(time.process_time() - t1)
    return statistics.median(whole) * 1000, statistics.median(minhash) * 1000, len(doc.text)


def print_quality(runs: list[Run]) -> None:
    print("\nCopy pairs by planted kind (a pair counts for the kinds of both its documents)")
    print(
        f"{'docs':>6} {'kind':<13} {'true pairs':>10} {'found':>7} {'correct':>8} {'prec.':>9} {'recall':>7}"
    )
    for r in runs:
        for s in scoring.copy_scores(r.specs, r.result):
            row = f"{r.n:>6} {s.kind:<13} {s.truth:>10} {s.predicted:>7} {s.correct:>8}"
            print(f"{row} {s.precision:>9.4f} {s.recall:>7.4f}")
    print("\nRelations (bundle -> contained, draft/avenant -> version)")
    print(f"{'docs':>6} {'relation':<10} {'planted':>8} {'found':>6} {'links':>6} {'prec.':>9} {'recall':>7}")
    for r in runs:
        for s in scoring.relation_scores(r.specs, r.result):
            row = f"{r.n:>6} {s.relation:<10} {s.planted:>8} {s.found:>6} {s.links:>6}"
            print(f"{row} {s.precision:>9.4f} {s.recall:>7.4f}")


def print_scale(runs: list[Run], workers: int) -> None:
    print(f"\nTime and memory ({workers} worker processes for the map step)")
    head = (
        f"{'docs':>6} {'digest cpu s':>12} {'digest wall s*':>14} {'reduce s':>8} {'reduce cpu s':>12} "
        f"{'dedupe s**':>10} "
        f"{'reduce peak MB':>14} {'worker RSS MB':>13} {'digest kB':>9} {'map wall s':>10} {'gen cpu s':>9}"
    )
    print(head)
    for r in runs:
        digest_wall = r.stats.digest_cpu / workers
        print(
            f"{r.n:>6} {r.stats.digest_cpu:>12.1f} {digest_wall:>14.1f} {r.reduce_s:>8.1f} "
            f"{r.reduce_cpu:>12.1f} "
            f"{digest_wall + r.reduce_s:>10.1f} {r.reduce_peak_mb:>14.1f} {r.stats.worker_peak_mb:>13.0f} "
            f"{r.digest_bytes / 1024:>9.1f} {r.map_wall:>10.1f} {r.stats.build_cpu:>9.1f}"
        )
    print(f"*  digest cpu / {workers} workers   ** digest wall* + reduce: the dedupe stage's own time")
    print("map wall s: pool wall time, generating the documents included (gen cpu s)")
    if len(runs) > 1:
        a, b = runs[0], runs[-1]
        growth = (
            f"growth {a.n} -> {b.n} docs (x{b.n / a.n:.0f}): reduce cpu x{b.reduce_cpu / a.reduce_cpu:.1f}"
        )
        print(f"{growth}, digest cpu x{b.stats.digest_cpu / a.stats.digest_cpu:.1f}")


# --- copies by route of real texts ------------------------------------------------------------

CORPUS = REPO / "corpus"
REAL = _shared("real")
REAL_OCR = REPO / "tests" / "segment" / "real_ocr"  # reference OCR text of the real set's scans
OCR_CACHE = Path(os.environ.get("CTG_BENCH_CACHE", "/tmp/ctg-bench-dedupe"))


def _read_pages(pdf: Path, ocr: str) -> list[str]:
    """The pages of a PDF as extract reads them (cached by content: OCR takes seconds a page)."""
    from ctg.extract import file_sha256, read_file
    from ctg.extract.options import ExtractOptions

    entry = OCR_CACHE / f"{file_sha256(pdf)}-{ocr}.txt"
    if entry.is_file():
        return entry.read_text(encoding="utf-8").split("\f")
    source = read_file(pdf, pdf.parent, ExtractOptions(ocr=ocr))  # type: ignore[arg-type]
    pages = ["\n".join(line.text for line in page.lines) for page in source.pages]
    OCR_CACHE.mkdir(parents=True, exist_ok=True)
    entry.write_text("\f".join(pages), encoding="utf-8")
    return pages


def _span(pages: list[str], first: int, last: int) -> str:
    return "\n".join(pages[first - 1 : last])


def route_sources(seeds: Path | None) -> list[routes.Source]:
    """Real texts: the seeds, the corpus documents (with the OCR reading of the scanned ones), the
    born-digital real files by their text layer and the scanned real files by their reference OCR."""
    sources: list[routes.Source] = []
    if seeds is not None:
        kinds = {"000_": "convention", "002_": "deliberation", "003_": "deliberation", "004_": "convention"}
        for prefix, kind in kinds.items():
            for path in sorted(seeds.glob(f"{prefix}*.txt"))[:1]:
                sources.append(routes.Source(f"seed{prefix[:3]}", kind, path.read_text(encoding="utf-8")))
        for path in sorted(seeds.glob("001_*.txt"))[:1]:
            sources.append(
                routes.Source("seed001", "convention", synthetic.split_copies(path.read_text("utf-8"))[0])
            )
    from ctg.corpus.truth import iter_truth

    for path, truth in iter_truth(CORPUS):
        scanned = {p.page for p in truth.pages if p.scanned}
        read = _read_pages(path, "auto") if scanned and path.suffix == ".pdf" else []
        texts = [p.text for p in truth.pages]
        for k, doc in enumerate(truth.documents):
            if doc.copy_of is not None:
                continue  # the file's own repeated copy: the same group as its first
            first, last = doc.page_start, doc.page_end
            ocr = _span(read, first, last) if read and scanned & set(range(first, last + 1)) else ""
            sources.append(routes.Source(f"corpus:{path.stem}#{k}", doc.kind, _span(texts, first, last), ocr))
    if REAL.is_dir():
        import json

        for gold_path in sorted(REAL.glob("*.gold.json")):
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            stem = gold_path.name.removesuffix(".gold.json")
            born_digital = (
                all(p["kind"] != "scan" for p in gold["pages"]) and (REAL / f"{stem}.pdf").is_file()
            )
            ocr_file = REAL_OCR / f"{stem}.txt"
            if born_digital and not any(p["kind"] == "mixed" for p in gold["pages"][:1]):
                pages = _read_pages(REAL / f"{stem}.pdf", "never")
            elif ocr_file.is_file():
                pages = ocr_file.read_text(encoding="utf-8").split("\f")
            else:
                continue
            for k, doc in enumerate(gold["documents"]):
                text = _span(pages, doc["page_start"], doc["page_end"])
                if text.strip():
                    sources.append(routes.Source(f"real:{stem}#{k}", doc["kind"], text))
    return sources


def _territories(seeds: Path | None) -> dict[str, tuple[str, str]]:
    tpls = synthetic.templates(seeds)
    return {
        f"{name}@{territory}": (tpls[name].kind, synthetic.fill(tpls[name], territory, 2026, 2030))
        for name in ("conv_a", "conv_b", "delib")
        for territory in (11, 12)
    }


def route_run(seeds: Path | None, verbose: bool) -> None:
    started = time.perf_counter()
    sources = route_sources(seeds)
    planted = routes.plant(sources, routes.carriers()) + routes.territory_lookalikes(_territories(seeds))
    digests = [digest(routes.document(p), quality=p.quality, repairs=0) for p in planted]
    built = time.perf_counter() - started
    result = find_duplicates(digests)
    print(f"\nCopies by route of {len(sources)} real texts and their look-alikes: {len(planted)} documents")
    print(f"(built and digested in {built:.1f} s, reduce {time.perf_counter() - started - built:.1f} s)")
    print(f"{'kind':<20} {'true pairs':>10} {'linked':>7} {'correct':>8} {'prec.':>7} {'recall':>7}")
    for s in routes.kind_scores(planted, result):
        print(
            f"{s.kind:<20} {s.truth:>10} {s.predicted:>7} {s.correct:>8} {s.precision:>7.3f} {s.recall:>7.3f}"
        )
    if verbose:
        group = {p.doc_id: p.group for p in planted}
        pairs = routes.linked_pairs(result)
        wrong = sorted(x for x in pairs if group[x[0]] != group[x[1]])
        print(f"\nlinked across groups ({len(wrong)}):", *wrong[:40], sep="\n  ")
        truth = {
            (a.doc_id, b.doc_id)
            for a in planted
            for b in planted
            if a.group == b.group and a.doc_id < b.doc_id
        }
        print(f"\nmissed ({len(truth - pairs)}):", *sorted(truth - pairs)[:60], sep="\n  ")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--method", choices=["hybrid", "lsh", "ensemble"], default="hybrid")
    parser.add_argument("--builtin-templates", action="store_true", help="ignore the seeds folder")
    parser.add_argument("--routes", action="store_true", help="copies by route of real texts only")
    parser.add_argument(
        "--verbose", action="store_true", help="with --routes: the pairs linked wrongly or missed"
    )
    args = parser.parse_args()
    seeds = None if args.builtin_templates or not SEEDS.is_dir() else SEEDS
    if args.routes:
        route_run(seeds, args.verbose)
        return
    ms, minhash_ms, chars = digest_ms_per_large_doc(seeds)
    print(f"templates: {'seeds in ' + str(seeds) if seeds else 'built-in'}; candidate method: {args.method}")
    print(f"digest of one convention of {chars:,} characters: {ms:.1f} ms cpu (median of 20)", end="")
    print(f", of which shingling + sampling {minhash_ms:.1f} ms")
    runs = [run(n, args.seed, seeds, args.workers, args.method) for n in args.sizes]
    print_quality(runs)
    print_scale(runs, args.workers)


if __name__ == "__main__":
    main()
