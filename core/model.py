"""The typed values that pass between stages.

Every stage is a function from one of these values to the next. They are plain
dataclasses: no behaviour beyond small derived properties, so that a cached result
can be pickled and a table can be built from them in one place (export/).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

PageMethod = Literal["text", "ocr", "plain"]
# Where a line's text came from: the PDF's text layer, OCR of the page's picture, the appearance of
# an annotation that prints (a stamp added by a transmission tool), or a text input.
LineOrigin = Literal["text", "ocr", "annotation", "plain"]
# "partial": read, but some page's text could not be read (files.error says which and why).
FileStatus = Literal["ok", "partial", "error", "skipped"]
READ_STATUSES = frozenset({"ok", "partial"})  # files whose pages go on through the stages
# "minutes": the procès-verbal or compte rendu of a sitting, holding many voted items.
DocKind = Literal["convention", "deliberation", "minutes", "annex", "acknowledgement", "other"]
PartyType = Literal["caf", "msa", "commune", "epci", "departement", "other"]
# What a line is, once normalize has looked at the whole file.
LineRole = Literal["body", "header", "footer", "page_number", "stamp", "blank"]


@dataclass(slots=True)
class Line:
    """One line of text, the atom every stage passes on.

    `page` is 1-based. `number` is 1-based and counted in the page's extracted text
    for PDFs and in the whole input file for .txt/.md (DESIGN.md, Provenance).
    `raw` keeps what extraction saw so that every repair can be explained and undone.
    """

    text: str
    page: int
    number: int
    raw: str = ""
    bbox: tuple[float, float, float, float] | None = None  # x0, top, x1, bottom in points
    font: str | None = None
    size: float | None = None
    bold: bool = False
    heading: bool = False
    role: LineRole = "body"
    confidence: float | None = None  # mean OCR word confidence (0-100), None when not OCRed
    origin: LineOrigin = "text"


@dataclass(slots=True)
class Span:
    """Where a value comes from: file, pages and lines (1-based, inclusive)."""

    file: str
    page: int
    line_start: int
    line_end: int
    page_end: int | None = None  # set when the span crosses pages

    @classmethod
    def of_lines(cls, file: str, lines: list[Line]) -> Span:
        first, last = lines[0], lines[-1]
        return cls.between(file, (first.page, first.number), (last.page, last.number))

    @classmethod
    def between(cls, file: str, first: tuple[int, int], last: tuple[int, int]) -> Span:
        """From (page, line) `first` to (page, line) `last`, inclusive."""
        return cls(file, first[0], first[1], last[1], last[0] if last[0] != first[0] else None)


@dataclass(slots=True)
class Page:
    """One page as read: its lines and how they were read."""

    file: str
    number: int
    method: PageMethod
    lines: list[Line] = field(default_factory=list)
    width: float | None = None
    height: float | None = None
    ocr_confidence: float | None = None  # mean word confidence 0-100
    quality: float = 1.0  # 0-1, for sorting: 1 = clean text layer
    rotation: int = 0  # degrees applied before OCR
    reason: str = ""  # why this method was chosen (e.g. "no text layer")
    lost: str = ""  # why part of the page's text was not read (OCR failed, text lost), "" if none
    # The page whose OCR reading this page reuses, "file#page=N" (the same picture, read once);
    # None when the page was read itself.
    read_from: str | None = None

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def chars(self) -> int:
        return sum(len(line.text) for line in self.lines)


@dataclass(slots=True)
class Repair:
    """One change normalize made to a line, kept so it can be explained and undone."""

    page: int
    line: int
    rule: str  # e.g. "ocr:lexicon", "hyphenation", "markup"
    before: str
    after: str


@dataclass(slots=True)
class SourceFile:
    """One input file after extraction (status ok) or its failure (status error)."""

    file: str  # path relative to the input root
    sha256: str
    bytes: int
    status: FileStatus = "ok"
    error: str = ""
    pages: list[Page] = field(default_factory=list)
    seconds: float = 0.0
    encoding: str | None = None  # for text inputs
    signed_date: date | None = None  # date of a digital signature, when the PDF has one
    repairs: list[Repair] = field(default_factory=list)  # filled by normalize

    @property
    def lines(self) -> list[Line]:
        return [line for page in self.pages for line in page.lines]


@dataclass(slots=True)
class Person:
    as_written: str
    civility: str = ""  # Monsieur / Madame
    first_name: str = ""
    last_name: str = ""
    role: str = ""


@dataclass(slots=True)
class Party:
    position: int
    as_written: str
    party_type: PartyType
    name: str
    span: Span
    representative: str = ""
    role: str = ""
    insee: str | None = None
    siren: str | None = None
    resolution: str = ""  # why a code was or was not given ("exact", "ambiguous: 3 candidates")


@dataclass(slots=True)
class SignatureBlock:
    position: int
    as_written: str
    party_type: PartyType
    name: str
    span: Span
    signers: list[Person] = field(default_factory=list)
    insee: str | None = None
    siren: str | None = None
    resolution: str = ""


@dataclass(slots=True)
class Article:
    number: str  # "1", "préliminaire", "4 bis"
    title: str
    span: Span
    chars: int = 0


@dataclass(slots=True)
class Annex:
    number: str
    title: str
    listed: bool
    present: bool
    span: Span | None = None


@dataclass(slots=True)
class Stamp:
    """A prefecture stamp block or an acknowledgement of receipt."""

    span: Span
    sent: date | None = None
    received: date | None = None
    published: date | None = None
    displayed: date | None = None
    actes_id: str | None = None
    departement: str | None = None
    siren: str | None = None
    insee: str | None = None
    act_date: date | None = None
    act_number: str | None = None
    nature: str | None = None  # DE, AR, AI, CC, BF, AU
    matiere: str | None = None  # ACTES matière, e.g. "8.2"
    matiere_nom: str | None = None
    source: LineOrigin = "text"  # where its lines were read: text layer, OCR, annotation, plain text
    collectivite: str = ""  # official name of the SIREN's owner, filled by resolve ("" when unknown)


@dataclass(slots=True)
class Proxy:
    """A vote by proxy: `giver` gave power to `holder`."""

    giver: str
    holder: str


@dataclass(slots=True)
class Deliberation:
    span: Span
    collectivite: str = ""
    insee: str | None = None
    siren: str | None = None
    seance_date: date | None = None
    number: str = ""
    objet: str = ""
    votants: int | None = None
    pour: int | None = None
    contre: int | None = None
    abstention: int | None = None
    unanimite: bool | None = None
    presents: list[str] = field(default_factory=list)
    presents_count: int | None = None  # a printed figure ("présents : 21"), never a count of names
    pouvoirs: list[Proxy] = field(default_factory=list)
    absents: list[str] = field(default_factory=list)
    president: str = ""
    secretaire: str = ""
    decisions: list[str] = field(default_factory=list)
    executoire_date: date | None = None
    actes_id: str | None = None
    en_exercice: int | None = None  # members in office ("membres en exercice : 19")
    approves: str = ""  # the type of convention its objet names (CTG, CLS, avenant…), "" when none
    pouvoirs_count: int | None = None  # a printed number of proxies ("dont 2 procurations")
    derived: list[str] = field(default_factory=list)  # values computed, not read, and how
    official_name: str = ""  # the collectivité's official name, filled by resolve ("" when unresolved)

    @property
    def vote_text(self) -> str:
        """The vote in words: "unanimous (pour 19)", "pour 20, contre 3", "not read"."""
        counts = [f"{label} {value}" for label, value in
                  (("pour", self.pour), ("contre", self.contre), ("abstention", self.abstention))
                  if value is not None]  # fmt: skip
        if self.unanimite:
            return "unanimous" + (f" ({', '.join(counts)})" if counts else "")
        return ", ".join(counts) or "not read"


@dataclass(slots=True)
class Equipment:
    structure_type: str
    name: str
    span: Span
    address: str = ""
    commune: str = ""
    insee: str | None = None
    manager: str = ""


@dataclass(slots=True)
class Action:
    number: str
    title: str
    span: Span
    theme: str = ""
    pilot: str = ""
    partners: str = ""
    objectives: str = ""
    budget: str = ""


MentionSource = Literal[
    "party", "signature", "visa", "preambule", "annex_decisions", "epci_member", "earlier_territory"
]
PlaceKindName = Literal["commune", "epci"]


@dataclass(slots=True)
class Mention:
    """One place where a document names a commune or EPCI."""

    as_written: str
    source: MentionSource
    kind: PlaceKindName
    span: Span | None = None
    insee: str | None = None
    siren: str | None = None
    name: str = ""  # official name when resolved, else as written
    reason: str = ""  # how it was resolved, or why not


@dataclass(slots=True)
class AuditInputs:
    """What resolve reads of the places in one document's lines, for the audit: small enough to keep
    for a whole run (the lines are not kept)."""

    mentions: list[Mention] = field(default_factory=list)  # a convention: places named in its lines
    commune_lists: list[set[str]] = field(default_factory=list)  # a CTG deliberation: INSEE codes per list
    # Its folded text, zlib-compressed (a third of the size), kept only when a list is long enough
    # to be a territory: the audit looks the territory's name up in it.
    territory_text: bytes = b""


@dataclass(slots=True)
class Document:
    """One document found in a file; repeated copies are separate documents."""

    doc_id: str  # sha256 of the file + position in it: stable across runs
    file: str
    position: int
    kind: DocKind
    span: Span
    title: str = ""
    territory: str = ""
    period_start: int | None = None
    period_end: int | None = None
    signed_place: str = ""
    signed_date: date | None = None
    text_sha: str = ""
    lines: list[Line] = field(default_factory=list)
    parties: list[Party] = field(default_factory=list)
    visas: list[str] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    signatures: list[SignatureBlock] = field(default_factory=list)
    annexes: list[Annex] = field(default_factory=list)
    # A deliberation's act, or every voted item of minutes, in document order.
    deliberations: list[Deliberation] = field(default_factory=list)
    convention_type: str = ""  # a convention's kind: "CTG", "CLS", "avenant", …
    stamps: list[Stamp] = field(default_factory=list)
    equipments: list[Equipment] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # "article 7 missing", ...
    duplicate_of: str | None = None
    # The places named in the lines, read by resolve while the lines and the document's context are
    # at hand (resolve.mentions.read_places), so that the run keeps no document's lines; None before.
    audit: AuditInputs | None = None

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def deliberation(self) -> Deliberation | None:
        """The document's first (for a deliberation, its only) voted act."""
        return self.deliberations[0] if self.deliberations else None


