"""What makes two page pictures the same page: an exact key, a perceptual hash, a verification.

- exact: a hash of what OCR is given: the scan's own JPEG file when Tesseract reads it as it is
  (equal bytes decode to equal pixels; hashing 0.3 MB of JPEG instead of decoding and hashing
  9 MB of pixels makes a copy's lookup ~40 times cheaper), else the decoded pixels; with their
  resolution. Equal keys, equal input to Tesseract: the reading is the same.
- near: a 64-bit perceptual hash (DCT of the page at 32 × 32), equal or close for a re-scan or a
  re-compression of the page. It only finds candidates: a page with one line, number or name
  changed hashes alike too.
- verification: the two pages' ink at 150 dpi, the second laid onto the first (an affine map
  fitted to where each block of the page lies on the other), must match everywhere: every window
  of the page, after a shift of a pixel or two, has its ink within a pixel of the other's. A
  changed digit leaves a blob no shift explains.

The hash is written here with numpy and scipy (both already needed): the usual library for it,
imagehash, is not among the project's dependencies, and its pHash is these twenty lines.
"""

from __future__ import annotations

import hashlib
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from scipy import fft, ndimage

from ctg.extract.scan_prepare import skew_angle

if TYPE_CHECKING:
    from PIL import Image

    from ctg.extract.page_image import PageImage

HASH_SIDE = 32  # the page shrunk to this square before its DCT
HASH_LOW = 8  # the low frequencies kept: 8 × 8 = 64 bits
NEAR_BITS = 8  # hashes this close (of 64 bits) are candidates, to be verified: re-scans measured 0-6,
# distinct pages of one layout 8 and more (each candidate costs a verification, ~0.5 s)
VERIFY_DPI = 150  # strokes of 10 pt text are 2-3 px: a changed digit is a blob of dozens of pixels
INK_LEVEL = 170  # grey below this is ink, once the page is shrunk to VERIFY_DPI
SIZE_SHARE = 0.02  # pages whose sides differ by more than this are not the same page
MAX_OFFSET_INCH = 0.5  # a re-scan lies this far from the other at most
# Registration: the first page cut in blocks, each looked for on the second within a reach of
# where the map so far puts it (at first: the two pages' skews and shift), and a map fitted to
# them; (block, reach) in px, by pass. A reach under a line's pitch (~35 px at 10 pt), on blocks
# spanning several lines, keeps a block from matching the line above or below; the second pass
# refines the first.
REGISTRATION_PASSES = ((320, 24), (160, 6))
MIN_BLOCK_INK = 0.003  # share of a block's pixels that are ink (a word or two), for it to be matched
MIN_BLOCKS = 4
OUTLIER_PX = 3.0
FIT_ROUNDS = 4
LOCAL_SHIFT_PX = 2  # what registration leaves
TOLERANCE_PX = 1  # ink this close to the other's ink is the same stroke (edge noise, JPEG)
WINDOW_PX = 24  # ~4 mm: a character or two at 10 pt
SHIFT_BATCH = 256  # windows shifted at once, vectorised: 256 × 25 shifts × 576 px, ~7 MB of masks
# Ink pixels in a window no shift explains. Measured on generated scans (corpus/render.py's
# degrade): re-scans and re-compressions leave at most 5, one changed digit 20 or more, a full
# stop turned comma 0-1 (too small at this resolution to be seen; see tests/engine/test_page_key.py).
MAX_UNEXPLAINED = 10
MAX_DIFFERING = 30  # pixels of a window that differ once laid on the same grid (see same_page)


@dataclass(frozen=True, slots=True)
class PageKey:
    exact: str
    near: int


@dataclass(frozen=True, slots=True)
class Signature:
    """The page's ink at VERIFY_DPI, packed: what a near candidate is verified against."""

    shape: tuple[int, int]
    packed: bytes

    def ink(self) -> np.ndarray:
        bits = np.unpackbits(np.frombuffer(zlib.decompress(self.packed), dtype=np.uint8))
        return bits[: self.shape[0] * self.shape[1]].reshape(self.shape).astype(bool)


def exact_key(picture: PageImage, context: str) -> str:
    """The picture's exact key; `context` names what else shapes the reading (OCR language,
    pipeline version), so that a reading is reused only under the same settings."""
    if picture.jpeg is not None:  # what Tesseract is given: the file, not pixels decoded here
        digest = hashlib.blake2b(picture.jpeg, digest_size=20)  # blake2b: twice sha256's speed here
        shape = "jpeg"
    else:
        image = picture.pil()
        digest = hashlib.blake2b(image.tobytes(), digest_size=20)
        shape = f"{image.mode} {image.size}"
    digest.update(f"{shape} {picture.dpi:.2f} {context}".encode())
    return digest.hexdigest()


