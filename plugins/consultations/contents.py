"""The consultation archive's content types, declared the way Pelican declares Page and Article.

Each class reads its URL from settings named after it (CONSULTATION_URL, RESPONSE_SAVE_AS, ...).
The generator fills in the links between them (a consultation's response, transcripts and
posts) and the phase; until then they hold empty values, so templates never meet a missing one.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pelican.contents import Content

from .moments import moment

STATUSES = ("published", "hidden", "draft", "skip")


class Consultation(Content):
    """An exercise in asking the public: its dates, owner, facets and discussion.

    Its publication date (`date`) is Announced, or Opens when it was not announced earlier:
    before that moment it is in no output file.
    """

    mandatory_properties = ("title", "opens", "closes")
    allowed_statuses = STATUSES
    default_status = "published"
    default_template = "consultation"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        zone = self.settings["TIMEZONE"]
        written = self.metadata
        self.opens: datetime | None = moment(written.get("opens"), zone)
        self.closes: datetime | None = moment(written.get("closes"), zone, end_of_day=True)
        announced = written.get("announced")
        self.announced: datetime | None = moment(announced, zone) if announced else None
        if self.opens is not None:
            self.date = self.announced or self.opens
        self.response: Response | None = None
        self.transcripts: list[Transcript] = []
        self.posts: list[Any] = []
        self.phase: Any = None  # a PhaseState, set by the generator
        self.rules_page: Any = None
        self.participation: Any = None  # set by the participation plugin

    def is_valid(self) -> bool:
        return super().is_valid() and self.opens is not None and self.closes is not None


class Response(Content):
    """A "you said, we did" summary of what a consultation heard and what changed."""

    mandatory_properties = ("title", "date", "consultation")
    allowed_statuses = STATUSES
    default_status = "published"
    default_template = "response"


class Transcript(Content):
    """A webchat or panel as questions and answers, linked to its consultation."""

    mandatory_properties = ("title", "date", "consultation")
    allowed_statuses = STATUSES
    default_status = "published"
    default_template = "transcript"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.introduction = ""
        self.exchanges: list[Any] = []
