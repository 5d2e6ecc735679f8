"""Converter markup (Markdown/HTML left by PDF-to-text converters) removed, bold and headings kept.

Bold (`**…**`) may open on one line and close lines later, so lines are read in order with
the open/closed state carried along.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# (name, sign, pattern, replacement, example). Applied in this order after bold markers are read;
# a rule runs only on lines holding its sign, which its pattern cannot match without (speed: most
# lines of a text layer hold none).
MARKUP_RULES: tuple[tuple[str, str, re.Pattern[str], str, str], ...] = (
    ("superscript", "^", re.compile(r"\^\{([^{}]*)\}"), r"\1", "1^{er} janvier → 1er janvier"),
    ("html_paragraph_break", "<", re.compile(r"</p>\s*<p>"), " ", "<p>2025-2026</p> <p>Handicap</p>"),
    ("html_line_break", "<", re.compile(r"<br\s*/?>", re.I), " ", "Siège<br/>Antenne"),
    (
        "html_tag",
        "<",
        re.compile(r"</?(?:u|p|b|i|em|strong|sup|sub|span|div|mark|s)\b[^<>]*>", re.I),
        "",
        "<u>Siège</u> : Maison de Quartier → Siège : Maison de Quartier",
    ),
    (
        "blockquote",
        ">",
        re.compile(r"^(\s*(?:[-•]\s+)?)>\s+"),
        r"\1",
        "- > Répondre aux besoins → - Répondre…",
    ),
    (
        "italic",
        "*",
        re.compile(r"(?<![\w*\\])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])"),
        r"\1",
        "1. *L'attractivité du territoire* → 1. L'attractivité du territoire",
    ),
    (
        "backslash_escape",
        "\\",
        re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|~^&$%'\"])"),
        r"\1",
        r"2022\-2026 → 2022-2026",
    ),
)
MARKDOWN_HEADING = re.compile(r"^\s*#{1,6}\s+")  # "## Article 3" → heading "Article 3"
HTML_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-f]+|[a-z]+);", re.I)  # "&amp;" → "&"
BOLD_MARKER = "**"
# A whole-bold line this long or shorter reads as a heading, a longer one as emphasised prose.
HEADING_MAX_CHARS = 160
# Share of a line's visible characters inside bold markers for the line to count as bold.
BOLD_SHARE = 0.8


@dataclass(slots=True)
class Unmarked:
    """One line with its markup removed, and what the markup said about it."""

    text: str
    bold: bool
    heading: bool


def _read_bold(text: str, open_bold: bool) -> tuple[str, bool, bool]:
    """Remove `**` markers; return (text, line is mostly bold, bold still open at line end)."""
    parts = text.split(BOLD_MARKER)
    bold_chars = plain_chars = 0
    state = open_bold
    for index, part in enumerate(parts):
        if index:
            state = not state
        visible = len(part.strip())
        bold_chars += visible if state else 0
        plain_chars += 0 if state else visible
    total = bold_chars + plain_chars
    mostly_bold = total > 0 and bold_chars / total >= BOLD_SHARE
    return "".join(parts), mostly_bold, state


def unmark_line(text: str) -> tuple[str, bool]:
    """Apply MARKUP_RULES (not bold) to one line; return (text, is a markdown heading)."""
    heading = bool(MARKDOWN_HEADING.match(text))
    if heading:
        text = MARKDOWN_HEADING.sub("", text, count=1)
    for _name, sign, pattern, replacement, _example in MARKUP_RULES:
        if sign in text:
            text = pattern.sub(replacement, text)
    if "&" in text and HTML_ENTITY.search(text):
        import html  # rare in text layers: loaded for the lines that hold an entity

        text = html.unescape(text)
    return text, heading


def unmark_lines(texts: Iterable[str]) -> list[Unmarked]:
    """Remove markup from consecutive lines of one file, carrying bold state across lines."""
    result: list[Unmarked] = []
    open_bold = False
    for raw in texts:
        if not raw.strip():
            open_bold = False  # Markdown emphasis never crosses a paragraph break
            result.append(Unmarked(text=raw, bold=False, heading=False))
            continue
        text, bold, open_bold = _read_bold(raw, open_bold)
        text, heading = unmark_line(text)
        heading = heading or (bold and len(text.strip()) <= HEADING_MAX_CHARS)
        result.append(Unmarked(text=text, bold=bold, heading=heading))
    return result
