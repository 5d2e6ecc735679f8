"""What a run is asked to do; shared by every engine."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ctg.extract import ExtractOptions

# Bump when a stage changes what it produces: cached results of older versions are ignored.
PIPELINE_VERSION = "0.1.0-7"


@dataclass(frozen=True, slots=True)
class RunOptions:
    out: Path = Path("out")
    jobs: int = max(os.cpu_count() or 1, 1)
    use_cache: bool = True
    # Reuse the OCR reading of a page picture met before (engine/page_cache.py); needs use_cache.
    page_cache: bool = True
    page_cache_mb: int = 1024  # the page cache's bound: ~25,000 pages
    extract: ExtractOptions = field(default_factory=ExtractOptions)
    engine: str = "local"  # local | dask
    scheduler: str | None = None  # a Dask scheduler address; None starts a LocalCluster
    # Seconds one unit of work (reading a file's text, OCRing a page, analysing a file) may take
    # before it is stopped; 0 for no limit. OCR also has its own per-page timeout.
    item_timeout: float = 900.0
    # How the report reaches the inputs (a folder or URL its links start with); None: relative to out/.
    link_root: str | None = None
    # SIREN -> SIRET of the collectivités a user knows (--siret): the SCDL's COLL_SIRET, never guessed.
    sirets: tuple[tuple[str, str], ...] = ()

    @property
    def cache_dir(self) -> Path:
        return self.out / "cache"

    @property
    def page_cache_dir(self) -> Path:
        return self.cache_dir / "pages"


@dataclass(frozen=True, slots=True)
class Task:
    """One input file; `root` is the input folder its name is relative to."""

    path: Path
    root: Path

    @property
    def file(self) -> str:
        try:
            return self.path.relative_to(self.root).as_posix()
        except ValueError:
            return self.path.name
