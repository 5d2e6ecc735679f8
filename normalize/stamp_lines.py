"""Recognise the lines of a prefecture stamp block (ACTES acknowledgement), OCR damage included.

Only says whether a line belongs to a stamp; segment/stamps.py parses the fields.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from ctg.core.text import fold
from ctg.normalize.unicode_clean import char_replacer

# (label as it starts a stamp line, needs a date after it, example). Compared accent-less,
# lower-case, with OCR letter confusions folded, by fuzzy ratio.
STAMP_LABELS: tuple[tuple[str, bool, str], ...] = (
    ("envoye en prefecture le", False, "Envoyé en préfecture le 10/12/2025"),
    ("recu en prefecture le", False, "Reçu en préfecture le 10/12/2025"),
    ("publie le", True, "Publié le 10/12/2025"),
    ("affiche le", True, "Affiché le 10/12/2025"),
    ("accuse de reception en prefecture", False, "Accusé de réception en préfecture"),
    ("date de teletransmission", True, "Date de télétransmission : 10/12/2025"),
    ("date de reception prefecture", True, "Date de réception préfecture : 10/12/2025"),
    ("date de reception", True, "Date de réception : 10/12/2025"),
    ("certifie executoire", False, "Certifié exécutoire le 12/12/2025"),
)
LABEL_WINDOW = 80  # labels open the line: only its start is folded and compared (speed)
LABEL_MIN_RATIO = 82  # "envoy6 en prefecture le" scores 96, "envoyer le dossier" 52
# OCR letter confusions folded before comparing labels: "Envoy6" → "envoye", "Re¢u" → "receu".
LABEL_FOLD = str.maketrans({"6": "e", "¢": "e", "€": "e", "©": "e", "1": "l", "|": "l", "0": "o", "ç": "c"})
_FOLD = char_replacer(LABEL_FOLD)
# A date after a label, digits possibly read as letters: "10/12/2025", "1O/12/2O25", "10.12.2025".
DATE_AFTER = re.compile(r"^\W*[\dOoIl|]{1,2}\s*[/.\-]\s*[\dOoIl|]{1,2}\s*[/.\-]\s*[\dOoIl|]{2,4}\b")
# ACTES identifier line: "ID : 013-211300413-20251208-DEL_2025_123-DE", OCR: "1D: 013-…", "ID; 0l3-…".
ACTES_ID_LINE = re.compile(
    r"^\s*[Il1|][Dd]\s*[:;.,]?\s*[\dOoIl|]{2}[\dOoIl|AB]\s*-\s*[\dOoIl|]{9}\s*-\s*[\dOoIl|]{8}\s*-\s*\S+",
)
# The stamp's own logo line, alone on its line: "S²LOW", "SLOW".
LOGO_LINE = re.compile(r"^\s*S\s*[²2]?\s*L\s*O\s*W\s*$", re.I)


def _skeleton(text: str) -> str:
    """Lower-case, accent-less, OCR-folded, single-spaced form of a label."""
    return " ".join(_FOLD(fold(text)).split())


def _matches_label(text: str) -> bool:
    skeleton = _skeleton(text[:LABEL_WINDOW])
    for label, needs_date, _example in STAMP_LABELS:
        head = skeleton[: len(label)]
        if fuzz.ratio(head, label) < LABEL_MIN_RATIO:
            continue
        if _dated_if_needed(skeleton[len(label) :], needs_date):
            return True
    return False


def _dated_if_needed(rest: str, needs_date: bool) -> bool:
    return not needs_date or not rest.strip() or bool(DATE_AFTER.match(rest))


def _is_id_or_logo(text: str) -> bool:
    return bool(ACTES_ID_LINE.match(text) or LOGO_LINE.match(text))


def is_stamp_line(text: str) -> bool:
    """True when `text` is a line of a prefecture stamp block ("Envoyé en préfecture le …", "ID : …")."""
    if not text.strip():
        return False
    return _is_id_or_logo(text) or _matches_label(text)


def stamp_line_flags(texts: list[str]) -> list[bool]:
    """`is_stamp_line` of each text, each label compared with all the texts in one rapidfuzz call
    (a call per text and label was most of the cost on a long file)."""
    skeletons = [_skeleton(text[:LABEL_WINDOW]) for text in texts]
    near: list[set[int]] = []  # per label: the texts whose start is close enough to it
    for label, _needs_date, _example in STAMP_LABELS:
        heads = [skeleton[: len(label)] for skeleton in skeletons]
        found = process.extract(label, heads, scorer=fuzz.ratio, score_cutoff=LABEL_MIN_RATIO, limit=None)
        near.append({index for _head, _score, index in found})
    flags = []
    for index, (text, skeleton) in enumerate(zip(texts, skeletons, strict=True)):
        flags.append(
            bool(text.strip())
            and (
                _is_id_or_logo(text)
                or any(
                    index in near[position] and _dated_if_needed(skeleton[len(label) :], needs_date)
                    for position, (label, needs_date, _example) in enumerate(STAMP_LABELS)
                )
            )
        )
    return flags
