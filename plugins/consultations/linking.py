"""The links between consultations, responses, transcripts and posts, checked as they are made.

Every broken link is a problem with the file and line of the key that names it. Only sources
that are shown at the build's time are linked: a draft or embargoed source links nothing, and
nothing shown may point at one.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from content_model.problems import BUILD_PROBLEMS
from content_model.registries import Registries, suggestion

from .sources import source_text

FOLDER = "content/consultations/"


def _problem(content: Any, line: int, message: str) -> None:
    BUILD_PROBLEMS.add(content.source_path, line, message)


def _consultation_for(
    content: Any, slug: str, by_slug: dict[str, Any], shown: set[Any], line: int
) -> Any | None:
    """The shown consultation `slug` names, or None after recording why not."""
    consultation = by_slug.get(slug)
    if consultation is None:
        hint = suggestion(slug, list(by_slug))
        _problem(
            content,
            line,
            f"Consultation '{slug}' is not the slug of any consultation in {FOLDER}{hint}: "
            "use the consultation's file name (without .md) or its Slug",
        )
        return None
    if consultation not in shown:
        _problem(
            content,
            line,
            f"consultation '{slug}' is not published at this build's time (a draft, or announced "
            "later): publish the consultation first, or give this a later Date",
        )
        return None
    return consultation


def check_dates(consultations: Iterable[Any]) -> None:
    """Closes after Opens, and an announcement before the opening it announces."""
    for consultation in consultations:
        if consultation.closes <= consultation.opens:
            _problem(
                consultation,
                consultation.source.line_of("closes"),
                "Closes is not after Opens: a consultation closes after it opens",
            )
        if consultation.announced and consultation.announced > consultation.opens:
            _problem(
                consultation,
                consultation.source.line_of("announced"),
                "Announced is after Opens: announce a consultation before it opens, "
                "or leave Announced out",
            )


def link_registries(
    consultations: Iterable[Any], registries: Registries, pages: list[Any], rules_slug: str
) -> None:
    """Departments and owners as registry objects; the discussion-rules page each one uses."""
    pages_by_slug = {page.slug: page for page in pages}
    for consultation in consultations:
        consultation.department = registries.departments[consultation.metadata["department"]]
        consultation.owner = registries.people[consultation.metadata["owner"]]
        named = consultation.metadata.get("rules")
        consultation.rules_page = pages_by_slug.get(named or rules_slug)
        if named and consultation.rules_page is None:
            _problem(
                consultation,
                consultation.source.line_of("rules"),
                f"Rules '{named}' is not the slug of a published page: give the Slug of a "
                "discussion-rules page in content/pages/, or leave Rules out for the site's own",
            )


def link_responses(
    responses: list[Any], every_response: list[Any], by_slug: dict[str, Any], shown: set[Any]
) -> None:
    """One shown response per consultation, dated no earlier than the consultation closes."""
    for response in responses:
        line = response.source.line_of("consultation")
        slug = response.metadata["consultation"]
        consultation = _consultation_for(response, slug, by_slug, shown, line)
        if consultation is None:
            continue
        if consultation.response is not None:
            _problem(
                response,
                line,
                f"consultation '{slug}' already has a response "
                f"({consultation.response.relative_source_path}): keep one response per "
                "consultation",
            )
            continue
        if response.date < consultation.closes:
            _problem(
                response,
                response.source.line_of("date"),
                f"this response is dated before its consultation closes "
                f"({consultation.closes.isoformat()}): date it at or after the closing time",
            )
            continue
        consultation.response = response
        response.consultation = consultation
    by_response_slug = {response.slug: response for response in every_response}
    for consultation in shown:
        named = consultation.metadata.get("response")
        if not named:
            continue
        line = consultation.source.line_of("response")
        target = by_response_slug.get(named)
        if target is None:
            hint = suggestion(named, list(by_response_slug))
            _problem(
                consultation,
                line,
                f"Response '{named}' is not the slug of any response in content/responses/"
                f"{hint}: use the response's file name (without .md) or its Slug",
            )
        elif target.metadata["consultation"] != consultation.slug:
            _problem(
                consultation,
                line,
                f"Response '{named}' is the response to consultation "
                f"'{target.metadata['consultation']}', not to this one: fix one of the two",
            )


def link_transcripts(transcripts: list[Any], by_slug: dict[str, Any], shown: set[Any]) -> None:
    for transcript in transcripts:
        line = transcript.source.line_of("consultation")
        slug = transcript.metadata["consultation"]
        consultation = _consultation_for(transcript, slug, by_slug, shown, line)
        if consultation is not None:
            transcript.consultation = consultation
            consultation.transcripts.append(transcript)
    for consultation in shown:
        consultation.transcripts.sort(key=lambda t: (t.date, t.slug))


def link_posts(posts: list[Any], by_slug: dict[str, Any], shown: set[Any]) -> None:
    """Posts that name a consultation (`Consultation: slug`) are listed on its page."""
    for post in posts:
        slug = post.metadata.get("consultation")
        if not slug or not isinstance(slug, str):
            continue
        line = source_text(post.source_path).line_of("consultation")
        consultation = _consultation_for(post, slug, by_slug, shown, line)
        if consultation is not None:
            post.consultation = consultation
            consultation.posts.append(post)
    for consultation in shown:
        consultation.posts.sort(key=lambda p: (p.date, p.slug))
