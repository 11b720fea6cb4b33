"""Official replies written in git: a Markdown file in content/replies/ answers one comment.

    Date: 2026-11-18 16:20
    Comment: 57
    Person: grace-adeyemi

    Thank you for asking. ...

The comments plugin threads each reply under the comment it names, badged as an official
reply with the person's name, role and department, so it appears wherever official replies
do (the page, its comments feed, the official-replies feed). A reply is verified by the
repository's history and reviewed like any post. A reply to a comment that is not published
stops the build with the file and line; a draft or future-dated reply appears nowhere.
"""

from __future__ import annotations

from typing import Any

from pelican import signals

from .generator import OfficialRepliesGenerator


def add_generator(pelican: Any) -> type[OfficialRepliesGenerator]:
    return OfficialRepliesGenerator


def register() -> None:
    signals.get_generators.connect(add_generator)
