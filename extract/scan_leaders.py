"""Dot leaders in scans: the rows of dots of a table of contents ("Préambule ........ 4"), found
on the ink and given back to the lines read.

Tesseract reads a leader as a string of letters ("sise reins ra rie en etre") and the title
beside it gets worse for it ("Obiet de:ld Convention"). The leader is found here on the ink
(dots of one size, on one baseline, at an even pitch), whitened before Tesseract reads the
page, and given back afterwards as the dots it holds, counted on the picture, between the
words either side of it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import ndimage

from ctg.core.model import Line

DOT_INCH = (0.008, 0.035)  # a printed full stop's side, 7-14 pt type at 150-600 dpi
MAX_PITCH_INCH = 0.1  # dots further apart are not one leader (". . ." spaced leaders included)
PITCH_SLACK = 0.35  # each gap within this share of the leader's median gap
MIN_DOTS = 6  # fewer dots in a row are an ellipsis or the full stops of a text
BASELINE_SHARE = 0.6  # dots of one leader sit on one row: centres within this share of a dot
# Rows of dots closer than this many pitches are a dot pattern (a halftone or dithered grey, a
# dotted fill), not leaders: lines of type stand more than four pitches of full stops apart.
MIN_ROW_GAP_PITCHES = 2.5
LINE_DOTS = 12  # a line of type is at most this many full stops tall


@dataclass(frozen=True, slots=True)
class Leader:
    box: tuple[int, int, int, int]  # x0, top, x1, bottom in pixels
    dots: int
    dot: int  # a dot's height in pixels (the box is taller when the page is skewed)


def dot_sized(sizes: np.ndarray, dpi: float) -> np.ndarray:
    """Which marks (by label, from their pixel counts) may be a full stop: only those are
    looked at, so the search costs little on a page of text."""
    smallest, largest = (inch * dpi for inch in DOT_INCH)
    return (sizes >= smallest**2) & (sizes <= largest**2)


def find_leaders(marks: np.ndarray, dpi: float) -> list[Leader]:
    """The leaders among a page's small marks (a boolean array, True = ink of a mark that may
    be a dot). Chains are built left to right; one whose last dot is out of reach is closed."""
    done: list[list[tuple[float, float, tuple[slice, slice]]]] = []
    open_chains: list[list[tuple[float, float, tuple[slice, slice]]]] = []
    reach = MAX_PITCH_INCH * dpi
    for dot in sorted(_dots(marks, dpi), key=lambda d: d[0]):
        done += [chain for chain in open_chains if dot[0] - chain[-1][0] > reach]
        open_chains = [chain for chain in open_chains if dot[0] - chain[-1][0] <= reach]
        chain = _chain_for(open_chains, dot, dpi)
        if chain is None:
            open_chains.append([dot])
        else:
            chain.append(dot)
    found = [leader for chain in done + open_chains if (leader := _leader(chain)) is not None]
    return _apart(found)


def _apart(leaders: list[Leader]) -> list[Leader]:
    """The leaders with no other row of dots just above or below them."""
    by_row = sorted(leaders, key=_centre)
    patterned: set[int] = set()
    for i, leader in enumerate(by_row):
        for other in by_row[i + 1 :]:
            if _centre(other) - _centre(leader) >= MIN_ROW_GAP_PITCHES * max(_pitch(leader), _pitch(other)):
                break
            if other.box[0] < leader.box[2] and leader.box[0] < other.box[2]:
                patterned |= {id(leader), id(other)}
    return [leader for leader in leaders if id(leader) not in patterned]


def _centre(leader: Leader) -> float:
    return (leader.box[1] + leader.box[3]) / 2


def _pitch(leader: Leader) -> float:
    return (leader.box[2] - leader.box[0]) / max(1, leader.dots - 1)


def _dots(marks: np.ndarray, dpi: float) -> list[tuple[float, float, tuple[slice, slice]]]:
    """(centre x, centre y, slices) of every mark the size and shape of a full stop."""
    smallest, largest = (inch * dpi for inch in DOT_INCH)
    found = []
    labels, _ = ndimage.label(marks)
    for rows, cols in filter(None, ndimage.find_objects(labels)):
        height, width = rows.stop - rows.start, cols.stop - cols.start
        if not (smallest <= height <= largest and smallest <= width <= largest):
            continue
        if max(height, width) > 2 * min(height, width):  # a comma, an accent, a dash
            continue
        found.append(((cols.start + cols.stop) / 2, (rows.start + rows.stop) / 2, (rows, cols)))
    return found


def _chain_for(chains: list[list], dot: tuple, dpi: float) -> list | None:
    x, y, (rows, _) = dot
    size = rows.stop - rows.start
    for chain in chains:
        last_x, last_y, _ = chain[-1]
        gap = x - last_x
        if not 0 < gap <= MAX_PITCH_INCH * dpi or abs(y - last_y) > max(1.5, BASELINE_SHARE * size):
            continue
        if len(chain) > 1:
            pitch = (last_x - chain[0][0]) / (len(chain) - 1)
            if abs(gap - pitch) > PITCH_SLACK * pitch:
                continue
        return chain
    return None


def _leader(chain: list[tuple[float, float, tuple[slice, slice]]]) -> Leader | None:
    if len(chain) < MIN_DOTS:
        return None
    tops = [rows.start for _, _, (rows, _) in chain]
    bottoms = [rows.stop for _, _, (rows, _) in chain]
    x0, x1 = chain[0][2][1].start, chain[-1][2][1].stop
    heights = sorted(bottom - top for top, bottom in zip(tops, bottoms, strict=True))
    return Leader((x0, min(tops), x1, max(bottoms)), len(chain), heights[len(heights) // 2])


# --- the leaders given back to the lines read -------------------------------------------


def ends_row(line: Line, leader: Leader) -> bool:
    _, top, x1, bottom = leader.box
    return line.bbox is not None and line.bbox[2] > x1 and on_row(line.bbox, (top + bottom) / 2, leader.dot)


def with_leaders(
    lines: list[Line], words: dict[int, list[tuple[float, float]]], leaders: list[Leader]
) -> list[Line]:
    """The lines with each dot leader given back where it stood: its dots put between the
    words either side of it, which become one line when Tesseract read them as two (the page
    number of a table of contents, apart in a block of its own). Boxes in the picture's pixels."""
    for leader in leaders:
        lines = _with_leader(lines, words, leader)
    return lines