def fingerprint(picture: PageImage, context: str, exact: str | None = None) -> tuple[PageKey, Signature]:
    """The picture's keys and signature (`exact`: its exact key, when already computed)."""
    exact = exact_key(picture, context) if exact is None else exact
    grey = shrunk(picture.pil(), picture.dpi)  # decoded once: OCR reuses the decoded image
    return PageKey(exact, perceptual_hash(grey)), signature(grey)


def shrunk(image: Image.Image, dpi: float) -> np.ndarray:
    from PIL import Image

    grey = image.convert("L") if image.mode != "L" else image
    scale = VERIFY_DPI / dpi
    if abs(scale - 0.5) < 1e-3:
        grey = grey.reduce(2)  # the usual 300 dpi scan: a box filter in C, ~3 ms
    elif abs(scale - 1) > 1e-3:
        size = (max(1, round(grey.width * scale)), max(1, round(grey.height * scale)))
        grey = grey.resize(size, Image.Resampling.BOX)
    return np.asarray(grey)


def perceptual_hash(grey: np.ndarray) -> int:
    from PIL import Image

    small = np.asarray(Image.fromarray(grey).resize((HASH_SIDE, HASH_SIDE), Image.Resampling.BOX), float)
    low = fft.dctn(small, norm="ortho")[:HASH_LOW, :HASH_LOW].ravel()
    bits = low > np.median(low[1:])  # the DC term says how dark the page is, not where
    return int("".join("1" if bit else "0" for bit in bits), 2)


def signature(grey: np.ndarray) -> Signature:
    ink = grey < INK_LEVEL
    return Signature(ink.shape, zlib.compress(np.packbits(ink).tobytes(), 6))


def near(a: int, b: int) -> int:
    """Bits in which two perceptual hashes differ."""
    return (a ^ b).bit_count()


def same_page(a: Signature, b: Signature) -> bool:
    """Whether two signatures show the same page: same size, and all ink explained both ways
    once the second is laid onto the first."""
    (ha, wa), (hb, wb) = a.shape, b.shape
    if abs(ha - hb) > SIZE_SHARE * max(ha, hb) or abs(wa - wb) > SIZE_SHARE * max(wa, wb):
        return False
    first, second = a.ink(), b.ink()
    laid = registered(first, second)
    if laid is None or worst_window(first, laid) > MAX_UNEXPLAINED:
        return False
    # Pixel for pixel: a re-compression lies on the same grid (at most 11 pixels of a window
    # differ, JPEG at quality 25), a changed digit differs by 60 and more. A re-scan differs
    # everywhere by its grain (200 and more): at this resolution its strokes cannot tell a
    # look-alike digit ("8/9" made "8/6" at 8 pt leaves 4 unexplained pixels, as a re-scan
    # does), so it is read again rather than risk another page's text.
    return int(window_sums(first ^ laid).max()) <= MAX_DIFFERING


def registered(first: np.ndarray, second: np.ndarray) -> np.ndarray | None:
    """`second` moved onto `first` by the affine map (turn, stretch, shift) that best carries each
    block of the first page's ink onto the second's: a re-scan is turned and shifted as a whole.
    Large blocks first, which lines of text cannot fool, then small ones around where the first
    map puts them. None when too few blocks hold ink to tell."""
    fit = _first_guess(first, second)
    for size, reach in REGISTRATION_PASSES:
        places, found = _block_matches(first, second, fit, size, reach)
        if len(places) < MIN_BLOCKS:
            return None
        fit = _affine(np.array(places), np.array(found))
    return ndimage.affine_transform(
        second, fit[:2].T, offset=fit[2], output_shape=first.shape, order=0, mode="constant", cval=False
    )


