from __future__ import annotations

import pytest

from ctg.extract.glyphs import fix_line, unmapped_count


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        ("ﬁnancement de l'eﬀort", "financement de l'effort"),
        ("la mise en œuvre", "la mise en œuvre"),  # œ is a French letter, not a ligature to expand
        ("pr´evue par l’article", "prévue par l’article"),
        ("`a signer, d´ej`a", "à signer, déjà"),
        ("le ma^ıtre", "le maître"),
        ("franc¸ais", "français"),
        ("x ^ 2 et 1`0", "x ^ 2 et 1`0"),  # not accents: left alone
    ],
)
def test_fix_line(raw: str, fixed: str) -> None:
    assert fix_line(raw) == fixed


def test_unmapped_glyphs_are_counted() -> None:
    assert unmapped_count("ab\ufffdc") == 1
    assert unmapped_count("(cid:12)(cid:7)") == 8
    assert unmapped_count("Délibération n° 2025") == 0
