"""OCR of one page image with Tesseract (French), keeping per-word confidence.

Before Tesseract reads a scan, the page is prepared (extract/scan_prepare.py): straightened and
specks whitened (whitening ruled lines and enlarging low-resolution scans stay options: both
measured worse). A margin column found beside
the body (extract/scan_layout.py) is read as a picture of its own, so its lines come before the
body's instead of being interleaved with them. Dot leaders (extract/scan_leaders.py) are
whitened before and given back after as the dots counted. After, words that are scan debris
("|", "_", ". .") read at low confidence are dropped.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from math import cos, radians, sin
from pathlib import Path
from typing import TYPE_CHECKING

from ctg.core.errors import PageTimeout
from ctg.core.model import Line
from ctg.extract.page_image import PageImage
from ctg.extract.scan_leaders import LINE_DOTS, Leader, ends_row, with_leaders

if TYPE_CHECKING:
    from PIL import Image

    from ctg.extract.scan_prepare import Box, PreparedPage

# Tesseract's OpenMP threads fight each other and our worker processes: measured 8.7 s/page
# with its default threads against 2.3 s with one. Set before any tesseract process starts.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

LOW_CONFIDENCE = 45.0  # below this mean word confidence, check the page's orientation
# Signs a speck or a rule's edge reads as, which French text never has as a word of their own:
# dropped unless read with near certainty (a lone "|" at a line's end came at 65-91). Other
# signs stay whatever their confidence: a lone "-", ":" or ";" is real text read at 30-60.
SPECK_SIGNS_RE = re.compile(r"[|_~+*'‘’`=\\/]+")
SPECK_CONFIDENCE = 95.0
RULE_GLUED_RE = re.compile(r"^[|_]*\|(?=[^\W_])|(?<=[^\W_])\|[|_]*$")  # a rule's "|" at a word's edge
# A body line counts as above the margin column when its top is this share of the column's
# first line height higher than that line's top.
HEAD_LINE_SHARE = 0.5
LINE_PSM = 7  # Tesseract's mode for one line of text
OVER_SHARE = 0.5
# an underlined line read with less confidence is read again (the headings lost or garbled over
# their underline read 30-60; a line read well reads 85-95)
REREAD_BELOW = 80.0
REREAD_TAKEN = 70.0  # and its new reading taken when at least this confident, and more than before
REREAD_LETTERS = 4
WITHIN_PX = 6  # a line read over an underlined one and this far past its ends is wider than it
LETTER_SHARE = 0.7  # a line read is over an underlined one when this share of it overlaps it


@dataclass(frozen=True, slots=True)
class Preparation:
    """What is done to a page before and after Tesseract reads it (bench/extract.py measures each)."""

    deskew: bool = True
    # Whiten ruled lines, frames, underlines. Off: on straightened tables Tesseract then reads
    # cell by cell down each column (CER 1.9% -> 12% on a table page); a column's own rule is
    # whitened with its gutter all the same.
    rules: bool = False
    specks: bool = True  # whiten isolated dots
    # Read again, underline whitened, each underlined line of text (scan_prepare.underlines) the
    # page's reading lost or garbled: Tesseract takes a line of words on a rule for one mark and
    # drops an item's heading. Whitened on the whole page instead, every line's reading shifted a
    # little (real scans CER 1.42% -> 1.50%; an arrêté's signature read otherwise, and its end
    # lost: documents F1 1.00 -> 0.97); read again, the real scans gain a deliberation (R 0.99 ->
    # 1.00), all else equal.
    underlines: bool = True
    upscale: bool = False  # enlarge scans under scan_prepare.UPSCALE_BELOW_DPI (CER 1.8× worse: off)
    columns: bool = True  # read a margin column on its own
    drop_debris: bool = True  # drop low-confidence words that are signs only
    leaders: bool = True  # dot leaders whitened, then given back as the dots counted on the scan
    # Tesseract's page segmentation mode: its own block layout (3) for a whole page, one block of
    # lines (6) for each part of a page split apart: the stamp in the corner, the margin column,
    # the body beside it (a body in columns itself is never split). Real transcribed pages, parts
    # 3 -> 6: flaux_cr p5 4.20% -> 2.83% (the ACTES id of its stamp read on pages 1-3), flaux_pv
    # p3 1.11% -> 1.05%. Mode 4 for whole pages read gard p5 better (0.72% -> 0.58%) but joined a
    # margin column the split had missed to the body, line by line; 6 for whole pages read across
    # tables (degraded scans 3.65% -> 4.59%).
    psm: int = 3
    part_psm: int = 6
    options: tuple[str, ...] = ()  # Tesseract variables ("name=value") for the whole reading


PLAIN = Preparation(  # Tesseract as it is
    deskew=False, rules=False, specks=False, underlines=False, upscale=False, columns=False,
    drop_debris=False, leaders=False, psm=3, part_psm=3,
)  # fmt: skip
DEFAULT = Preparation()


@dataclass(slots=True)
class OcrResult:
    lines: list[Line]
    confidence: float | None  # mean word confidence 0-100
    rotation: int


@dataclass(slots=True)
class _Reading:
    """Lines read from one picture (boxes in its pixels), and their words' confidences."""

    lines: list[Line]
    blocks: list[int]  # Tesseract's block of each line
    confidences: list[float]
    words: list[list[tuple[float, float]]] = field(default_factory=list)  # each line's words' x0, x1


