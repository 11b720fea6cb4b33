"""Participation figures: on each consultation, on a site-wide evaluation page, and as open data.

Counted after the comments plugin has attached every page's comments, from exactly what the
pages show; drawn as a static SVG chart with the same numbers in a table. No personal data:
participants are counted, never listed. See docs/consultations.md for the definitions.
"""

from __future__ import annotations

from typing import Any

from consultations.generator import ConsultationsGenerator
from content_model.contents import every_content
from content_model.problems import stop_build
from pelican import signals

from .counting import chart_for, count_everything
from .generator import EvaluationGenerator
from .settings import merge_defaults


def add_settings(pelican: Any) -> None:
    problems = merge_defaults(pelican.settings)
    if problems:
        raise stop_build("settings: " + "; ".join(problems), 2)


def add_generator(pelican: Any) -> type[EvaluationGenerator]:
    return EvaluationGenerator


def count_participation(generators: list[Any]) -> None:
    found = [g for g in generators if isinstance(g, ConsultationsGenerator)]
    if not found:
        return
    consultations = found[0]
    context, settings = consultations.context, consultations.settings
    rules_slug = settings.get("COMMENTS_RULES_PAGE", "discussion-rules")
    pages = [*context.get("pages", []), *context.get("hidden_pages", [])]
    context["participation"] = count_everything(
        consultations.consultations,
        consultations.hidden_consultations,
        every_content(generators),
        next((p for p in pages if p.slug == rules_slug), None),
        context["BUILD_TIME"],
        settings["TIMEZONE"],
    )
    for translation in [*consultations.translations, *consultations.hidden_translations]:
        translation.participation = translation.original.participation  # one consultation


def install_chart(generator: Any) -> None:
    """`participation_chart(consultation, title, description, week_of, lang)` for templates,
    which give the chart's words in the page's language."""
    env = getattr(generator, "env", None)
    if env is not None:
        env.globals["participation_chart"] = chart_for


def register() -> None:
    signals.initialized.connect(add_settings)
    signals.get_generators.connect(add_generator)
    signals.generator_init.connect(install_chart)
    signals.all_generators_finalized.connect(count_participation)
