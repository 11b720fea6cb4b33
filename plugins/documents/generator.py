"""Copies every document that published content attaches into the output, and lists it in
the sitemaps.

Only documents of content that is published (or hidden) at the build clock are copied: a
document attached only to an embargoed consultation or a draft stays out of every output
file until that content appears (publishing invariant 1).
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from pelican.generators import Generator

from .model import Document, attached

logger = logging.getLogger(__name__)


def content_dates(content: Any) -> list[datetime]:
    dates = [getattr(content, "modified", None), getattr(content, "date", None)]
    return [date for date in dates if isinstance(date, datetime)]


class DocumentsGenerator(Generator):
    """Holds the documents of the build's published content, set when every generator has
    read its content (see :func:`documents.collect_published`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.documents: dict[str, Document] = {}
        self.owners: dict[str, list[Any]] = {}

    def collect(self, contents: Iterable[Any]) -> None:
        self.documents.clear()
        self.owners.clear()
        for content in contents:
            if getattr(content, "status", "published") not in ("published", "hidden"):
                continue
            for document in attached(content):
                self.documents.setdefault(document.save_as, document)
                self.owners.setdefault(document.save_as, []).append(content)
        self.context["DOCUMENTS_PUBLISHED"] = sorted(self.documents)

    def generate_output(self, writer: Any) -> None:
        from sitemap.generator import record_file

        content_path = self.settings["PATH"]
        for save_as, document in sorted(self.documents.items()):
            target = os.path.join(self.output_path, save_as)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copyfile(os.path.join(content_path, document.source), target)
            owners = self.owners[save_as]
            dates = [date for owner in owners for date in content_dates(owner)]
            if all(getattr(owner, "status", "") != "hidden" for owner in owners):
                record_file(
                    save_as,
                    f"{document.title} ({document.format.abbreviation})",
                    max(dates) if dates else None,
                )
        logger.info("Documents: %d copied", len(self.documents))
