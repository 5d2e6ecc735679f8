"""The units of work of the map step, each a plain function any engine can run anywhere.

plan(task)            → a finished FileResult (cached, text only, or failed), or a plan with
                        the pages still to OCR
ocr(job)              → one OCRed page (the unit that spreads a long scan over every core)
finish(plan, pages)   → the FileResult: pages completed, normalize → segment → resolve →
                        dedupe digest, stored in the cache, then prepared for the run (its rows
                        and texts made in the worker)
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from ctg.core.model import READ_STATUSES, Document, FileResult, Page, SourceFile
from ctg.engine import cache
from ctg.engine.options import RunOptions, Task
from ctg.extract import ExtractPlan, complete, file_sha256, ocr_file_page, plan_file


@dataclass(frozen=True, slots=True)
class OcrJob:
    """Just what a worker needs to OCR one page (not the whole plan)."""

    path: str
    file: str
    page: int
    reason: str


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


def ocr(job: OcrJob, options: RunOptions) -> tuple[Page, float]:
    started = time.perf_counter()
    page = ocr_file_page(Path(job.path), job.file, job.page, options.extract, job.reason)
    return page, time.perf_counter() - started


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
