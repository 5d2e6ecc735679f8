"""Measure name resolution against expected codes: correct, wrong, unresolved with reasons.

Shared by the tests and `bench/accuracy_resolve.py`. A case is one mention as written, the
code it denotes (INSEE for a commune, SIREN for an EPCI) and the context its document tells.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ctg.core.text import strip_accents
from ctg.resolve.communes import PlaceContext, PlaceKind, Resolution, resolve_place
from ctg.resolve.context import context_from_text
from ctg.resolve.epci import NATURE_WRITTEN, bare_name, describe
from ctg.resolve.names import place_key
from ctg.resolve.reference import Reference, load_reference


@dataclass(frozen=True, slots=True)
class MentionCase:
    source: str  # where the mention is, e.g. "seeds/000_….txt:163"
    as_written: str
    expected: str  # INSEE code of a commune or SIREN of an EPCI
    context: PlaceContext
    kind: PlaceKind | None = None  # what the document says the mention is, when it says it


@dataclass(slots=True)
class Outcome:
    case: MentionCase
    resolution: Resolution

    @property
    def verdict(self) -> str:
        if not self.resolution.resolved:
            return "unresolved"
        found = self.resolution.insee if self.resolution.kind == "commune" else self.resolution.siren
        return "correct" if found == self.case.expected else "wrong"


@dataclass(slots=True)
class AccuracyReport:
    name: str
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, verdict: str) -> int:
        return sum(outcome.verdict == verdict for outcome in self.outcomes)

    @property
    def correct_share(self) -> float:
        return self.count("correct") / len(self.outcomes) if self.outcomes else 0.0

    def unresolved_reasons(self) -> Counter[str]:
        return Counter(o.resolution.reason for o in self.outcomes if o.verdict == "unresolved")

    def row(self) -> dict[str, object]:
        reasons = ", ".join(f"{reason} ×{n}" for reason, n in self.unresolved_reasons().most_common())
        return {
            "set": self.name,
            "mentions": len(self.outcomes),
            "correct %": round(100 * self.correct_share, 1),
            "wrong": self.count("wrong"),
            "unresolved": self.count("unresolved"),
            "reasons": reasons,
        }

    def failures(self) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if outcome.verdict != "correct"]


def measure(name: str, cases: Iterable[MentionCase], ref: Reference | None = None) -> AccuracyReport:
    ref = ref or load_reference()
    outcomes = [Outcome(case, resolve_place(case.as_written, case.context, case.kind, ref)) for case in cases]
    return AccuracyReport(name, outcomes)


def seed_cases(mentions_csv: Path, seeds_dir: Path, ref: Reference | None = None) -> list[MentionCase]:
    """Cases from a hand-checked mentions file; each seed's context is read from its own text."""
    table = pd.read_csv(mentions_csv, dtype=str, keep_default_na=False)
    contexts = {
        name: context_from_text((seeds_dir / name).read_text(encoding="utf-8"), ref)
        for name in set(table.file)
    }
    return [
        MentionCase(f"{row.file}:{row.line}", row.as_written, row.code, contexts[row.file])
        for row in table.itertuples()
    ]


def corpus_cases(corpus_dir: Path, ref: Reference | None = None) -> Iterator[MentionCase]:
    """Cases from the generated corpus truth: commune mentions and coded parties of each document."""
    from ctg.corpus.truth import iter_truth  # the corpus package is optional at run time

    for _, truth in iter_truth(corpus_dir):
        for doc in truth.documents:
            pages = [page.text for page in truth.pages if doc.page_start <= page.page <= doc.page_end]
            context = context_from_text("\n".join(pages), ref)
            source = f"{truth.file} p{doc.page_start}-{doc.page_end}"
            for mention in doc.commune_mentions:
                yield MentionCase(source, mention.as_written, mention.insee, context)
            for party in doc.parties:
                code = party.insee if party.party_type == "commune" else party.siren
                if party.party_type in ("commune", "epci") and code:
                    yield MentionCase(source, party.as_written, code, context, party.party_type)


