"""`ctg audit`'s console text, from the audit rows of a finished run."""

from __future__ import annotations

from ctg.audit.territory import territory_key
from ctg.core.model import AuditRow
from ctg.resolve.epci import read_written
from ctg.resolve.names import place_key


def row_keys(row: AuditRow) -> list[str]:
    """The keys a row's place is found by: its name's; an EPCI's also without its nature
    ("Communauté de communes Vallée des Baux-Alpilles" is found as "Vallée des Baux")."""
    keys = [place_key(row.commune)]
    if row.kind == "epci":
        keys.append(" ".join(read_written(row.commune)[1].split()))
    return keys


def matches(row: AuditRow, commune: str | None, territory: str | None) -> bool:
    """`commune`: a name, a name's beginning ("Saint-Rémy"), an INSEE code or a SIREN."""
    if commune:
        key = place_key(commune)
        named = any(key == row_key or f"{row_key} ".startswith(f"{key} ") for row_key in row_keys(row))
        if not (named or commune in (row.insee, row.siren)):
            return False
    return not territory or territory_key(territory) in territory_key(row.territory)


def format_audit(rows: list[AuditRow], commune: str | None = None, territory: str | None = None) -> str:
    """Console text of `ctg audit`: per convention, one line per place, then its findings."""
    kept = [row for row in rows if matches(row, commune, territory)]
    if not kept:
        return (
            "no audit row matches"
            + (f" commune {commune!r}" if commune else "")
            + (f" territory {territory!r}" if territory else "")
        )
    out: list[str] = []
    header = (
        f"  {'place':<32} {'insee':<6} {'party':<7} {'block':<7} {'named':<7} {'delib':<7} {'stamp':<7} vote"
    )
    current = None
    for row in kept:
        if row.convention_doc_id != current:
            current = row.convention_doc_id
            period = f"{row.period_start}-{row.period_end}" if row.period_start else "years unknown"
            out += ["", f"{row.convention_title or 'Convention'} — {row.territory or '?'} {period}"]
            out += [f"  {row.convention_file} (doc {row.convention_doc_id})", header]
        out.append(
            f"  {row.commune[:32]:<32} {row.insee or '':<6} {row.is_party:<7} {row.has_signature_block:<7} "
            f"{row.signer_named:<7} {row.deliberation:<7} {row.stamp:<7} {row.vote}"
        )
        out += [f"      - {f.text}" for f in row.findings]
    return "\n".join(out).strip("\n")
