"""The output contract as data: every table's columns, types, required fields, enums and keys.

One declaration serves four uses: the column order of each DataFrame, the SQLite/CSV/Parquet
outputs, `datapackage.json` (Frictionless Table Schema) and `datasette.json` (Datasette metadata).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

FieldType = str  # Frictionless types: string, integer, number, boolean, date

PARTY_TYPES = ["caf", "msa", "commune", "epci", "departement", "other"]
DOC_KINDS = ["convention", "deliberation", "minutes", "annex", "acknowledgement", "other"]
TRISTATE = ["yes", "no", "unknown"]
TRISTATE_COLUMNS = frozenset({"is_party", "has_signature_block", "signer_named", "deliberation", "stamp"})


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: FieldType = "string"
    required: bool = False
    enum: list[str] | None = None
    description: str = ""

    def frictionless(self) -> dict[str, object]:
        spec: dict[str, object] = {"name": self.name, "type": self.type}
        if self.description:
            spec["description"] = self.description
        constraints: dict[str, object] = {}
        if self.required:
            constraints["required"] = True
        if self.enum:
            constraints["enum"] = self.enum
        if constraints:
            spec["constraints"] = constraints
        return spec


@dataclass(frozen=True, slots=True)
class TableSpec:
    name: str
    description: str
    columns: list[Column]
    primary_key: list[str] = field(default_factory=list)
    foreign_keys: list[tuple[list[str], str, list[str]]] = field(default_factory=list)

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]


def _c(name: str, type_: FieldType = "string", **options: object) -> Column:
    return Column(name, type_, **options)  # type: ignore[arg-type]


def _provenance(line_end: bool = True) -> list[Column]:
    columns = [
        _c("file", required=True, description="input path relative to the input root"),
        _c("page", "integer", description="1-based page"),
        _c(
            "line_start", "integer", description="1-based line in the page's text (PDF) or in the file (text)"
        ),
    ]
    ends = [
        _c("page_end", "integer", description="page of line_end (the row's last page)"),
        _c("line_end", "integer"),
    ]
    return [*columns, *ends] if line_end else columns


DOC_FK = (["doc_id"], "documents", ["doc_id"])


def _named() -> list[Column]:
    """Columns a party and a signature block share: who, as written, and its official codes."""
    return [
        _c("doc_id", required=True),
        _c("position", "integer", required=True),
        _c("as_written", required=True),
        _c("party_type", required=True, enum=PARTY_TYPES),
        _c("name"),
        _c("insee"),
        _c("siren"),
    ]


def _numbered() -> list[Column]:
    """Columns an article and an annex share."""
    return [_c("doc_id", required=True), _c("number", required=True), _c("title")]


# The audit's columns (name, type, description): audit/rows.py makes the rows, export/audit_table.py
# writes them. Tri-state columns hold the text "yes", "no" or "unknown".
AUDIT_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("convention_doc_id", "string", "the canonical convention audited"),
    ("territory", "string", "the convention's territory as written"),
    ("insee", "string", "INSEE code of the commune (empty for an EPCI or an unresolved name)"),
    ("commune", "string", "official name (of the EPCI on its row), else as written"),
    ("is_party", "string", "yes/no/unknown: among the parties after 'Entre :'"),
    ("has_signature_block", "string", "yes/no/unknown: a 'Pour la Commune de …' block"),
    ("signer_named", "string", "yes/no/unknown: the block names its signer, not only a role"),
    ("deliberation_doc_id", "string", "the deliberation approving the convention, when in the corpus"),
    ("deliberation_date", "date", "its séance (or the act date of its prefecture stamp)"),
    ("vote", "string", "unanimous (…) / pour N, contre N, abstention N / unknown"),
    ("findings", "string", "every finding in plain words, '; ' between them"),
    ("kind", "string", "commune or epci"),
    ("siren", "string", "SIREN of the commune or EPCI"),
    ("deliberation", "string", "yes/no/unknown: approving deliberation found ('no': it did not adopt)"),
    ("deliberation_number", "string", "the deliberation's number"),
    ("stamp", "string", "yes/unknown: a prefecture stamp of this council on the convention or a copy"),
    ("stamp_actes_id", "string", "that stamp's ACTES ID"),
    ("sources", "string", "where the place is named: party;signature;visa;preambule;annex_decisions;"
     "epci_member;earlier_territory"),
    ("spellings", "string", "the spellings met, by source, when they differ"),
    ("finding_codes", "string", "stable codes of the findings (audit/findings.py), ';' between them"),
    ("convention_file", "string", "the convention's input file"),
    ("convention_title", "string", "the convention's title"),
    ("period_start", "integer", "first year of the convention"),
    ("period_end", "integer", "last year of the convention"),
    ("party_page", "integer", "page of the party heading"),
    ("party_line", "integer", "line of the party heading"),
    ("signature_page", "integer", "page of the signature block"),
    ("signature_line", "integer", "line of the signature block"),
    ("deliberation_file", "string", "file of the deliberation (or of the stamp that stands for it)"),
    ("deliberation_page", "integer", "its page"),
    ("deliberation_line", "integer", "its first line"),
    ("stamp_file", "string", "file of the prefecture stamp"),
    ("stamp_page", "integer", "its page"),
    ("stamp_line", "integer", "its first line"),
    ("provenance", "string", "every piece of evidence as 'label: file p. N l. N'"),
)  # fmt: skip


TABLES: list[TableSpec] = [
    TableSpec(
        "files",
        "one row per input file",
        [
            _c("file", required=True),
            _c("sha256", required=True),
            _c("bytes", "integer"),
            _c("pages", "integer"),
            _c("status", required=True, enum=["ok", "partial", "error", "skipped"]),
            _c(
                "error",
                description="one-line reason when status is error, or why it is partial (a page part-read)",
            ),
            _c("seconds", "number"),
            _c("encoding", description="detected encoding of a text input"),
            _c("signed_date", "date", description="date of the PDF's digital signature"),
            _c("documents", "integer"),
            _c("cached", "boolean", description="reused from an earlier run's cache"),
        ],
        primary_key=["file"],
    ),
    TableSpec(
        "pages",
        "one row per page read",
        [
            _c("file", required=True),
            _c("page", "integer", required=True),
            _c("method", required=True, enum=["text", "ocr", "plain"]),
            _c("chars", "integer"),
            _c("lines", "integer"),
            _c("ocr_confidence", "number", description="mean Tesseract word confidence, 0-100"),
            _c(
                "quality",
                "number",
                description="0-1, for sorting: 1 a clean text layer; OCR confidence, lowered when fewer "
                "characters were read than the page shows glyphs",
            ),
            _c("rotation", "integer"),
            _c("reason", description="why this method was chosen; then 'text lost: …' or 'OCR failed: …'"),
            _c(
                "read_from",
                description="the page whose OCR reading was reused for this one, 'file#page=N' (the same "
                "picture, or a re-scan verified to show the same page); empty when read itself. Its own "
                "text layer and annotations (a typed stamp, a note) are read on the page itself",
            ),
        ],
        primary_key=["file", "page"],
        foreign_keys=[(["file"], "files", ["file"])],
    ),
    TableSpec(
        "documents",
        "documents found in files; repeated copies are separate rows linked by duplicate_of",
        [
            _c("doc_id", required=True, description="sha256 of the file and the document's position"),
            _c("file", required=True),
            _c("position", "integer"),
            _c("kind", required=True, enum=DOC_KINDS),
            _c("convention_type", description="a convention's kind: CTG, CLS, avenant, …"),
            _c("title"),
            _c("territory"),
            _c("period_start", "integer"),
            _c("period_end", "integer"),
            _c("signed_place"),
            _c("signed_date", "date"),
            _c("page_start", "integer"),
            _c("page_end", "integer"),
            _c("line_start", "integer"),
            _c("line_end", "integer"),
            _c("duplicate_of", description="canonical doc_id when this document is a copy"),
            _c("text_sha"),
            _c("problems", description="what the parser expected and did not find, '; '-separated"),
        ],
        primary_key=["doc_id"],
    ),
    TableSpec(
        "parties",
        "parties named in a convention",
        [
            *_named(),
            _c("representative"),
            _c("role"),
            _c("resolution", description="how the code was found, or why not"),
            *_provenance(),
        ],
        primary_key=["doc_id", "position"],
        foreign_keys=[DOC_FK],
    ),
    TableSpec(
        "signatures",
        "signature blocks",
        [
            *_named(),
            _c("signers", description="'; '-separated names (empty: a role without a name)"),
            _c("signer_roles"),
            _c("resolution"),
            *_provenance(),
        ],
        primary_key=["doc_id", "position"],
        foreign_keys=[DOC_FK],
    ),
    TableSpec(
        "articles",
        "articles of conventions",
        [
            *_numbered(),
            *_provenance(),
            _c("chars", "integer"),
        ],
        foreign_keys=[DOC_FK],
    ),
    TableSpec(
        "annexes",
        "annexes announced and present",
        [
            *_numbered(),
            _c("listed", "boolean"),
            _c("present", "boolean"),
            *_provenance(),
        ],
        foreign_keys=[DOC_FK],
    ),
    TableSpec(
        "deliberations",
        "council deliberations",
        [
            _c("doc_id", required=True),
            _c("position", "integer", required=True, description="0-based order of the act in its document"),
            _c("collectivite"),
            _c("insee"),
            _c("siren"),
            _c("seance_date", "date"),
            _c("number"),
            _c("objet"),
            _c("en_exercice", "integer", description="members in office, as printed"),
            _c("votants", "integer"),
            _c("pour", "integer"),
            _c("contre", "integer"),
            _c("abstention", "integer"),
            _c("unanimite", "boolean"),
            _c(
                "presents",
                "integer",
                description="number of members present, as printed (never a count of names)",
            ),
            _c("pouvoirs", "integer", description="number of proxies, as printed (never a count of names)"),
            _c("presents_names", description="'; '-separated"),
            _c("pouvoirs_detail", description="'giver → holder; …'"),
            _c("absents"),
            _c("president"),
            _c("secretaire"),
            _c("decisions", description="'; '-separated"),
            _c("executoire_date", "date"),
            _c("actes_id"),
            _c("derived", description="values computed rather than read, and how"),
            *_provenance(),
        ],
        primary_key=["doc_id", "position"],
        foreign_keys=[DOC_FK],
    ),
    TableSpec(
        "stamps",
        "prefecture stamps and acknowledgements of receipt",
        [
            *_provenance(),
            _c("doc_id"),
            _c("source", enum=["text", "ocr", "annotation", "plain"], description="where the stamp was read"),
            _c("sent", "date"),
            _c("received", "date"),
            _c("published", "date"),
            _c("displayed", "date"),
            _c("actes_id"),
            _c("departement"),
            _c("siren"),
            _c("insee"),
            _c("act_date", "date"),
            _c("act_number"),
            _c("nature", enum=["DE", "AR", "AI", "CC", "BF", "AU"]),
            _c("matiere"),
            _c("matiere_nom"),
        ],
    ),
    TableSpec(
        "equipments",
        "equipments and services listed in annexes",
        [
            _c("doc_id", required=True),
            _c("structure_type"),
            _c("name", required=True),
            _c("address"),
            _c("commune"),
            _c("insee"),
            _c("manager"),
            *_provenance(line_end=False),
        ],
        foreign_keys=[DOC_FK],
    ),
    TableSpec(
        "actions",
        "action plan sheets (fiches action)",
        [
            _c("doc_id", required=True),
            _c("number"),
            _c("title", required=True),
            _c("theme"),
            _c("pilot"),
            _c("partners"),
            _c("objectives"),
            _c("budget"),
            *_provenance(line_end=False),
        ],
        foreign_keys=[DOC_FK],
    ),
    TableSpec(
        "duplicates",
        "clusters of copies, bundles and versions; one canonical document each",
        [
            _c("doc_id", required=True),
            _c("cluster", required=True),
            _c("canonical_doc_id", required=True),
            _c("similarity", "number"),
            _c("relation", enum=["copy", "contained", "version"]),
            _c("evidence", description="the similarity, the identity facts that agree and those that differ"),
        ],
        primary_key=["doc_id", "cluster"],
        foreign_keys=[DOC_FK],
    ),
]

TABLES.append(
    TableSpec(
        "audit",
        "one row per commune or EPCI involved in each canonical convention",
        [
            Column(name, type_, enum=TRISTATE if name in TRISTATE_COLUMNS else None, description=text)
            for name, type_, text in AUDIT_FIELDS
        ],
        foreign_keys=[(["convention_doc_id"], "documents", ["doc_id"])],
    )
)

TABLES.append(
    TableSpec(
        "audit_conventions",
        "one row per canonical convention: where and when it was signed, its annexes, its own findings",
        [
            _c("convention_doc_id", required=True),
            _c("file", required=True, description="input path relative to the input root"),
            _c("title"),
            _c("territory"),
            _c("period_start", "integer"),
            _c("period_end", "integer"),
            _c("signed_place", description="the place of 'Fait à …', as written"),
            _c("signed_date", "date", description="the date of 'Fait à …, le …'"),
            _c("annexes", description="the annexes listed or found, 'number: title', '; ' between them"),
            _c(
                "annexes_missing", description="numbers of the listed annexes that no copy holds, ';' between"
            ),
            _c("findings", description="the convention's own findings in words, '; ' between them"),
            _c(
                "finding_codes", description="stable codes of those findings (audit/findings.py), ';' between"
            ),
        ],
        primary_key=["convention_doc_id"],
        foreign_keys=[(["convention_doc_id"], "documents", ["doc_id"])],
    )
)

SPECS: dict[str, TableSpec] = {spec.name: spec for spec in TABLES}


def datapackage(specs: list[TableSpec], profile_version: str) -> dict[str, object]:
    """A Frictionless data package describing the CSV files of out/csv/."""
    resources = []
    for spec in specs:
        schema: dict[str, object] = {"fields": [c.frictionless() for c in spec.columns]}
        if spec.primary_key:
            schema["primaryKey"] = spec.primary_key
        if spec.foreign_keys:
            schema["foreignKeys"] = [
                {"fields": fields, "reference": {"resource": resource, "fields": ref}}
                for fields, resource, ref in spec.foreign_keys
            ]
        resources.append(
            {
                "name": spec.name,
                "path": f"csv/{spec.name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "encoding": "utf-8",
                "description": spec.description,
                "schema": schema,
            }
        )
    return {"name": "ctg", "title": "ctg tables", "version": profile_version, "resources": resources}


def write_datapackage(path: Path, specs: list[TableSpec], version: str) -> None:
    path.write_text(json.dumps(datapackage(specs, version), ensure_ascii=False, indent=2), encoding="utf-8")


# The columns a reader of the Datasette site filters by first, per table: a document's kind and
# territory, and each evidence state of the audit.
FACETS: dict[str, list[str]] = {
    "documents": ["kind", "territory"],
    "audit": [name for name, _, _ in AUDIT_FIELDS if name in TRISTATE_COLUMNS],
}


def datasette_metadata(specs: list[TableSpec], version: str) -> dict[str, object]:
    """Datasette metadata for ctg.sqlite: the title, each table's and column's description, facets."""
    tables: dict[str, object] = {}
    for spec in specs:
        table: dict[str, object] = {"description": spec.description}
        columns = {c.name: c.description for c in spec.columns if c.description}
        if columns:
            table["columns"] = columns
        if spec.name in FACETS:
            table["facets"] = FACETS[spec.name]
        tables[spec.name] = table
    title = f"ctg tables ({version})"
    return {"title": title, "databases": {"ctg": {"title": title, "tables": tables}}}


def write_datasette(path: Path, specs: list[TableSpec], version: str) -> None:
    text = json.dumps(datasette_metadata(specs, version), ensure_ascii=False, indent=2)
    path.write_text(text, encoding="utf-8")
