"""Audit accuracy and export timings on the sample corpus: `python -m bench.export_audit [--ocr never]`.

Every input of corpus/ goes through extract, normalize, segment, resolve and dedupe; the audit
is then compared, cell by cell, with what the ground truth (corpus/truth) says of each commune
of each convention: party or not, signature block or not, signer named or not, named in the
visas, named in the préambule. Prints one table of accuracies and one of timings.
"""

from __future__ import annotations

import argparse
import dataclasses
import time
from collections import Counter
from pathlib import Path

import pandas as pd

from ctg.audit.rows import build_audit
from ctg.core.model import AuditRow, Document
from ctg.corpus.truth import TruthDocument, load_truth
from ctg.dedupe import digest, find_duplicates
from ctg.export.report import render_report
from ctg.export.scdl import inferred_matiere, scdl_frame
from ctg.extract import ExtractOptions, read_file
from ctg.normalize import normalize_file
from ctg.resolve.document import resolve_document
from ctg.resolve.epci import full_name
from ctg.resolve.reference import load_reference
from ctg.segment import segment_file
from ctg.segment.convention_types import type_named

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def run_stages(files: list[Path], options: ExtractOptions) -> tuple[list[Document], pd.DataFrame]:
    documents: list[Document] = []
    status: list[dict[str, object]] = []
    for path in files:
        source = read_file(path, path.parent, options)
        status.append({"file": source.file, "status": source.status, "error": source.error})
        if source.status != "ok":
            continue
        documents += [resolve_document(doc) for doc in segment_file(normalize_file(source))]
    links = find_duplicates([digest(doc, quality=1.0, repairs=0) for doc in documents])
    for doc in documents:
        doc.duplicate_of = links.duplicate_of(doc.doc_id)
    return documents, pd.DataFrame(status)


def expected_cells(
    truth: TruthDocument, names_to_insee: dict[str, str], approving: set[str]
) -> dict[str, dict[str, str]]:
    """Per INSEE, what the truth implies: party, signature block, signer named, in visas, in préambule,
    deliberation (yes when the corpus holds its council's deliberation approving this territory's CTG)."""
    cells: dict[str, dict[str, str]] = {}
    # Names the truth gives with a code come first: "Villeneuve" alone names several communes.
    names_to_insee = names_to_insee | {
        p.name: p.insee for p in [*truth.parties, *truth.signatures] if p.insee
    }
    parties = {p.insee for p in truth.parties if p.insee}
    blocks = {s.insee: s for s in truth.signatures if s.insee}
    visa = {names_to_insee.get(name) for name in truth.communes_in_visa}
    preambule = {names_to_insee.get(name) for name in truth.communes_in_preambule}
    for insee in (parties | set(blocks) | visa | preambule) - {None}:
        block = blocks.get(insee)
        cells[insee] = {
            "is_party": "yes" if insee in parties else "no",
            "has_signature_block": "yes" if block else "no",
            "signer_named": "yes" if block and block.signers else "no",
            "in_visa": "yes" if insee in visa else "no",
            "in_preambule": "yes" if insee in preambule else "no",
            "deliberation": "yes" if insee in approving else "unknown",
        }
    return cells


def approving_councils(corpus: Path, territory: str) -> set[str]:
    """INSEE codes of the councils whose deliberation in the corpus approves that territory's CTG."""
    found: set[str] = set()
    for truth_file in sorted((corpus / "truth").glob("*.json")):
        for doc in load_truth(truth_file).documents:
            delib = doc.deliberation
            if (
                delib is not None
                and delib.insee
                and territory in delib.objet
                and "APPROUVE" in " ".join(delib.decisions)
            ):
                found.add(delib.insee)
    return found


def found_cells(row: AuditRow) -> dict[str, str]:
    return {
        "is_party": row.is_party,
        "has_signature_block": row.has_signature_block,
        "signer_named": row.signer_named,
        "in_visa": "yes" if "visa" in row.sources else "no",
        "in_preambule": "yes" if "preambule" in row.sources else "no",
        "deliberation": row.deliberation,
    }


def compare(rows: list[AuditRow], corpus: Path) -> pd.DataFrame:
    ref = load_reference()
    counts = Counter(ref.communes["name"])
    names_to_insee = {
        str(name): str(insee) for insee, name in ref.communes["name"].items() if counts[name] == 1
    }
    hits: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    for truth_file in sorted((corpus / "truth").glob("*.json")):
        truth = load_truth(truth_file)
        for doc in truth.documents:
            if doc.kind != "convention" or doc.copy_of is not None:
                continue
            mine = {r.insee: r for r in rows if r.convention_file.endswith(truth.file) and r.insee}
            approving = approving_councils(corpus, doc.territory)
            for insee, expected in expected_cells(doc, names_to_insee, approving).items():
                got = found_cells(mine[insee]) if insee in mine else {}
                for cell, value in expected.items():
                    totals[cell] += 1
                    hits[cell] += got.get(cell) == value
    return pd.DataFrame(
        [
            {
                "cell": cell,
                "checked": totals[cell],
                "right": hits[cell],
                "accuracy": hits[cell] / totals[cell],
            }
            for cell in totals
        ]
    )


