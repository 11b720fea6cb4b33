"""Content model: posts and pages checked against the people and departments registries.

Every source's front matter is validated with file and line before Pelican reads it; problems
are collected in :data:`problems.BUILD_PROBLEMS` and reported together by the publishing plugin.
"""

from __future__ import annotations

from typing import Any

from pelican import signals

from . import (
    address_fields,
    frozen_addresses,
    full_collections,
    grouped_steps,
    listing_members,
    no_content_cache,
    read_ahead,
    reading_order,
)
from .duplicates import report_duplicate_urls
from .front_matter import forget_sources
from .markdown_cache import save_build_cache
from .read_cache import forget_reads, save_reads
from .reader import DialoguesMarkdownReader


def use_checked_markdown_reader(readers: Any) -> None:
    for extension in DialoguesMarkdownReader.file_extensions:
        readers.reader_classes[extension] = DialoguesMarkdownReader


def register() -> None:
    address_fields.install()
    frozen_addresses.install()
    listing_members.install()
    grouped_steps.install()
    reading_order.install()
    signals.initialized.connect(full_collections.hold)  # before the first run's store read
    signals.get_generators.connect(full_collections.hold)  # each run (autoreload)
    signals.finalized.connect(full_collections.release)
    signals.initialized.connect(frozen_addresses.start_build)
    signals.initialized.connect(forget_sources)
    signals.get_writer.connect(forget_sources)  # read: not held while pages are written
    signals.get_writer.connect(frozen_addresses.start_writing)
    signals.readers_init.connect(use_checked_markdown_reader)
    signals.generator_init.connect(no_content_cache.skip_when_off)
    signals.all_generators_finalized.connect(report_duplicate_urls)
    signals.all_generators_finalized.connect(save_build_cache)
    signals.all_generators_finalized.connect(save_reads)
    signals.all_generators_finalized.connect(read_ahead.stop)  # if no reading took it
    signals.initialized.connect(forget_reads)
