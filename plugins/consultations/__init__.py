"""Consultations: the consultation archive's content types, phases, indexes and facets.

Consultations, "you said, we did" response summaries and webchat or panel transcripts are read
from their own folders by one generator, linked to each other and to the posts that name them,
and written with their own URL settings. Responses' citations of comments are resolved once the
comments plugin has attached every page's comments; see docs/consultations.md.
"""

from __future__ import annotations

from typing import Any

from content_model.contents import every_content
from content_model.problems import stop_build
from pelican import signals

from .citing import resolve_citations
from .generator import ConsultationsGenerator
from .settings import ConsultationSettingsError, merge_defaults


def add_settings(pelican: Any) -> None:
    try:
        merge_defaults(pelican.settings)
    except ConsultationSettingsError as error:
        raise stop_build(f"settings: {error}", 2) from None


def add_generator(pelican: Any) -> type[ConsultationsGenerator]:
    return ConsultationsGenerator


def link_citations(generators: list[Any]) -> None:
    responses = [
        response
        for generator in generators
        if isinstance(generator, ConsultationsGenerator)
        for response in (*generator.responses, *generator.hidden_responses)
    ]
    resolve_citations(responses, every_content(generators))


def register() -> None:
    signals.initialized.connect(add_settings)
    signals.get_generators.connect(add_generator)
    signals.all_generators_finalized.connect(link_citations)
