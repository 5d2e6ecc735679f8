"""Settings of the extract stage, passed explicitly (no globals)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

OcrMode = Literal["auto", "always", "never"]


@dataclass(frozen=True, slots=True)
class ExtractOptions:
    ocr: OcrMode = "auto"
    ocr_lang: str = "fra"
    render_dpi: int = 300  # only when a page has no full-page image of its own
    # 100 Mpx: an A4 page at 1,000 dpi still fits, a 30,000 × 30,000 image bomb (900 Mpx) does not.
    max_pixels: int = 100_000_000
    ocr_timeout: float = 120.0  # seconds per page
    max_text_bytes: int = 50_000_000  # a CTG is well under 1 MB of text: larger inputs are refused
