"""Reads content/replies/ and hands the comments plugin the replies shown at the build's time.

The comments plugin reads `context["GIT_REPLIES"]`: objects with `slug`, `date` (aware),
`comment` (the id answered), `person` (a people-registry key), `content` (HTML),
`source_path` and `comment_line` (where the Comment key is, for problems).
"""

from __future__ import annotations

from consultations.sources import is_shown, read_folder
from content_model.problems import BUILD_PROBLEMS
from pelican.contents import Content
from pelican.generators import Generator


class Reply(Content):
    """An official reply to one comment; it has no page of its own."""

    mandatory_properties = ("date", "comment", "person")
    allowed_statuses = ("published", "hidden", "draft", "skip")
    default_status = "published"
    default_template = "page"

    @property  # type: ignore[override]
    def url(self) -> str:
        return ""

    @property  # type: ignore[override]
    def save_as(self) -> str:
        return ""


class OfficialRepliesGenerator(Generator):
    def generate_context(self) -> None:
        clock = self.context["BUILD_TIME"]
        replies = []
        for reply in read_folder(self, "replies", Reply):
            if reply.status == "hidden":
                BUILD_PROBLEMS.add(
                    reply.source_path,
                    reply.source.line_of("status"),
                    "Status: hidden does not apply to a reply, which has no page of its own: "
                    "use published or draft",
                )
            elif is_shown(reply, clock):
                replies.append(reply)
        for reply in replies:
            reply.comment = str(reply.metadata["comment"])
            reply.person = str(reply.metadata["person"])
            reply.comment_line = reply.source.line_of("comment")
        self.context["GIT_REPLIES"] = sorted(replies, key=lambda r: (r.date, r.slug))
