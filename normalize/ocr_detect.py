"""Does a text read like raw OCR? Decides OCR repair for text inputs that do not say so."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ctg.core.model import Line
from ctg.normalize.lexicon import Lexicon

LETTERS_RE = re.compile(r"[^\W\d_]+")
# Marks Tesseract leaves in French words, counted per 1000 words.
OCR_MARKS = re.compile(
    r"[a-zà-ÿ][¢€©|][a-zà-ÿ]"  # autoris¢, t¢émoignant
    r"|[a-zà-ÿ]¢"  # volonté¢
    r"|(?<![\w'])[1I|]'[aeiouyhéè]"  # 1'emploi, I'action
    r"|(?<=\s)[€¢][a-zé]"  # €lus
)
OCRED_UNKNOWN_SHARE = 0.04  # unknown lower-case words: clean seeds 1.1-1.5 %, seed 004 (Tesseract) 5.0 %
OCRED_MIN_WORDS = 30  # fewer words say nothing about a share
OCRED_MARKS_PER_1000 = 3.0  # clean seeds: 0, seed 004: 6


def looks_ocred(lines: Iterable[Line], lexicon: Lexicon) -> bool:
    """True when text reads like raw OCR: many unknown words or OCR marks (¢ for é, 1' for l')."""
    text = "\n".join(line.text for line in lines)
    words = [w for w in LETTERS_RE.findall(text) if w.islower() and len(w) >= 3]
    if not words:
        return False
    unknown = sum(word not in lexicon for word in words) / len(words)
    marks = len(OCR_MARKS.findall(text)) * 1000 / len(words)
    enough = len(words) >= OCRED_MIN_WORDS
    return (enough and unknown >= OCRED_UNKNOWN_SHARE) or marks >= OCRED_MARKS_PER_1000
