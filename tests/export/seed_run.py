"""The seed documents through extract, normalize, segment, resolve and dedupe, as a run gives them."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from ctg.core.model import Document
from ctg.dedupe import digest, find_duplicates
from ctg.extract import read_text_file
from ctg.normalize import normalize_file
from ctg.resolve.document import resolve_document
from ctg.segment import segment_file


@cache
def seed_documents(seeds_dir: Path) -> list[Document]:
    documents: list[Document] = []
    for path in sorted(seeds_dir.glob("*.txt")):
        source = normalize_file(read_text_file(path, seeds_dir))
        documents += [resolve_document(doc) for doc in segment_file(source)]
    links = find_duplicates([digest(doc, quality=1.0, repairs=0) for doc in documents])
    for doc in documents:
        doc.duplicate_of = links.duplicate_of(doc.doc_id)
    return documents
