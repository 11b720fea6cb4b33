"""Publishing invariants 1, 2 and 6: the build clock, embargoes, and all-or-nothing output.

This plugin must come last in PLUGINS: it stops the build on content problems other plugins
recorded, and it moves the finished site into place after every other plugin has written.
"""

from __future__ import annotations

import sys
from typing import Any

from content_model.problems import BUILD_PROBLEMS, ContentError, stop_build
from pelican import signals

from .build_clock import BuildClockError, resolve_build_time
from .embargo import embargo_articles, embargo_pages
from .staging import replace_output, start_fresh

CLOCK_SOURCE = "_DIALOGUES_BUILD_TIME_SOURCE"
FINAL_OUTPUT = "_DIALOGUES_FINAL_OUTPUT_PATH"


def build_into_staging(pelican: Any) -> None:
    settings = pelican.settings
    settings[CLOCK_SOURCE] = settings.get("BUILD_TIME")
    try:
        settings["BUILD_TIME"] = resolve_build_time(settings[CLOCK_SOURCE], settings["TIMEZONE"])
    except BuildClockError as error:
        raise stop_build(str(error), 2) from None
    settings[FINAL_OUTPUT] = pelican.output_path
    # Only Pelican's own path moves: settings["OUTPUT_PATH"] stays the published folder, which
    # `pelican --listen` serves. Plugins write through their generator's output_path.
    pelican.output_path = start_fresh(pelican.output_path)


def start_run(pelican: Any) -> None:
    """Each run (autoreload repeats them) starts with no problems and an empty staging folder."""
    BUILD_PROBLEMS.clear()
    if FINAL_OUTPUT in pelican.settings:
        start_fresh(pelican.settings[FINAL_OUTPUT])


def read_the_clock(generator: Any) -> None:
    clock = resolve_build_time(generator.settings[CLOCK_SOURCE], generator.settings["TIMEZONE"])
    generator.settings["BUILD_TIME"] = clock
    generator.context["BUILD_TIME"] = clock


def embargo_posts(generator: Any) -> None:
    embargo_articles(generator, generator.context["BUILD_TIME"])


def embargo_site_pages(generator: Any) -> None:
    embargo_pages(generator, generator.context["BUILD_TIME"])


def stop_on_problems(generators: list[Any]) -> None:
    """List every problem, one `file:line: message` per line, then stop before writing."""
    if BUILD_PROBLEMS:
        problems = BUILD_PROBLEMS.sorted()
        BUILD_PROBLEMS.clear()
        error = ContentError(problems)
        sys.stderr.write("".join(f"{problem}\n" for problem in problems))
        sys.stderr.write(f"error: {error}\n")
        sys.stderr.flush()
        raise error


def publish(pelican: Any) -> None:
    replace_output(pelican.settings[FINAL_OUTPUT])


def register() -> None:
    signals.initialized.connect(build_into_staging)
    signals.get_generators.connect(start_run)
    signals.article_generator_init.connect(read_the_clock)
    signals.article_generator_pretaxonomy.connect(embargo_posts)
    signals.page_generator_finalized.connect(embargo_site_pages)
    signals.all_generators_finalized.connect(stop_on_problems)
    signals.finalized.connect(publish)
