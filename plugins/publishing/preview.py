"""Preview builds (`make preview`, `previewconf.py`, `PREVIEW = True`): drafts and embargoed
content included, every page marked "Preview: not published", and never into the published
output folder.

A preview keeps what a normal build drops: a draft is built as if published and an embargoed
source as if due, each marked with why it is not public yet (`preview_state`) for the banner.
The build clock still sets consultations' phases and the dates pages show.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

PUBLISHED_OUTPUT_SETTING = "PUBLISHED_OUTPUT_PATH"
DEFAULT_PUBLISHED_OUTPUT = "output"
ROBOTS = "User-agent: *\nDisallow: /\n"


class PreviewIntoOutputError(ValueError):
    """A preview was asked to write where the published site lives."""


@dataclass(frozen=True)
class PreviewState:
    """Why a previewed page is not public yet: a draft, or embargoed until `until`."""

    draft: bool
    until: datetime | None = None


def is_preview(settings: dict[str, Any]) -> bool:
    return bool(settings.get("PREVIEW"))


def refuse_published_output(output_path: str, settings: dict[str, Any]) -> None:
    """A preview never writes into the published folder, whatever `-o` says."""
    published = str(settings.get(PUBLISHED_OUTPUT_SETTING) or DEFAULT_PUBLISHED_OUTPUT)
    same_folder = os.path.realpath(output_path) == os.path.realpath(published)
    same_name = os.path.basename(os.path.normpath(output_path)) == os.path.basename(
        os.path.normpath(published)
    )
    if same_folder or same_name:
        raise PreviewIntoOutputError(
            f"a preview never writes into {published}/, where the published site lives: "
            "build it into preview/ (make preview), or another folder"
        )


def keep_drafts(content: Any) -> None:
    """A draft is built as if published (generators sort sources by status after this)."""
    if is_preview(content.settings) and getattr(content, "status", None) == "draft":
        content.status = "published"
        content.previewed_draft = True


def mark_previewed(contents: Iterable[Any], clock: datetime) -> None:
    """Note on each draft or embargoed source why it is not public yet, for the banner."""
    for content in contents:
        draft = bool(getattr(content, "previewed_draft", False))
        date = getattr(content, "date", None)
        until = date if isinstance(date, datetime) and date > clock else None
        content.preview_state = PreviewState(draft, until) if draft or until else None


def close_robots(output_path: str) -> None:
    """A preview put on a server must not be indexed: robots.txt turns every crawler away."""
    robots = os.path.join(output_path, "robots.txt")
    with open(robots, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(ROBOTS)
