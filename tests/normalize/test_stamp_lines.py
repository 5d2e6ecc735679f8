import pytest

from ctg.extract import read_text_file
from ctg.normalize import is_stamp_line, normalize_file
from ctg.normalize.stamp_lines import stamp_line_flags

from .helpers import seed

STAMP_LINES = [
    "Envoyé en préfecture le 10/12/2025",
    "Reçu en préfecture le 10/12/2025",
    "Publié le 10/12/2025",
    "ID : 013-211300413-20251208-DEL_2025_123-DE",
    "ID : 02A-212000046-20251016-DEL_2025_21-DE",  # Corsica: département 2A
    # OCR damage
    "Envoy6 en prefecture le 10/12/2025",
    "Envoyé en pr¢fecture le 1O/12/2025",
    "Re¢u en prefecture le 10/12/2025",
    "Publi6 le 10/12/2O25",
    "ID: 013-211300413-20251208-DEL_2025_123-DE",
    "1D : 0l3-211300413-20251208-DEL_2025_123-DE",
    "J RECU EN PREFECTURE |",
    "S²LOW",
]
BODY_LINES = [
    "",
    "Publié le rapport annuel, la Caf en fait la synthèse",
    "Envoyer le dossier complet à la Caf",
    "Vu la délibération du Conseil d'administration de la Caf",
    "Identifiant : 42",
    "Le Maire certifie que la présente délibération a été affichée",
]


@pytest.mark.parametrize("text", STAMP_LINES)
def test_stamp_lines(text: str) -> None:
    assert is_stamp_line(text)


@pytest.mark.parametrize("text", BODY_LINES)
def test_body_lines(text: str) -> None:
    assert not is_stamp_line(text)


def test_many_lines_at_once_as_one_at_a_time(seeds_dir) -> None:
    seed_lines = [
        line.text
        for path in sorted(seeds_dir.glob("*.txt"))
        for line in read_text_file(path, seeds_dir).lines
    ]
    texts = STAMP_LINES + BODY_LINES + seed_lines
    flags = stamp_line_flags(texts)
    assert flags == [is_stamp_line(text) for text in texts]
    assert sum(flags[len(STAMP_LINES) + len(BODY_LINES) :]) > 0  # the seeds' stamp blocks are found


def test_seed_stamp_blocks_between_copies_get_role_stamp(seeds_dir) -> None:
    source = normalize_file(seed(seeds_dir, "001"), ocr_repair=False)
    stamps = [line for line in source.lines if line.role == "stamp"]
    # every stamp block is Envoyé / Reçu / Publié / ID, and nothing else reads as one
    assert len(stamps) % 4 == 0 and len(stamps) >= 8
    assert {line.text.split(" ")[0] for line in stamps} == {"Envoyé", "Reçu", "Publié", "ID"}
    # not lost: the text is still there, with its original line number
    first = stamps[0]
    assert (first.number, first.text) == (3, "Envoyé en préfecture le 10/12/2025")
