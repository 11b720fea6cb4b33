"""Reads consultations, responses and transcripts, links them, and writes their pages.

The cycle is PagesGenerator's: read each folder, keep what is shown at the build's time (no
draft, nothing dated after the clock), link and check, update the context, write. Index pages
list consultations by phase and by each facet of the review's case-study table.
"""

from __future__ import annotations

from itertools import chain
from typing import Any
from zoneinfo import ZoneInfo

from content_model.problems import BUILD_PROBLEMS, stop_on_problems
from content_model.reader import registries_for
from content_model.registries import Registries
from markdown import Markdown
from pelican.generators import Generator

from .contents import Consultation, Response, Transcript
from .facets import facet_pages
from .kept_marks import KeptMarks
from .linking import (
    check_dates,
    link_posts,
    link_registries,
    link_responses,
    link_transcripts,
)
from .moments import day_text, duration_text, moment_text
from .phase import ORDER, Phase, phase_at
from .sources import is_shown, read_folder
from .transcripts import parse_transcript

LISTS = (  # into the context; translations stay out of it, so no listing or count has them
    "consultations",
    "hidden_consultations",
    "responses",
    "hidden_responses",
    "transcripts",
    "hidden_transcripts",
)


def _shown(contents: list[Any], clock: Any) -> tuple[list[Any], list[Any]]:
    """(published, hidden) among the sources shown at the clock."""
    shown = [c for c in contents if is_shown(c, clock)]
    return [c for c in shown if c.status == "published"], [c for c in shown if c.status == "hidden"]


def comments_mode(consultation: Any) -> str:
    """Open while the consultation is open; `Comments: closed` or `off` can only restrict."""
    written = consultation.source.front_matter.first("comments")
    if written and written.value in ("closed", "off"):
        return str(written.value)
    if consultation.phase.phase is Phase.OPEN:
        return "open"
    return "off" if consultation.phase.phase is Phase.UPCOMING else "closed"


