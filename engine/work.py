"""The units of work of the map step, each a plain function any engine can run anywhere.

plan(task)            → a finished FileResult (cached, text only, or failed), or a plan with
                        the pages still to OCR
ocr(job)              → one OCRed page (the unit that spreads a long scan over every core), its
                        picture's reading reused from the page cache when the picture was met
                        before; or `Waiting` when another job is reading the same picture now
finish(plan, pages)   → the FileResult: pages completed, normalize → segment → resolve →
                        dedupe digest, stored in the cache, then prepared for the run (its rows
                        and texts made in the worker)
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ctg.core.model import READ_STATUSES, Document, FileResult, Page, SourceFile
from ctg.engine import cache
from ctg.engine.options import PIPELINE_VERSION, RunOptions, Task
from ctg.engine.page_cache import Busy, CachedReader, PageStore
from ctg.extract import ExtractPlan, complete, file_sha256, ocr_file_page, plan_file


@dataclass(frozen=True, slots=True)
class OcrJob:
    """Just what a worker needs to OCR one page (not the whole plan)."""

    path: str
    file: str
    page: int
    reason: str


@dataclass(frozen=True, slots=True)
class Waiting:
    """An OCR job put off: page `page` of `file` shows the same picture and is being read."""

    job: OcrJob
    file: str
    page: int


WAIT_SECONDS = 0.5  # how often a job that waits looks again


def plan(task: Task, options: RunOptions) -> FileResult | ExtractPlan:
    try:
        sha = file_sha256(task.path)
    except OSError:
        sha = None  # plan_file reports the error
    entry = cache.cache_path(options, sha) if sha and options.use_cache else None
    if entry is not None:
        cached = cache.load(entry)
        if cached is not None:
            cached = cache.as_file(cached, task.file)
            cached.cached = True
            return prepare(cached)
    extracted = plan_file(task.path, task.root, options.extract, sha256=sha)
    return finish(extracted, [], options) if not extracted.ocr_pages else extracted


def ocr_jobs(extracted: ExtractPlan) -> list[OcrJob]:
    pages = extracted.source.pages
    return [
        OcrJob(str(extracted.path), extracted.source.file, n, pages[n - 1].reason)
        for n in extracted.ocr_pages
    ]


def page_store(options: RunOptions) -> PageStore | None:
    if not (options.use_cache and options.page_cache):
        return None
    context = f"{PIPELINE_VERSION} {options.extract.ocr_lang}"  # what else shapes a reading
    stale = options.item_timeout or options.extract.ocr_timeout * 10
    return PageStore(options.page_cache_dir, context, options.page_cache_mb << 20, stale)


def ocr(job: OcrJob, options: RunOptions) -> tuple[Page, float] | Waiting:
    started = time.perf_counter()
    store = page_store(options)
    reader = CachedReader(store, job.file, job.page) if store is not None else None
    try:
        page = ocr_file_page(
            Path(job.path), job.file, job.page, options.extract, job.reason, reader.read if reader else None
        )
    except Busy as busy:
        return Waiting(job, busy.file, busy.page)
    page.read_from = reader.reused if reader is not None else None
    return page, time.perf_counter() - started


def ocr_patiently(
    job: OcrJob, options: RunOptions, pause: Callable[[float], None] = time.sleep
) -> tuple[Page, float]:
    """`ocr`, waiting while the same picture is read by another job (then reusing its reading)."""
    while True:
        outcome = ocr(job, options)
        if not isinstance(outcome, Waiting):
            return outcome
        pause(WAIT_SECONDS)


def finish(extracted: ExtractPlan, ocred: list[tuple[Page, float]], options: RunOptions) -> FileResult:
    source = complete(extracted, [page for page, _ in ocred], sum(seconds for _, seconds in ocred))
    result = analyse(source)
    if options.use_cache and source.status == "ok":
        cache.store(cache.cache_path(options, source.sha256), result)
    return prepare(result)


def prepare(result: FileResult) -> FileResult:
    """Rows and texts made here, in the worker; what the run does not need is dropped before the
    result is sent, so the run's process neither rebuilds rows nor holds any file's lines (resolve
    read what the audit needs of them): its memory grows by a few kB per document."""
    from ctg.export.tables import file_rows
    from ctg.export.texts import text_outputs

    result.rows = {table: list(rows) for table, rows in file_rows(result).items()}
    result.texts = text_outputs(result)
    for page in result.source.pages:
        page.lines = []
    result.source.repairs = []
    for doc in result.documents:
        doc.lines = []
    return result


def analyse(source: SourceFile) -> FileResult:
    """Normalize → segment → resolve → digest. A stage that fails keeps what came before it."""
    if source.status not in READ_STATUSES:
        return FileResult(source=source)
    from ctg.dedupe import digest
    from ctg.normalize import normalize_file
    from ctg.resolve.document import resolve_document
    from ctg.segment import segment_file

    clean = source
    documents: list[Document] = []
    stage = "normalize"
    try:
        clean = normalize_file(source)
        stage = "segment"
        documents = segment_file(clean)
        stage = "resolve"
        documents = [resolve_document(doc) for doc in documents]
        stage = "dedupe digest"
        digests = [digest(doc, **_rank(clean, doc)) for doc in documents]
    except Exception as error:  # a bug met on one file is reported on that file, not fatal
        clean.error = f"partial: {stage} failed: {type(error).__name__}: {error}"
        return FileResult(source=clean, documents=documents if stage != "resolve" else [])
    return FileResult(source=clean, documents=documents, digests=digests)


def _rank(source: SourceFile, doc: Document) -> dict[str, float | int]:
    """What makes one copy better than another: read quality of its pages, repairs needed."""
    last = doc.span.page_end or doc.span.page
    pages = [p for p in source.pages if doc.span.page <= p.number <= last]
    quality = sum(p.quality for p in pages) / len(pages) if pages else 0.0
    repairs = sum(1 for r in source.repairs if doc.span.page <= r.page <= last)
    return {"quality": round(quality, 3), "repairs": repairs}