# --- audit ------------------------------------------------------------------------------
Tri = Literal["yes", "no", "unknown"]  # "unknown": the evidence is not in the corpus, never "no"
# Joins the findings of a row in the audit table's `findings` column; a finding's own text never holds it.
FINDINGS_SEPARATOR = "; "


@dataclass(frozen=True, slots=True)
class Finding:
    """What the audit says about a place of a convention, in words (its code names the kind)."""

    code: str
    text: str
    severity: str = field(default="", compare=False)  # "problem", "warning", "note"
    french: str = field(default="", compare=False)  # the same in French (the report's wording)


@dataclass(slots=True)
class AuditRow:
    """One commune or EPCI of one canonical convention; tri-state fields are "yes"/"no"/"unknown"."""

    convention_doc_id: str
    territory: str
    kind: PlaceKindName
    commune: str  # official name (of the EPCI for an EPCI row), else as written
    insee: str | None = None
    siren: str | None = None
    is_party: Tri = "unknown"
    has_signature_block: Tri = "unknown"
    signer_named: Tri = "unknown"
    deliberation: Tri = "unknown"
    deliberation_doc_id: str | None = None
    deliberation_date: date | None = None
    deliberation_number: str = ""
    vote: str = ""
    stamp: Tri = "unknown"
    stamp_actes_id: str | None = None
    sources: list[str] = field(default_factory=list)
    spellings: list[str] = field(default_factory=list)  # "Fontveille (signature)"
    findings: list[Finding] = field(default_factory=list)
    evidence: dict[str, Span] = field(default_factory=dict)  # cell -> where it was read
    convention_file: str = ""
    convention_title: str = ""
    period_start: int | None = None
    period_end: int | None = None