def _with_leader(
    lines: list[Line], words: dict[int, list[tuple[float, float]]], leader: Leader
) -> list[Line]:
    x0, top, x1, bottom = leader.box
    row = [line for line in lines if line.bbox and on_row(line.bbox, (top + bottom) / 2, leader.dot)]
    dots = "." * leader.dots
    across = [line for line in row if line.bbox[0] < x0 and line.bbox[2] > x1]  # type: ignore[index]
    if across:  # one line holds the words either side: the dots go between them
        line = across[0]
        spans = words.get(id(line), [])
        before = sum(1 for span in spans if span[1] <= (x0 + x1) / 2)
        parts = line.text.split(" ")
        _set_text(line, " ".join([*parts[:before], dots, *parts[before:]]))
        return lines
    left = max((ln for ln in row if ln.bbox[2] <= x1), key=lambda ln: ln.bbox[2], default=None)  # type: ignore[index]
    right = min((ln for ln in row if ln.bbox[0] >= x0), key=lambda ln: ln.bbox[0], default=None)  # type: ignore[index]
    if left is None and right is None:
        return lines
    if left is None or right is None:
        line = left or right
        _set_text(line, f"{line.text} {dots}" if line is left else f"{dots} {line.text}")  # type: ignore[union-attr]
        return lines
    _set_text(left, f"{left.text} {dots} {right.text}")
    (a0, a1, a2, a3), (b0, b1, b2, b3) = left.bbox, right.bbox  # type: ignore[misc]
    left.bbox = (min(a0, b0), min(a1, b1), max(a2, b2), max(a3, b3))
    words[id(left)] = [*words.get(id(left), []), (x0, x1), *words.get(id(right), [])]
    return [line for line in lines if line is not right]


def on_row(bbox: tuple[float, ...], baseline: float, dot: float) -> bool:
    """Whether a line stands on the row whose dots (this tall) sit at `baseline`: a line box
    runs from the capitals' top to the descenders, its centre a little above the baseline, and
    is some seven dots tall (a box much taller is a column Tesseract took for vertical text)."""
    top, bottom = bbox[1], bbox[3]
    height = bottom - top
    lower_half = top + height / 2 <= baseline <= bottom + dot  # a line without descenders ends on it
    return lower_half and height <= LINE_DOTS * max(dot, 1.0)


def _set_text(line: Line, text: str) -> None:
    line.text = line.raw = text
