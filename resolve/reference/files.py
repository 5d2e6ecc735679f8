"""Where the reference tables lie, and a light reader of commune names.

Kept apart from the loader (`resolve.reference`, pandas) so that normalize can read the
names in a few tens of milliseconds without importing pandas on `ctg text`'s path.
"""

from __future__ import annotations

import csv
import gzip
from collections.abc import Iterator
from pathlib import Path

FOLDER = Path(__file__).resolve().parent
COMMUNES = FOLDER / "communes.csv.gz"


def commune_names(path: Path = COMMUNES) -> Iterator[str]:
    """Every commune's current name and former names ("Saint-Rémy-de-Provence", …)."""
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            yield row["name"]
            yield from (name for name in row["former_names"].split("|") if name)
