"""Search: a Pagefind index of published content, and a search page that works without it.

Posts, pages, consultations, responses and transcripts, with their approved comments, are
indexed, filterable by department and content type. Templates mark what is indexed through
the `search_record()` function (partials/search_metadata.html, base.html); the index is made
from the finished staging folder, so nothing draft, embargoed, hidden, pending or removed can
be in it, because no indexed page contains them.
"""

from __future__ import annotations

from typing import Any

from jinja2 import pass_context
from pelican import signals

from .generator import MARKED, SearchIndexGenerator, SearchPageGenerator
from .record import SearchRecord, search_record


@pass_context
def record_for_template(context: Any) -> SearchRecord | None:
    """The page's search record; remembers that the page is marked for the index."""
    record = search_record(context)
    if record is not None:
        MARKED.add(str(context.get("output_file")))
    return record


def add_template_function(generator: Any) -> None:
    env = getattr(generator, "env", None)
    if env is not None:
        env.globals["search_record"] = record_for_template


def add_generators(pelican: Any) -> tuple[type[SearchPageGenerator], type[SearchIndexGenerator]]:
    return SearchPageGenerator, SearchIndexGenerator


def run_after_every_other_generator(generators: list[Any]) -> None:
    """Pelican writes in list order; the index must see every file, so generators with a
    `finish_order` move to the end (a stable sort keeps the others' order)."""
    generators.sort(key=lambda generator: getattr(generator, "finish_order", 0))


def register() -> None:
    signals.get_generators.connect(add_generators)
    signals.generator_init.connect(add_template_function)
    signals.all_generators_finalized.connect(run_after_every_other_generator)
