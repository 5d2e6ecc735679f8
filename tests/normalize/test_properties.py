"""Whatever the text, normalize keeps every line where it was and never raises."""

from hypothesis import given, settings
from hypothesis import strategies as st

from ctg.normalize import normalize_file

from .helpers import source_of_lines

# Lines mixing French letters, OCR debris, markup and odd spaces.
CHARACTERS = "abcdeéèêàâçôûîœ lI1|¢€©®-'’*_<>^{}\\#0123456789.,;:!?«»\u00a0\u00ad\ufffd\ufb01\t"
ALPHABET = st.sampled_from(list(CHARACTERS))
LINES = st.lists(st.text(alphabet=ALPHABET, max_size=60), min_size=1, max_size=12)


@settings(max_examples=150, deadline=None)
@given(LINES, st.sampled_from(["plain", "ocr", "text"]))
def test_lines_keep_their_place_and_raw_text(texts: list[str], method: str) -> None:
    result = normalize_file(source_of_lines(texts, method=method))  # type: ignore[arg-type]
    assert [(line.page, line.number, line.raw) for line in result.lines] == [
        (1, number, text) for number, text in enumerate(texts, start=1)
    ]
    for line in result.lines:
        assert line.text == line.text.strip()
        assert "\u00a0" not in line.text and "\u00ad" not in line.text
    assert all(repair.line in range(1, len(texts) + 1) for repair in result.repairs)
