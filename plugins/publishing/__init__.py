"""Publishing invariants 1, 2 and 6: the build clock, embargoes, and all-or-nothing output;
withdrawals that leave the listings, and preview builds (PREVIEW = True).

This plugin must come last in PLUGINS: it stops the build on content problems other plugins
recorded, prunes withdrawn items from listings once every other plugin has linked them, and
moves the finished site into place after every other plugin has written.
"""

from __future__ import annotations

from typing import Any

from content_model.clock_window import FLIPS, observe
from content_model.contents import every_content
from content_model.problems import BUILD_PROBLEMS, stop_build
from content_model.problems import stop_on_problems as stop_if_any_problem
from content_model.shared_writing import (
    check_setting,
    generators,
    remember_generators,
    start_writing,
    thaw,
)
from pelican import signals

from . import page_reuse, staging_folders
from .build_clock import BuildClockError, resolve_build_time
from .embargo import embargo_articles, embargo_pages
from .preview import (
    PreviewIntoOutputError,
    close_robots,
    is_preview,
    keep_drafts,
    mark_previewed,
    refuse_published_output,
)
from .staging import replace_output, staging_path, start_fresh
from .unchanged_runs import keep_when_unchanged, note_published
from .withdrawals import leave_listings, schedule_change_notes

CLOCK_SOURCE = "_DIALOGUES_BUILD_TIME_SOURCE"
FINAL_OUTPUT = "_DIALOGUES_FINAL_OUTPUT_PATH"


def build_into_staging(pelican: Any) -> None:
    settings = pelican.settings
    settings[CLOCK_SOURCE] = settings.get("BUILD_TIME")
    FLIPS.clear()
    try:
        clock = resolve_build_time(settings[CLOCK_SOURCE], settings["TIMEZONE"])
        settings["BUILD_TIME"] = observe(clock)
    except BuildClockError as error:
        raise stop_build(str(error), 2) from None
    if is_preview(settings):
        try:
            refuse_published_output(pelican.output_path, settings)
        except PreviewIntoOutputError as error:
            raise stop_build(str(error), 2) from None
    settings[FINAL_OUTPUT] = pelican.output_path
    # Only Pelican's own path moves: settings["OUTPUT_PATH"] stays the published folder, which
    # `pelican --listen` serves. Plugins write through their generator's output_path.
    pelican.output_path = start_fresh(pelican.output_path)
    keep_when_unchanged(pelican, CLOCK_SOURCE, FINAL_OUTPUT)


def start_run(pelican: Any) -> None:
    """Each run (autoreload repeats them) starts with no problems and an empty staging folder."""
    BUILD_PROBLEMS.clear()
    staging_folders.stop_making()
    if FINAL_OUTPUT in pelican.settings:
        final = pelican.settings[FINAL_OUTPUT]
        start_fresh(final)
        staging_folders.start_making(final, staging_path(final))


def read_the_clock(generator: Any) -> None:
    clock = observe(
        resolve_build_time(generator.settings[CLOCK_SOURCE], generator.settings["TIMEZONE"])
    )
    generator.settings["BUILD_TIME"] = clock
    generator.context["BUILD_TIME"] = clock


def prepare_content(content: Any) -> None:
    """A preview keeps drafts; a normal build holds back change notes dated after the clock."""
    if is_preview(content.settings):
        keep_drafts(content)
    else:
        schedule_change_notes(content, content.settings.get("BUILD_TIME"))


def embargo_posts(generator: Any) -> None:
    if not is_preview(generator.settings):
        embargo_articles(generator, generator.context["BUILD_TIME"])


def embargo_site_pages(generator: Any) -> None:
    if not is_preview(generator.settings):
        embargo_pages(generator, generator.context["BUILD_TIME"])


def finish_listings(generators: list[Any]) -> None:
    """Once every plugin has linked its content: withdrawn items leave the listings, and a
    preview notes on each page why it is not public yet."""
    context = generators[0].context
    if is_preview(generators[0].settings):
        mark_previewed(every_content(generators), context["BUILD_TIME"])
    leave_listings(generators, context)


def stop_on_problems(generators: list[Any]) -> None:
    """List every problem, one `file:line: message` per line, then stop before writing."""
    stop_if_any_problem()


def begin_writing(pelican: Any) -> Any:
    """Work out which pages may be kept (page_reuse.py), then fork the writing processes."""
    staging_folders.wait_until_made()
    page_reuse.begin(pelican, generators())
    return start_writing(pelican)


def publish(pelican: Any) -> None:
    if is_preview(pelican.settings):
        close_robots(pelican.output_path)
    page_reuse.save_part(pelican.output_path)
    staging_folders.remove_unused()
    replace_output(pelican.settings[FINAL_OUTPUT])
    note_published(pelican)
    page_reuse.remember()


def register() -> None:
    signals.initialized.connect(check_setting)
    signals.initialized.connect(build_into_staging)
    signals.get_generators.connect(start_run)
    signals.get_generators.connect(thaw)
    signals.article_generator_init.connect(read_the_clock)
    signals.content_object_init.connect(prepare_content)
    signals.article_generator_pretaxonomy.connect(embargo_posts)
    signals.page_generator_finalized.connect(embargo_site_pages)
    signals.all_generators_finalized.connect(finish_listings)
    signals.all_generators_finalized.connect(stop_on_problems)
    signals.all_generators_finalized.connect(remember_generators)
    signals.get_writer.connect(begin_writing)
    signals.finalized.connect(publish)
