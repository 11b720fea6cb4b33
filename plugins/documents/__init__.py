"""Documents: consultation papers, impact assessments and data attached to published content.

A post, consultation or response names each document in its front matter
(`Document: documents/paper.pdf | Consultation paper`, repeatable). The content model checks
that the file exists and is within DOCUMENTS_MAX_MB; this plugin describes each one (format,
size, PDF page count), gives templates `content.documents`, and copies the files of published
content into the output at the same path, for good. See docs/documents.md.
"""

from __future__ import annotations

from typing import Any

from content_model.contents import every_content
from content_model.problems import BUILD_PROBLEMS
from pelican import signals

from .generator import DocumentsGenerator
from .model import documents_of


def attach_documents(content: Any) -> None:
    """Every content object gets `documents` (empty for most), so templates need no test."""
    content.documents = []
    source = getattr(content, "source_path", None)
    if not source or "document" not in getattr(content, "metadata", {}):
        return
    settings = content.settings
    documents, problems = documents_of(
        source, settings["PATH"], settings.get("ACCESSIBLE_FORMAT_CONTACT")
    )
    for line, message in problems:
        BUILD_PROBLEMS.add(source, line, message)
    content.documents = documents


def add_generator(pelican: Any) -> type[DocumentsGenerator]:
    return DocumentsGenerator


def collect_published(generators: list[Any]) -> None:
    """Once embargoes have been applied, the documents of what is left are the ones to copy."""
    contents = every_content(generators)
    for generator in generators:
        if isinstance(generator, DocumentsGenerator):
            generator.collect(contents)


def register() -> None:
    signals.content_object_init.connect(attach_documents)
    signals.get_generators.connect(add_generator)
    signals.all_generators_finalized.connect(collect_published)
