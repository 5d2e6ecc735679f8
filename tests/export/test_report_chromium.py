"""The report rendered by headless Chromium: the page draws, and its DOM holds the matrix."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from PIL import Image, ImageStat

from ctg.audit.rows import build_audit
from ctg.export.report import write_report
from tests.export.builders import convention, deliberation

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (Debian package chromium)"
)
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1400,1200"]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    documents = [
        convention(),
        deliberation("del00001", "Aureille", date(2025, 11, 20), (15, 0, 0)),
        deliberation("del00002", "Paradou", date(2025, 12, 1), (10, 3, 2), file="deliberations/paradou.pdf"),
    ]
    files = pd.DataFrame([{"file": d.file, "status": "ok", "error": ""} for d in documents])
    return write_report(out, documents, build_audit(documents), files)


def chromium(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    return subprocess.run(
        [CHROMIUM, *FLAGS, *args], cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )


def test_screenshot_is_drawn(report: Path) -> None:
    png = report.parent / "report.png"
    chromium(f"--screenshot={png}", report.as_uri(), cwd=report.parent)
    assert png.exists() and png.stat().st_size > 10_000
    with Image.open(png) as image:
        rgb = image.convert("RGB")
        assert rgb.size == (1400, 1200)
        assert max(ImageStat.Stat(rgb).stddev) > 20  # not a blank page
        colours = {colour for _, colour in rgb.getcolors(maxcolors=1 << 20) or []}
    # the matrix colours are drawn: green (yes), red (no), grey (unknown)
    assert {(0xB9, 0xE4, 0xBC), (0xF6, 0xB3, 0xB3), (0xDE, 0xDE, 0xDE)} <= colours


def test_dom_holds_the_matrix(report: Path) -> None:
    dom = chromium("--dump-dom", report.as_uri(), cwd=report.parent).stdout
    assert '<table class="matrix">' in dom
    assert "Paradou" in dom and "partie à la convention sans bloc de signature" in dom
    assert dom.count('<td class="no">') >= 2


# A copy of the report with a probe that writes, once the page is laid out, how wide it is and how
# many elements run past the window's right edge (the report itself runs no script: its CSP says so).
PROBE = (
    "<script>window.addEventListener('load', () => {"
    "const edge = document.documentElement.clientWidth + 1;"
    "const wide = [...document.querySelectorAll('body *')]"
    ".filter(e => e.getBoundingClientRect().right > edge);"
    "document.body.setAttribute('data-width', document.documentElement.scrollWidth);"
    "document.body.setAttribute('data-wide', wide.length);})</script>"
)


def test_nothing_overflows_at_1280_px(corpus_run: Path) -> None:
    html = (corpus_run / "report.html").read_text(encoding="utf-8")
    probed = corpus_run / "report.probe.html"
    html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
    probed.write_text(html.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    flags = ["--window-size=1280,900", "--virtual-time-budget=3000", "--dump-dom", probed.as_uri()]
    assert CHROMIUM is not None
    dom = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", *flags],
        capture_output=True, text=True, timeout=120, check=False,
    ).stdout  # fmt: skip
    body = re.search(r'<body data-width="(\d+)" data-wide="(\d+)"', dom)
    assert body is not None, "the page did not load"
    assert (int(body[1]), int(body[2])) == (1280, 0)
