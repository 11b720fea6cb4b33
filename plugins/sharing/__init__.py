"""Sharing: Open Graph and social-card metadata on every page.

When a press office shares a post, the site that shows the link reads these tags for the
title, summary, address, picture and the department's name. They are plain `<meta>` tags:
no script, and nothing the page loads from another host. Adds `page_sharing()` to every
generator's templates; partials/sharing_metadata.html writes its answer. See docs/sharing.md.
"""

from __future__ import annotations

from typing import Any

from jinja2 import pass_context
from pelican import signals

from .card import SharingCard, sharing_card


def add_template_function(generator: Any) -> None:
    env = getattr(generator, "env", None)
    if env is None:
        return
    settings = generator.settings

    @pass_context
    def sharing_for_template(
        context: Any, document_title: str = "", description_html: str = ""
    ) -> SharingCard:
        return sharing_card(context, settings, document_title, description_html)

    env.globals["page_sharing"] = sharing_for_template


def register() -> None:
    signals.generator_init.connect(add_template_function)
