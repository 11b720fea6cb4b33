"""Read one content folder with the content_model reader, and find lines in the sources.

The reader has already checked each file's front matter (a bad one is skipped and its
problems are in the build's problem log); what is read here is valid, and the generator adds
the checks that need other sources: links between consultations, responses, transcripts and
posts, transcripts' people, and citations.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from content_model.front_matter import FrontMatter, read_front_matter
from content_model.problems import BUILD_PROBLEMS
from pelican.contents import Content

logger = logging.getLogger(__name__)

SHOWN_STATUSES = ("published", "hidden")


@dataclass(frozen=True)
class SourceText:
    """A source's front matter (with lines) and its body lines, numbered as in the file."""

    front_matter: FrontMatter
    body: list[str]
    first_body_line: int

    def line_of(self, key: str) -> int:
        found = self.front_matter.first(key)
        return found.line if found else 1


def source_text(path: str) -> SourceText:
    with open(path, encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    front_matter = read_front_matter("\n".join(lines))
    return SourceText(front_matter, lines[front_matter.end_line :], front_matter.end_line + 1)


def read_folder(generator: Any, folder: str, content_class: type[Content]) -> list[Content]:
    """Every valid source in `folder` (any status), in file name order."""
    found = []
    for relative in sorted(generator.get_files([folder])):
        try:
            content = generator.readers.read_file(
                base_path=generator.path,
                path=relative,
                content_class=content_class,
                context=generator.context,
            )
        except Exception as error:  # Pelican logs and skips a source it cannot read
            path = os.path.join(generator.path, relative)
            BUILD_PROBLEMS.add(path, 1, f"cannot be read ({error}): fix or remove the file")
            continue
        if not content.is_valid():
            logger.debug("Skipping %s: its problems are in the build's problem log", relative)
            continue
        content.source = source_text(os.path.join(generator.path, relative))
        found.append(content)
    return found


def is_shown(content: Any, clock: datetime) -> bool:
    """Not a draft, and published by the build clock (publishing invariant 1); a preview
    build (PREVIEW = True, see the publishing plugin) shows embargoed sources too."""
    due = content.date <= clock or bool(content.settings.get("PREVIEW"))
    return content.status in SHOWN_STATUSES and due
