"""The consultation archive's links between sources, checked from the sources alone.

The build checks these in the consultations plugin as it links the objects it read; this
module asks the same questions of the files, with the same messages, so `make check` finds
them without building. It also asks what only the files can answer: whether each
consultation has discussion rules at all, and whether those rules have anchors to cite.
"""

from __future__ import annotations

import os
from datetime import datetime
from typing import Any

from consultations.moments import moment
from consultations.responses import mark_sections
from consultations.transcripts import parse_transcript
from markdown import Markdown

from .anchors import anchors_of
from .inventory import Source, of_kind
from .problems import Problem
from .registries import Registries, suggestion

FOLDER = "content/consultations/"


class ArchiveCheck:
    def __init__(
        self,
        sources: list[Source],
        registries: Registries,
        settings: dict[str, Any],
        clock: datetime | None,
    ) -> None:
        self.settings = settings
        self.registries = registries
        self.clock = clock
        self.zone = settings["TIMEZONE"]
        self.sources = sources
        default_lang = settings.get("DEFAULT_LANG", "en")
        self.consultations = of_kind(sources, "consultation")
        originals = [
            c for c in self.consultations if (c.value("lang") or default_lang) == default_lang
        ]
        self.by_slug = {c.slug: c for c in originals}  # a translation shares its original's Slug
        self.shown = {c.slug for c in originals if c.shown_at(clock)}
        self.problems: list[Problem] = []

    def run(self) -> list[Problem]:
        for consultation in self.consultations:
            if consultation.valid:
                self._dates(consultation)
        for consultation in self._shown("consultation"):
            self._rules(consultation)
            self._names_response(consultation)
        self._responses()
        for transcript in self._shown("transcript"):
            self._consultation_for(transcript)
            self._questions(transcript)
        for post in self._shown("post"):
            if post.value("consultation"):
                self._consultation_for(post)
        for reply in of_kind(self.sources, "reply"):
            if reply.valid and reply.status == "hidden":
                self._add(
                    reply,
                    reply.line_of("status"),
                    "Status: hidden does not apply to a reply, which has no page of its own: "
                    "use published or draft",
                )
        return self.problems

    def _add(self, source: Source, line: int, message: str) -> None:
        self.problems.append(Problem(source.shown_path, line, message))

    def _shown(self, kind: str) -> list[Source]:
        return [s for s in of_kind(self.sources, kind) if s.shown_at(self.clock)]

    def _when(self, source: Source, key: str, end_of_day: bool = False) -> datetime | None:
        written = source.value(key)
        return moment(written, self.zone, end_of_day=end_of_day) if written else None

    def _dates(self, consultation: Source) -> None:
        opens = self._when(consultation, "opens")
        closes = self._when(consultation, "closes", end_of_day=True)
        announced = self._when(consultation, "announced")
        if opens and closes and closes <= opens:
            self._add(
                consultation,
                consultation.line_of("closes"),
                "Closes is not after Opens: a consultation closes after it opens",
            )
        if opens and announced and announced > opens:
            self._add(
                consultation,
                consultation.line_of("announced"),
                "Announced is after Opens: announce a consultation before it opens, "
                "or leave Announced out",
            )

    def _rules(self, consultation: Source) -> None:
        default_lang = self.settings.get("DEFAULT_LANG", "en")
        pages = {  # originals only: a translation shares its original's Slug
            p.slug: p
            for p in self._shown("page")
            if (p.value("lang") or default_lang) == default_lang
        }
        named = consultation.value("rules")
        default = self.settings.get("COMMENTS_RULES_PAGE", "discussion-rules")
        page = pages.get(named or default)
        if named and page is None:
            self._add(
                consultation,
                consultation.line_of("rules"),
                f"Rules '{named}' is not the slug of a published page: give the Slug of a "
                "discussion-rules page in content/pages/, or leave Rules out for the site's own",
            )
        elif page is None:
            self._add(
                consultation,
                1,
                f"this consultation has no discussion rules: the site has no published page "
                f"with Slug '{default}'. Publish one, or name a rules page with 'Rules: <slug>'",
            )
        elif not [a for a in anchors_of(page.path, self.settings) if a.startswith("rule-")]:
            self._add(
                consultation,
                consultation.line_of("rules") if named else 1,
                f"the discussion rules on {page.shown_path} have no rule anchors to cite: "
                "give each rule a heading like '## Rule 1: Be respectful {#rule-1}'",
            )

    def _names_response(self, consultation: Source) -> None:
        named = consultation.value("response")
        if not named:
            return
        responses = {r.slug: r for r in of_kind(self.sources, "response") if r.valid}
        target = responses.get(named)
        line = consultation.line_of("response")
        if target is None:
            hint = suggestion(named, list(responses))
            self._add(
                consultation,
                line,
                f"Response '{named}' is not the slug of any response in content/responses/"
                f"{hint}: use the response's file name (without .md) or its Slug",
            )
        elif target.value("consultation") != consultation.slug:
            self._add(
                consultation,
                line,
                f"Response '{named}' is the response to consultation "
                f"'{target.value('consultation')}', not to this one: fix one of the two",
            )

    def _consultation_for(self, source: Source) -> Source | None:
        slug = source.value("consultation") or ""
        line = source.line_of("consultation")
        consultation = self.by_slug.get(slug)
        if consultation is None:
            hint = suggestion(slug, list(self.by_slug))
            self._add(
                source,
                line,
                f"Consultation '{slug}' is not the slug of any consultation in {FOLDER}{hint}: "
                "use the consultation's file name (without .md) or its Slug",
            )
            return None
        if slug not in self.shown:
            self._add(
                source,
                line,
                f"consultation '{slug}' is not published at this build's time (a draft, or "
                "announced later): publish the consultation first, or give this a later Date",
            )
            return None
        return consultation

    def _responses(self) -> None:
        answered: dict[str, Source] = {}
        shown = sorted(self._shown("response"), key=lambda r: (r.status != "published", r.path))
        for response in shown:
            self._sections(response)
            consultation = self._consultation_for(response)
            if consultation is None:
                continue
            line = response.line_of("consultation")
            if consultation.slug in answered:
                first = answered[consultation.slug]
                relative = os.path.relpath(first.path, self.settings["PATH"])
                self._add(
                    response,
                    line,
                    f"consultation '{consultation.slug}' already has a response ({relative}): "
                    "keep one response per consultation",
                )
                continue
            closes = self._when(consultation, "closes", end_of_day=True)
            when = response.published_at
            if closes and when and when < closes:
                self._add(
                    response,
                    response.line_of("date"),
                    f"this response is dated before its consultation closes "
                    f"({closes.isoformat()}): date it at or after the closing time",
                )
                continue
            answered[consultation.slug] = response

    def _render(self, text: str) -> str:
        config = self.settings.get("MARKDOWN", {})
        extensions = config.get("extension_configs", {})
        markdown = Markdown(extensions=list(extensions), extension_configs=extensions)
        return markdown.convert(text)

    def _sections(self, response: Source) -> None:
        _html, found = mark_sections(self._render("\n".join(response.body)))
        missing = [f"'{name}'" for name in ("You said", "We did") if name.lower() not in found]
        if not missing:
            return
        text_lines = [n for n, text in enumerate(response.body) if text.strip()]
        line = response.first_body_line + (text_lines[0] if text_lines else 0)
        self._add(
            response,
            line,
            f"a response needs 'You said' and 'We did' sections; {' and '.join(missing)} "
            f"{'is' if len(missing) == 1 else 'are'} missing: add a heading for each, "
            "e.g. '### You said' and '### We did' under a '## topic' heading",
        )

    def _questions(self, transcript: Source) -> None:
        registries = self.registries
        _intro, _exchanges, problems = parse_transcript(
            transcript.body,
            transcript.first_body_line,
            registries.people,
            str,
            lambda key: registries.has_problem_with("person", key),
        )
        for line, message in problems:
            self._add(transcript, line, message)


def archive_problems(
    sources: list[Source],
    registries: Registries,
    settings: dict[str, Any],
    clock: datetime | None,
) -> list[Problem]:
    return ArchiveCheck(sources, registries, settings, clock).run()
