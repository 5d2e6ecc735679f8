"""Typed errors, one per failure a user can act on, each with a stable exit code."""

from __future__ import annotations


class CtgError(Exception):
    """Base of every error ctg reports about one input file."""

    exit_code = 3
    hint = ""

    def __str__(self) -> str:
        message = super().__str__()
        return f"{message} ({self.hint})" if self.hint else message


class ExtractError(CtgError):
    """The file could not be read."""


class NotAPdf(ExtractError):
    hint = "check the download: servers often send an error page under a .pdf name"


class UnreadablePdf(ExtractError):
    hint = "the PDF is corrupt or truncated; try re-downloading it"


class EncryptedPdf(ExtractError):
    hint = "the PDF needs a password; decrypt it first, e.g. qpdf --decrypt --password=… in.pdf out.pdf"


class EmptyInput(ExtractError):
    hint = "the file has no pages or no content"


class ImageTooLarge(ExtractError):
    hint = "a page image exceeds the pixel budget; raise --max-pixels if it is genuine"


class UndecodableText(ExtractError):
    hint = "re-save it as UTF-8"


class PageTimeout(ExtractError):
    hint = "OCR of a page took longer than the per-page budget"
