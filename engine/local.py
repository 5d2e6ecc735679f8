"""The local engine: one process pool, work split per file and per OCR page.

Why a small scheduler of our own over the pool: a file's OCR pages are only known once its
text layer is read, and priorities matter (finishing a file frees memory; text-layer pages
must not wait behind OCR). Items are taken from a priority heap, at most `jobs + 1` in
flight, so a queue of scans never delays a born-digital file by more than one page.
A worker that dies (segfault, out of memory) breaks the pool: it is replaced and the items
that were in flight are retried one at a time, so only the culprit is reported as failed. An
item running past the time budget (`--item-timeout`) is stopped the same way and reported
without a retry: a page as unreadable, a file as failed.
"""

from __future__ import annotations

import heapq
import itertools
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

from ctg.core.model import FileResult, Page, SourceFile
from ctg.engine import work
from ctg.engine.lifetime import die_with_parent
from ctg.engine.options import RunOptions, Task
from ctg.extract import ExtractPlan

FINISH, PLAN, OCR = 0, 1, 2  # priorities: lower runs first
MAX_ATTEMPTS = 2
POLL_SECONDS = 1.0  # how often running items are checked against the time budget


def _kill_workers(pool: ProcessPoolExecutor) -> None:
    # ProcessPoolExecutor cannot cancel a running task: killing its workers breaks the pool,
    # which the scheduler already survives (the items in flight are retried or reported).
    for process in list(getattr(pool, "_processes", {}).values()):
        process.kill()


@dataclass(slots=True)
class Pending:
    """A file whose OCR pages are under way."""

    plan: ExtractPlan
    waiting: int
    pages: list[tuple[Page, float]] = field(default_factory=list)


@dataclass(order=True, slots=True)
class Item:
    priority: int
    order: int
    kind: int = field(compare=False)
    key: str = field(compare=False)  # the task's file name
    payload: object = field(compare=False)
    attempts: int = field(default=0, compare=False)
    started: float = field(default=0.0, compare=False)  # monotonic time of submission


def run_sequential(tasks: list[Task], options: RunOptions) -> Iterator[FileResult]:
    for task in tasks:
        planned = work.plan(task, options)
        if isinstance(planned, FileResult):
            yield planned
        else:
            pages = [work.ocr_patiently(job, options) for job in work.ocr_jobs(planned)]
            yield work.finish(planned, pages, options)


def run_pool(tasks: list[Task], options: RunOptions) -> Iterator[FileResult]:
    if options.jobs <= 1:
        yield from run_sequential(tasks, options)
        return
    yield from _Scheduler(tasks, options).results()


