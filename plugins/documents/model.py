"""A document attached to a post, consultation or response, as its page lists it."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from content_model.front_matter import source_front_matter
from content_model.schema import split_document

from .formats import Format, UnreadablePdf, format_of, pdf_page_count, size_text

# Set when a file's description cannot be made (an unreadable PDF); reported by the plugin.
_DESCRIPTIONS: dict[tuple[str, int, int], tuple[int | None, str | None]] = {}


@dataclass(frozen=True)
class Document:
    title: str
    source: str  # the path under the content folder, with /
    line: int  # the Document line in the source that attaches it
    format: Format
    size: int
    pages: int | None  # PDFs only
    request_url: str | None  # where to ask for an accessible format

    @property
    def save_as(self) -> str:
        """Where it is copied in the output: the same path as under content/, for good."""
        return self.source

    @property
    def url(self) -> str:
        return quote(self.source, safe="/~-._")

    @property
    def size_text(self) -> str:
        return size_text(self.size)

    @property
    def pages_text(self) -> str:
        if self.pages is None:
            return ""
        return "1 page" if self.pages == 1 else f"{self.pages} pages"

    @property
    def summary(self) -> str:
        """`PDF, 2.03 KB, 3 pages`: what the listing says under the title."""
        return ", ".join(
            part for part in (self.format.abbreviation, self.size_text, self.pages_text) if part
        )


def request_url(contact: str | None, title: str) -> str | None:
    """A mailto: link with the document named in the subject, or the contact's own address
    when it is a web form."""
    if not contact:
        return None
    if "://" in contact:
        return contact
    subject = quote(f"Accessible format request: {title}")
    return f"mailto:{contact}?subject={subject}"


def _describe_file(full: str) -> tuple[int | None, str | None]:
    """(pages, problem) for a file, cached by its size and modification time."""
    stat = os.stat(full)
    key = (full, stat.st_size, stat.st_mtime_ns)
    if key not in _DESCRIPTIONS:
        if format_of(full).abbreviation != "PDF":
            _DESCRIPTIONS[key] = (None, None)
        else:
            try:
                _DESCRIPTIONS[key] = (pdf_page_count(full), None)
            except UnreadablePdf as error:
                _DESCRIPTIONS[key] = (None, str(error))
    return _DESCRIPTIONS[key]


def documents_of(
    source_path: str, content_path: str, contact: str | None
) -> tuple[list[Document], list[tuple[int, str]]]:
    """The documents a source attaches, in the order written, and (line, problem) for any
    that cannot be described. Missing and oversized files were already refused by the
    content model's check, so they are skipped quietly here."""
    front_matter = source_front_matter(source_path)
    documents, problems = [], []
    for field in front_matter.all("document"):
        path, title = split_document(field.value)
        full = os.path.join(content_path, path)
        if not path or not title or not os.path.isfile(full):
            continue
        pages, problem = _describe_file(full)
        if problem:
            problems.append(
                (
                    field.line,
                    f"{field.key} '{path}' is not a readable PDF ({problem}): "
                    "export it again as PDF, or attach it in its own format",
                )
            )
            continue
        documents.append(
            Document(
                title=title,
                source=os.path.normpath(path).replace(os.sep, "/"),
                line=field.line,
                format=format_of(path),
                size=os.path.getsize(full),
                pages=pages,
                request_url=request_url(contact, title),
            )
        )
    return documents, problems


def attached(content: Any) -> list[Document]:
    return list(getattr(content, "documents", None) or [])
