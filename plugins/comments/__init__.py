"""Comments: the only code that joins the comments bridge to Pelican.

Once every source is read, one batched read of the comment store gives each post and page
its threads, official badges, tombstones and counts. A store that cannot be read stops the
build before anything is written, unless COMMENTS_ON_OUTAGE = "snapshot" and a young enough
snapshot can stand in for it.
"""

from __future__ import annotations

import logging
from typing import Any

from content_model.build_cache import cache_folder
from content_model.contents import every_content
from content_model.problems import BUILD_PROBLEMS, display_path, stop_build
from pelican import signals

from comments_bridge.errors import BridgeError, StoreUnavailable
from comments_bridge.read import load_comments
from comments_bridge.snapshot import save_snapshot

from .early_read import take as take_early_read
from .frozen import frozen_files, with_frozen_threads
from .moved import follow_moves, moved_threads
from .rules import rules_by_language, rules_from_page
from .settings import CommentSettingsError, comment_settings
from .threads import CommentSection, build_threads, git_replies_by_thread, thread_path

logger = logging.getLogger(__name__)


def attach_comments(generators: list[Any]) -> None:
    settings = generators[0].settings
    context = generators[0].context
    try:
        config = comment_settings(settings)
    except CommentSettingsError as error:
        raise stop_build(f"settings: {error}", 2) from None
    snapshot = config.snapshot if config.on_outage == "snapshot" else None
    try:
        comments = load_comments(
            take_early_read(config.store) or config.store,
            snapshot=snapshot,
            max_age=config.snapshot_max_age,
            now=context["BUILD_TIME"],
            cache_folder=cache_folder(settings),
        )
    except StoreUnavailable as error:
        raise stop_build(
            f"comment store {config.store} cannot be read: {error}. Nothing was published. "
            'Check the store, or set COMMENTS_ON_OUTAGE = "snapshot" to build from the '
            "last good snapshot",
            3,
        ) from None
    except BridgeError as error:
        raise stop_build(
            f"comment store {config.store}: {error}. Nothing was published", 4
        ) from None
    if snapshot and not comments.from_snapshot:
        save_snapshot(comments, snapshot)
    try:
        comments = with_frozen_threads(
            comments, frozen_files(settings["PATH"], config.frozen_folder)
        )
    except BridgeError as error:
        raise stop_build(f"frozen comments: {error}. Nothing was published", 4) from None
    comments = follow_moves(comments, moved_threads(settings))

    contents = every_content(generators)
    rules_page = next(  # the original, not a translation with its Slug (docs/bilingual.md)
        (
            c
            for c in contents
            if getattr(c, "slug", None) == config.rules_page and getattr(c, "in_default_lang", True)
        ),
        None,
    )
    rules = rules_from_page(rules_page)
    rules_in = rules_by_language(rules_page)
    people = context.get("PEOPLE", {})
    from_git = git_replies_by_thread(context.get("GIT_REPLIES", []), comments, people)
    quiet = bool(BUILD_PROBLEMS)  # the build stops for them: say nothing that hides them
    threads_with_page = set()
    shown = 0
    for content in contents:
        thread = thread_path(content.save_as)
        threads_with_page.add(thread)
        mode = getattr(content, "comments_mode", "off")
        thread_comments = () if mode == "off" else comments.thread(thread)
        if mode != "off" and thread in from_git:
            merged = thread_comments + from_git[thread]
            thread_comments = tuple(sorted(merged, key=lambda c: (c.created, c.id)))
        page_of_rules, page_rules = rules_in.get(getattr(content, "lang", ""), (rules_page, rules))
        section = CommentSection(
            mode=mode,
            threads=build_threads(thread_comments, people, page_rules, warn=not quiet),
            count=sum(1 for c in thread_comments if c.status == "approved"),
            removed_count=sum(1 for c in thread_comments if c.status == "removed"),
            as_of=comments.as_of if comments.from_snapshot else None,
            removals_checked=comments.removals_checked,
            rules_url=page_of_rules.url if page_of_rules else None,
            submit_url=config.submit_url,
            isso_embed=config.isso_embed,
            thread=thread,
        )
        content.comments = section
        shown += section.count
    orphaned = sorted(set(comments.threads) - threads_with_page)
    if orphaned and not quiet:  # pages that could not be read are among the problems
        # permanent_urls is loaded after this plugin, so it is imported when a build runs.
        from permanent_urls.redirects import registry_path

        logger.warning(
            "comments in %d thread(s) match no published page and are not shown: %s. If a "
            "page moved, give its old address a redirect in %s: its comments follow it",
            len(orphaned),
            ", ".join(orphaned),
            display_path(registry_path(settings)),
        )
    logger.info("Comments: %d shown from %s", shown, config.store)


def register() -> None:
    signals.all_generators_finalized.connect(attach_comments)
