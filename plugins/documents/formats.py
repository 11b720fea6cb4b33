"""What a reader is told about a file before opening it: its format, size and page count.

Formats come from a fixed table (GOV.UK names attachments this way: "PDF", "ODT", "CSV"),
not the machine's mime.types, so every machine describes a document in the same words.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Format:
    abbreviation: str  # what the listing shows: PDF
    name: str  # what it is: Portable Document Format
    media_type: str


FORMATS: dict[str, Format] = {
    ".pdf": Format("PDF", "Portable Document Format", "application/pdf"),
    ".odt": Format("ODT", "OpenDocument Text", "application/vnd.oasis.opendocument.text"),
    ".ods": Format(
        "ODS", "OpenDocument Spreadsheet", "application/vnd.oasis.opendocument.spreadsheet"
    ),
    ".odp": Format(
        "ODP", "OpenDocument Presentation", "application/vnd.oasis.opendocument.presentation"
    ),
    ".csv": Format("CSV", "Comma-separated values", "text/csv"),
    ".txt": Format("TXT", "Plain text", "text/plain"),
    ".docx": Format(
        "DOCX",
        "Microsoft Word",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    ".xlsx": Format(
        "XLSX",
        "Microsoft Excel",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    ".zip": Format("ZIP", "ZIP archive", "application/zip"),
}


def format_of(path: str) -> Format:
    extension = os.path.splitext(path)[1].lower()
    known = FORMATS.get(extension)
    if known is not None:
        return known
    label = extension.lstrip(".").upper() or "File"
    return Format(label, f"{label} file", "application/octet-stream")


def size_text(size: int) -> str:
    """Bytes as GOV.UK shows them: `926 bytes`, `2.03 KB`, `14.2 MB` (1 KB = 1024 bytes)."""
    if size < 1024:
        return "1 byte" if size == 1 else f"{size} bytes"
    value = float(size)
    for unit in ("KB", "MB", "GB"):
        value /= 1024
        if value < 1024 or unit == "GB":
            break
    digits = 2 if value < 10 else 1 if value < 100 else 0
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
    return f"{text} {unit}"


class UnreadablePdf(ValueError):
    """The file is not a PDF that can be read, so its pages cannot be counted."""


def pdf_page_count(path: str) -> int:
    """The number of pages, read with pypdf (imported here: only PDFs need it)."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        return len(PdfReader(path).pages)
    except (PyPdfError, ValueError, KeyError, TypeError) as error:
        raise UnreadablePdf(str(error) or type(error).__name__) from error