def ocr_image(
    picture: PageImage, lang: str, timeout: float, *, preparation: Preparation = DEFAULT
) -> OcrResult:
    result = _read_page(picture, lang, timeout, rotation=0, preparation=preparation)
    low = result.confidence is None or result.confidence < LOW_CONFIDENCE
    if not low:
        return result
    with _image_file(picture) as path:
        rotation = detect_rotation(path, timeout)
    if rotation:
        upright = picture.pil().rotate(-rotation, expand=True)
        turned = _read_page(
            PageImage(picture.dpi, picture.source, image=upright), lang, timeout, rotation, preparation
        )
        if (turned.confidence or 0) > (result.confidence or 0):
            return turned
    return result


def _read_page(
    picture: PageImage, lang: str, timeout: float, rotation: int, preparation: Preparation
) -> OcrResult:
    if preparation == PLAIN or not _any_image_step(preparation):
        with _image_file(picture) as path:
            reading = _ocr(path, picture.dpi, lang, timeout, preparation)
        for line in reading.lines:
            line.bbox = _unturned(line.bbox, 0.0, (0, 0), 72 / picture.dpi)  # type: ignore[arg-type]
        return _result(reading.lines, reading.confidences, rotation)
    from ctg.extract.scan_prepare import prepared

    page = prepared(picture.pil(), picture.dpi, preparation)
    part = replace(preparation, psm=preparation.part_psm)
    scale = 72 / page.dpi
    image, readings = page.image, []
    if page.corner is not None:  # read first: a reader takes a stamp in the top corner first
        corner = image.crop(page.corner)
        readings.append(_read_region(corner, page.dpi, lang, timeout, part, page.corner[:2]))
        image = image.copy()
        image.paste(255, page.corner)
    width, height = image.size
    if page.split is None:
        readings.append(_read_region(image, page.dpi, lang, timeout, preparation, (0, 0)))
        lines = [line for reading in readings for line in reading.lines]
    else:
        margin_box, body_box = (0, 0, page.split, height), (page.split, 0, width, height)
        margin = _read_region(image.crop(margin_box), page.dpi, lang, timeout, part, (0, 0))
        body = _read_region(image.crop(body_box), page.dpi, lang, timeout, part, body_box[:2])
        lines = [line for reading in readings for line in reading.lines] + _columns_in_order(margin, body)
        readings += [margin, body]
    if page.leaders:
        lines, ends = _leader_ends(image, page.dpi, lang, timeout, part, lines, page.leaders)
        readings.append(ends)
        lines = with_leaders(lines, _word_spans(readings), page.leaders)
    if page.underlined:
        lines, again = _underlined_again(page, lines, lang, timeout, replace(preparation, psm=LINE_PSM))
        readings.append(again)
    for number, line in enumerate(lines, start=1):
        line.number = number
        line.bbox = _unturned(line.bbox, page.angle, page.image.size, scale)  # type: ignore[arg-type]
    return _result(lines, [c for r in readings for c in r.confidences], rotation)