class _Scheduler:
    def __init__(self, tasks: list[Task], options: RunOptions) -> None:
        self.options = options
        self.counter = itertools.count()
        self.heap: list[Item] = []
        self.pending: dict[str, Pending] = {}
        self.in_flight: dict[Future[object], Item] = {}
        # OCR items waiting for the page (file, number) that shows the same picture to be read;
        # under None, those whose reader is not one of ours: looked at again after any item.
        self.parked: dict[tuple[str, int] | None, list[Item]] = {}
        for task in tasks:
            self._push(PLAN, task.file, task)

    def _push(
        self, kind: int, key: str, payload: object, attempts: int = 0, order: int | None = None
    ) -> None:
        order = next(self.counter) if order is None else order
        heapq.heappush(self.heap, Item(kind, order, kind, key, payload, attempts))

    def _submit(self, pool: ProcessPoolExecutor, item: Item) -> Future[object]:
        function: Callable[..., object]
        if item.kind == PLAN:
            function, args = work.plan, (item.payload, self.options)
        elif item.kind == OCR:
            function, args = work.ocr, (item.payload, self.options)
        else:
            function, args = (
                work.finish,
                (self.pending[item.key].plan, self.pending[item.key].pages, self.options),
            )
        return pool.submit(function, *args)

    def results(self) -> Iterator[FileResult]:
        limit = self.options.jobs + 1
        while self.heap:
            pool = ProcessPoolExecutor(max_workers=self.options.jobs, initializer=die_with_parent)
            in_flight: dict[Future[object], Item] = {}
            self.in_flight = in_flight
            try:
                while self.heap or in_flight:
                    self._fill(pool, in_flight, limit)
                    done, _ = wait(in_flight, timeout=POLL_SECONDS, return_when=FIRST_COMPLETED)
                    if not done and self._overdue(in_flight):
                        _kill_workers(pool)  # the only way to stop a task in a process pool
                        raise BrokenProcessPool("time budget exceeded")
                    for future in done:
                        if isinstance(future.exception(), BrokenProcessPool):
                            raise BrokenProcessPool("a worker process died")
                        yield from self._handle(in_flight.pop(future), future)
                    if not in_flight and not self.heap:
                        self._unpark(None)  # nothing left that could release them
            except BrokenProcessPool:
                overdue = self._overdue(in_flight)
                budget = self.options.item_timeout
                for item in in_flight.values():
                    if item in overdue:  # not retried: it would only take the budget again
                        yield from self._retry(item, f"took more than {budget:.0f} s", retry=False)
                    else:
                        yield from self._retry(item, "a worker process died")
            finally:
                pool.shutdown(wait=False, cancel_futures=True)

    def _overdue(self, in_flight: dict[Future[object], Item]) -> list[Item]:
        """Items running past the time budget (a queued item's clock starts at submission)."""
        now = time.monotonic()
        budget = self.options.item_timeout
        return [item for item in in_flight.values() if budget and now - item.started > budget]

    def _fill(self, pool: ProcessPoolExecutor, in_flight: dict[Future[object], Item], limit: int) -> None:
        """Submit by priority; an item retried after a crash runs alone, so the culprit is known."""
        while self.heap and len(in_flight) < limit:
            if any(item.attempts for item in in_flight.values()):
                return
            if self.heap[0].attempts and in_flight:
                return  # drain first
            item = heapq.heappop(self.heap)
            item.started = time.monotonic()
            in_flight[self._submit(pool, item)] = item

    def _handle(self, item: Item, future: Future[object]) -> Iterator[FileResult]:
        error = future.exception()
        if error is not None:
            yield from self._retry(item, f"{type(error).__name__}: {error}", retry=False)
            return
        outcome = future.result()
        if item.kind == PLAN:
            yield from self._planned(item.key, outcome)  # type: ignore[arg-type]
        elif isinstance(outcome, work.Waiting):
            self._park(item, outcome)
        elif item.kind == OCR:
            self._ocred(item.key, outcome)  # type: ignore[arg-type]
        else:
            del self.pending[item.key]
            yield outcome  # type: ignore[misc]

    def _planned(self, key: str, outcome: FileResult | ExtractPlan) -> Iterator[FileResult]:
        if isinstance(outcome, FileResult):
            yield outcome
            return
        jobs = work.ocr_jobs(outcome)
        self.pending[key] = Pending(plan=outcome, waiting=len(jobs))
        for job in jobs:
            self._push(OCR, key, job)

    def _park(self, item: Item, waiting: work.Waiting) -> None:
        """Hold an OCR item until the page showing its picture is read: then it reuses the reading."""
        reader = (waiting.file, waiting.page)
        ours = any(other.kind == OCR and _page_of(other) == reader for other in self.in_flight.values())
        self.parked.setdefault(reader if ours else None, []).append(item)

    def _unpark(self, reader: tuple[str, int] | None) -> None:
        for item in self.parked.pop(reader, []):
            self._push(item.kind, item.key, item.payload, item.attempts, order=item.order)

    def _ocred(self, key: str, outcome: tuple[Page, float]) -> None:
        page = outcome[0]
        self._unpark((page.file, page.number))
        self._unpark(None)
        state = self.pending[key]
        state.pages.append(outcome)
        state.waiting -= 1
        if state.waiting == 0:
            self._push(FINISH, key, None)

    def _retry(self, item: Item, reason: str, retry: bool = True) -> Iterator[FileResult]:
        if item.kind == OCR:  # its claim on the picture is gone with it: the waiting may take it
            self._unpark(_page_of(item))
        if retry and item.attempts + 1 < MAX_ATTEMPTS:
            self._push(item.kind, item.key, item.payload, item.attempts + 1)
            return
        if item.kind == OCR:
            job: work.OcrJob = item.payload  # type: ignore[assignment]
            failed = Page(
                file=job.file, number=job.page, method="ocr", quality=0.0, reason=f"OCR failed: {reason}"
            )
            self._ocred(item.key, (failed, 0.0))
            return
        state = self.pending.pop(item.key, None)
        sha = state.plan.source.sha256 if state is not None else ""
        yield FileResult(source=SourceFile(file=item.key, sha256=sha, bytes=0, status="error", error=reason))


def _page_of(item: Item) -> tuple[str, int]:
    job: work.OcrJob = item.payload  # type: ignore[assignment]
    return job.file, job.page
