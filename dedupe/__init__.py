"""dedupe: find the copies of one document across a run; one canonical each.

Map step (per document, in parallel): `digest(doc, quality=..., repairs=...)` -> DocumentDigest,
a few kB (sampled shingle hashes, hashed names and numbers, flags), so the reduce
step never holds the documents' lines.
Reduce step (once per run, cached digests of earlier runs included):
`find_duplicates(digests)` -> DedupeResult.

1. candidates (candidates.py): template wording shared by many documents is dropped, then
   banded datasketch MinHash signatures (resemblance) and MinHashLSHEnsemble (containment,
   for bundles).
2. confirmation (compare.py): sampled Jaccard/containment of the folded text *and* the facts
   that tell look-alikes apart: territory, period, parties, names in capitals, numbers.
3. clusters (cluster.py): copies merged strongest first, never across conflicting facts;
   canonical = complete, then text layer over OCR, then fewest repairs.

Relations in DedupeResult.links:
- "copy": same document; counted once, through its canonical (`documents.duplicate_of`).
- "contained": a document (a deliberation PDF) bundling a whole copy of another; it stays a
  document of its own and links to the canonical of the copies it holds.
- "version": same parties and wording, but a PROJET draft, an avenant, another signing date
  or other figures. Not merged: each version is counted; every version of a family links to
  the family's reference text (the signed final one: not a draft, not an avenant, dated).
"""

from core.model import DedupeResult, DocumentDigest, DuplicateLink
from dedupe.digest import digest
from dedupe.find import find_duplicates

# Bumped whenever a digest made today would not compare with one made before (folding, facts):
# it is part of the per-file cache key.
DIGEST_VERSION = 2

__all__ = ["DIGEST_VERSION", "DedupeResult", "DocumentDigest", "DuplicateLink", "digest", "find_duplicates"]
