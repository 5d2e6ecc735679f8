"""Repairs of text-layer glyph traps, applied to each extracted line.

These are properties of how PDFs encode text, not of the language, so they live in
extract/ (OCR damage is normalize's business). Each entry has an example.
"""

from __future__ import annotations

import re
import unicodedata

# Presentation-form ligatures expand; œ/æ are letters of French and stay.
LIGATURES: dict[str, str] = {
    "ﬀ": "ff",  # "eﬀort" → "effort"
    "ﬁ": "fi",  # "ﬁnancement" → "financement"
    "ﬂ": "fl",  # "ﬂux" → "flux"
    "ﬃ": "ffi",  # "eﬃcace" → "efficace"
    "ﬄ": "ffl",
    "ﬅ": "st",
    "ﬆ": "st",
}
_LIGATURE_RE = re.compile("|".join(LIGATURES))

# Spacing accents emitted as separate glyphs before (TeX) or after the letter:
# "pr´evue" → "prévue", "a` signer" → "à signer". Maps to the combining form.
SPACING_ACCENTS: dict[str, str] = {
    "´": "\u0301",  # acute: pr´evue → prévue
    "`": "\u0300",  # grave: a` → à
    "^": "\u0302",  # circumflex: ma^ıtre → maître
    "¨": "\u0308",  # diaeresis: na¨ıf → naïf
    "¸": "\u0327",  # cedilla: franc¸ais → français (cedilla follows its letter)
}
_ACCENT_BEFORE_RE = re.compile(r"([´`^¨]) ?([aeiouyAEIOUYıcC])")
_CEDILLA_AFTER_RE = re.compile(r"([cC]) ?¸")

# Glyphs a text layer emits when it has no Unicode mapping.
_CID_RE = re.compile(r"\(cid:\d+\)")
_UNMAPPED_RE = re.compile("[\ufffd\ue000-\uf8ff\x00-\x08\x0b\x0c\x0e-\x1f]")


def fix_line(text: str) -> str:
    """Expand ligatures and merge spacing accents into precomposed letters."""
    if not text.isascii():
        text = _LIGATURE_RE.sub(lambda m: LIGATURES[m.group(0)], text)
        text = _ACCENT_BEFORE_RE.sub(_merge_accent, text)
        text = _CEDILLA_AFTER_RE.sub(lambda m: unicodedata.normalize("NFC", m.group(1) + "\u0327"), text)
    return text


def _merge_accent(match: re.Match[str]) -> str:
    accent, letter = match.groups()
    letter = "i" if letter == "ı" else letter  # dotless i carries TeX's î/ï
    if accent == "`" and letter not in "aeuAEU":  # a grave only ever sits on à, è, ù in French
        return match.group(0)
    if accent == "^" and not _is_letter_context(match):
        return match.group(0)
    return unicodedata.normalize("NFC", letter + SPACING_ACCENTS[accent])


def _is_letter_context(match: re.Match[str]) -> bool:
    """`^` is only an accent when glued to a word (ma^ıtre), not in `x ^ 2` or `^{er}`."""
    start = match.start()
    return start > 0 and match.string[start - 1].isalpha()


def unmapped_count(text: str) -> int:
    """Characters that stand for glyphs without a Unicode mapping."""
    return len(_UNMAPPED_RE.findall(text)) + 4 * len(_CID_RE.findall(text))
