"""ctg's output on the real documents of shared/real, against their gold.

The shared scorer (shared/real/score/grade_real.py) grades page texts, transcriptions, documents,
deliberations and ACTES ids. This module adds what it does not score yet (parties and signature
blocks, matched the way a reader would pair them), the same figures file by file, and the check
that every value ctg states as read stands in the text at its provenance.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

import pandas as pd
from num2words import num2words
from rapidfuzz import fuzz

from ctg.core.text import fold_words
from ctg.segment.votes import WORD_COUNTS

REPO = Path(__file__).resolve().parent.parent
REAL = Path(os.environ.get("CTG_REAL", REPO.parent / "shared" / "real"))
PAGE_SHARE = 0.9  # a page is read when its text holds this share of the gold's ref_chars
COUNT_FIELDS = ("votants", "pour", "contre", "abstention", "presents", "pouvoirs")
OCR_SPELLINGS: dict[int, list[str]] = {}  # a count → how OCR or the text may spell it ("il" → 11)
for _spelling, _value in WORD_COUNTS.items():
    OCR_SPELLINGS.setdefault(_value, []).append(_spelling)


def grader(real: Path = REAL) -> ModuleType:
    """The shared scorer, loaded from its file (it is not a package)."""
    path = real / "score" / "grade_real.py"
    spec = importlib.util.spec_from_file_location("grade_real", path)
    assert spec and spec.loader, path
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def gold_files(real: Path = REAL) -> list[dict]:
    return [json.loads(path.read_text()) for path in sorted(real.glob("*.gold.json"))]


def table(out: Path, name: str) -> pd.DataFrame:
    path = out / "csv" / f"{name}.csv"
    return pd.read_csv(path, dtype=str, keep_default_na=False) if path.exists() else pd.DataFrame()


def rows_of(frame: pd.DataFrame, file: str) -> list[dict[str, str]]:
    if frame.empty or "file" not in frame.columns:
        return []
    return frame[frame["file"].map(lambda f: Path(f).name) == file].to_dict("records")


# --- texts as ctg read them ---------------------------------------------------------------


@dataclass(slots=True)
class FileText:
    """A file's pages as ctg wrote them (out/text), line N of a page being provenance line N."""

    pages: list[list[str]]

    def page(self, number: int) -> list[str]:
        return self.pages[number - 1] if 0 < number <= len(self.pages) else []

    def span(self, page: int, line_start: int, page_end: int | None, line_end: int | None) -> str:
        last_page = page_end or page
        parts: list[str] = []
        for number in range(page, last_page + 1):
            lines = self.page(number)
            start = line_start - 1 if number == page else 0
            end = (line_end or len(lines)) if number == last_page else len(lines)
            parts.extend(lines[max(start, 0) : end])
        return "\n".join(parts)


def file_texts(out: Path) -> dict[str, FileText]:
    """File name → its text, for every file of the run."""
    texts: dict[str, FileText] = {}
    for row in table(out, "files").to_dict("records"):
        path = out / "text" / f"{row['sha256'][:16]}.txt"
        if path.exists():
            pages = path.read_text(encoding="utf-8").split("\f")
            texts[Path(row["file"]).name] = FileText([page.split("\n") for page in pages])
    return texts


# --- values stated as read, checked against their provenance ------------------------------


@dataclass(frozen=True, slots=True)
class Unsupported:
    """A value a row states as read that the text at its provenance does not hold."""

    table: str
    file: str
    page: str
    field: str
    value: str

    def __str__(self) -> str:
        return f"{self.table} {self.file} p{self.page} {self.field} = {self.value!r}"


def _int(value: str) -> int | None:
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return None


def count_printed(number: int, text: str) -> bool:
    """The count stands in the text: as digits, in French words ("onze", "trente et un"), or in one
    of the OCR readings of a count that segment/votes.py knows ("il" for 11, "O" for 0)."""
    if re.search(rf"(?<![\d/.,]){number}(?![\d/]|[.,]\d)", text):
        return True
    folded = fold_words(text)
    words = fold_words(num2words(number, lang="fr")).replace("-", " ")
    if words in folded.replace("-", " ") or (number == 1 and re.search(r"\bune?\b", folded)):
        return True
    return any(re.search(rf"(?<!\w){read}(?!\w)", folded) for read in OCR_SPELLINGS.get(number, ()))


