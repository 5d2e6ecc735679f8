"""OCR repair of French text: confusion-weighted corrections checked against the lexicon.

A word is changed only when it is unknown and a candidate reached through OCR confusions
(ocr_confusions.CONFUSIONS) is known, or when a context rule or the learned bigrams decide
(`a signer` → `à signer`, `I'action` → `l'action`). Numbers, codes, e-mail addresses, URLs,
ACTES ids and upper-case or mixed-case words are never touched; a capitalised word only when
its correction is a frequent common word or a name of the protected-names reference.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from math import inf, log10

from ctg.core.text import strip_accents
from ctg.normalize.lexicon import Lexicon
from ctg.normalize.ocr_confusions import (
    CONFUSIONS,
    CONTEXT_RULES,
    GLUE_WORDS,
    HEADS_OF_A,
    HOMOGRAPHS,
    INFINITIVE_ENDINGS,
    MAX_COST,
    MAX_COST_SHORT,
    MAX_EDITS,
    NOT_INFINITIVES,
    SHORT_WORD,
)

# A word as OCR leaves it: letters, digits and the signs OCR puts in place of letters.
TOKEN_RE = re.compile(r"[\w¢€©®|\ufffd]+(?:['-][\w¢€©®|\ufffd]+)*|\[(?=[a-zà-ÿ])\w+")
LETTERS_RE = re.compile(r"[^\W\d_]+")
# Spans of a line never touched: (name, pattern, example).
PROTECTED_SPANS: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("email", re.compile(r"\S+@\S+"), "contact@caf13.fr"),
    ("url", re.compile(r"(?:https?://|www\.)\S+", re.I), "https://www.caf.fr/partenaires"),
    ("actes_id", re.compile(r"\b\w{3}-\w{9}-\w{8}-\S+"), "013-211300413-20251208-DEL_2025_123-DE"),
    ("ordinal", re.compile(r"\b\d+(?:er|re|ère|e|ème|nd|nde|bis|ter)\b"), "1er janvier, 4 bis"),
    ("enumeration", re.compile(r"(?<![\w¢€©|])\w{1,2}\)"), "1a) Développer, b) Soutenir"),
)
# How much a tenfold more frequent candidate may cost more: "1égere" → "légère" (cost 0.9,
# frequent) rather than "légere" (cost 0.3, a rare misspelling the word list also holds).
FREQUENCY_WEIGHT = 0.25
# A capitalised word is corrected only towards a common word at least this frequent.
CAPITALISED_MIN_FREQUENCY = 1000
# ... or towards a word seen this often in the clean text learned ("Diiment" → "Dûment").
DOMAIN_CAPITAL_MIN = 3
# Characters that mark a word as damaged by OCR ("Gr¢asque", "1égere").
OCR_MARK_CHARS = re.compile(r"[\d¢€©®|]")
# Words that elide before a vowel: "l'", "d'", "qu'", "jusqu'" …
ELIDED = frozenset(
    {"l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu"}
    | {"i", "1", "1i", "|"}  # "l'" as OCR reads it: "I'ceuvre" (the context rules then fix the "l'")
)
# An elided article glued to the word after it, and how frequent that word must be.
GLUED_ARTICLE = re.compile(r"^(l|d|qu)([aeiouyhàâéèêîôûœ][a-zà-ÿœ]{3,})$")
GLUED_MIN_FREQUENCY = 100
# A glued word is split only when its known part is this frequent and the whole this long.
SPLIT_MIN_FREQUENCY = 200
SPLIT_MIN_CHARS = 6
REPLACEMENT_LETTERS = "éèàêçôûîâùëï"


@dataclass(slots=True)
class Fix:
    """One change to one line: the rule and the fragment before and after."""

    rule: str
    before: str
    after: str


@dataclass
class OcrRepairer:
    """Repairs OCRed lines against one lexicon; caches corrections per word."""

    lexicon: Lexicon
    protected_names: frozenset[str] = frozenset()  # lower-case names (communes) a correction may reach
    _cache: dict[str, str | None] = field(default_factory=dict)
    _bare_names: frozenset[str] | None = None

    def _is_name(self, word: str) -> bool:
        """`word` is a commune-name word, accents aside."""
        if self._bare_names is None:
            self._bare_names = frozenset(_without_accents(name) for name in self.protected_names)
        return _without_accents(word.lower()) in self._bare_names

    def repair_line(self, text: str, previous: str = "") -> tuple[str, list[Fix]]:
        """Context rules, then word corrections, then homographs decided by context."""
        fixes: list[Fix] = []
        text = _apply_context_rules(text, fixes)
        text = self._correct_words(text, fixes)
        text = _apply_context_rules(text, fixes)  # again: "I'ceuvre" → "I'œuvre" → "l'œuvre"
        text = self._decide_homographs(text, previous, fixes)
        return text, fixes

    def repair_replacement_chars(self, text: str) -> tuple[str, list[Fix]]:
        """Put the most frequent known letter in place of each in-word �, else drop it."""
        fixes: list[Fix] = []

        def choose(match: re.Match[str]) -> str:
            word = match.group(0)
            options = [word.replace("\ufffd", letter) for letter in (*REPLACEMENT_LETTERS, "")]
            best = max(options, key=self.lexicon.frequency)
            fixes.append(Fix("unicode:replacement", word, best))
            return best

        if "\ufffd" in text:
            text = re.sub(r"\w*\ufffd[\w\ufffd]*", choose, text)
        return text, fixes

    def correct_word(self, word: str) -> str | None:
        """The known word OCR most likely damaged into `word`, or None to leave it."""
        if word not in self._cache:
            self._cache[word] = self._correct(word)
        return self._cache[word]

    def _correct(self, word: str) -> str | None:
        if word in self.lexicon:
            return None
        best = self._lost_apostrophe(word)  # first: a precise shape ("lintérieur")
        if best is None and _may_touch(word):
            best = self._best_candidate(word)
        if best is None:
            best = self._lost_space(word)
        if best is None:
            best = self._space_read_as_hyphen(word)
        if best is None and "-" in word:  # "Vice-Pr¢sidences": each part on its own
            parts = [self.correct_word(part) or part for part in word.split("-")]
            joined = "-".join(parts)
            return joined if joined != word else None
        return best

    def _best_candidate(self, word: str) -> str | None:
        capitalised = word[0].isupper()
        if capitalised and not OCR_MARK_CHARS.search(word) and self._is_name(word):
            return None  # "Gres" in "Saint-Etienne-du-Gres": a name, even without its accent
        best, best_key = None, (inf, 0)
        budget = MAX_COST_SHORT if len(word) <= SHORT_WORD else MAX_COST
        for candidate, cost in _reachable(word).items():
            if candidate == word or cost > budget:
                continue
            frequency = self.lexicon.frequency(candidate)
            if capitalised and not self._capital_may_become(word, candidate, frequency):
                continue
            if frequency == 0:
                if not (capitalised and candidate.lower() in self.protected_names):
                    continue
                frequency = CAPITALISED_MIN_FREQUENCY  # a commune name the lexicon lacks
            key = (cost - FREQUENCY_WEIGHT * log10(frequency), -frequency)
            if key < best_key:
                best, best_key = candidate, key
        return best

    def _lost_apostrophe(self, word: str) -> str | None:
        """An elided article glued to a known word: "lintérieur" → "l'intérieur"."""
        match = GLUED_ARTICLE.match(word)
        if match and self.lexicon.frequency(match.group(2)) >= GLUED_MIN_FREQUENCY:
            return f"{match.group(1)}'{match.group(2)}"
        return None

    def _lost_space(self, word: str) -> str | None:
        """A short word glued to a known one: "desenfants" → "des enfants", "estainsi" → "est ainsi"."""
        if not word.islower() or len(word) < SPLIT_MIN_CHARS:
            return None
        best, best_frequency = None, 0
        for cut in range(1, len(word)):
            left, right = word[:cut], word[cut:]
            other = right if left in GLUE_WORDS else left if right in GLUE_WORDS else None
            if other is None or len(other) < 3:
                continue
            frequency = self.lexicon.frequency(other)
            if frequency >= SPLIT_MIN_FREQUENCY and frequency > best_frequency:
                best, best_frequency = f"{left} {right}", frequency
        return best

    def _space_read_as_hyphen(self, word: str) -> str | None:
        """A space read as a hyphen: "dans-une" → "dans une" (two known words, one of them short)."""
        parts = word.split("-")
        if len(parts) != 2 or not word.islower() or not (set(parts) & GLUE_WORDS):
            return None
        return " ".join(parts) if all(part in self.lexicon for part in parts) else None

    def _capital_may_become(self, word: str, candidate: str, frequency: int) -> bool:
        """A capitalised word may be a name: it only becomes a frequent word, a word of the
        domain, or a commune name reached through an OCR mark or an accent alone
        ("Gr¢asque", "Eygaliéres" → "Eygalières"; never "Iscles" → the commune "Isdes")."""
        lower = candidate.lower()
        marked = bool(OCR_MARK_CHARS.search(word))
        if frequency and marked:
            return True  # "M¢tropole": a word with ¢ or a digit inside is damaged, whatever it names
        if frequency >= CAPITALISED_MIN_FREQUENCY or self.lexicon.domain[lower] >= DOMAIN_CAPITAL_MIN:
            return True
        if lower not in self.protected_names:
            return False
        return marked or _without_accents(word) == _without_accents(candidate)

    def _correct_words(self, text: str, fixes: list[Fix]) -> str:
        protected = [m.span() for _name, pattern, _ex in PROTECTED_SPANS for m in pattern.finditer(text)]
        pieces: list[str] = []
        end = 0
        for match in TOKEN_RE.finditer(text):
            start, stop = match.span()
            if any(a < stop and start < b for a, b in protected):
                continue
            corrected = self._correct_token(match.group(0))
            if corrected is None:
                continue
            fixes.append(Fix("ocr:lexicon", match.group(0), corrected))
            pieces += [text[end:start], corrected]
            end = stop
        return "".join([*pieces, text[end:]]) if pieces else text

    def _correct_token(self, token: str) -> str | None:
        """Correct the word after an elided article ("d'", "l'", "qu'") separately."""
        head, apostrophe, word = token.rpartition("'")
        if not apostrophe:
            return self.correct_word(token)
        if head.lower() not in ELIDED:
            return None  # "P'tit", "Aujourd'hui": not an article + word
        corrected = self.correct_word(word)
        return f"{head}'{corrected}" if corrected else None

    def _decide_homographs(self, text: str, previous: str, fixes: list[Fix]) -> str:
        matches = list(re.finditer(r"[^\W\d_]+", text))
        last_previous = (LETTERS_RE.findall(previous) or [""])[-1]
        replaced = text
        for index, match in enumerate(matches):
            word = match.group(0)
            if text[match.end() : match.end() + 1] == ")":
                continue  # "a) Développer": an enumeration letter
            after = matches[index + 1].group(0) if index + 1 < len(matches) else ""
            before = matches[index - 1].group(0) if index else last_previous
            meant = self._homograph(word, before, after)
            if meant:
                fixes.append(Fix("ocr:context", f"{word} {after}".strip(), f"{meant} {after}".strip()))
                start, stop = match.span()
                replaced = replaced[:start] + meant + replaced[stop:]  # same length: offsets hold
        return replaced

    def _homograph(self, word: str, before: str, after: str) -> str | None:
        """The word OCR stripped of its accent, decided by the word after it in clean text.

        Only the right context is used: what precedes "a"/"à" is a noun either way ("phase a
        permis", "relative à"), so left bigrams mislead more than they help.
        """
        for seen, meant, _example in HOMOGRAPHS:
            if word != seen or len(meant) != len(seen):
                continue
            current = self.lexicon.bigram(seen, after)
            other = self.lexicon.bigram(meant, after)
            if other >= 2 and other > 3 * current:
                return meant
            if seen == "a" and other >= current and _is_infinitive(after, self.lexicon):
                return meant
            if seen == "a" and before.lower() in HEADS_OF_A:
                return meant
        return None


def _apply_context_rules(text: str, fixes: list[Fix]) -> str:
    for rule, pattern, replacement, _example in CONTEXT_RULES:
        for match in pattern.finditer(text):
            fixes.append(Fix(rule, match.group(0), match.expand(replacement)))
        text = pattern.sub(replacement, text)
    return text


def _without_accents(text: str) -> str:
    return strip_accents(text)


def _is_infinitive(word: str, lexicon: Lexicon) -> bool:
    lower = word.lower()
    return (
        word.islower()
        and lower.endswith(INFINITIVE_ENDINGS)
        and lower not in NOT_INFINITIVES
        and len(lower) > 3
        and lower in lexicon
    )


def _may_touch(word: str) -> bool:
    """Numbers, codes and upper- or mixed-case words are never corrected."""
    letters = sum(char.isalpha() for char in word)
    digits = sum(char.isdigit() for char in word)
    if letters < 1 or digits > 1 or len(word) < 2:
        return False
    return not any(char.isupper() for char in word[1:])


def _reachable(word: str) -> dict[str, float]:
    """Strings reachable from `word` by at most MAX_EDITS confusions within MAX_COST."""
    best: dict[str, float] = {word: 0.0}
    frontier = {word: 0.0}
    for _ in range(MAX_EDITS):
        following: dict[str, float] = {}
        for text, spent in frontier.items():
            for seen, meant, cost, _example in CONFUSIONS:
                total = spent + cost
                if total > MAX_COST:
                    continue
                start = text.find(seen)
                while start != -1:
                    candidate = text[:start] + meant + text[start + len(seen) :]
                    if total < best.get(candidate, inf):
                        best[candidate] = following[candidate] = total
                    start = text.find(seen, start + 1)
        frontier = following
    return best
