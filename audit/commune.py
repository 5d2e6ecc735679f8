"""One view per commune, across conventions: each convention it is party to, named in, or a member
of the signing EPCI of, with the evidence (file, page, line) and what the audit found.

Read from the audit rows of a finished run (the `audit` table), so `ctg audit --commune` needs no
input again. A name that matches no row gives the closest names of the run instead.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict

from rapidfuzz import fuzz, process

from ctg.audit.view import matches, row_keys
from ctg.core.model import AuditRow, CommuneEntry
from ctg.resolve.names import place_key

# How a row's source reads as the commune's tie to the convention. Example: "named in the visas".
RELATIONS: dict[str, str] = {
    "party": "party",
    "signature": "signature block",
    "visa": "named in the visas",
    "preambule": "named in the préambule",
    "annex_decisions": "named in the annex of council decisions",
    "epci_member": "member of the signing EPCI (reference)",
    "earlier_territory": "in the territory of an earlier CTG",
}
SIGNING_SOURCES = frozenset({"party", "signature"})
CLOSEST = 5  # closest names offered for a name not found
MIN_CLOSE_SCORE = 50.0  # below, a name is not offered (rapidfuzz ratio of the folded names, 0-100)


def signing_epci(rows: list[AuditRow]) -> dict[str, tuple[str, str]]:
    """Per convention, the EPCI that is a party or signs: (full name, SIREN), names joined by " / "."""
    found: dict[str, list[AuditRow]] = {}
    for row in rows:
        if row.kind == "epci" and SIGNING_SOURCES & set(row.sources):
            found.setdefault(row.convention_doc_id, []).append(row)
    return {
        doc_id: (" / ".join(r.commune for r in epci), " / ".join(r.siren or "" for r in epci))
        for doc_id, epci in found.items()
    }


def entry(row: AuditRow, epci: tuple[str, str] | None) -> CommuneEntry:
    period = f"{row.period_start}-{row.period_end}" if row.period_start else ""
    found = CommuneEntry(
        row.commune, row.insee or "", row.siren or "", row.convention_doc_id, row.convention_title,
        row.territory, period, row.convention_file,
    )  # fmt: skip
    found.sources = list(row.sources)
    found.relations = [RELATIONS.get(source, source) for source in row.sources]
    if epci is not None and row.kind == "commune":
        found.signing_epci, found.signing_epci_siren = epci
    for name in ("is_party", "has_signature_block", "signer_named", "deliberation", "stamp", "vote"):
        setattr(found, name, getattr(row, name))
    found.deliberation_date = row.deliberation_date.isoformat() if row.deliberation_date else ""
    found.deliberation_number = row.deliberation_number
    found.evidence = [
        f"{label}: {span.file} p. {span.page} l. {span.line_start}" for label, span in row.evidence.items()
    ]
    found.findings = [f.text for f in row.findings]
    return found


def commune_view(rows: list[AuditRow], commune: str) -> list[CommuneEntry]:
    """Every convention row of the commune (name, beginning of a name, INSEE code or SIREN)."""
    epci = signing_epci(rows)
    kept = [row for row in rows if matches(row, commune, None)]
    kept.sort(key=lambda row: (place_key(row.commune), row.territory, row.period_start or 0))
    return [entry(row, epci.get(row.convention_doc_id)) for row in kept]


def every_commune(rows: list[AuditRow]) -> list[CommuneEntry]:
    """The view of every commune the run's conventions name (the EPCI's other members left out),
    sorted by commune: the report's section per commune."""
    epci = signing_epci(rows)
    named = [row for row in rows if row.kind == "commune" and row.sources != ["epci_member"]]
    named.sort(
        key=lambda row: (place_key(row.commune), row.insee or "", row.territory, row.period_start or 0)
    )
    return [entry(row, epci.get(row.convention_doc_id)) for row in named]


def closest_names(rows: list[AuditRow], commune: str, limit: int = CLOSEST) -> list[str]:
    """The run's commune and EPCI names nearest to a name that matched none."""
    names = {key: row.commune for row in rows for key in row_keys(row)}
    found = process.extract(place_key(commune), list(names), scorer=fuzz.ratio, limit=limit)
    return [names[key] for key, score, _ in found if score >= MIN_CLOSE_SCORE]


def as_table(entries: list[CommuneEntry]) -> str:
    """Console text: per commune, one block per convention."""
    out: list[str] = []
    current = None
    for item in entries:
        if (item.commune, item.insee) != current:
            current = (item.commune, item.insee)
            parts = (f"INSEE {item.insee}" if item.insee else "", f"SIREN {item.siren}" if item.siren else "")
            codes = ", ".join(part for part in parts if part)
            out += ["", f"{item.commune}" + (f" ({codes})" if codes else "")]
        title = item.convention_title or "Convention"
        out.append(f"  {title} — {item.territory or '?'} {item.period or 'years unknown'}")
        out.append(f"    {item.convention_file} (doc {item.convention_doc_id})")
        out.append(f"    {'; '.join(item.relations)}")
        if item.signing_epci:
            out.append(f"    signing EPCI: {item.signing_epci} (SIREN {item.signing_epci_siren})")
        delib = " ".join(p for p in (item.deliberation_date, item.deliberation_number, item.vote) if p)
        out.append(
            f"    party {item.is_party}, signature block {item.has_signature_block}, signer named "
            f"{item.signer_named}, deliberation {item.deliberation}" + (f" ({delib})" if delib else "")
            + f", stamp {item.stamp}"
        )  # fmt: skip
        out += [f"    evidence {line}" for line in item.evidence]
        out += [f"    - {line}" for line in item.findings]
    return "\n".join(out).strip("\n") + "\n"


def as_records(entries: list[CommuneEntry]) -> list[dict[str, object]]:
    return [asdict(item) for item in entries]


def as_csv(entries: list[CommuneEntry]) -> str:
    """One line per commune and convention; lists joined by "; "."""
    buffer = io.StringIO()
    names = list(CommuneEntry.__dataclass_fields__)
    writer = csv.DictWriter(buffer, fieldnames=names, lineterminator="\n")
    writer.writeheader()
    for record in as_records(entries):
        writer.writerow({k: "; ".join(v) if isinstance(v, list) else v for k, v in record.items()})
    return buffer.getvalue()


def as_json(entries: list[CommuneEntry]) -> str:
    return json.dumps(as_records(entries), ensure_ascii=False, indent=2) + "\n"


FORMATS = {"table": as_table, "csv": as_csv, "json": as_json}