def _any_image_step(p: Preparation) -> bool:
    return p.deskew or p.rules or p.specks or p.underlines or p.upscale or p.columns or p.leaders


def _leader_ends(
    image: Image.Image,
    dpi: float,
    lang: str,
    timeout: float,
    preparation: Preparation,
    lines: list[Line],
    leaders: list[Leader],
) -> tuple[list[Line], _Reading]:
    """The words that end the leaders' rows (a table of contents' page numbers) when the page's
    reading holds none: a column of lone numbers is one Tesseract reads as vertical text
    ("u U1 UT U1"). That column is read again as a block of lines, in place of what was read
    there; each of its lines then joins its row."""
    bare = [leader for leader in leaders if not any(ends_row(line, leader) for line in lines)]
    if not bare:
        return lines, _Reading([], [], [])
    dot = max(leader.dot for leader in bare)
    box = (
        min(leader.box[2] for leader in bare),
        max(0, min(leader.box[1] for leader in bare) - LINE_DOTS * dot),
        image.width,
        min(image.height, max(leader.box[3] for leader in bare) + dot),
    )
    reading = _read_region(image.crop(box), dpi, lang, timeout, preparation, box[:2])
    inside = [line for line in lines if line.bbox and line.bbox[0] >= box[0] and box[1] <= line.bbox[1]
              and line.bbox[3] <= box[3]]  # fmt: skip
    return [line for line in lines if line not in inside] + reading.lines, reading


def _underlined_again(
    page: PreparedPage, lines: list[Line], lang: str, timeout: float, preparation: Preparation
) -> tuple[list[Line], _Reading]:
    """The underlined lines of text (headings) the page's reading lost, each read again on its
    own with its underline whitened: Tesseract takes a line of words on a rule for one mark."""
    again = _Reading([], [], [])
    for box in page.underlined:
        over = [line for line in lines if _over(line, box)]
        read = _confidence(over)
        if read >= REREAD_BELOW or not all(_within(line, box) for line in over):
            continue  # read well, or a line only partly underlined: read as a whole
        reading = _read_region(page.unlined.crop(box), page.dpi, lang, timeout, preparation, box[:2])  # type: ignore[union-attr]
        if not _better(reading.lines, over):
            continue
        line = _joined(reading)
        lines = _inserted([other for other in lines if other not in over], line)
        again.lines.append(line)
        again.blocks.append(0)
        again.confidences.extend(reading.confidences)
        again.words.append([span for spans in reading.words for span in spans])
    return lines, again


def _over(line: Line, box: Box) -> bool:
    """Whether a line read stands in the box of an underlined line: most of its height inside,
    across part of its width."""
    if line.bbox is None:
        return False
    x0, top, x1, bottom = line.bbox
    height = max(bottom - top, 1.0)
    rows = min(bottom, box[3]) - max(top, box[1])
    cols = min(x1, box[2]) - max(x0, box[0])
    return rows >= OVER_SHARE * height and cols >= OVER_SHARE * min(x1 - x0, box[2] - box[0])


def _better(again: list[Line], read: list[Line]) -> bool:
    """Whether a line read again is better than what the page's reading had there: words, read
    with more confidence, and no fewer signs (over its underline Tesseract loses letters; read
    again it may lose a sign too: "MAIRIE/ECOLE" read "MAIRIE ECOLE")."""
    confident = _confidence(again) >= max(_confidence(read), REREAD_TAKEN)
    return _words(again) and confident and _signs(again) >= _signs(read)


def _signs(lines: list[Line]) -> int:
    """Signs read, the underline's own ("_", "|") left out."""
    return sum(not c.isspace() and c not in "_|" for line in lines for c in line.text)


def _within(line: Line, box: Box) -> bool:
    x0, _, x1, _ = line.bbox  # type: ignore[misc]
    slack = WITHIN_PX
    return x0 >= box[0] - slack and x1 <= box[2] + slack


def _words(lines: list[Line]) -> bool:
    """Whether the lines hold words: letters, mostly letters and digits (a rule read alone
    gives "----", a signature's stroke "2 —")."""
    text = "".join("".join(line.text.split()) for line in lines)
    letters = sum(c.isalpha() for c in text)
    return letters >= REREAD_LETTERS and sum(c.isalnum() for c in text) >= LETTER_SHARE * len(text)


