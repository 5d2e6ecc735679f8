"""Whether a re-scan shows the same page: lay it over the stored scan and look for ink that one
of the two holds and the other does not.

A re-scan is the same paper through the scanner again: turned, shifted, a little scaled, with
other grain. Laid over the stored scan at 300 dpi (registered to a fraction of a pixel), every
stroke of one lies within a pixel of a stroke of the other; a changed digit, an accent dropped,
a name or a stamp added leaves a blob of ink that nothing explains. Measured on generated scans
(tests/engine/test_page_cache.py): re-scans turned 0.3-2.4° apart, shifted, scaled by 0.6%,
lighter, blurrier and noisier leave 0 unexplained pixels in any window; an 8 pt "9" printed "6"
leaves 44 and more, an accent dropped 31, a digit changed at 12 pt 73 and more.

Registration, coarse to fine: the turn between the pages from their lines' skew (refined by the
whole page's phase correlation at 75 dpi), then tiles' shifts at 150 dpi fitted as a similarity
and, once those are small, as an affine map. Registered on the signatures' ink masks (no scan
decoded), a page whose ink already lies apart there is turned away before the 300 dpi look: most
other pages cost ~0.1 s, a re-scan ~0.25 s. It is written here with numpy's FFT and PIL's
affine warp (both already needed) rather than OpenCV or scikit-image, which the project does not
depend on; a phase correlation and a least-squares fit are these few functions.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PIL import Image
from scipy import fft

from ctg.extract.scan_prepare import skew_angle

FINE_DPI = 300  # where pages are compared: an 8 pt digit is ~23 px high, its strokes 2-3 px
# Grey levels: a pixel darker than STRICT must lie within a pixel of one darker than LOOSE in the
# other page (the gap between the two absorbs blur and lighter scans).
STRICT, LOOSE = 100, 150
WINDOW_PX = 48  # ~4 mm at FINE_DPI: a character or two of 10 pt text
SHIFT_PX = 2  # a window may sit this far off the fitted map (paper is not perfectly rigid)
# Unexplained pixels a window may hold: re-scans measured 0, the smallest change measured (an
# accent dropped) 31. Marks under this (a comma made a full stop: 6-9) are not told apart.
MAX_UNEXPLAINED = 10
# Degrees tried around the turn the lines' skews give (off by 0.5° on a page of few lines): the
# tiles' fit then takes up 0.5° (8 px at 150 dpi over half a page).
TURNS = (-0.3, 0.0, 0.3)
TILE_PX = 128  # tiles at COARSE_DPI whose shifts are fitted
COARSE_DPI = 150  # the signatures' ink (engine/page_key.py), where pages are registered
# Unexplained pixels a 24 px window may hold at COARSE_DPI once the turn, shift and scale are
# fitted: re-scans measured 0-8 (the harshest), the closest other pages (one template's last
# pages) 67 and more. It only spares the fine look most pages: one that passes is compared at
# FINE_DPI, where the small changes show (an accent dropped measured 13 here, 31 there).
COARSE_LEFT = 16
MAX_TILES = 40  # spread over the page: enough to fit six numbers, few enough to cost ~20 ms
MIN_TILES = 6  # tiles whose shifts agree, for a map to be trusted


def fine_grey(image: Image.Image, dpi: float) -> np.ndarray:
    """The scan's grey pixels at FINE_DPI."""
    image = image.convert("L") if image.mode != "L" else image
    if abs(dpi - FINE_DPI) > 1:
        size = (round(image.width * FINE_DPI / dpi), round(image.height * FINE_DPI / dpi))
        image = image.resize(size, Image.Resampling.BILINEAR)
    return np.asarray(image)


def overlaid(stored: np.ndarray, new: np.ndarray, transform: np.ndarray) -> np.ndarray | None:
    """The map (3 × 3, stored page's pixels to the new page's at FINE_DPI), from `transform` at
    COARSE_DPI, when the new page shows the same ink as the stored one laid over it; else None."""
    transform = _scaled(transform, FINE_DPI / COARSE_DPI)
    # Compared over both pages' frames, the stored one padded white: ink of the new page where
    # the stored scan does not reach (a stamp in a margin it cut off) is left unexplained too.
    left, top, right, bottom = _reach(stored.shape, new.shape, transform)
    if max(left, top, right, bottom) > max(stored.shape) // 4:
        return None  # a fit that far off is no re-scan's (and would pad the page beyond reason)
    padded = np.pad(stored, ((top, bottom), (left, right)), constant_values=255)
    moved = transform @ _translation(-left, -top)
    return transform if _explained(padded, _warp(new, moved, padded.shape, nearest=True)) else None


