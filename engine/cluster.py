"""The Dask engine: the same units of work on a Dask distributed cluster.

`--engine dask --scheduler tcp://HOST:8786` uses an existing cluster (its workers need this
package installed and Tesseract with French); `--engine dask` alone starts a LocalCluster of
`--jobs` single-threaded worker processes. Dask's own scheduler does the work: the map is
expressed as futures (plan → per-page OCR → finish), nothing is scheduled by hand here.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack

from ctg.core.model import FileResult, Page
from ctg.engine import work
from ctg.engine.options import RunOptions, Task


def run_dask(tasks: list[Task], options: RunOptions) -> Iterator[FileResult]:
    import logging

    from dask.distributed import Client, LocalCluster, as_completed

    logging.getLogger("distributed").setLevel(logging.ERROR)  # the console is the pipeline's
    with ExitStack() as stack:
        if options.scheduler:
            client = stack.enter_context(Client(options.scheduler))
        else:
            cluster = stack.enter_context(
                LocalCluster(
                    n_workers=options.jobs,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
            )
            client = stack.enter_context(Client(cluster))
        futures = as_completed(client.map(work.plan, tasks, options=options, pure=False))
        for future in futures:
            outcome = future.result()
            if isinstance(outcome, FileResult):
                yield outcome
                continue
            pages = client.map(ocr_on_worker, work.ocr_jobs(outcome), options=options, pure=False)
            futures.add(client.submit(work.finish, outcome, pages, options, pure=False))


def ocr_on_worker(job: work.OcrJob, options: RunOptions) -> tuple[Page, float]:
    """One page's OCR on a Dask worker. While another task reads the same picture, this one
    waits outside the worker's thread pool (secede), so the worker runs other tasks meanwhile."""
    return work.ocr_patiently(job, options, pause=_pause_seceded)


def _pause_seceded(seconds: float) -> None:
    import time

    from dask.distributed import rejoin, secede

    secede()
    time.sleep(seconds)
    rejoin()