def _confidence(lines: list[Line]) -> float:
    """Mean confidence of the lines, weighed by their length; 0 for none."""
    weights = [(line.confidence or 0.0, len(line.text)) for line in lines]
    total = sum(n for _, n in weights)
    return sum(c * n for c, n in weights) / total if total else 0.0


def _joined(reading: _Reading) -> Line:
    boxes = [line.bbox for line in reading.lines if line.bbox]
    text = " ".join(line.text for line in reading.lines)
    confs = [line.confidence for line in reading.lines if line.confidence is not None]
    return Line(
        text=text,
        raw=text,
        page=0,
        number=0,
        bbox=tuple(f(b[i] for b in boxes) for i, f in enumerate((min, min, max, max))),  # type: ignore[arg-type]
        confidence=round(sum(confs) / len(confs), 1) if confs else None,
        origin="ocr",
    )


def _inserted(lines: list[Line], line: Line) -> list[Line]:
    """The lines with `line` put before the first line read under it in its column."""
    x0, top, x1, bottom = line.bbox  # type: ignore[misc]
    for index, other in enumerate(lines):
        if other.bbox and other.bbox[1] >= (top + bottom) / 2 and other.bbox[0] < x1 and other.bbox[2] > x0:
            return [*lines[:index], line, *lines[index:]]
    return [*lines, line]


def _word_spans(readings: list[_Reading]) -> dict[int, list[tuple[float, float]]]:
    return {id(line): words for r in readings for line, words in zip(r.lines, r.words, strict=True)}


def _read_region(
    image: Image.Image,
    dpi: float,
    lang: str,
    timeout: float,
    preparation: Preparation,
    offset: tuple[int, int],
) -> _Reading:
    """Tesseract's reading of a part of the page, boxes moved to the page's pixels."""
    with _pnm_file(image) as path:
        reading = _ocr(path, dpi, lang, timeout, preparation)
    dx, dy = offset
    for line in reading.lines:
        x0, top, x1, bottom = line.bbox  # type: ignore[misc]
        line.bbox = (x0 + dx, top + dy, x1 + dx, bottom + dy)
    reading.words = [[(a + dx, b + dx) for a, b in spans] for spans in reading.words]
    return reading


def _columns_in_order(margin: _Reading, body: _Reading) -> list[Line]:
    """The margin column's lines, then the body's; except that body lines standing above the
    column's first line (a stamp in the top corner) come first, as a reader takes them."""
    tops = [line.bbox for line in margin.lines if line.bbox]
    if not tops:
        return [*margin.lines, *body.lines]
    first = min(tops, key=lambda box: box[1])
    above = first[1] - HEAD_LINE_SHARE * (first[3] - first[1])
    body_lines = _blocks_top_down(body)
    head = [line for line in body_lines if line.bbox and line.bbox[1] < above]
    return [*head, *margin.lines, *(line for line in body_lines if line not in head)]


def _blocks_top_down(reading: _Reading) -> list[Line]:
    """A single column's lines, its blocks taken from the top down (Tesseract sometimes takes a
    block beside a heading's end before the heading)."""
    tops: dict[int, float] = {}
    for line, block in zip(reading.lines, reading.blocks, strict=True):
        tops[block] = min(tops.get(block, line.bbox[1]), line.bbox[1])  # type: ignore[index]
    order = sorted(range(len(reading.lines)), key=lambda i: (tops[reading.blocks[i]], reading.blocks[i], i))
    return [reading.lines[i] for i in order]


def _unturned(
    bbox: tuple[float, float, float, float], angle: float, size: tuple[int, int], scale: float
) -> tuple[float, ...]:
    """A box found on the straightened picture, in points on the page as scanned."""
    x0, top, x1, bottom = bbox
    if angle:
        cx, cy = size[0] / 2, size[1] / 2
        a = radians(angle)
        corners = [(x, y) for x in (x0, x1) for y in (top, bottom)]
        turned = [
            (cx + (x - cx) * cos(a) - (y - cy) * sin(a), cy + (x - cx) * sin(a) + (y - cy) * cos(a))
            for x, y in corners
        ]
        xs, ys = [x for x, _ in turned], [y for _, y in turned]
        x0, top, x1, bottom = min(xs), min(ys), max(xs), max(ys)
    return tuple(round(float(v) * scale, 1) for v in (x0, top, x1, bottom))  # no numpy scalars