class ConsultationsGenerator(Generator):
    shares_writing = True  # writes through the writer only (content_model/shared_writing.py)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.consultations: list[Any] = []
        self.hidden_consultations: list[Any] = []
        self.responses: list[Any] = []
        self.hidden_responses: list[Any] = []
        self.transcripts: list[Any] = []
        self.hidden_transcripts: list[Any] = []
        self.consultations_by_phase: list[tuple[Phase, list[Any]]] = []
        self.consultation_facets: list[Any] = []
        # Consultations in other languages (`Lang: cy`, the original's Slug), as Pelican's
        # ArticlesGenerator keeps translations: written at CONSULTATION_LANG_SAVE_AS, found
        # by every_content (comments, documents, language links), in no listing or count.
        self.translations: list[Any] = []
        self.hidden_translations: list[Any] = []
        super().__init__(*args, **kwargs)

    def generate_context(self) -> None:
        clock = self.context["BUILD_TIME"]
        read = read_folder(self, "consultations", Consultation)
        every = [c for c in read if c.in_default_lang]
        every_response = read_folder(self, "responses", Response)
        every_transcript = read_folder(self, "transcripts", Transcript)
        self.consultations, self.hidden_consultations = _shown(every, clock)
        self.responses, self.hidden_responses = _shown(every_response, clock)
        self.transcripts, self.hidden_transcripts = _shown(every_transcript, clock)
        shown = [*self.consultations, *self.hidden_consultations]
        by_slug = {c.slug: c for c in every}

        registries = registries_for(self.settings)
        if registries.faulty or registries.unread:
            # A consultation may name an entry that could not be read: stop here, with the
            # problems found so far, rather than link it to nothing.
            BUILD_PROBLEMS.extend(registries.problems)
            stop_on_problems()
        pages = [*self.context.get("pages", []), *self.context.get("hidden_pages", [])]
        rules_slug = self.settings.get("COMMENTS_RULES_PAGE", "discussion-rules")
        check_dates(shown)
        link_registries(shown, registries, pages, rules_slug)
        link_responses(
            [*self.responses, *self.hidden_responses], every_response, by_slug, set(shown)
        )
        link_transcripts([*self.transcripts, *self.hidden_transcripts], by_slug, set(shown))
        posts = [*self.context.get("articles", []), *self.context.get("hidden_articles", [])]
        link_posts(posts, by_slug, set(shown))

        for consultation in shown:
            self._describe(consultation, clock)
        translated = [c for c in read if not c.in_default_lang]
        self.translations, self.hidden_translations = self._pair(translated, by_slug, shown, clock)
        link_registries(
            [*self.translations, *self.hidden_translations], registries, pages, rules_slug
        )
        marks = KeptMarks(self.settings)
        for response in [*self.responses, *self.hidden_responses]:
            self._mark_you_said_we_did(response, marks)
            written = response.metadata.get("author")  # Pelican made it an Author
            key = str(getattr(written, "name", written)) if written else None
            response.person = registries.people.get(key) if key else None  # as posts have
        marks.save()
        render = self._markdown()
        for transcript in [*self.transcripts, *self.hidden_transcripts]:
            self._parse_transcript(transcript, registries, render)
        for content in chain(shown, self.responses, self.hidden_responses, self.transcripts):
            self.add_source_path(content)
        for content in chain(self.hidden_transcripts, self.translations, self.hidden_translations):
            self.add_source_path(content)

        self.consultations.sort(key=lambda c: (c.opens, c.slug), reverse=True)
        self.consultations_by_phase = [(phase, self._in_phase(phase)) for phase in ORDER]
        self.consultation_facets = facet_pages(self.consultations, self._facet_url)
        self._update_context(LISTS)
        self.context["consultations_by_phase"] = self.consultations_by_phase
        self.context["consultation_facets"] = self.consultation_facets
        zone = ZoneInfo(self.settings["TIMEZONE"])
        self.context["CONSULTATIONS_AS_OF"] = day_text(clock.astimezone(zone))

    def _describe(self, consultation: Any, clock: Any) -> None:
        zone = self.settings["TIMEZONE"]
        consultation.phase = phase_at(
            consultation.opens,
            consultation.closes,
            consultation.response is not None,
            clock,
            self.settings["RESPONSE_OVERDUE_WEEKS"],
        )
        consultation.opens_text = moment_text(consultation.opens, zone)
        consultation.closes_text = moment_text(consultation.closes, zone)
        consultation.response_due_text = moment_text(consultation.phase.response_due, zone)
        time_left = consultation.phase.time_left
        consultation.time_left_text = duration_text(time_left) if time_left else None
        consultation.comments_mode = comments_mode(consultation)

    def _pair(
        self, translated: list[Any], by_slug: dict[str, Any], shown: list[Any], clock: Any
    ) -> tuple[list[Any], list[Any]]:
        """(published, hidden) translations whose original is shown. A translation takes its
        original's dates, phase, response, transcripts and posts, so the two pages never
        disagree (`make check` reports translated dates that differ); one without a shown
        original is not written (the check reports a missing one)."""
        published, hidden = _shown(translated, clock)
        kept: tuple[list[Any], list[Any]] = ([], [])
        for found, keep in ((published, kept[0]), (hidden, kept[1])):
            for translation in found:
                original = by_slug.get(translation.slug)
                if original is None or original not in shown:
                    continue
                for name in ("opens", "closes", "announced", "response", "transcripts", "posts"):
                    setattr(translation, name, getattr(original, name))
                translation.original = original
                self._describe(translation, clock)
                others = [t for t in (*published, *hidden) if t.slug == translation.slug]
                original.translations = [*getattr(original, "translations", []), translation]
                translation.translations = [original, *(t for t in others if t is not translation)]
                keep.append(translation)
        return kept

    def _in_phase(self, phase: Phase) -> list[Any]:
        found = [c for c in self.consultations if c.phase.phase is phase]
        if phase is Phase.OPEN:
            return sorted(found, key=lambda c: (c.closes, c.slug))  # closing soonest first
        if phase is Phase.UPCOMING:
            return sorted(found, key=lambda c: (c.opens, c.slug))  # opening soonest first
        if phase is Phase.OUTCOME:
            return sorted(found, key=lambda c: (c.response.date, c.slug), reverse=True)
        return sorted(found, key=lambda c: (c.closes, c.slug), reverse=True)

    def _facet_url(self, facet: str, value: str) -> tuple[str, str]:
        url = self.settings["CONSULTATIONS_FACET_URL"].format(facet=facet, value=value)
        save_as = self.settings["CONSULTATIONS_FACET_SAVE_AS"].format(facet=facet, value=value)
        return url, save_as

    def _mark_you_said_we_did(self, response: Any, marks: KeptMarks) -> None:
        response._content, found = marks.mark(response._content)
        missing = [f"'{name}'" for name in ("You said", "We did") if name.lower() not in found]
        if missing:
            source = response.source
            text_lines = [n for n, text in enumerate(source.body) if text.strip()]
            line = source.first_body_line + (text_lines[0] if text_lines else 0)
            BUILD_PROBLEMS.add(
                response.source_path,
                line,
                f"a response needs 'You said' and 'We did' sections; {' and '.join(missing)} "
                f"{'is' if len(missing) == 1 else 'are'} missing: add a heading for each, "
                "e.g. '### You said' and '### We did' under a '## topic' heading",
            )

    def _markdown(self) -> Any:
        config = self.settings["MARKDOWN"]
        extensions = config.get("extension_configs", {})
        markdown = Markdown(
            extensions=list(extensions),
            extension_configs=extensions,
            output_format=config.get("output_format", "html5"),
        )

        def render(text: str) -> str:
            return markdown.reset().convert(text)

        return render

    def _parse_transcript(self, transcript: Any, registries: Registries, render: Any) -> None:
        source = transcript.source
        introduction, exchanges, problems = parse_transcript(
            source.body,
            source.first_body_line,
            registries.people,
            render,
            lambda key: registries.has_problem_with("person", key),
        )
        for line, message in problems:
            BUILD_PROBLEMS.add(transcript.source_path, line, message)
        transcript.introduction = introduction
        transcript.exchanges = exchanges
        transcript.people = list(
            {answer.person.key: answer.person for e in exchanges for answer in e.answers}.values()
        )

    def generate_output(self, writer: Any) -> None:
        relative = self.settings["RELATIVE_URLS"]
        for consultation in chain(
            self.consultations,
            self.hidden_consultations,
            self.translations,
            self.hidden_translations,
        ):
            writer.write_file(
                consultation.save_as,
                self.get_template(consultation.template),
                self.context,
                consultation=consultation,
                relative_urls=relative,
                override_output=hasattr(consultation, "override_save_as"),
                url=consultation.url,
            )
        for response in chain(self.responses, self.hidden_responses):
            writer.write_file(
                response.save_as,
                self.get_template(response.template),
                self.context,
                response=response,
                relative_urls=relative,
                url=response.url,
            )
        for transcript in chain(self.transcripts, self.hidden_transcripts):
            writer.write_file(
                transcript.save_as,
                self.get_template(transcript.template),
                self.context,
                transcript=transcript,
                relative_urls=relative,
                url=transcript.url,
            )
        writer.write_file(
            self.settings["CONSULTATIONS_SAVE_AS"],
            self.get_template("consultations"),
            self.context,
            relative_urls=relative,
            url=self.settings["CONSULTATIONS_URL"],
        )
        for facet, pages in self.consultation_facets:
            for facet_page in pages:
                writer.write_file(
                    facet_page.save_as,
                    self.get_template("consultation_facet"),
                    self.context,
                    facet=facet,
                    facet_page=facet_page,
                    relative_urls=relative,
                    url=facet_page.url,
                )
