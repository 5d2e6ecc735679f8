"""Precision / recall / F1 of segment output against ground truth, one matcher per table.

Truth is the corpus truth schema (corpus/truth/*.json, tests/segment/truth/*.json): a list of
documents per file. Rows are matched one-to-one, greedily, in file order:

- documents: same kind and overlapping ranges (intersection over union ≥ 0.5), on lines when the
  truth gives line_start/line_end (the seeds: one page per text file), else on pages;
- parties: same type, same name (folded, commune/EPCI designators dropped, ratio ≥ 85) and same
  representative (folded token-set ratio ≥ 85, or both empty);
- visas: the same opening (first 80 characters folded, ratio ≥ 85);
- articles: same number and title (folded ratio ≥ 85);
- signatures: same type, same name (for communes and EPCIs; a CAF or MSA is one per document) and
  the same set of named signers (folded last names);
- annexes: same number, `listed` and `present` flags;
- equipments: same structure type and name (folded ratio ≥ 85);
- actions: same number and title (folded token-set ratio ≥ 85).

Rows other than documents are pooled per file, so a document cut in the wrong place costs the
documents table only. A truth file may list tables it does not cover in "unscored".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from rapidfuzz import fuzz

from ctg.core.model import Document
from ctg.core.score import Score
from ctg.segment.text import fold_words

TABLES = ("documents", "parties", "visas", "articles", "signatures", "annexes", "equipments", "actions")
DESIGNATORS = re.compile(
    r"^(la |le |l )?(commune|ville|communaute de communes|communaute d agglomeration|metropole)"
    r"( de| d| des| du)? ",
)


def _match(
    predicted: list[Any], truth: list[dict[str, Any]], same: Callable[[Any, dict[str, Any]], bool]
) -> Score:
    unused = list(range(len(truth)))
    tp = 0
    for row in predicted:
        hit = next((i for i in unused if same(row, truth[i])), None)
        if hit is not None:
            unused.remove(hit)
            tp += 1
    return Score(tp, len(predicted) - tp, len(unused))


def _name(text: str) -> str:
    return DESIGNATORS.sub("", fold_words(text))


def _similar(a: str, b: str, threshold: int = 85) -> bool:
    return fuzz.ratio(fold_words(a), fold_words(b)) >= threshold


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0]) + 1
    union = max(a[1], b[1]) - min(a[0], b[0]) + 1
    return max(inter, 0) / union


def same_document(doc: Document, truth: dict[str, Any]) -> bool:
    if doc.kind != truth["kind"]:
        return False
    if truth.get("line_start") is not None:
        scale = 100_000  # lines of a page never reach this; pages then order the ranges
        start = doc.span.page * scale + doc.span.line_start
        end = (doc.span.page_end or doc.span.page) * scale + doc.span.line_end
        t = (truth["page_start"] * scale + truth["line_start"], truth["page_end"] * scale + truth["line_end"])
        return _overlap((start, end), t) >= 0.5
    return (
        _overlap(
            (doc.span.page, doc.span.page_end or doc.span.page), (truth["page_start"], truth["page_end"])
        )
        >= 0.5
    )


def same_party(party: Any, truth: dict[str, Any]) -> bool:
    rep_ok = (not party.representative and not truth.get("representative")) or fuzz.token_set_ratio(
        fold_words(party.representative), fold_words(truth.get("representative") or "")
    ) >= 85
    return (
        party.party_type == truth["party_type"]
        and _similar(_name(party.name), _name(truth["name"]))
        and rep_ok
    )


def same_visa(visa: str, truth: Any) -> bool:
    """The first 80 characters agree (folded, ratio ≥ 85): wrapping and end punctuation vary."""
    return fuzz.ratio(fold_words(visa)[:80], fold_words(str(truth))[:80]) >= 85


def same_article(article: Any, truth: dict[str, Any]) -> bool:
    return article.number == str(truth["number"]) and _similar(article.title, truth["title"])


def _signer_keys(names: Iterable[str]) -> set[str]:
    keys = set()
    for name in names:
        words = [w for w in re.findall(r"[A-ZÀ-Ý][A-ZÀ-Ý'’-]+", name) if len(w) > 1]
        if name.strip():
            keys.add(fold_words(" ".join(words) or name))
    return keys


def same_signature(block: Any, truth: dict[str, Any]) -> bool:
    if block.party_type != truth["party_type"]:
        return False
    if block.party_type in {"commune", "epci", "other"} and not _similar(
        _name(block.name), _name(truth["name"])
    ):
        return False
    return _signer_keys(s.as_written for s in block.signers) == _signer_keys(truth.get("signers", []))


def same_annex(annex: Any, truth: dict[str, Any]) -> bool:
    return (annex.number, annex.listed, annex.present) == (
        str(truth["number"]),
        truth["listed"],
        truth["present"],
    )


def same_equipment(equipment: Any, truth: dict[str, Any]) -> bool:
    return fold_words(equipment.structure_type) == fold_words(truth["structure_type"]) and _similar(
        equipment.name, truth["name"]
    )


def same_action(action: Any, truth: dict[str, Any]) -> bool:
    return (
        action.number == str(truth["number"])
        and fuzz.token_set_ratio(fold_words(action.title), fold_words(truth["title"])) >= 85
    )


MATCHERS: dict[str, Callable[[Any, dict[str, Any]], bool]] = {
    "documents": same_document,
    "parties": same_party,
    "visas": same_visa,
    "articles": same_article,
    "signatures": same_signature,
    "annexes": same_annex,
    "equipments": same_equipment,
    "actions": same_action,
}


def score_file(documents: list[Document], truth: dict[str, Any]) -> dict[str, Score]:
    """Per-table scores of one file's documents against its truth (tables listed in "unscored" skipped)."""
    unscored = set(truth.get("unscored", []))
    scores: dict[str, Score] = {}
    for table in TABLES:
        if table in unscored:
            continue
        if table == "documents":
            predicted: list[Any] = list(documents)
            expected = list(truth["documents"])
        else:
            predicted = [row for doc in documents for row in getattr(doc, table)]
            expected = [row for doc in truth["documents"] for row in doc.get(table, [])]
        scores[table] = _match(predicted, expected, MATCHERS[table])
    return scores


DOCUMENT_FIELDS = ("title", "territory", "period", "signed_place", "signed_date")


def _field_value(source: Any, field: str) -> str:
    get = source.get if isinstance(source, dict) else lambda name: getattr(source, name)
    if field == "period":
        start, end = get("period_start"), get("period_end")
        return f"{start}-{end}" if start or end else ""
    value = get(field)
    return "" if value is None else fold_words(str(value))


def score_document_fields(documents: list[Document], truth: dict[str, Any]) -> Score:
    """Title, territory, period, place and date of signature of the documents matched as documents:
    a right value is a hit, a wrong one both an extra and a miss, a missing one a miss."""
    score = Score()
    unused = list(documents)
    for expected in truth["documents"]:
        doc = next((d for d in unused if same_document(d, expected)), None)
        if doc is None:
            continue
        unused.remove(doc)
        for field in DOCUMENT_FIELDS:
            got, want = _field_value(doc, field), _field_value(expected, field)
            same = got == want or (field == "title" and bool(want) and fuzz.ratio(got, want) >= 85)
            score.add(
                Score(int(same and bool(want)), int(bool(got) and not same), int(bool(want) and not same))
            )
    return score
