"""Readings of page pictures kept by their content, so each distinct page is OCRed once.

A scanned page's OCR reading is stored under its picture's keys (engine/page_key.py) in
`out/cache/pages/`, shared by every file of a run and by later runs, and bounded (least recently
used entries go first). A worker asks before it OCRs: the same picture (exact key) is reused
as it is, found from the exact key alone (no decoding, no perceptual hash: a copy costs a hash
of its JPEG file and a file read); a near one (perceptual hash close) only once verification
says it is the same page.

Only the picture's reading is shared: the text-layer lines and annotations of a page (a stamp
typed over the scan, a sticky note) are read on each page itself, so two otherwise identical
pages keep their own stamps.

Within a run, a worker about to OCR a page claims it (a file under `claims/`); a worker meeting
a claim on the same or a near page does not OCR it too but reports `Busy`, and its engine runs
it again once the holder is done, when it finds the reading stored.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
import socket
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ctg.engine.page_key import (
    NEAR_BITS,
    PageKey,
    Signature,
    exact_key,
    fingerprint,
    laid_over,
    near,
    same_page,
)
from ctg.engine.page_overlay import FINE_DPI
from ctg.extract.pdf import ocr_picture, page_picture

if TYPE_CHECKING:
    import pypdfium2 as pdfium

    from ctg.extract import ExtractOptions
    from ctg.extract.ocr import OcrResult
    from ctg.extract.page_image import PageImage

# Bump when what an entry holds, or how entries are laid out, changes.
CACHE_VERSION = "3"
SUFFIX = ".page"
NEAR_SUFFIX = ".near"  # an empty file `<near hash>-<exact key>.near` beside each entry: listing
# these names is all a near lookup reads before it verifies a candidate
MAX_CANDIDATES = 3  # near entries verified at most, closest first
# ... of which laid over at 300 dpi (a copy on the same grid ~0.15 s, a re-scan ~0.3 s: a sixth
# and a third of a page's OCR): so a page that is none pays two at most
MAX_OVERLAYS = 2
# A near claim makes a worker wait: only for pictures as close as re-compressions (0-2 bits), whose
# reading is nearly always reused. Pages 3-6 bits apart are as often distinct pages of one layout
# (the bench's 32 distinct scanned pages: 4 pairs at 6 bits, 2 at 2): reading both beats waiting.
CLAIM_BITS = 2
TRIM_SHARE = 0.9  # a full cache is trimmed to this share of its bound
# Puts that look at the bound, one in this many: listing 25,000 entries takes ~50 ms, 2% of a
# page's OCR; between two looks the cache outgrows its bound by ~64 entries (~3 MB) at most.
TRIM_EVERY = 64


@dataclass(slots=True)
class Entry:
    key: PageKey
    signature: Signature
    result: OcrResult
    marks: int  # glyph marks of the page's ink (extract/read_quality.py)
    origin: str  # the page it was read from, "file#page=N"


class Busy(Exception):
    """Another worker is reading the same (or a near) picture right now."""

    def __init__(self, file: str, page: int) -> None:
        super().__init__(f"{file}#page={page} is being read")
        self.file, self.page = file, page


def origin(file: str, page: int) -> str:
    return f"{file}#page={page}"  # a PDF's own fragment syntax for a page (RFC 8118)


class PageStore:
    """Entries as files `<exact key>.page`, each with its `<near hash>-<exact key>.near`, in one
    folder per reading context."""

    def __init__(self, root: Path, context: str, max_bytes: int, stale_seconds: float) -> None:
        tag = hashlib.blake2b(f"{CACHE_VERSION} {context}".encode(), digest_size=6).hexdigest()
        self.root, self.context = root, context
        self.folder = root / tag
        self.claims = root / "claims"
        self.max_bytes, self.stale_seconds = max_bytes, stale_seconds
        self.trim_every = TRIM_EVERY

    def _path(self, exact: str) -> Path:
        return self.folder / f"{exact}{SUFFIX}"

    def exact(self, exact: str) -> Entry | None:
        """The entry of the very same picture."""
        return _load(self._path(exact))

    def find(
        self,
        key: PageKey,
        signature: Signature,
        checked: set[Path] | None = None,
        picture: PageImage | None = None,
    ) -> Entry | None:
        """The entry of the same picture, else of a verified near one: on the same grid, or (given
        the `picture`) a re-scan laid over the stored scan, its reading moved onto this picture.
        Near entries named in `checked` are not verified again; those verified here are added to
        it. (A near copy of a page this one failed against is still verified: a re-compression
        may lie between a page and its re-scan.)"""
        entry = self.exact(key.exact)
        if entry is not None:
            return entry
        checked = set() if checked is None else checked
        overlays = 0
        for path in [path for path in self._candidates(key) if path not in checked][:MAX_CANDIDATES]:
            checked.add(path)
            entry = _load(path)
            if entry is None:
                continue
            if entry.signature.scan is None or picture is None:  # no scan to lay over: the 150 dpi check
                if same_page(signature, entry.signature):
                    return entry
            elif overlays < MAX_OVERLAYS:
                overlays += 1
                transform = laid_over(picture, signature, entry.signature)
                if transform is not None:
                    same_grid = np.array_equal(transform, np.eye(3))
                    return entry if same_grid else replace(entry, result=moved(entry.result, transform))
        return None

    def _candidates(self, key: PageKey) -> list[Path]:
        found: list[tuple[int, Path]] = []
        with contextlib.suppress(FileNotFoundError):
            for item in os.scandir(self.folder):
                if item.name.endswith(NEAR_SUFFIX):
                    bits = near(int(item.name[:16], 16), key.near)
                    if bits <= NEAR_BITS:
                        found.append((bits, self._path(item.name[17 : -len(NEAR_SUFFIX)])))
        return [path for _, path in sorted(found)]

    def put(self, entry: Entry) -> None:
        """Written under a temporary name then renamed: a crash never leaves a torn entry."""
        self.folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=self.folder, delete=False, suffix=".tmp") as handle:
            pickle.dump(entry, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, self._path(entry.key.exact))
        (self.folder / f"{entry.key.near:016x}-{entry.key.exact}{NEAR_SUFFIX}").touch()
        if int(entry.key.exact[:8], 16) % self.trim_every == 0:  # a key's hash: 1 put in trim_every
            self.trim()

    def trim(self) -> None:
        """Drop the least recently used entries of every context while over the bound (each
        with its near hash; near hashes whose entry is gone too)."""
        entries, markers = _scan(self.root)
        total = sum(size for _, size, _ in entries)
        if total <= self.max_bytes:
            return
        kept = {path.with_suffix("") for _, _, path in entries}
        for _, size, path in sorted(entries):
            if total <= TRIM_SHARE * self.max_bytes:
                break
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
                total -= size
                kept.discard(path.with_suffix(""))
        for stem, marker in markers:
            if stem not in kept:
                with contextlib.suppress(FileNotFoundError):
                    marker.unlink()

    @contextlib.contextmanager
    def claimed(self, key: PageKey, file: str, page: int) -> Iterator[None]:
        """Hold the claim on this picture while it is read; Busy if another holds it or a near one."""
        self.claims.mkdir(parents=True, exist_ok=True)
        mine = self.claims / f"{key.exact}.claim"
        record = {"near": key.near, "host": socket.gethostname(), "pid": os.getpid(), "at": time.time()}
        record |= {"file": file, "page": page}
        if not self._create(mine, record):
            raise Busy(*self._holder(mine, file, page))
        try:
            earlier = self._earlier_near_claim(mine, record)
            if earlier is not None:
                raise Busy(*earlier)
            yield
        finally:
            with contextlib.suppress(FileNotFoundError):
                mine.unlink()

    def _create(self, path: Path, record: dict[str, object]) -> bool:
        """Create the claim whole or not at all: written aside, then linked in place (a link
        fails if the name exists), so no one ever reads a claim half written."""
        with tempfile.NamedTemporaryFile("w", dir=self.claims, delete=False, suffix=".tmp") as handle:
            json.dump(record, handle)
        try:
            for _ in range(2):
                try:
                    os.link(handle.name, path)
                    return True
                except FileExistsError:
                    held = _claim(path)
                    if held is None or self._fresh(held):
                        return False  # held (or gone a moment ago: looked at again later)
                    with contextlib.suppress(FileNotFoundError):
                        path.unlink()  # left by a worker that died: taken over
            return False
        finally:
            os.unlink(handle.name)

    def _holder(self, path: Path, file: str, page: int) -> tuple[str, int]:
        held = _claim(path)
        return (str(held["file"]), int(held["page"])) if held else (file, page)

    def _earlier_near_claim(self, mine: Path, record: dict[str, object]) -> tuple[str, int] | None:
        """A fresh claim on a near picture made before ours: the one to wait for (the later of two
        near claims gives way, so two workers never wait on each other)."""
        for path in self.claims.glob("*.claim"):
            held = _claim(path) if path != mine else None
            if held is None or not self._fresh(held):
                continue
            if near(int(held["near"]), int(record["near"])) > CLAIM_BITS:
                continue
            if (held["at"], path.name) < (record["at"], mine.name):
                return str(held["file"]), int(held["page"])
        return None

    def _fresh(self, held: dict[str, object]) -> bool:
        if time.time() - float(held["at"]) > self.stale_seconds:
            return False
        if held["host"] != socket.gethostname():
            return True
        try:
            os.kill(int(held["pid"]), 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True


def moved(result: OcrResult, transform: np.ndarray) -> OcrResult:
    """A stored page's reading with its lines' boxes where the re-scan shows them (`transform`:
    stored scan's pixels at FINE_DPI to the re-scan's)."""
    scale = FINE_DPI / 72  # boxes are in points
    lines = []
    for line in result.lines:
        if line.bbox is not None:
            x0, top, x1, bottom = (value * scale for value in line.bbox)
            corners = np.array([[x0, top, 1], [x1, top, 1], [x0, bottom, 1], [x1, bottom, 1]])
            x, y = (corners @ transform.T)[:, :2].T / scale
            line = replace(line, bbox=(float(x.min()), float(y.min()), float(x.max()), float(y.max())))
        lines.append(line)
    return replace(result, lines=lines)


def size(root: Path) -> tuple[int, int]:
    """(entries, bytes) of the page cache under `root`."""
    entries, _ = _scan(root)
    return len(entries), sum(size for _, size, _ in entries)


def _scan(root: Path) -> tuple[list[tuple[float, int, Path]], list[tuple[Path, Path]]]:
    """Entries (last use, bytes, path) of every context; near hashes as (the path of their
    entry without its suffix, their own path)."""
    entries, markers = [], []
    with contextlib.suppress(FileNotFoundError):
        for folder in os.scandir(root):
            if not folder.is_dir() or folder.name == "claims":
                continue
            for item in os.scandir(folder.path):
                if item.name.endswith(SUFFIX):
                    with contextlib.suppress(FileNotFoundError):
                        stat = item.stat()
                        entries.append((stat.st_mtime, stat.st_size, Path(item.path)))
                elif item.name.endswith(NEAR_SUFFIX):
                    markers.append((Path(folder.path) / item.name[17 : -len(NEAR_SUFFIX)], Path(item.path)))
    return entries, markers


def _load(path: Path) -> Entry | None:
    try:
        with path.open("rb") as handle:
            entry = pickle.load(handle)
    except Exception:  # missing, torn or from an incompatible version: simply read again
        return None
    if not isinstance(entry, Entry):
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # used: the last to be trimmed
    return entry


def _claim(path: Path) -> dict[str, object] | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


class CachedReader:
    """Reads one page's picture through the store: a reading found is reused, a new one stored.
    `reused` names the page the reading came from when it was not this one."""

    def __init__(self, store: PageStore, file: str, page: int) -> None:
        self.store, self.file, self.page = store, file, page
        self.reused: str | None = None

    def read(self, pdf_page: pdfium.PdfPage, options: ExtractOptions) -> tuple[OcrResult, int]:
        picture = page_picture(pdf_page, options)
        exact = exact_key(picture, self.store.context)
        entry = self.store.exact(exact)  # a copy: found without decoding the picture
        if entry is None:
            entry = self._near_or_read(picture, exact, pdf_page, options)
        if entry.origin != origin(self.file, self.page):
            self.reused = entry.origin
        return entry.result, entry.marks

    def _near_or_read(
        self, picture: PageImage, exact: str, pdf_page: pdfium.PdfPage, options: ExtractOptions
    ) -> Entry:
        key, signature = fingerprint(picture, self.store.context, exact)
        checked: set[Path] = set()
        entry = self.store.find(key, signature, checked, picture)
        if entry is None:
            with self.store.claimed(key, self.file, self.page):
                entry = self.store.find(key, signature, checked, picture)  # stored while we claimed it
                if entry is None:
                    result, marks = ocr_picture(picture, pdf_page, options)
                    entry = Entry(key, signature, result, marks, origin(self.file, self.page))
                    self.store.put(entry)
                    return entry
        if entry.key != key:  # a verified near hit, kept under this picture too: its copies hit exactly
            self.store.put(Entry(key, signature, entry.result, entry.marks, entry.origin))
        return entry
