"""Ground truth of the sample corpus: dataclasses mirroring corpus/truth/<input>.json.

Every stage's tests and benchmarks read the truth through `load_truth` / `iter_truth`, so
that they agree on what the corpus holds. The JSON schema is documented in corpus/generate.py.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any


@dataclass(slots=True)
class TruthPage:
    page: int
    scanned: bool
    text: str  # every line drawn on the page, in reading order, header/footer included
    body_text: str  # the same without running header, footer and page number lines
    layered: bool = False  # scanned as a colour background under 1-bit text masks


@dataclass(slots=True)
class TruthParty:
    position: int
    as_written: str
    party_type: str
    name: str
    insee: str | None = None
    siren: str | None = None
    representative: str = ""
    role: str = ""


@dataclass(slots=True)
class TruthArticle:
    number: str
    title: str
    page: int | None = None
    line: int | None = None  # 1-based in the page's text (header and margin stamp counted)


@dataclass(slots=True)
class TruthSignature:
    position: int
    party_type: str
    name: str
    as_written: str = ""
    insee: str | None = None
    siren: str | None = None
    signers: list[str] = field(default_factory=list)
    role: str = ""


@dataclass(slots=True)
class TruthAnnex:
    number: str
    title: str
    listed: bool
    present: bool
    page: int | None = None  # page of the annex body, when present
    line: int | None = None


@dataclass(slots=True)
class TruthEquipment:
    structure_type: str
    name: str
    address: str
    commune: str
    insee: str
    manager: str
    page: int | None = None
    line: int | None = None


@dataclass(slots=True)
class TruthAction:
    number: str
    title: str
    theme: str
    pilot: str
    partners: str
    objectives: str
    page: int | None = None
    line: int | None = None


@dataclass(slots=True)
class TruthProxy:
    giver: str
    holder: str


@dataclass(slots=True)
class TruthDeliberation:
    collectivite: str
    insee: str | None
    siren: str
    seance_date: str
    number: str
    objet: str
    votants: int
    pour: int
    contre: int
    abstention: int
    unanimite: bool
    presents: list[str]
    pouvoirs: list[TruthProxy]
    absents: list[str]
    president: str
    secretaire: str
    decisions: list[str]
    executoire_date: str | None
    actes_id: str | None = None
    en_exercice: int | None = None
    presents_count: int | None = None


@dataclass(slots=True)
class TruthStamp:
    page: int
    sent: str | None
    received: str | None
    published: str | None
    actes_id: str
    departement: str
    siren: str
    insee: str | None
    act_date: str
    act_number: str
    nature: str
    matiere: str | None = None
    margin_text: bool = False  # real text drawn over a scanned page
    line: int | None = None  # first line of the stamp in its page's text
    annotation: bool = False  # a /Stamp annotation over the page (its lines come after the page's)


@dataclass(slots=True)
class TruthMention:
    as_written: str
    insee: str


@dataclass(slots=True)
class TruthDocument:
    kind: str
    title: str
    territory: str
    period_start: int | None
    period_end: int | None
    page_start: int
    page_end: int
    signed_place: str = ""
    signed_date: str | None = None
    parties: list[TruthParty] = field(default_factory=list)
    visas: list[str] = field(default_factory=list)
    communes_in_visa: list[str] = field(default_factory=list)
    communes_in_preambule: list[str] = field(default_factory=list)
    articles: list[TruthArticle] = field(default_factory=list)
    signatures: list[TruthSignature] = field(default_factory=list)
    annexes: list[TruthAnnex] = field(default_factory=list)
    equipments: list[TruthEquipment] = field(default_factory=list)
    actions: list[TruthAction] = field(default_factory=list)
    deliberation: TruthDeliberation | None = None
    stamps: list[TruthStamp] = field(default_factory=list)
    commune_mentions: list[TruthMention] = field(default_factory=list)
    copy_of: int | None = None  # index in `documents` of the document this one repeats


@dataclass(slots=True)
class TruthFile:
    file: str
    variant: str  # digital | scanned | mixed | repeated | bundle | text
    pages: list[TruthPage]
    documents: list[TruthDocument]
    stamps: list[TruthStamp] = field(default_factory=list)  # every stamp in the file
    encoding: str | None = None  # for text inputs


# Nested dataclass fields, so that a JSON object can be rebuilt without a schema library.
_NESTED: dict[tuple[type, str], type] = {
    (TruthFile, "pages"): TruthPage,
    (TruthFile, "documents"): TruthDocument,
    (TruthFile, "stamps"): TruthStamp,
    (TruthDocument, "parties"): TruthParty,
    (TruthDocument, "articles"): TruthArticle,
    (TruthDocument, "signatures"): TruthSignature,
    (TruthDocument, "annexes"): TruthAnnex,
    (TruthDocument, "equipments"): TruthEquipment,
    (TruthDocument, "actions"): TruthAction,
    (TruthDocument, "deliberation"): TruthDeliberation,
    (TruthDocument, "stamps"): TruthStamp,
    (TruthDocument, "commune_mentions"): TruthMention,
    (TruthDeliberation, "pouvoirs"): TruthProxy,
}


def _build(cls: type, data: dict[str, Any]) -> Any:
    known = {f.name for f in fields(cls)}
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in known:
            continue  # fields added later by the generator stay readable by older loaders
        inner = _NESTED.get((cls, key))
        if inner is not None and isinstance(value, list):
            value = [_build(inner, item) for item in value]
        elif inner is not None and isinstance(value, dict):
            value = _build(inner, value)
        values[key] = value
    return cls(**values)


def truth_from_dict(data: dict[str, Any]) -> TruthFile:
    return _build(TruthFile, data)


def truth_to_dict(truth: TruthFile) -> dict[str, Any]:
    return asdict(truth)


def load_truth(path: str | Path) -> TruthFile:
    return truth_from_dict(json.loads(Path(path).read_text(encoding="utf-8")))


def dump_truth(truth: TruthFile, path: str | Path) -> None:
    text = json.dumps(truth_to_dict(truth), ensure_ascii=False, indent=1, sort_keys=False)
    Path(path).write_text(text + "\n", encoding="utf-8")


def iter_truth(corpus_dir: str | Path) -> Iterator[tuple[Path, TruthFile]]:
    """(input path, truth) for every truth file under corpus_dir/truth, sorted by name."""
    root = Path(corpus_dir)
    for path in sorted((root / "truth").glob("*.json")):
        truth = load_truth(path)
        yield root / truth.file, truth
