"""A convention's annexes: those its list announces, and those the corpus does not hold.

An annex is missing when the convention lists it and neither the convention nor any of its
copies holds it (segment's `Annex.present`, matched by number).
"""

from __future__ import annotations

from ctg.audit.findings import finding
from ctg.core.model import Annex, Document, Finding


def annex_list(convention: Document, copies: list[Document]) -> list[Annex]:
    """The convention's annexes, each present when it or one of its copies holds it."""
    held = {annex.number for doc in [convention, *copies] for annex in doc.annexes if annex.present}
    return [
        Annex(annex.number, annex.title, annex.listed, annex.present or annex.number in held, annex.span)
        for annex in convention.annexes
    ]


def missing_annexes(annexes: list[Annex]) -> list[Finding]:
    return [
        finding("annex_missing", number=annex.number, title=" ".join(annex.title.split()) or "untitled")
        for annex in annexes
        if annex.listed and not annex.present
    ]
