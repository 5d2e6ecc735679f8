"""A second reading of the lines Tesseract is unsure of, by RapidOCR's PP-OCR recogniser.

RapidOCR's wheel ships its models (PP-OCRv6 small detection and recognition, a multilingual
model whose languages include French): they are loaded from the installed package by path, so
nothing is fetched at run time. Only the recogniser runs, on line boxes Tesseract found. One
thread per process, as for Tesseract. Optional: without the package, lines keep Tesseract's
reading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

REC_MODEL = "PP-OCRv6_rec_small.onnx"
DET_MODEL = "PP-OCRv6_det_small.onnx"  # required by RapidOCR's constructor, never run here
LINE_PAD_PX = 4  # white kept around a line box: the recogniser reads a tight crop worse
WORD_RE = re.compile(r"[^\W\d_]{2,}(?:['’-][^\W\d_]+)*|\d+(?:[.,/:h-]\d+)*", re.UNICODE)
VOWELS = frozenset("aeiouyàâäéèêëîïôöùûüœæAEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜŒÆ")


@dataclass(frozen=True, slots=True)
class SecondReading:
    text: str
    score: float  # 0-1


def available() -> bool:
    return _engine() is not None


@cache
def _engine() -> Any | None:
    try:
        import rapidocr
        from rapidocr import RapidOCR
    except ImportError:
        return None
    models = Path(rapidocr.__file__).parent / "models"
    if not (models / REC_MODEL).is_file():
        return None  # a build without shipped models would download them: not here
    return RapidOCR(
        params={
            "Global.use_cls": False,
            "Global.log_level": "error",
            "Det.model_path": str(models / DET_MODEL),
            "Rec.model_path": str(models / REC_MODEL),
            "EngineConfig.onnxruntime.intra_op_num_threads": 1,
            "EngineConfig.onnxruntime.inter_op_num_threads": 1,
        }
    )


def read_line(grey: np.ndarray, box: tuple[float, float, float, float]) -> SecondReading | None:
    """The recogniser's reading of the line in `box` (pixels) of the page `grey`."""
    engine = _engine()
    if engine is None:
        return None
    x0, top, x1, bottom = (round(v) for v in box)
    height, width = grey.shape
    crop = grey[
        max(0, top - LINE_PAD_PX) : min(height, bottom + LINE_PAD_PX),
        max(0, x0 - LINE_PAD_PX) : min(width, x1 + LINE_PAD_PX),
    ]
    if crop.size == 0:
        return None
    output = engine(np.stack([crop] * 3, axis=-1), use_det=False, use_cls=False, use_rec=True)
    texts, scores = output.txts or (), output.scores or ()
    if not texts:
        return None
    return SecondReading(" ".join(texts).strip(), float(min(scores)))


def word_likeness(text: str) -> float:
    """Share of the line's characters inside plausible words (letters with a vowel, numbers)."""
    stripped = text.replace(" ", "")
    if not stripped:
        return 0.0
    good = sum(len(w) for w in WORD_RE.findall(text) if w[0].isdigit() or VOWELS.intersection(w))
    return good / len(stripped)