def _reach(shape: tuple[int, ...], new: tuple[int, ...], transform: np.ndarray) -> tuple[int, int, int, int]:
    """Pixels the new page's frame reaches beyond the stored one's, left, top, right, bottom."""
    corners = np.array([[0, 0, 1], [new[1], 0, 1], [0, new[0], 1], [new[1], new[0], 1]], dtype=float)
    x, y = (corners @ np.linalg.inv(transform).T)[:, :2].T
    beyond = (-x.min(), -y.min(), x.max() - shape[1], y.max() - shape[0])
    return tuple(max(0, int(np.ceil(value))) for value in beyond)  # type: ignore[return-value]


def registered(stored: np.ndarray, new: np.ndarray) -> np.ndarray | None:
    """The map from the stored page's pixels to the new page's, both ink masks at COARSE_DPI,
    when the new page's ink lies where the stored page's does (a first, coarse look, that most
    other pages fail at a third of the cost of the fine one); else None."""
    ink = [page.astype(np.uint8) * 255 for page in (stored, new)]
    transform = _turned(*(np.asarray(Image.fromarray(page).reduce(2)) for page in ink))
    transform = _scaled(transform, 2)
    for similarity, limit, tolerance in ((True, 8.0, 1.5), (False, 2.0, 0.5)):
        moved = _warp(ink[1], transform, ink[0].shape, fill=0, nearest=similarity)
        if not similarity and _coarse_left(stored, moved > 127) > COARSE_LEFT:
            return None
        fitted = _fit(*_tile_shifts(ink[0], moved, limit), similarity, tolerance)
        if fitted is None:
            return None
        transform = transform @ fitted
    return transform