# Damage a name the ways documents do, each with an example; deterministic (no randomness).
OCR_CONFUSIONS: list[tuple[str, str, str]] = [
    ("l", "1", "Maussane-les-A1pilles"),
    ("â", "d", "Chdteau-Arnoux"),
    ("rn", "m", "Amoux for Arnoux"),
    ("e", "c", "Mcyreuil"),
    ("i", "l", "Gardanne -> no i; Aiglun -> Alglun"),
    ("é", "e", "Greasque"),
    ("ü", "ii", "d iiment-like doubled letters"),
]


def damaged(name: str) -> dict[str, str]:
    """Variants of an official name: case, accents, hyphens, St, designator, one OCR confusion, one typo."""
    plain = strip_accents(name)
    variants = {
        "upper": plain.upper(),
        "no hyphens": name.replace("-", " "),
        "designator": f"Commune de {name}",
        "saint abbreviated": name.replace("Saint-", "St ").replace("Sainte-", "Ste "),
    }
    for wrong_from, wrong_to, _ in OCR_CONFUSIONS:
        at = name.rfind(wrong_from)
        if at > 0:
            variants["ocr"] = name[:at] + wrong_to + name[at + len(wrong_from) :]
            break
    middle = len(name) // 2
    if name[middle].isalpha():
        variants["letter dropped"] = name[:middle] + name[middle + 1 :]
    if name[middle].isalpha() and name[middle + 1 : middle + 2].isalpha():
        variants["letters swapped"] = name[:middle] + name[middle + 1] + name[middle] + name[middle + 2 :]
    return {label: text for label, text in variants.items() if text != name}


def variant_cases(departements: frozenset[str], ref: Reference | None = None) -> list[MentionCase]:
    """Damaged forms of every commune of some départements, each read with its département as context."""
    ref = ref or load_reference()
    cases = []
    for insee in sorted(ref.communes_in(departements)):
        row = ref.communes.loc[insee]
        context = PlaceContext(departements=frozenset({row.departement}))
        for label, text in damaged(row["name"]).items():
            # A typo spelling another commune of the département ("Zonza" -> "Zoza") is that commune: skipped.
            if (set(ref.commune_keys.get(place_key(text), [])) & ref.communes_in(context.departements)) - {
                insee
            }:
                continue
            cases.append(MentionCase(f"{insee} {label}", text, insee, context))
    return cases


def epci_variants(name: str, nature: str) -> dict[str, str]:
    """Forms of an EPCI name: in full, upper case, without nature, as acronym, with one typo."""
    bare = bare_name(name)
    full = f"{NATURE_WRITTEN[nature]} {bare}"
    variants = {"official": name, "in full": full, "upper": full.upper(), "without nature": bare}
    _, derived = describe(name, nature)
    acronyms = sorted(a for a in derived if a.startswith(nature.lower()) and len(a) >= 4)
    if acronyms:
        variants["acronym"] = acronyms[0].upper()
    middle = len(bare) // 2
    if len(bare) > 12 and bare[middle].isalpha():
        variants["typo"] = f"{NATURE_WRITTEN[nature]} {bare[:middle]}{bare[middle + 1 :]}"
    return variants


def epci_variant_cases(
    departements: frozenset[str] | None = None, ref: Reference | None = None
) -> list[MentionCase]:
    """EPCI (all, or those reaching some départements) in several written forms, read in context."""
    ref = ref or load_reference()
    cases = []
    for row in ref.epci.itertuples():
        context = PlaceContext(departements=ref.epci_departements(row.siren))
        if departements is not None and not context.departements & departements:
            continue
        for label, text in epci_variants(row.name, row.nature).items():
            cases.append(MentionCase(f"{row.siren} {label}", text, row.siren, context, "epci"))
    return cases
