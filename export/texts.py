"""The text outputs: each input's text as read, each document's clean text."""

from __future__ import annotations

from ctg.core.model import READ_STATUSES, FileResult, Page

# (folder under out/, file name, text)
TextOutput = tuple[str, str, str]


def page_text(page: Page) -> str:
    """Each line at its own number's place, so line N of the output is line N of provenance."""
    if not page.lines:
        return ""
    first = min(line.number for line in page.lines)
    slots = [""] * (max(line.number for line in page.lines) - first + 1)
    for line in page.lines:
        slots[line.number - first] = line.text
    return "\n".join(slots)


def file_text_name(result: FileResult) -> str:
    # Named by content hash, never by the input's name: input paths cannot escape out/.
    return f"{result.source.sha256[:16]}.txt"


def text_outputs(result: FileResult) -> list[TextOutput]:
    if result.source.status not in READ_STATUSES:
        return []
    outputs = [("text", file_text_name(result), "\f".join(page_text(page) for page in result.source.pages))]
    outputs += [("documents", f"{doc.doc_id}.txt", doc.text + "\n") for doc in result.documents]
    return outputs
