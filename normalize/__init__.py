"""normalize: extracted pages → clean lines with roles, and a record of every repair."""

from normalize.clean import normalize_file
from normalize.explain import count_by_rule, explain
from normalize.lexicon import Lexicon, default_lexicon
from normalize.ocr_detect import looks_ocred
from normalize.stamp_lines import is_stamp_line

__all__ = [
    "Lexicon",
    "count_by_rule",
    "default_lexicon",
    "explain",
    "is_stamp_line",
    "looks_ocred",
    "normalize_file",
]