def _name_written(name: str, text: str) -> bool:
    return fuzz.partial_ratio(fold_words(name), fold_words(text)) >= 85


def _span_of(row: dict[str, str], texts: dict[str, FileText]) -> str | None:
    text = texts.get(Path(row.get("file", "")).name)
    page, start = _int(row.get("page", "")), _int(row.get("line_start", ""))
    if text is None or page is None or start is None:
        return None
    return text.span(page, start, _int(row.get("page_end", "")), _int(row.get("line_end", "")))


def unsupported_values(out: Path) -> list[Unsupported]:
    """Every count, number and name of deliberation, party and signature rows that the text lacks,
    at the row's span or, for what a sitting states once for all its items (attendance, counts),
    in the document that holds the row."""
    texts = file_texts(out)
    documents = {row["doc_id"]: row for row in table(out, "documents").to_dict("records")}
    found: list[Unsupported] = []
    checks = (
        ("deliberations", _deliberation_claims),
        ("parties", _party_claims),
        ("signatures", _signer_claims),
    )
    for name, claims in checks:
        for row in table(out, name).to_dict("records"):
            span = _span_of(row, texts)
            if span is None:
                continue
            document = documents.get(row.get("doc_id", ""))
            whole = _span_of(_document_span(document), texts) if document else None
            for field_name, value, written in claims(row):
                if value and not written(value, span) and not (whole and written(value, whole)):
                    found.append(Unsupported(name, Path(row["file"]).name, row["page"], field_name, value))
    return found


def _party_claims(row: dict[str, str]) -> list[tuple[str, object, object]]:
    return [(name, row.get(name, ""), _name_written) for name in ("name", "representative")]


def _signer_claims(row: dict[str, str]) -> list[tuple[str, object, object]]:
    return [("signers", signer, _name_written) for signer in row.get("signers", "").split("; ")]


def _document_span(document: dict[str, str]) -> dict[str, str]:
    return document | {"page": document.get("page_start", ""), "page_end": document.get("page_end", "")}


def _deliberation_claims(row: dict[str, str]) -> list[tuple[str, object, object]]:
    derived = row.get("derived", "")
    claims: list[tuple[str, object, object]] = [
        (name, _int(row[name]), count_printed)
        for name in COUNT_FIELDS
        if row.get(name, "") != "" and not re.search(rf"\b{name}\b", derived)
    ]
    if row.get("number"):
        claims.append(("number", row["number"], lambda value, text: _squashed(value) in _squashed(text)))
    return claims


