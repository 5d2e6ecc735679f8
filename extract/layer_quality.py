"""Decide, per page, whether the text layer can be trusted or the page must be OCRed."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ctg.extract.glyphs import unmapped_count

# Below this many non-space characters inside the interior, a page has no usable layer
# (a scanned page with a prefecture stamp typed in its margin has ~100 in the margin, 0 inside).
MIN_INTERIOR_CHARS = 40
MAX_UNMAPPED_SHARE = 0.05  # "(cid:12)" or U+FFFD for more than 5% of the glyphs
MIN_WORDLIKE_SHARE = 0.6  # an invisible OCR layer of poor quality fails this

NO_TEXT, ONLY_MARGINS = "no text layer", "text only in the margins"

_TOKEN_RE = re.compile(r"\S+")
# A token a reader would accept: a word (letters, inner apostrophes/hyphens/dots), a number,
# a code, or punctuation, with light punctuation around it.
_WORDLIKE_RE = re.compile(
    r"^[(\[«\"'“]*(?:[A-Za-zÀ-ÖØ-öø-ÿŒœ]+(?:['’.\-][A-Za-zÀ-ÖØ-öø-ÿŒœ]+)*\.?|[0-9]+(?:[.,/:\-][0-9]+)*|[°%€&§\-–—:;,.!?…»\")\]]+)[)\]»\"'”.,;:!?]*$"
)


@dataclass(frozen=True, slots=True)
class LayerVerdict:
    usable: bool
    quality: float  # 0-1
    reason: str


def judge_layer(page_text: str, interior: str, has_page_image: bool) -> LayerVerdict:
    interior_chars = _visible(interior)
    if interior_chars < MIN_INTERIOR_CHARS:
        reason = ONLY_MARGINS if page_text.strip() else NO_TEXT
        return LayerVerdict(False, 0.0, reason)
    glyphs = _visible(page_text)
    unmapped_share = unmapped_count(page_text) / max(glyphs, 1)
    if unmapped_share > MAX_UNMAPPED_SHARE:
        return LayerVerdict(False, 0.0, f"unmappable glyphs ({unmapped_share:.0%})")
    # Word-likeness is only asked of a text layer lying over a scan (a possible bad OCR layer).
    wordlike = wordlike_share(page_text) if has_page_image else 1.0
    if has_page_image and wordlike < MIN_WORDLIKE_SHARE:
        reason = f"poor invisible text layer ({wordlike:.0%} word-like)"
        return LayerVerdict(False, round(wordlike, 3), reason)
    quality = max(0.0, min(1.0, wordlike - unmapped_share))
    return LayerVerdict(True, round(quality, 3), "text layer")


def _visible(text: str) -> int:
    return len("".join(text.split()))


def wordlike_share(text: str) -> float:
    tokens = _TOKEN_RE.findall(text)
    if not tokens:
        return 0.0
    return sum(1 for token in tokens if _WORDLIKE_RE.match(token)) / len(tokens)