@dataclass(slots=True)
class ConventionAudit:
    """What the audit says of a canonical convention as a whole: when and where it was signed, its
    annexes (present: held by it or a copy), and the findings that are no single place's."""

    convention_doc_id: str
    file: str
    title: str
    territory: str
    period_start: int | None = None
    period_end: int | None = None
    signed_place: str = ""
    signed_date: date | None = None
    annexes: list[Annex] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    span: Span | None = None


@dataclass(slots=True)
class CommuneEntry:
    """A commune's (or EPCI's) place in one convention."""

    commune: str
    insee: str
    siren: str
    convention_doc_id: str
    convention_title: str
    territory: str
    period: str
    convention_file: str
    sources: list[str] = field(default_factory=list)  # the audit row's (party, visa, epci_member …)
    relations: list[str] = field(default_factory=list)  # the same in words
    signing_epci: str = ""  # the EPCI that is a party or signs, in full
    signing_epci_siren: str = ""
    is_party: str = "unknown"
    has_signature_block: str = "unknown"
    signer_named: str = "unknown"
    deliberation: str = "unknown"
    deliberation_date: str = ""
    deliberation_number: str = ""
    vote: str = ""
    stamp: str = "unknown"
    evidence: list[str] = field(default_factory=list)  # "party: conv.pdf p. 1 l. 12"
    findings: list[str] = field(default_factory=list)


