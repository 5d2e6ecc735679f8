"""dedupe: find the copies of one document across a run; one canonical each.

Map step (per document, in parallel): `digest(doc, quality=..., repairs=...)` -> DocumentDigest,
a few kB (sampled shingle hashes, hashed names and numbers, flags), so the reduce
step never holds the documents' lines.
Reduce step (once per run, cached digests of earlier runs included):
`find_duplicates(digests)` -> DedupeResult.

1. candidates (candidates.py): template wording shared by many documents is dropped, then
   banded datasketch MinHash signatures (resemblance) and MinHashLSHEnsemble (containment,
   for bundles).
2. confirmation (compare.py): sampled Jaccard/containment of the folded text (text_norm.py:
   line breaks, hyphenation, case, accents and normalize's cheap OCR confusions do not count)
   *and* the identity facts (facts.py, OCR-tolerant): territory, period, parties, sitting date,
   years, act numbers, ACTES ids, names in capitals, figures. One distinctive fact that differs
   keeps two documents apart whatever their similarity.
3. clusters (cluster.py): copies merged strongest first, never across conflicting facts;
   canonical = complete, then text layer over OCR, then fewest repairs, then the first file.

Relations in DedupeResult.links, each with its evidence (similarity, facts agreeing, differing);
no row for a canonical pointing at itself, none below the thresholds of compare.THRESHOLDS:
- "copy": same document, whatever route its text came by; counted once, through its canonical
  (`documents.duplicate_of`).
- "contained": a document (a deliberation PDF) bundling a whole copy of another; it stays a
  document of its own and links to the canonical of the copies it holds.
- "version": the same act of the same parties whose text changed: a PROJET draft, an avenant,
  another signing date, or the same figures with other wording (a corrected re-publication);
  never another sitting, year or territory. Not merged: each version is counted; every version
  of a family links to the family's reference text (the signed final one: not a draft, not an
  avenant, dated).
"""

from ctg.core.model import DedupeResult, DocumentDigest, DuplicateLink
from ctg.dedupe.digest import digest
from ctg.dedupe.find import find_duplicates

# Bumped whenever a digest made today would not compare with one made before (folding, facts):
# it is part of the per-file cache key.
DIGEST_VERSION = 2

__all__ = ["DIGEST_VERSION", "DedupeResult", "DocumentDigest", "DuplicateLink", "digest", "find_duplicates"]
