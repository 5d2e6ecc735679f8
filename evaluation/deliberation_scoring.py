"""Precision, recall and F1 per field of deliberations and stamps against ground truth.

Truth is either the JSON objects of corpus/truth and tests/segment/truth_delib or the
dataclasses of corpus/truth.py: both are read by field name. Counts add up over documents
(`merge`), so a benchmark scores a whole corpus by summing per-document scores.

Comparison is on a normal form: dates as ISO strings, text folded (case, spaces, accents, also
accents as OCR reads them: "¢" for "é"), person names as their set of words (so "CARRÉ
Jean-Christophe" equals "Jean-Christophe Carré"), lists as sets, decisions by their first words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from ctg.core.model import Deliberation, Stamp
from ctg.core.score import Score
from ctg.segment.stamps import match_key

DELIB_TEXT_FIELDS = ("collectivite", "number", "objet")
DELIB_NAME_FIELDS = ("president", "secretaire")
DELIB_EXACT_FIELDS = (
    "insee",
    "siren",
    "seance_date",
    "votants",
    "pour",
    "contre",
    "abstention",
    "unanimite",
    "executoire_date",
)
DELIB_LIST_FIELDS = ("presents", "absents", "pouvoirs", "decisions")
STAMP_FIELDS = (
    "sent",
    "received",
    "published",
    "actes_id",
    "departement",
    "siren",
    "insee",
    "act_date",
    "act_number",
    "nature",
    "matiere",
)
DECISION_PREFIX = 60  # characters of a decision compared: wrapping and trailing punctuation vary
# Words that name a kind of collectivité rather than the collectivité itself.
COLLECTIVITE_PREFIX = re.compile(r"^(?:la\s+)?(?:commune|ville|mairie)\s+(?:de\s+|d'|du\s+|des\s+)?")


FieldScore = Score  # one field's counts


Scores = dict[str, FieldScore]


def _get(obj: Any, name: str) -> Any:
    if obj is None:
        return None
    return obj.get(name) if isinstance(obj, Mapping) else getattr(obj, name, None)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = re.sub(r"[\s\-–]+", " ", match_key(str(value))).strip(" .,;:")
    return text or None


def _name(value: Any) -> str | None:
    text = _text(value)
    return " ".join(sorted(text.split())) if text else None


def _exact(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    return None if value == "" else value


def _normal(field: str, value: Any) -> Any:
    if field in DELIB_NAME_FIELDS:
        return _name(value)
    if field == "collectivite":
        text = _text(value)
        return COLLECTIVITE_PREFIX.sub("", text) if text else None
    if field in DELIB_TEXT_FIELDS:
        return _text(value)
    return _exact(value)


def _items(field: str, values: Any) -> set[Any]:
    items: set[Any] = set()
    for value in values or []:
        if field == "pouvoirs":
            items.add((_name(_get(value, "giver")), _name(_get(value, "holder"))))
        elif field == "decisions":
            text = _text(value)
            items.add(text[:DECISION_PREFIX] if text else None)
        else:
            items.add(_name(value))
    items.discard(None)
    return items


def _score_value(predicted: Any, expected: Any) -> FieldScore:
    if expected is None:
        return FieldScore(fp=int(predicted is not None))
    if predicted is None:
        return FieldScore(fn=1)
    return FieldScore(tp=1) if predicted == expected else FieldScore(fp=1, fn=1)


def _score_items(predicted: set[Any], expected: set[Any]) -> FieldScore:
    return FieldScore(
        tp=len(predicted & expected), fp=len(predicted - expected), fn=len(expected - predicted)
    )


def score_deliberation(pred: Deliberation | None, truth: Any) -> Scores:
    """Per-field counts of one predicted deliberation against its truth (either may be None)."""
    scores: Scores = {}
    for field in (*DELIB_TEXT_FIELDS, *DELIB_NAME_FIELDS, *DELIB_EXACT_FIELDS):
        scores[field] = _score_value(_normal(field, _get(pred, field)), _normal(field, _get(truth, field)))
    for field in DELIB_LIST_FIELDS:
        scores[field] = _score_items(_items(field, _get(pred, field)), _items(field, _get(truth, field)))
    return scores


def _stamp_values(stamp: Any) -> dict[str, Any]:
    return {field: _exact(_get(stamp, field)) for field in STAMP_FIELDS}


def _page(stamp: Any) -> int | None:
    span = _get(stamp, "span")
    return _get(span, "page") if span is not None else _get(stamp, "page")


def _agreement(pred: dict[str, Any], truth: dict[str, Any]) -> int:
    return sum(1 for field in STAMP_FIELDS if truth[field] is not None and pred[field] == truth[field])


def score_stamps(pred: Iterable[Stamp], truth: Iterable[Any]) -> Scores:
    """Per-field counts of predicted stamps against true stamps of one file or document.

    Each true stamp is paired with the unpaired predicted stamp of the same page that agrees
    with it on most fields (ties: reading order); unpaired stamps count against every field
    they fill, and the "stamp" entry counts the stamps themselves.
    """
    predicted = [(_page(stamp), _stamp_values(stamp)) for stamp in pred]
    expected = [(_page(stamp), _stamp_values(stamp)) for stamp in truth]
    scores: Scores = {field: FieldScore() for field in ("stamp", *STAMP_FIELDS)}
    free = list(range(len(predicted)))
    for page, values in expected:
        candidates = [index for index in free if predicted[index][0] == page or page is None]
        if not candidates:
            scores["stamp"].fn += 1
            for field in STAMP_FIELDS:
                scores[field].add(_score_value(None, values[field]))
            continue
        best = max(candidates, key=lambda index: (_agreement(predicted[index][1], values), -index))
        free.remove(best)
        scores["stamp"].tp += 1
        for field in STAMP_FIELDS:
            scores[field].add(_score_value(predicted[best][1][field], values[field]))
    for index in free:
        scores["stamp"].fp += 1
        for field in STAMP_FIELDS:
            scores[field].add(_score_value(predicted[index][1][field], None))
    return scores


def merge(all_scores: Iterable[Scores]) -> Scores:
    """Sum of per-document scores, field by field."""
    total: Scores = {}
    for scores in all_scores:
        for field, score in scores.items():
            total.setdefault(field, FieldScore()).add(score)
    return total


def table(scores: Scores) -> list[tuple[str, int, int, int, float, float, float]]:
    """Rows (field, tp, fp, fn, precision, recall, f1) for printing."""
    return [
        (field, s.tp, s.fp, s.fn, round(s.precision, 3), round(s.recall, 3), round(s.f1, 3))
        for field, s in scores.items()
    ]
