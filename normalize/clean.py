"""The normalize stage: extracted pages in, clean lines with roles and a record of every change out.

Order matters: markup and characters first (every input), then roles (so furniture is not
joined into prose), then line-end hyphenation, then OCR repair of the joined words.
"""

from __future__ import annotations

from dataclasses import replace

from ctg.core.model import READ_STATUSES, Page, Repair, SourceFile
from ctg.normalize.font_cues import font_headings, is_bold_font
from ctg.normalize.hyphenation import join_hyphenated
from ctg.normalize.lexicon import Lexicon, default_lexicon
from ctg.normalize.markup import unmark_lines
from ctg.normalize.ocr_detect import looks_ocred
from ctg.normalize.page_furniture import assign_roles
from ctg.normalize.unicode_clean import REPLACEMENT_CHAR, canonical

REPAIRED_ROLES = ("body", "header", "footer")  # stamps and page numbers are parsed as they are


def _copy_pages(source: SourceFile) -> list[Page]:
    pages = []
    for page in source.pages:
        lines = [replace(line, raw=line.raw or line.text) for line in page.lines]
        pages.append(replace(page, lines=lines))
    return pages


def _clean_characters(pages: list[Page], repairs: list[Repair]) -> None:
    """Markup removed (bold state carried across the file), canonical characters, headings."""
    lines = [line for page in pages for line in page.lines]
    unmarked = unmark_lines(line.text for line in lines)
    for line, result in zip(lines, unmarked, strict=True):
        if result.text != line.text:
            repairs.append(Repair(line.page, line.number, "markup", line.text, result.text))
        clean = canonical(result.text)
        if clean != result.text.strip():
            repairs.append(Repair(line.page, line.number, "unicode", result.text.strip(), clean))
        line.text = clean
        line.bold = line.bold or result.bold or is_bold_font(line.font)
        line.heading = line.heading or result.heading
    for page in pages:
        headings = font_headings(page.lines)
        for line in page.lines:
            line.heading = line.heading or id(line) in headings


def _pages_to_repair(pages: list[Page], ocr_repair: bool | None, lexicon: Lexicon) -> list[Page]:
    if ocr_repair is not None:
        return list(pages) if ocr_repair else []
    plain = [page for page in pages if page.method == "plain"]
    plain_ocred = bool(plain) and looks_ocred((line for page in plain for line in page.lines), lexicon)
    return [page for page in pages if page.method == "ocr" or (page.method == "plain" and plain_ocred)]


def _repair_replacement_chars(pages: list[Page], lexicon: Lexicon, repairs: list[Repair]) -> None:
    damaged = [line for page in pages for line in page.lines if REPLACEMENT_CHAR in line.text]
    if not damaged:
        return
    # OCR repair (and its tables) loads only for the files that need it: not a clean text layer.
    from ctg.normalize.ocr_repair import OcrRepairer

    repairer = OcrRepairer(lexicon)
    for line in damaged:
        line.text, fixes = repairer.repair_replacement_chars(line.text)
        repairs += [Repair(line.page, line.number, fix.rule, fix.before, fix.after) for fix in fixes]


def _repair_ocr(pages: list[Page], lexicon: Lexicon, repairs: list[Repair]) -> None:
    if not pages:
        return
    from ctg.normalize.commune_names import commune_name_words
    from ctg.normalize.ocr_repair import OcrRepairer

    repairer = OcrRepairer(lexicon, protected_names=commune_name_words())
    previous = ""
    for page in pages:
        for line in page.lines:
            if line.role not in REPAIRED_ROLES or not line.text:
                continue
            line.text, fixes = repairer.repair_line(line.text, previous)
            repairs += [Repair(line.page, line.number, fix.rule, fix.before, fix.after) for fix in fixes]
            previous = line.text


def normalize_file(
    source: SourceFile, *, ocr_repair: bool | None = None, lexicon: Lexicon | None = None
) -> SourceFile:
    """A new SourceFile whose lines are clean, have roles, and whose `repairs` list every change.

    `ocr_repair=None` decides per page: on for OCRed pages and for text inputs that look OCRed.
    The lexicon (default: the base French one) also learns the file's own clean pages.
    """
    if source.status not in READ_STATUSES:
        return source
    pages = _copy_pages(source)
    repairs: list[Repair] = []
    _clean_characters(pages, repairs)
    lexicon = (lexicon or default_lexicon()).copy()
    _repair_replacement_chars(pages, lexicon, repairs)
    assign_roles(pages)
    to_repair = _pages_to_repair(pages, ocr_repair, lexicon)
    repaired_ids = {id(page) for page in to_repair}
    lexicon.learn(line for page in pages if id(page) not in repaired_ids for line in page.lines)
    for first, second, joined in join_hyphenated([line for page in pages for line in page.lines], lexicon):
        rule = f"hyphenation:{joined.decision}"
        repairs.append(Repair(first.page, first.number, rule, joined.old_first, joined.first))
        repairs.append(Repair(second.page, second.number, rule, joined.old_second, joined.second))
    _repair_ocr(to_repair, lexicon, repairs)
    return replace(source, pages=pages, repairs=[*source.repairs, *repairs])