@contextmanager
def _image_file(picture: PageImage) -> Iterator[str]:
    """The picture as a file for tesseract: the scan's JPEG as it is, else raw PNM. Given the
    image itself, pytesseract encodes a PNG first: 0.06-0.12 s for an A4 page at 300 dpi, 5-10%
    of its OCR (measured); writing PNM takes 0.007 s and tesseract reads it without decoding."""
    if picture.jpeg is None:
        with _pnm_file(picture.pil()) as path:
            yield path
        return
    handle, path = tempfile.mkstemp(prefix="ctg-ocr-", suffix=".jpg")
    os.close(handle)
    try:
        Path(path).write_bytes(picture.jpeg)
        yield path
    finally:
        os.unlink(path)


@contextmanager
def _pnm_file(image: Image.Image) -> Iterator[str]:
    handle, path = tempfile.mkstemp(prefix="ctg-ocr-", suffix=".pnm")
    os.close(handle)
    try:
        image.save(path, format="PPM")  # greyscale "L" is written as PGM, colour as PPM
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


def _ocr(image: str, dpi: float, lang: str, timeout: float, preparation: Preparation) -> _Reading:
    import pytesseract

    config = " ".join(
        [f"--psm {preparation.psm} --dpi {round(dpi)}", *(f"-c {o}" for o in preparation.options)]
    )
    try:
        data = pytesseract.image_to_data(
            image, lang=lang, config=config, output_type=pytesseract.Output.DICT, timeout=timeout
        )
    except RuntimeError as error:  # pytesseract signals its timeout this way
        raise PageTimeout(f"OCR took more than {timeout:.0f} s") from error
    return _lines_from_data(data, preparation.drop_debris)


def is_debris(word: str, confidence: float) -> bool:
    return confidence < SPECK_CONFIDENCE and SPECK_SIGNS_RE.fullmatch(word) is not None


def unglued(word: str) -> str:
    """A word less the table rule Tesseract read as its first or last sign ("|Commune",
    "_|CCVBA", "15|" → "Commune", "CCVBA", "15"): French text has no "|"."""
    return RULE_GLUED_RE.sub("", word)


def _lines_from_data(data: dict[str, list], drop_debris: bool) -> _Reading:
    """Group Tesseract's words into its own lines (block, paragraph, line), in reading order.
    Boxes stay in pixels of the picture read."""
    grouped: dict[tuple[int, int, int], list[int]] = {}
    words: dict[int, str] = {}
    for i, word in enumerate(data["text"]):
        word = str(word).strip()
        if word and not (drop_debris and is_debris(word, float(data["conf"][i]))):
            grouped.setdefault((data["block_num"][i], data["par_num"][i], data["line_num"][i]), []).append(i)
            words[i] = unglued(word) if drop_debris else word
    reading = _Reading([], [], [])
    for (block, _, _), indices in grouped.items():
        confs = [float(data["conf"][i]) for i in indices if float(data["conf"][i]) >= 0]
        reading.confidences.extend(confs)
        x0 = min(data["left"][i] for i in indices)
        top = min(data["top"][i] for i in indices)
        x1 = max(data["left"][i] + data["width"][i] for i in indices)
        bottom = max(data["top"][i] + data["height"][i] for i in indices)
        text = " ".join(words[i] for i in indices)
        line = Line(
            text=text,
            raw=text,
            page=0,
            number=len(reading.lines) + 1,
            bbox=(float(x0), float(top), float(x1), float(bottom)),
            confidence=round(sum(confs) / len(confs), 1) if confs else None,
            origin="ocr",
        )
        reading.lines.append(line)
        reading.blocks.append(block)
        reading.words.append(
            [(float(data["left"][i]), float(data["left"][i] + data["width"][i])) for i in indices]
        )
    return reading


def _result(lines: list[Line], confidences: list[float], rotation: int) -> OcrResult:
    mean = round(sum(confidences) / len(confidences), 1) if confidences else None
    return OcrResult(lines=lines, confidence=mean, rotation=rotation)


def with_preparation(**steps: bool) -> Preparation:
    return replace(DEFAULT, **steps)
