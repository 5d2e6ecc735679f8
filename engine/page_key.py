"""What makes two page pictures the same page: an exact key, a perceptual hash, a verification.

- exact: a hash of what OCR is given: the scan's own JPEG file when Tesseract reads it as it is
  (equal bytes decode to equal pixels; hashing 0.3 MB of JPEG instead of decoding and hashing
  9 MB of pixels makes a copy's lookup ~40 times cheaper), else the decoded pixels; with their
  resolution. Equal keys, equal input to Tesseract: the reading is the same.
- near: a 64-bit perceptual hash (DCT of the page at 32 × 32), equal or close for a re-scan or a
  re-compression of the page. It only finds candidates: a page with one line, number or name
  changed hashes alike too.
- verification: the two pages' ink at 150 dpi, pixel for pixel: a re-compression lies on the
  same grid and differs by a few pixels of JPEG noise in any window; a changed digit leaves a
  blob of dozens. A re-scan of the paper lies on another grid: it is laid over the stored scan
  at 300 dpi (engine/page_overlay.py), which needs the stored scan itself: a scan's JPEG is kept
  with its signature (a page rendered from layers is not, and its re-scans are read again).

The hash is written here with numpy and scipy (both already needed): the usual library for it,
imagehash, is not among the project's dependencies, and its pHash is these twenty lines.
"""

from __future__ import annotations

import hashlib
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from scipy import fft

from ctg.engine.page_overlay import COARSE_DPI, fine_grey, overlaid, registered, window_sums

if TYPE_CHECKING:
    from PIL import Image

    from ctg.extract.page_image import PageImage

HASH_SIDE = 32  # the page shrunk to this square before its DCT
HASH_LOW = 8  # the low frequencies kept: 8 × 8 = 64 bits
# Hashes this close (of 64 bits) are candidates, to be verified: re-compressions measured 0-2
# (JPEG quality 20-60), re-scans 0-6 (the corpus's scanner; another turned, shifted and scaled
# one 2-18: beyond 6 they are read again), distinct pages of one layout 8 and more. A candidate
# costs a verification (~5 ms, a re-scan's overlay ~0.3 s) and, while another worker reads it, a
# wait: so few bits, that distinct pages of one layout are read side by side.
NEAR_BITS = 6
VERIFY_DPI = COARSE_DPI  # 150: strokes of 10 pt text 2-3 px, a changed digit a blob of dozens
INK_LEVEL = 170  # grey below this is ink, once the page is shrunk to VERIFY_DPI
WINDOW_PX = 24  # ~4 mm: a character or two at 10 pt
# Pixels of a window that differ between two pictures of the same grid. Measured on generated
# scans (corpus/render.py's degrade): re-compressions at JPEG quality 25-40 differ by 7-11, one
# digit changed by 60 and more, a re-scan by 200 and more (tests/engine/test_page_cache.py).
MAX_DIFFERING = 30


@dataclass(frozen=True, slots=True)
class PageKey:
    exact: str
    near: int


@dataclass(frozen=True, slots=True)
class Signature:
    """The page's ink at VERIFY_DPI, packed: what a near candidate is verified against."""

    shape: tuple[int, int]
    packed: bytes
    scan: bytes | None = None  # the scan's JPEG, that a re-scan is laid over
    dpi: float = 0.0

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
    return PageKey(exact, perceptual_hash(grey)), signature(grey, picture)


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


def signature(grey: np.ndarray, picture: PageImage) -> Signature:
    ink = grey < INK_LEVEL
    return Signature(ink.shape, zlib.compress(np.packbits(ink).tobytes(), 6), picture.jpeg, picture.dpi)


def near(a: int, b: int) -> int:
    """Bits in which two perceptual hashes differ."""
    return (a ^ b).bit_count()


def same_page(a: Signature, b: Signature) -> bool:
    """Whether two signatures show the same page: the same grid, and no window where they differ
    by more than JPEG noise."""
    if a.shape != b.shape:
        return False
    return int(window_sums(a.ink() ^ b.ink(), WINDOW_PX // 2).max(initial=0)) <= MAX_DIFFERING


def laid_over(picture: PageImage, signature: Signature, stored: Signature) -> np.ndarray | None:
    """The map from the stored scan's pixels to the picture's (both at FINE_DPI) under which the
    picture shows the same ink: the identity for a copy on the same grid (a re-compression:
    the 150 dpi check cannot tell an accent from JPEG noise, 300 dpi can), a fitted map for a
    re-scan; None when it shows other ink, or the stored scan was not kept."""
    if stored.scan is None:
        return None
    transform = np.eye(3) if same_page(signature, stored) else registered(stored.ink(), signature.ink())
    if transform is None:
        return None
    kept = fine_grey(_decoded(stored.scan), stored.dpi)
    return overlaid(kept, fine_grey(picture.pil(), picture.dpi), transform)


def _decoded(jpeg: bytes) -> Image.Image:
    import io

    from PIL import Image

    return Image.open(io.BytesIO(jpeg))