def _squashed(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", fold_words(text))


# --- parties and signature blocks ---------------------------------------------------------


@dataclass(slots=True)
class Tally:
    """Matched pairs, predictions and gold items of one table, with right fields on the matches."""

    tp: int = 0
    pred: int = 0
    gold: int = 0
    fields: dict[str, list[int]] = field(default_factory=dict)  # name → [right, total]

    def add(self, other: Tally) -> None:
        self.tp, self.pred, self.gold = self.tp + other.tp, self.pred + other.pred, self.gold + other.gold
        for name, (right, total) in other.fields.items():
            mine = self.fields.setdefault(name, [0, 0])
            mine[0], mine[1] = mine[0] + right, mine[1] + total

    def count(self, name: str, right: bool) -> None:
        mine = self.fields.setdefault(name, [0, 0])
        mine[0], mine[1] = mine[0] + right, mine[1] + 1

    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _similar(a: str | None, b: str | None, at_least: int = 85) -> bool:
    a, b = fold_words(a or ""), fold_words(b or "")
    return (not a and not b) or (bool(a and b) and fuzz.token_set_ratio(a, b) >= at_least)


def _pairs(gold: list[dict], pred: list[dict], score) -> Iterator[tuple[int, int]]:
    """Greedy one-to-one pairing, best score first."""
    candidates = sorted(
        ((s, i, j) for i, g in enumerate(gold) for j, p in enumerate(pred) if (s := score(g, p)) is not None),
        reverse=True,
    )
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    for _, i, j in candidates:
        if i not in used_gold and j not in used_pred:
            used_gold.add(i), used_pred.add(j)
            yield i, j


def _party_score(gold: dict, pred: dict) -> float | None:
    name = fold_words(gold.get("name") or "")
    score = max(
        fuzz.token_set_ratio(name, fold_words(pred.get("name", ""))),
        fuzz.partial_ratio(name, fold_words(pred.get("as_written", ""))) if len(name) > 8 else 0,
    )
    return score if score >= 80 else None


def score_parties(gold: list[dict], pred: list[dict]) -> Tally:
    tally = Tally(pred=len(pred), gold=len(gold))
    for i, j in _pairs(gold, pred, _party_score):
        g, p = gold[i], pred[j]
        tally.tp += 1
        tally.count("type", g.get("type") == p.get("party_type"))
        tally.count("representative", _similar(g.get("representative"), p.get("representative"), 90))
        tally.count("role", _similar(g.get("role"), p.get("role")))
    return tally


def _signature_score(gold: dict, pred: dict) -> float | None:
    gap = abs((_int(pred.get("page", "")) or 0) - gold["page"])
    if gap > 1:
        return None
    if gold.get("signers"):
        signer = fold_words(gold["signers"])
        score = max(fuzz.token_set_ratio(signer, fold_words(s)) for s in pred.get("signers", "").split("; "))
        score = max(score, fuzz.partial_ratio(signer, fold_words(pred.get("as_written", ""))))
    elif gold.get("as_written"):
        score = fuzz.token_set_ratio(fold_words(gold["as_written"]), fold_words(pred.get("as_written", "")))
    else:  # a handwritten signature with nothing printed: any block on its page
        score = 80.0
    return score - 5 * gap if score >= 80 else None


def score_signatures(gold: list[dict], pred: list[dict]) -> Tally:
    """Blocks with printed text are required; a handwritten signature alone may be matched, not missed."""
    required = [g for g in gold if g.get("as_written")]
    tally = Tally(pred=len(pred), gold=len(required))
    for i, j in _pairs(gold, pred, _signature_score):
        if gold[i].get("as_written"):
            tally.tp += 1
            tally.count("signers", _similar(gold[i].get("signers"), pred[j].get("signers"), 90))
        else:
            tally.pred -= 1  # matched a handwritten signature: neither found nor false
    return tally


# --- file by file ---------------------------------------------------------------------------


@dataclass(slots=True)
class FileScore:
    file: str
    pages_read: int
    pages: int
    grade: dict  # the shared scorer's figures and detail on this file alone
    parties: Tally
    signatures: Tally
    unsupported: int


def pages_read(gold: dict, texts: dict[str, FileText]) -> int:
    text = texts.get(gold["file"])
    if text is None:
        return 0
    return sum(
        len(re.sub(r"\s", "", "\n".join(text.page(p["page"])))) >= PAGE_SHARE * p["ref_chars"]
        for p in gold["pages"]
    )


def score_run(out: Path, real: Path = REAL) -> tuple[list[FileScore], dict]:
    """Every file's figures, and the shared scorer's over the whole set."""
    grade = grader(real)
    texts = file_texts(out)
    parties, signatures = table(out, "parties"), table(out, "signatures")
    unsupported = unsupported_values(out)
    scores: list[FileScore] = []
    for gold in gold_files(real):
        name = gold["file"]
        with tempfile.TemporaryDirectory() as alone:
            os.symlink(real / f"{Path(name).stem}.gold.json", Path(alone) / f"{Path(name).stem}.gold.json")
            graded = grade.grade(out, Path(alone))
        scores.append(
            FileScore(
                file=name,
                pages_read=pages_read(gold, texts),
                pages=len(gold["pages"]),
                grade=graded,
                parties=score_parties(gold.get("parties") or [], rows_of(parties, name)),
                signatures=score_signatures(gold.get("signatures") or [], rows_of(signatures, name)),
                unsupported=sum(u.file == name for u in unsupported),
            )
        )
    return scores, grade.grade(out, real)