@dataclass(slots=True)
class FileResult:
    """Everything the per-file map step produces: what the cache stores and export reads."""

    source: SourceFile
    documents: list[Document] = field(default_factory=list)
    digests: list[DocumentDigest] = field(default_factory=list)  # one per document, for dedupe
    cached: bool = False  # True when this run reused it from the cache
    # Made in the worker before the result travels to the run (engine.work.prepare): the rows of
    # each per-file table and the text outputs, so the run only writes them.
    rows: dict[str, list[dict[str, object]]] = field(default_factory=dict)
    texts: list[tuple[str, str, str]] = field(default_factory=list)  # (folder, name, text)


# --- dedupe -----------------------------------------------------------------------------
DuplicateRelation = Literal["copy", "contained", "version"]


@dataclass(slots=True)
class DocumentDigest:
    """What dedupe needs of one document, built in the map step (a few kB instead of its lines).

    Sketches are packed uint32 arrays (bytes) so the digest pickles small and core stays free
    of numpy: `sample` holds the sorted mod-m sample of
    shingle hashes, `names`/`numbers` sorted hashes of capitalised words and numbers.
    """

    doc_id: str
    file: str
    kind: DocKind
    text_sha: str  # sha256 of the folded token stream: equal for copies differing only in layout
    sample: bytes
    tokens: int  # length in words
    names: bytes = b""
    numbers: bytes = b""
    title: str = ""
    territory: str = ""  # folded
    period_start: int | None = None
    period_end: int | None = None
    signed_date: date | None = None
    parties: frozenset[str] = frozenset()  # INSEE codes, or folded names when unresolved
    draft: bool = False  # says PROJET
    amendment: bool = False  # is an avenant
    sitting: date | None = None  # the sitting an act was voted at ("Séance du 16 décembre 2022")
    head_years: frozenset[int] = frozenset()  # years of its first words (its own: sitting, period)
    years: frozenset[int] = frozenset()  # every year it names
    acts: frozenset[str] = frozenset()  # act numbers, folded ("2025/12/08-07" -> "2025120807")
    actes: frozenset[str] = frozenset()  # ACTES identifiers of an act's own stamps, OCR readings folded
    quality: float = 1.0  # 0-1, text layer 1, OCR lower
    repairs: int = 0
    articles: int = 0
    signatures: int = 0


@dataclass(slots=True)
class DuplicateLink:
    """One document's place in a cluster.

    relation "copy": `doc_id` is a copy of `canonical_doc_id` (same text, whatever route it
    came by: text layer, OCR, another layout); "contained": `doc_id` bundles a copy of the
    cluster's canonical (e.g. a deliberation with the convention as annex) and stays a document
    of its own; "version": `doc_id` is the same act of the same parties with a changed text (a
    draft, an avenant, a corrected re-publication), counted on its own. A canonical document
    has no row pointing at itself.
    """

    doc_id: str
    cluster: str
    canonical_doc_id: str
    similarity: float
    relation: DuplicateRelation = "copy"
    # why: "similarity 0.97; agree: territory, parties, dates; differ: draft mark"
    evidence: str = ""


@dataclass(slots=True)
class DedupeResult:
    """Links found over a run and, for every document, the document it counts as."""

    links: list[DuplicateLink] = field(default_factory=list)
    canonical: dict[str, str] = field(default_factory=dict)  # doc_id -> canonical doc_id (self if unique)
    problems: list[str] = field(default_factory=list)

    def duplicate_of(self, doc_id: str) -> str | None:
        """The value of documents.duplicate_of: the canonical, or None for a canonical document."""
        target = self.canonical.get(doc_id, doc_id)
        return None if target == doc_id else target
