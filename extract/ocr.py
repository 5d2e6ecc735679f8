"""OCR of one page image with Tesseract (French), keeping per-word confidence."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from core.errors import PageTimeout
from core.model import Line
from extract.page_image import PageImage

# Tesseract's OpenMP threads fight each other and our worker processes: measured 8.7 s/page
# with its default threads against 2.3 s with one. Set before any tesseract process starts.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

LOW_CONFIDENCE = 45.0  # below this mean word confidence, check the page's orientation


@dataclass(slots=True)
class OcrResult:
    lines: list[Line]
    confidence: float | None  # mean word confidence 0-100
    rotation: int


def ocr_image(picture: PageImage, lang: str, timeout: float) -> OcrResult:
    dpi = picture.dpi
    with _image_file(picture) as path:
        result = _ocr(path, dpi, lang, timeout, rotation=0)
        low = result.confidence is None or result.confidence < LOW_CONFIDENCE
        rotation = detect_rotation(path, timeout) if low else 0
    if rotation:
        turned_picture = PageImage(dpi, picture.source, image=picture.pil().rotate(-rotation, expand=True))
        with _image_file(turned_picture) as path:
            turned = _ocr(path, dpi, lang, timeout, rotation)
        if (turned.confidence or 0) > (result.confidence or 0):
            return turned
    return result


@contextmanager
def _image_file(picture: PageImage) -> Iterator[str]:
    """The picture as a file for tesseract: the scan's JPEG as it is, else raw PNM. Given the
    image itself, pytesseract encodes a PNG first: 0.06-0.12 s for an A4 page at 300 dpi, 5-10%
    of its OCR (measured); writing PNM takes 0.007 s and tesseract reads it without decoding."""
    handle, path = tempfile.mkstemp(prefix="ctg-ocr-", suffix=".jpg" if picture.jpeg else ".pnm")
    os.close(handle)
    try:
        if picture.jpeg is not None:
            Path(path).write_bytes(picture.jpeg)
        else:  # greyscale "L" is written as PGM, colour as PPM
            picture.pil().save(path, format="PPM")
        yield path
    finally:
        os.unlink(path)


def detect_rotation(image: str, timeout: float) -> int:
    """Degrees clockwise to make the page in file `image` upright (0 when OSD cannot tell)."""
    import pytesseract  # imported on first OCR: it pulls pandas, which `ctg text` must not wait for

    try:
        osd = pytesseract.image_to_osd(image, output_type=pytesseract.Output.DICT, timeout=timeout)
    except (pytesseract.TesseractError, RuntimeError):
        return 0
    return int(osd.get("rotate", 0)) % 360


def _ocr(image: str, dpi: float, lang: str, timeout: float, rotation: int) -> OcrResult:
    import pytesseract

    config = f"--psm 3 --dpi {round(dpi)}"
    try:
        data = pytesseract.image_to_data(
            image, lang=lang, config=config, output_type=pytesseract.Output.DICT, timeout=timeout
        )
    except RuntimeError as error:  # pytesseract signals its timeout this way
        raise PageTimeout(f"OCR took more than {timeout:.0f} s") from error
    return _lines_from_data(data, points_per_pixel=72 / dpi, rotation=rotation)


def _lines_from_data(data: dict[str, list], points_per_pixel: float, rotation: int) -> OcrResult:
    """Group Tesseract's words into its own lines (block, paragraph, line), in reading order."""
    grouped: dict[tuple[int, int, int], list[int]] = {}
    for i, word in enumerate(data["text"]):
        if str(word).strip():
            grouped.setdefault((data["block_num"][i], data["par_num"][i], data["line_num"][i]), []).append(i)
    lines: list[Line] = []
    confidences: list[float] = []
    for number, indices in enumerate(grouped.values(), start=1):
        words = [str(data["text"][i]) for i in indices]
        confs = [float(data["conf"][i]) for i in indices if float(data["conf"][i]) >= 0]
        confidences.extend(confs)
        x0 = min(data["left"][i] for i in indices)
        top = min(data["top"][i] for i in indices)
        x1 = max(data["left"][i] + data["width"][i] for i in indices)
        bottom = max(data["top"][i] + data["height"][i] for i in indices)
        bbox = tuple(round(v * points_per_pixel, 1) for v in (x0, top, x1, bottom))
        text = " ".join(words)
        lines.append(
            Line(
                text=text,
                raw=text,
                page=0,
                number=number,
                bbox=bbox,  # type: ignore[arg-type]
                confidence=round(sum(confs) / len(confs), 1) if confs else None,
                origin="ocr",
            )
        )
    mean = round(sum(confidences) / len(confidences), 1) if confidences else None
    return OcrResult(lines=lines, confidence=mean, rotation=rotation)
