import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from ctg.normalize import normalize_file
from ctg.normalize.stamp_lines import LABEL_FOLD
from ctg.normalize.unicode_clean import TRANSLATION, canonical, char_replacer

from .helpers import source_of_lines


def test_nfc_ligatures_spaces_apostrophes() -> None:
    decomposed = unicodedata.normalize("NFD", "Représentée")
    assert canonical(decomposed) == "Représentée"
    assert canonical("les difﬁcultés de la Caf") == "les difficultés de la Caf"
    assert canonical("mise en œuvre, cœur") == "mise en œuvre, cœur"  # œ is a letter, kept
    assert canonical("«\u202fLa Caf\u202f»") == "« La Caf »"
    assert canonical("n°\u00a02021-1644") == "n° 2021-1644"
    assert canonical("dévelop\u00adpement") == "développement"
    assert canonical("l’action de l‘Etat") == "l'action de l'Etat"
    assert canonical("“Ville Handicap”") == '"Ville Handicap"'
    assert canonical("Saint\u2011Rémy") == "Saint-Rémy"
    assert canonical("ANNEXE 2 – LISTE — Pays") == "ANNEXE 2 - LISTE - Pays"
    assert canonical("Nom\tAdresse") == "Nom\tAdresse"  # tabs separate table cells


def test_replacement_character() -> None:
    assert canonical("Caf \ufffd Gardanne") == "Caf   Gardanne"
    result = normalize_file(source_of_lines(["le d\ufffdveloppement des services"]), ocr_repair=False)
    assert result.lines[0].text == "le développement des services"
    assert [r.rule for r in result.repairs] == ["unicode:replacement"]


def test_raw_keeps_the_display_original() -> None:
    raw = "Vu le Code de l’action sociale et des familles ;"
    [line] = normalize_file(source_of_lines([raw]), ocr_repair=False).lines
    assert line.text == "Vu le Code de l'action sociale et des familles ;"
    assert line.raw == raw


# Every character either table maps, and some it does not (regex-special ones included).
TABLE_CHARACTERS = sorted({chr(code) for code in (*TRANSLATION, *LABEL_FOLD)} | set("aé l'-\\[]^"))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(TABLE_CHARACTERS), max_size=40))
def test_char_replacer_is_str_translate(text: str) -> None:
    assert char_replacer(TRANSLATION)(text) == text.translate(TRANSLATION)
    assert char_replacer(LABEL_FOLD)(text) == text.translate(LABEL_FOLD)
