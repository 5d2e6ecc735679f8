"""Map step: one Document -> its DocumentDigest (a few kB: sketches and distinguishing facts)."""

from __future__ import annotations

import hashlib
from datetime import date

from ctg.core.model import Document, DocumentDigest
from ctg.dedupe import facts, sketch
from ctg.dedupe.text_norm import fold, strip_markup, tokens


def _parties(doc: Document) -> frozenset[str]:
    # An INSEE code when resolve found one, else the folded name: both sides of a comparison
    # come through the same stages, so like is compared with like.
    found = {p.insee or fold(p.name).strip() for p in doc.parties if p.insee or p.name.strip()}
    # A deliberation's party is the council that votes it: acts of one template voted by two
    # councils are two acts. Only a resolved code counts; a name read by OCR may differ between copies.
    delib = doc.deliberation
    if delib is not None and (delib.insee or delib.siren):
        found.add(delib.insee or f"siren:{delib.siren}")
    return frozenset(found)


# Kinds whose stamps and numbers name one act: a convention is published by each signatory
# under its own stamp, so its copies carry different ACTES ids and stay copies.
ACT_KINDS = frozenset({"deliberation", "minutes"})
# Lines that move between routes of one text (another extractor's furniture detection, a stamp
# typed over a scan or printed in it): never part of the fingerprint.
FURNITURE = frozenset({"header", "footer", "page_number", "stamp"})


def _sitting(doc: Document, lines: list[str]) -> date | None:
    """The sitting a document records: segment's reading of its act, else its heading's. Any kind
    (a list of the acts of a sitting, a summary of a council's deliberations names one too)."""
    sittings = [d.seance_date for d in doc.deliberations if d.seance_date]
    return sittings[0] if sittings else facts.sitting_date(lines)


def _acts(doc: Document) -> tuple[frozenset[str], frozenset[str]]:
    """(act numbers, ACTES ids) of an act; nothing for other kinds."""
    if doc.kind not in ACT_KINDS:
        return frozenset(), frozenset()
    lines = [line.text for line in doc.lines]
    numbers = frozenset(n for d in doc.deliberations if (n := facts.act_number(d.number)))
    ids = {d.actes_id for d in doc.deliberations if d.actes_id} | {
        s.actes_id for s in doc.stamps if s.actes_id
    }
    folded = set().union(*(facts.actes_ids(i) for i in ids)) if ids else set()
    return numbers, frozenset(folded | facts.actes_ids("\n".join(lines[: facts.HEAD_LINES])))


def digest(doc: Document, *, quality: float, repairs: int) -> DocumentDigest:
    """Build the digest of `doc`; `quality` (0-1, OCR lower) and `repairs` rank copies later."""
    body = [line.text for line in doc.lines if line.role not in FURNITURE]
    plain = strip_markup("\n".join(body))
    words = tokens(plain, stripped=True)
    sample = sketch.sample_of(sketch.shingle_hashes(words))
    raw_lines = [line.text for line in doc.lines]
    acts, actes = _acts(doc)
    start, end = doc.period_start, doc.period_end
    if start is None and end is None:
        start, end = facts.period(doc.title, "\n".join(raw_lines[: facts.HEAD_LINES])) or (None, None)
    return DocumentDigest(
        doc_id=doc.doc_id,
        file=doc.file,
        kind=doc.kind,
        text_sha=hashlib.sha256(" ".join(words).encode()).hexdigest(),
        sample=sample.tobytes(),
        tokens=len(words),
        names=facts.hash_set(facts.names(plain)),
        numbers=facts.hash_set(facts.numbers(plain)),
        title=doc.title,
        territory=fold(doc.territory).strip(),
        period_start=start,
        period_end=end,
        signed_date=doc.signed_date,
        parties=_parties(doc),
        draft=facts.is_draft(doc.title, plain),
        amendment=facts.is_amendment(doc.title, raw_lines),
        sitting=_sitting(doc, body),
        head_years=facts.head_years(plain),
        years=facts.years(plain),
        acts=acts,
        actes=actes,
        quality=quality,
        repairs=repairs,
        articles=len(doc.articles),
        signatures=len(doc.signatures),
    )