def _coarse_left(a: np.ndarray, b: np.ndarray) -> int:
    """Most pixels of ink of either mask farther than a pixel from the other's, in a window of
    ~4 mm (24 px at COARSE_DPI)."""
    left = _unexplained((a, b), (_grown(a), _grown(b)))
    return int(window_sums(left, WINDOW_PX * COARSE_DPI // FINE_DPI // 2).max(initial=0))


def _turned(stored: np.ndarray, new: np.ndarray) -> np.ndarray:
    """A first map at 75 dpi: the turn of the lines, then the shift of the whole page."""
    turn = skew_angle(new > 80) - skew_angle(stored > 80)
    centre = (stored.shape[1] / 2, stored.shape[0] / 2)
    rows, cols = (max(TILE_PX, side - side % TILE_PX) for side in stored.shape)  # FFT-friendly sizes
    best: tuple[float, np.ndarray] | None = None
    for extra in TURNS:
        turned = _rotation(turn + extra, centre)
        dy, dx, peak = _phase_shift(
            stored[:rows, :cols], _warp(new, turned, stored.shape, fill=0, nearest=True)[:rows, :cols]
        )
        if best is None or peak > best[0]:
            best = (peak, turned @ _translation(dx, dy))
    return best[1]  # type: ignore[index]


def _tile_shifts(stored: np.ndarray, new: np.ndarray, limit: float) -> tuple[np.ndarray, np.ndarray]:
    """Centres of the inked tiles of the stored page and where they lie on the new one."""
    side = TILE_PX
    rows, cols = stored.shape[0] // side, stored.shape[1] // side
    a = stored[: rows * side, : cols * side].reshape(rows, side, cols, side).swapaxes(1, 2)
    b = new[: rows * side, : cols * side].reshape(rows, side, cols, side).swapaxes(1, 2)
    inked = np.argwhere((a > 128).mean(axis=(2, 3)) > 0.01)
    if len(inked):
        inked = inked[np.unique(np.linspace(0, len(inked) - 1, MAX_TILES).round().astype(int))]
    picked = tuple(inked.T)
    centres, targets = [], []
    for (row, col), (dy, dx, peak) in zip(inked, _phase_shifts(a[picked], b[picked]), strict=True):
        if peak >= 0.15 and abs(dx) <= limit and abs(dy) <= limit:
            x, y = (col + 0.5) * side, (row + 0.5) * side
            centres.append((x, y))
            targets.append((x + dx, y + dy))
    return np.array(centres).reshape(-1, 2), np.array(targets).reshape(-1, 2)


def _phase_shift(a: np.ndarray, b: np.ndarray) -> tuple[float, float, float]:
    return _phase_shifts(a[None], b[None])[0]


def _phase_shifts(a: np.ndarray, b: np.ndarray) -> list[tuple[float, float, float]]:
    """For each pair of images, the shift (dy, dx) that lays a onto b, and the peak's height
    (1 for the same picture shifted, near 0 for unrelated ones); to a tenth of a pixel."""
    height, width = a.shape[1:]
    a, b = a.astype(np.float32), b.astype(np.float32)
    fa = fft.rfft2(a - a.mean(axis=(1, 2), keepdims=True))
    fb = fft.rfft2(b - b.mean(axis=(1, 2), keepdims=True))
    cross = fb * np.conj(fa)
    surface = fft.irfft2(cross / (np.abs(cross) + 1e-9), s=(height, width))
    shifts = []
    for c in surface:
        y, x = np.unravel_index(int(np.argmax(c)), c.shape)
        dy = y + _vertex(c[(y - 1) % height, x], c[y, x], c[(y + 1) % height, x])
        dx = x + _vertex(c[y, (x - 1) % width], c[y, x], c[y, (x + 1) % width])
        dy, dx = dy - height if dy > height / 2 else dy, dx - width if dx > width / 2 else dx
        shifts.append((float(dy), float(dx), float(c[y, x])))
    return shifts


def _vertex(before: float, peak: float, after: float) -> float:
    """Where a parabola through three samples peaks, from the middle one."""
    curve = before - 2 * peak + after
    return 0.0 if curve == 0 else 0.5 * (before - after) / curve


def _fit(centres: np.ndarray, targets: np.ndarray, similarity: bool, tolerance: float) -> np.ndarray | None:
    """The similarity (turn, scale, shift) or affine map taking centres to targets, fitted
    again without the tiles it leaves over `tolerance` pixels away (a tile matched to the next
    line of text); None when too few tiles agree."""
    kept = np.ones(len(centres), dtype=bool)
    transform = None
    for _ in range(4):
        if kept.sum() < MIN_TILES:
            return None
        transform = (
            _similarity(centres[kept], targets[kept]) if similarity else _affine(centres[kept], targets[kept])
        )
        placed = centres @ transform[:2, :2].T + transform[:2, 2]
        kept = np.linalg.norm(placed - targets, axis=1) <= tolerance
    return transform if kept.sum() >= MIN_TILES else None


def _similarity(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    ones, zeros = np.ones(len(p)), np.zeros(len(p))
    system = np.empty((2 * len(p), 4))
    system[0::2] = np.c_[p[:, 0], -p[:, 1], ones, zeros]  # x' = a x - b y + tx
    system[1::2] = np.c_[p[:, 1], p[:, 0], zeros, ones]  # y' = b x + a y + ty
    (a, b, tx, ty), *_ = np.linalg.lstsq(system, q.ravel(), rcond=None)
    return np.array([[a, -b, tx], [b, a, ty], [0.0, 0.0, 1.0]])


def _affine(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    solution, *_ = np.linalg.lstsq(np.c_[p, np.ones(len(p))], q, rcond=None)
    return np.vstack([solution.T, [0.0, 0.0, 1.0]])


def _rotation(degrees: float, centre: tuple[float, float]) -> np.ndarray:
    turn = np.radians(degrees)
    cos, sin = np.cos(turn), np.sin(turn)
    rotate = np.array([[cos, -sin, 0.0], [sin, cos, 0.0], [0.0, 0.0, 1.0]])
    return _translation(*centre) @ rotate @ _translation(-centre[0], -centre[1])


def _translation(dx: float, dy: float) -> np.ndarray:
    return np.array([[1.0, 0.0, dx], [0.0, 1.0, dy], [0.0, 0.0, 1.0]])


def _scaled(transform: np.ndarray, factor: float) -> np.ndarray:
    """The same map, for pixels `factor` times finer."""
    scale = np.diag([factor, factor, 1.0])
    return scale @ transform @ np.linalg.inv(scale)


def _warp(
    image: np.ndarray,
    transform: np.ndarray,
    shape: tuple[int, ...],
    fill: float = 255.0,
    nearest: bool = False,
) -> np.ndarray:
    """`image` resampled onto the grid of `shape`: pixel p of the result is image's transform(p)
    (bilinear, or the nearest pixel: at most half a pixel off, 6 times faster on a page)."""
    mode = "L" if image.dtype == np.uint8 else "F"
    source = Image.fromarray(image if mode == "L" else image.astype(np.float32), mode=mode)
    coefficients = tuple(float(value) for value in transform[:2].ravel())
    resample = Image.Resampling.NEAREST if nearest else Image.Resampling.BILINEAR
    resampled = source.transform(
        (shape[1], shape[0]),
        Image.Transform.AFFINE,
        coefficients,
        resample,
        fillcolor=int(fill) if mode == "L" else fill,
    )
    return np.asarray(resampled)


def _explained(stored: np.ndarray, new: np.ndarray) -> bool:
    """Whether every window's strong ink in one page lies within a pixel of ink in the other,
    the window allowed to sit SHIFT_PX off."""
    near = [_grown(page < LOOSE) for page in (stored, new)]
    strong = [page < STRICT for page in (stored, new)]
    step = WINDOW_PX // 2
    sums = window_sums(_unexplained(strong, near), step)
    for row, col in np.argwhere(sums > MAX_UNEXPLAINED):
        y, x = row * step, col * step
        if _least_left(strong, near, y, x) > MAX_UNEXPLAINED:
            return False
    return True


def _least_left(strong: list[np.ndarray], near: list[np.ndarray], y: int, x: int) -> int:
    """Unexplained pixels of the window at (y, x), the new page's window moved by at most SHIFT_PX."""
    size, margin = WINDOW_PX, SHIFT_PX
    height, width = strong[0].shape
    if y < margin or x < margin or y + size + margin > height or x + size + margin > width:
        margin = 0  # at the page's edge: as fitted
    here = (slice(y, y + size), slice(x, x + size))
    least = size * size
    for dy in range(-margin, margin + 1):
        for dx in range(-margin, margin + 1):
            there = (slice(y + dy, y + dy + size), slice(x + dx, x + dx + size))
            left = _unexplained((strong[0][here], strong[1][there]), (near[0][here], near[1][there]))
            least = min(least, int(left.sum()))
    return least


def _unexplained(strong: Sequence[np.ndarray], near: Sequence[np.ndarray]) -> np.ndarray:
    """Ink of either page (`strong`) that the other's grown ink (`near`) does not cover."""
    return (strong[0] & ~near[1]) | (strong[1] & ~near[0])


def _grown(mask: np.ndarray) -> np.ndarray:
    """The mask grown by one pixel in the 8 directions (ORs of shifted views: ~20 times faster
    than a rank filter on a page)."""
    rows = mask.copy()
    rows[1:] |= mask[:-1]
    rows[:-1] |= mask[1:]
    grown = rows.copy()
    grown[:, 1:] |= rows[:, :-1]
    grown[:, :-1] |= rows[:, 1:]
    return grown


def window_sums(mask: np.ndarray, step: int) -> np.ndarray:
    """Pixels set in each window of 2 × step, the windows half overlapping (a blob of up to half
    a window lies whole in one of them): sums of step-wide blocks, then of 2 × 2 blocks."""
    h, w = (mask.shape[0] // step) * step, (mask.shape[1] // step) * step
    blocks = mask[:h, :w].reshape(h // step, step, w // step, step).sum(axis=(1, 3))
    return blocks[:-1, :-1] + blocks[1:, :-1] + blocks[:-1, 1:] + blocks[1:, 1:]
