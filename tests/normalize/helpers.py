"""Small builders of SourceFiles for the normalize tests."""

from __future__ import annotations

from pathlib import Path

from ctg.core.model import Line, Page, PageMethod, SourceFile
from ctg.extract import read_text_file


def source_of_lines(texts: list[str], *, method: PageMethod = "plain", page: int = 1) -> SourceFile:
    """A one-page SourceFile whose lines are `texts`, numbered from 1 as a .txt input is."""
    lines = [Line(text=t, raw=t, page=page, number=n) for n, t in enumerate(texts, start=1)]
    return SourceFile(
        file="fixture.txt", sha256="", bytes=0, pages=[Page("fixture.txt", page, method, lines)]
    )


def source_of_pages(pages: list[list[str]], *, method: PageMethod = "text") -> SourceFile:
    """A multi-page SourceFile, line numbers counted per page as for a PDF."""
    built = []
    for number, texts in enumerate(pages, start=1):
        lines = [Line(text=t, raw=t, page=number, number=n) for n, t in enumerate(texts, start=1)]
        built.append(Page("fixture.pdf", number, method, lines))
    return SourceFile(file="fixture.pdf", sha256="", bytes=0, pages=built)


def seed(seeds_dir: Path, prefix: str) -> SourceFile:
    """The seed whose file name starts with `prefix`, read as the pipeline reads a .txt input."""
    path = next(seeds_dir.glob(f"{prefix}*.txt"))
    return read_text_file(path, seeds_dir)
