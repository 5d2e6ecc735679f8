"""Article headings, the SOMMAIRE that announces them, and the checks between the two.

Headings come in many spellings ("Article 1 : Objet", "Article 1 :Objet", "ARTICLE 9 — SUIVL, BILAN…",
"Article préliminaire : Préambule", a number alone with its title on the next line); lines of a table of
contents (dotted leaders, page numbers, entries under SOMMAIRE) are never articles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from ctg.core.model import Article, Line, Span
from ctg.segment.patterns import ARTICLE_HEADING, ARTICLE_HEADING_NOSEP, TOC_LINE
from ctg.segment.text import clean, fold_words

MAX_HEADING_CHARS = 160
ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}


@dataclass(frozen=True, slots=True)
class Heading:
    number: str
    title: str


def normalise_number(raw: str) -> str:
    """ "1", "4 bis", "préliminaire"; "premier" and roman numerals become digits."""
    text = re.sub(r"\s+", " ", raw.strip().lower())
    if text in {"premier", "1er"}:
        return "1"
    if text.startswith("pr") and text.endswith("liminaire"):
        return "préliminaire"
    if text.upper() in ROMAN:
        return str(ROMAN[text.upper()])
    return text


def match_heading(text: str) -> Heading | None:
    """The article heading on this line, if it is one."""
    stripped = text.strip()
    if TOC_LINE.regex.search(stripped):
        return None
    match = ARTICLE_HEADING.regex.match(stripped) or ARTICLE_HEADING_NOSEP.regex.match(stripped)
    if not match or not stripped.startswith(("Article", "ARTICLE", "Art.", "ART.")):
        return None  # "article 30 du RGPD" at the start of a wrapped line is a reference
    written = clean(match.groupdict().get("title") or "")
    title = _upper_title(written)
    if len(stripped) > MAX_HEADING_CHARS and title == written:
        return None  # running text; a heading joined to its paragraph keeps an upper-case title apart
    if match.re is ARTICLE_HEADING.regex and not match.group("sep") and title:
        return None  # "Article 9 de la présente convention": a reference, not a heading
    return Heading(normalise_number(match.group("number")), title)


# An upper-case title and the body that a joined paragraph put after it on the same line.
UPPER_THEN_TEXT = re.compile(
    r"^(?P<title>(?:[A-ZÀ-Ý0-9'’,\-–]+\s+){2,}[A-ZÀ-Ý0-9'’\-–]+)\s+(?=[A-ZÀ-Ý][a-zà-ÿ])"
)


def _upper_title(title: str) -> str:
    """ "L'ÉCHANGE D'INFORMATIONS ET LA PROTECTION DES DONNÉES" out of "… DONNÉES Les signataires …"."""
    match = UPPER_THEN_TEXT.match(title)
    return match.group("title") if match else title


def parse_articles(
    lines: list[Line], file: str, skip: set[int] | None = None, announced: list[Heading] | None = None
) -> list[Article]:
    """Articles with their span (heading to the line before the next heading) and body size; a title
    wrapped onto the next line is read whole where the contents (`announced`) give it whole."""
    skip = skip or set()
    contents = {entry.number: fold_words(entry.title) for entry in announced or []}
    found: list[tuple[int, Heading]] = []
    for i, line in enumerate(lines):
        heading = None if i in skip else match_heading(line.text)
        if heading:
            found.append((i, heading))
    articles: list[Article] = []
    for n, (i, heading) in enumerate(found):
        end = found[n + 1][0] if n + 1 < len(found) else len(lines)
        title, body_start = heading.title, i + 1
        if not title and body_start < end:  # heading on two lines: the title is the next line
            title, body_start = clean(lines[body_start].text), body_start + 1
        else:
            heading_text = lines[i].text
            for _ in range(TITLE_LINES_MAX):
                if not (title and body_start < end):
                    break
                following = lines[body_start].text
                upper_head = _upper_title(clean(following)) if title.isupper() else ""
                if upper_head != clean(following) and upper_head.isupper():
                    title, body_start = f"{title} {upper_head}", body_start + 1  # the body goes on there
                    break
                listed = contents.get(heading.number, "").startswith(
                    fold_words(f"{title} {clean(following)}")
                )
                if not (
                    listed or _continues_title(title, following) or _wrapped_title(heading_text, following)
                ):
                    break
                title, body_start = f"{title} {clean(following)}", body_start + 1
                heading_text = following
        body = lines[body_start:end]
        articles.append(
            Article(
                number=heading.number,
                title=title,
                span=Span.of_lines(file, lines[i:end]),
                chars=sum(len(line.text) for line in body),
            )
        )
    return _without_contents_entries(articles)


def _before(a: Article, b: Article) -> bool:
    """Article a's number comes before b's ("1" before "9")."""
    return a.number.isdigit() and b.number.isdigit() and int(a.number) < int(b.number)


TOC_BODY_CHARS = 300  # under a table-of-contents entry stand page numbers and sub-entries at most
TOC_RATIO = 4  # … and far less than under the article itself


def _without_contents_entries(articles: list[Article]) -> list[Article]:
    """Drop headings of a table of contents the SOMMAIRE pattern missed (entries and page numbers on
    lines of their own): an article with next to no body whose number comes again later, with more."""
    kept: list[Article] = []
    for n, article in enumerate(articles):
        later = [a.chars for a in articles[n + 1 :] if a.number == article.number]
        small = article.chars <= TOC_BODY_CHARS and bool(later) and article.chars * TOC_RATIO <= max(later)
        # The last entry of a contents list runs on to the first real heading: the numbering restarts.
        restart = bool(later) and n + 1 < len(articles) and _before(articles[n + 1], article)
        if small or restart:
            continue
        kept.append(article)
    return kept


def _continues_title(title: str, text: str) -> bool:
    """The line under a heading goes on with its title: upper case under an upper-case title, or a
    short line starting in lower case under a title that does not end a sentence."""
    stripped = text.strip()
    if not 0 < len(stripped) <= 70 or stripped.endswith((".", ":", ";")) or title.endswith((".", ":")):
        return False
    return (title.isupper() and stripped.isupper()) or stripped[0].islower()


WRAPPED_HEADING = 40  # a heading line this long may have been wrapped …
TITLE_TAIL = 0.5  # … and a line under half its length, capitalised, unpunctuated, is the rest of its title
TITLE_LINES_MAX = 2  # a title wrapped at a narrow width runs over three lines at most


def _wrapped_title(heading: str, text: str) -> bool:
    """ "Article 1 : Objet de la Convention Territoriale" / "Globale": a title wrapped at a narrow width."""
    stripped = text.strip()
    return (
        len(heading.strip()) >= WRAPPED_HEADING
        and 0 < len(stripped) <= TITLE_TAIL * len(heading.strip())
        and stripped[0].isupper()
        and not re.search(r"[.:;!?]$", stripped)
        and not re.search(r"[.:;]$", heading.strip())
        and not match_heading(stripped)
        and not re.match(r"^(?:\d|[A-Za-z][.)]\s|[-•])", stripped)
    )


def parse_sommaire(lines: list[Line]) -> list[Heading]:
    """Article entries announced by a table of contents, page numbers and leaders removed; an entry
    wrapped before its leaders goes on on the next line ("Article 1 : Objet de la convention" /
    "globale de services aux familles.....   7")."""
    entries: list[Heading] = []
    wrapped = False  # the last entry has not reached its leaders or page number yet
    for line in lines:
        raw = line.text.strip()
        text = clean(re.sub(r"(\.{3,}|…+)?\s*\t?\s*\d{0,3}\s*$", "", raw))
        match = ARTICLE_HEADING.regex.match(text)
        if match:
            entries.append(
                Heading(normalise_number(match.group("number")), clean(match.group("title") or ""))
            )
        elif wrapped and text[:1].islower():
            entries[-1] = Heading(entries[-1].number, f"{entries[-1].title} {text}")
        wrapped = bool(entries) and bool(text) and text == raw
    return entries


def check_articles(articles: list[Article], announced: list[Heading]) -> list[str]:
    """Problems: numbers missing or repeated in the sequence, disagreements with the SOMMAIRE."""
    problems: list[str] = []
    numbers = [int(a.number) for a in articles if a.number.isdigit()]
    if numbers:
        for missing in sorted(set(range(1, max(numbers) + 1)) - set(numbers)):
            problems.append(f"article {missing} missing")
        for repeated in sorted({n for n in numbers if numbers.count(n) > 1}):
            problems.append(f"article {repeated} appears {numbers.count(repeated)} times")
    found = {a.number: a.title for a in articles}
    for entry in announced:
        if entry.number not in found:
            problems.append(f"article {entry.number} listed in SOMMAIRE but not found")
        elif fuzz.token_set_ratio(fold_words(entry.title), fold_words(found[entry.number])) < 80:
            problems.append(f"article {entry.number} title differs from SOMMAIRE: {entry.title!r}")
    return problems
