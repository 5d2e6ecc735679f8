"""dedupe: find copies of the same document across a run; one canonical each.

Map step (per document, in parallel): `digest(doc, quality=..., repairs=...)`.
Reduce step (once per run): `find_duplicates(digests)`.
"""

from core.model import DedupeResult, DocumentDigest, DuplicateLink
from dedupe.digest import digest
from dedupe.find import find_duplicates

__all__ = ["DedupeResult", "DocumentDigest", "DuplicateLink", "digest", "find_duplicates"]
