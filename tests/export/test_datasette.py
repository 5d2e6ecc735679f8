"""`datasette out/ctg.sqlite -m out/datasette.json` serves a run's tables with their descriptions."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from ctg import pipeline
from ctg.export.schema import SPECS
from tests.extract.pdf_factory import BODY, write_pdf

pytest.importorskip("datasette")


@pytest.fixture()
def run_out(tmp_path: Path) -> Path:
    inputs = tmp_path / "in"
    inputs.mkdir()
    write_pdf(inputs / "convention.pdf", [("text", BODY)])
    (inputs / "délibération.txt").write_text("Séance du 8 décembre\fpage 2\n", "utf-8")
    out = tmp_path / "out"
    pipeline.main(["run", str(inputs), "--out", str(out), "--jobs", "1", "--quiet"])
    return out


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture()
def site(run_out: Path) -> Iterator[str]:
    port = _free_port()
    command = [sys.executable, "-m", "datasette", "serve", str(run_out / "ctg.sqlite")]
    command += ["-m", str(run_out / "datasette.json"), "--host", "127.0.0.1", "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and server.poll() is None:
            try:
                urllib.request.urlopen(f"{base}/-/versions.json", timeout=2).close()
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.2)
        assert server.poll() is None, server.stderr.read().decode() if server.stderr else ""
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def _get(url: str) -> object:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)


def test_the_site_serves_the_rows_and_the_schema_descriptions(site: str, run_out: Path) -> None:
    rows = _get(f"{site}/ctg/documents.json?_shape=array")
    assert isinstance(rows, list) and rows
    assert {row["file"] for row in rows} == {"convention.pdf", "délibération.txt"}
    kinds = next(column.enum for column in SPECS["documents"].columns if column.name == "kind")
    assert all(row["kind"] in (kinds or []) for row in rows)
    tables = _get(f"{site}/-/metadata.json")["databases"]["ctg"]["tables"]  # type: ignore[index]
    assert tables["documents"]["description"] == SPECS["documents"].description
    assert tables["documents"]["facets"] == ["kind", "territory"]
    assert tables["audit"]["columns"]["stamp"].startswith("yes/unknown")
    facets = _get(f"{site}/ctg/documents.json")["facet_results"]  # type: ignore[index]
    assert {"kind", "territory"} <= set(facets)  # the metadata's facets, unasked