def expected_scdl(corpus: Path) -> list[dict[str, object]]:
    """The SCDL values the truth implies for each deliberation (copies once)."""
    ref = load_reference()
    expected: list[dict[str, object]] = []
    for truth_file in sorted((corpus / "truth").glob("*.json")):
        truth = load_truth(truth_file)
        matieres = {s.actes_id: s.matiere for d in truth.documents for s in d.stamps if s.matiere}
        for doc in truth.documents:
            delib = doc.deliberation
            if delib is None or doc.copy_of is not None:
                continue
            owner = ref.commune(delib.insee) if delib.insee else None
            if owner is not None:
                name = str(owner["name"])
            else:  # an EPCI: its name written in full, as the SCDL's COLL_NOM wants an official name
                name = full_name(str(ref.epci.at[delib.siren, "name"]), ref.epci_nature[delib.siren])
            received = next((s.received for s in doc.stamps if s.actes_id == delib.actes_id), None)
            expected.append({
                "COLL_NOM": name, "DELIB_ID": delib.number, "DELIB_DATE": delib.seance_date,
                "DELIB_OBJET": delib.objet, "PREF_DATE": received or "",
                "DELIB_MATIERE_CODE": matieres.get(delib.actes_id) or rule_code(delib.objet),
                "VOTE_EFFECTIF": delib.en_exercice, "VOTE_REEL": delib.votants, "VOTE_POUR": delib.pour,
                "VOTE_CONTRE": delib.contre, "VOTE_ABSTENTION": delib.abstention,
            })  # fmt: skip
    return expected


def rule_code(objet: str) -> str:
    """The matière the export's stated rule gives an objet the truth carries no matière for."""
    rule = inferred_matiere(type_named(objet), "")
    return rule.code if rule else ""


def compare_scdl(frame: pd.DataFrame, corpus: Path) -> pd.DataFrame:
    """Per SCDL field, how many deliberations of the truth have the right value in the CSV."""
    right: Counter[str] = Counter()
    expected = expected_scdl(corpus)
    for values in expected:
        found = frame[
            (frame["COLL_NOM"] == values["COLL_NOM"]) & (frame["DELIB_DATE"] == values["DELIB_DATE"])
        ]
        row = found.iloc[0].to_dict() if len(found) else {}
        for field, value in values.items():
            got = row.get(field)
            right[field] += str(got) == str(value) if got is not None and not pd.isna(got) else value is None
    return pd.DataFrame(
        [{"field": f, "checked": len(expected), "right": right[f], "accuracy": right[f] / len(expected)}
         for f in expected[0]] if expected else []
    )  # fmt: skip


def replicated(documents: list[Document], times: int) -> list[Document]:
    """The run's documents `times` over, each copy in a folder of its own (new doc_ids, same content)."""
    out: list[Document] = []
    for k in range(times):
        for doc in documents:
            copy = dataclasses.replace(doc, doc_id=f"{doc.doc_id}-{k}", file=f"{k}/{doc.file}")
            copy.duplicate_of = f"{doc.duplicate_of}-{k}" if doc.duplicate_of else None
            out.append(copy)
    return out


def scaling(documents: list[Document], factors: list[int]) -> pd.DataFrame:
    rows: list[dict[str, object]] = []
    for factor in factors:
        many = replicated(documents, factor)
        started = time.perf_counter()
        audit = build_audit(many)
        seconds = time.perf_counter() - started
        conventions = len({row.convention_doc_id for row in audit})
        per_convention = 1000 * seconds / max(conventions, 1)
        rows.append({"documents": len(many), "conventions": conventions, "audit rows": len(audit),
                     "seconds": seconds, "ms per convention": per_convention})  # fmt: skip
    return pd.DataFrame(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--ocr", choices=("auto", "always", "never"), default="auto")
    parser.add_argument("--scale", type=int, nargs="*", default=[10, 100], help="replication factors")
    args = parser.parse_args()
    files = sorted(p for p in args.corpus.iterdir() if p.suffix in {".pdf", ".txt", ".md"})
    started = time.perf_counter()
    documents, files_frame = run_stages(files, ExtractOptions(ocr=args.ocr))
    stages = time.perf_counter() - started
    timings: list[tuple[str, float]] = [("extract → dedupe (all files)", stages)]
    started = time.perf_counter()
    rows = build_audit(documents)
    timings.append(("build_audit", time.perf_counter() - started))
    started = time.perf_counter()
    scdl = scdl_frame(documents)
    timings.append(("scdl_frame", time.perf_counter() - started))
    started = time.perf_counter()
    html = render_report(documents, rows, files_frame)
    timings.append(("render_report", time.perf_counter() - started))
    conventions = len({row.convention_doc_id for row in rows})
    print(f"{len(files)} files, {len(documents)} documents, {conventions} conventions audited, "
          f"{len(rows)} audit rows, {sum(len(r.findings) for r in rows)} findings, "
          f"{len(scdl)} SCDL rows, report {len(html) // 1024} kB")  # fmt: skip
    print()
    print(compare(rows, args.corpus).to_string(index=False, float_format=lambda x: f"{x:.3f}"))
    print()
    print(compare_scdl(scdl, args.corpus).to_string(index=False, float_format=lambda x: f"{x:.3f}"))
    print()
    print(pd.DataFrame(timings, columns=["step", "seconds"]).to_string(index=False, float_format="%.2f"))
    print()
    print(scaling(documents, args.scale).to_string(index=False, float_format="%.2f"))
    findings = Counter(f.code for row in rows for f in row.findings)
    print()
    print(pd.Series(findings, name="findings").sort_index().to_string())


if __name__ == "__main__":
    main()