def _first_guess(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """The map from the pages' skews (each page's lines levelled, extract/scan_prepare.py) and
    the shift of their ink: near enough that no block can then match the line above or below."""
    turn = np.radians(skew_angle(first) - skew_angle(second))  # the second is the first turned so
    a, b = np.cos(turn), np.sin(turn)
    rotation = np.array([[a, b], [-b, a]])  # rows: (r, c) → (r', c'), as in _similarity
    centre = np.array(first.shape, float) / 2
    dy, dx = offset(first, _cropped(second, first.shape))  # moves the second onto the first
    return np.r_[rotation, [centre - centre @ rotation - (dy, dx)]]


def _block_matches(
    first: np.ndarray, second: np.ndarray, fit: np.ndarray, size: int, reach: int
) -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
    """Centres of the first page's inked blocks, and where each lies on the second page."""
    places, found = [], []
    padded = np.pad(second, size + reach)  # a block near the edge is looked for off it too
    for top in _starts(first.shape[0], size):
        for left in _starts(first.shape[1], size):
            block = first[top : top + size, left : left + size]
            if block.sum() < MIN_BLOCK_INK * block.size:
                continue
            centre = (top + size / 2, left + size / 2)
            row, col = np.array([*centre, 1.0]) @ fit
            at = (round(row - size / 2), round(col - size / 2))
            shift = _block_shift(block, padded, (at[0] + size + reach, at[1] + size + reach), reach)
            if shift is not None:
                places.append(centre)
                found.append((at[0] + shift[0] + size / 2, at[1] + shift[1] + size / 2))
    return places, found


def _starts(length: int, size: int) -> list[int]:
    """Block starts covering `length`, the last block against the far edge."""
    if length < size:
        return []
    starts = list(range(0, length - size + 1, size))
    return starts if starts[-1] == length - size else [*starts, length - size]


def _affine(places: np.ndarray, found: np.ndarray) -> np.ndarray:
    """Least-squares map from `places` to `found` that turns, scales alike both ways and
    shifts (a scanner does no more; four unknowns stay well set by blocks in one band of a
    sparse page); blocks it misses by more than OUTLIER_PX and twice the median miss (matched on
    a look-alike) dropped and the map fitted again, a few rounds. Returned as the rows
    (r, c, 1) → (r', c') of an affine map."""
    fit = _similarity(places, found)
    for _ in range(FIT_ROUNDS):
        misses = np.linalg.norm(np.c_[places, np.ones(len(places))] @ fit - found, axis=1)
        kept = misses <= max(OUTLIER_PX, 2 * float(np.median(misses)))
        if kept.all() or kept.sum() < MIN_BLOCKS:
            break
        places, found = places[kept], found[kept]
        fit = _similarity(places, found)
    return fit


def _similarity(places: np.ndarray, found: np.ndarray) -> np.ndarray:
    r, c = places[:, 0], places[:, 1]
    ones, zeros = np.ones_like(r), np.zeros_like(r)
    # r' = a r - b c + tr ;  c' = b r + a c + tc
    design = np.r_[np.c_[r, -c, ones, zeros], np.c_[c, r, zeros, ones]]
    (a, b, tr, tc), *_ = np.linalg.lstsq(design, np.r_[found[:, 0], found[:, 1]], rcond=None)
    return np.array([[a, b], [-b, a], [tr, tc]])


def _cropped(ink: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    out = np.zeros(shape, dtype=bool)
    h, w = min(shape[0], ink.shape[0]), min(shape[1], ink.shape[1])
    out[:h, :w] = ink[:h, :w]
    return out


def _block_shift(
    block: np.ndarray, other: np.ndarray, at: tuple[int, int], reach: int
) -> tuple[int, int] | None:
    """Where `block` lies in `other` near `at` (its top left), as a shift from there; None when
    even the padding cannot hold the search."""
    top, left = at
    size = block.shape[0]
    if top - reach < 0 or left - reach < 0:
        return None
    region = other[top - reach : top + size + reach, left - reach : left + size + reach]
    if region.shape != (size + 2 * reach, size + 2 * reach):
        return None
    shape = [fft.next_fast_len(n, real=True) for n in region.shape]  # zero-padded: same peak
    a, b = region.astype(np.float32), block.astype(np.float32)
    score = fft.irfft2(fft.rfft2(a, shape) * np.conj(fft.rfft2(b, shape)), shape)
    score = score[: 2 * reach + 1, : 2 * reach + 1]
    i, j = np.unravel_index(int(np.argmax(score)), score.shape)
    return int(i) - reach, int(j) - reach


def offset(first: np.ndarray, second: np.ndarray) -> tuple[int, int]:
    """The shift to move `second` onto `first`, by cross-correlation of their ink, found at half
    the resolution (the blocks' matching refines it): a quarter of the cost."""
    dy, dx = _offset(_halved(first), _halved(second))
    return 2 * dy, 2 * dx


def _halved(ink: np.ndarray) -> np.ndarray:
    h, w = ink.shape[0] // 2 * 2, ink.shape[1] // 2 * 2
    return ink[:h, :w].reshape(h // 2, 2, w // 2, 2).any(axis=(1, 3))


def _offset(first: np.ndarray, second: np.ndarray) -> tuple[int, int]:
    a, b = first.astype(np.float32), second.astype(np.float32)
    shape = [fft.next_fast_len(n + n // 4) for n in a.shape]
    score = fft.irfft2(fft.rfft2(a, shape) * np.conj(fft.rfft2(b, shape)), shape)
    reach = min(round(MAX_OFFSET_INCH * VERIFY_DPI / 2), *(n // 2 - 1 for n in shape))
    rows = np.r_[0 : reach + 1, shape[0] - reach : shape[0]]
    cols = np.r_[0 : reach + 1, shape[1] - reach : shape[1]]
    window = score[np.ix_(rows, cols)]
    i, j = np.unravel_index(int(np.argmax(window)), window.shape)
    dy, dx = int(rows[i]), int(cols[j])
    return (dy - shape[0] if dy > shape[0] // 2 else dy), (dx - shape[1] if dx > shape[1] // 2 else dx)


def moved(ink: np.ndarray, dy: int, dx: int) -> np.ndarray:
    """`ink` shifted by (dy, dx), blank where it moved away from."""
    out = np.zeros_like(ink)
    h, w = ink.shape
    out[max(dy, 0) : h + min(dy, 0), max(dx, 0) : w + min(dx, 0)] = ink[
        max(-dy, 0) : h + min(-dy, 0), max(-dx, 0) : w + min(-dx, 0)
    ]
    return out


def worst_window(first: np.ndarray, second: np.ndarray) -> int:
    """The most ink pixels, in any window of the page, that no local shift of the other page
    puts within TOLERANCE_PX of ink: 0 for the same page, dozens where a character differs.
    Windows that match as they lie are not searched further: only those left are shifted, a
    batch at a time, and the search stops at the first batch holding a window unexplained."""
    size = 2 * TOLERANCE_PX + 1
    near_first = ndimage.maximum_filter(first, size=size)
    near_second = ndimage.maximum_filter(second, size=size)
    counts = window_sums((first & ~near_second) | (second & ~near_first))
    matched = counts[counts <= MAX_UNEXPLAINED]
    worst = int(matched.max()) if matched.size else 0
    rows, cols = np.nonzero(counts > MAX_UNEXPLAINED)
    for start in range(0, len(rows), SHIFT_BATCH):
        batch = (rows[start : start + SHIFT_BATCH], cols[start : start + SHIFT_BATCH])
        worst = max(worst, int(_shifted_best(first, second, near_first, near_second, *batch).max()))
        if worst > MAX_UNEXPLAINED:
            return worst
    return worst


def _shifted_best(
    first: np.ndarray,
    second: np.ndarray,
    near_first: np.ndarray,
    near_second: np.ndarray,
    rows: np.ndarray,
    cols: np.ndarray,
) -> np.ndarray:
    """Fewest unexplained pixels in each window (rows, cols) over the local shifts of `second`
    that keep the window on the page."""
    reach, step = LOCAL_SHIFT_PX, WINDOW_PX // 2
    window = (WINDOW_PX, WINDOW_PX)
    tops, lefts = rows * step, cols * step
    a = np.lib.stride_tricks.sliding_window_view(first, window)[tops, lefts]
    near_a = np.lib.stride_tricks.sliding_window_view(near_first, window)[tops, lefts]
    shifts = np.arange(-reach, reach + 1)
    dy, dx = (grid.ravel() for grid in np.meshgrid(shifts, shifts, indexing="ij"))
    at_rows, at_cols = tops[:, None] - dy, lefts[:, None] - dx  # (window, shift)
    limit_rows, limit_cols = first.shape[0] - WINDOW_PX, first.shape[1] - WINDOW_PX
    inside = (at_rows >= 0) & (at_cols >= 0) & (at_rows <= limit_rows) & (at_cols <= limit_cols)
    at_rows, at_cols = np.clip(at_rows, 0, limit_rows), np.clip(at_cols, 0, limit_cols)
    b = np.lib.stride_tricks.sliding_window_view(second, window)[at_rows, at_cols]
    near_b = np.lib.stride_tricks.sliding_window_view(near_second, window)[at_rows, at_cols]
    unexplained = (a[:, None] & ~near_b).sum(axis=(2, 3)) + (b & ~near_a[:, None]).sum(axis=(2, 3))
    return np.where(inside, unexplained, WINDOW_PX * WINDOW_PX).min(axis=1)


def window_sums(mask: np.ndarray) -> np.ndarray:
    """Pixels set in each WINDOW_PX square, the windows half overlapping (a blob of up to half a
    window lies whole in one of them): sums of half-window blocks, then of 2 × 2 blocks."""
    step = WINDOW_PX // 2
    h, w = (mask.shape[0] // step) * step, (mask.shape[1] // step) * step
    blocks = mask[:h, :w].reshape(h // step, step, w // step, step).sum(axis=(1, 3))
    return blocks[:-1, :-1] + blocks[1:, :-1] + blocks[:-1, 1:] + blocks[1:, 1:]
