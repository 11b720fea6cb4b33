"""Keep each page and feed whose inputs have not changed since the published build.

One new comment or one edited post changes a handful of pages, but Pelican renders every
page again. A page is a function of what its template reads, so each page written through
Pelican's writer (and each feed, its Atom and RSS files as one unit) is recorded with:

- the site's digest (page_digests.site_digest: the settings, theme, code, packages, the
  files under PATH that are not sources, the context, and every content object's lasting
  parts: title, date, tags, addresses, people...);
- a digest of what was particular to the page (its output path, its object, its page of a
  list, its relative address);
- each content object whose changeable parts (page_reads.PARTS: body and summary, comments,
  participation figures) it read, with a digest of each group of those parts it read (a list
  of posts reads their summaries, so a new comment on one of them leaves it kept);
- what its rendering added to the sets the writing processes gather (the clock's flips, the
  pages marked for the search index), so that keeping the page adds them again;
- the published file's size, time and inode.

A later build keeps a page, by hard-linking the published file into the new site, when the
site's digest is the same, its clock is inside the published build's window (so the clock
takes every decision the same way), the page's own digest and every object it read are the
same, and the published file is untouched. Anything else renders it. A page whose rendering
logged a warning, or read an object the build does not know, is always rendered again, so
its warning is seen again and nothing unknown is trusted; so is a page that read an object
whose text attaches a file (Pelican's {attach} moves the file as the text is rendered).
`KEEP_UNCHANGED_PAGES = False`, or no build cache, turns it off; the output is byte for byte
the same either way (tested).
"""

from __future__ import annotations

import logging
import os
from typing import Any

from content_model import forked_half, page_reads, published_files, shared_writing
from content_model.build_cache import CacheFile, cache_folder, code_version, digest
from content_model.clock_window import FLIPS_NAME, micros, nearest_flips, window
from content_model.contents import every_content

from . import page_digests
from .page_digests import (
    Undigestible,
    changed_parts,
    digest_of,
    lasting_digest,
    site_digest,
    site_parts,
    volatile_parts,
)
from .unchanged import NO_END, plain_clock

logger = logging.getLogger(__name__)

SETTING = "KEEP_UNCHANGED_PAGES"
RECORD_FILE = "pages.marshal"
PART_FILE = "pages.marshal"  # one per writing process: pages.1-of-2.marshal, ...
VOLATILE_CONTEXT = ("participation",)
"""Values of the context worked out from every comment (the site's participation figures)."""
ATOMS = (str, bytes, int, float, bool, type(None))
"""Values that stand for nothing but themselves, wherever they are."""
Touched = tuple[str, str]
"""An object's key and the group of its changeable parts a page read (page_reads.PARTS)."""
LASTING = "lasting parts"
OWN = "own digest"  # of a feed, digested with the objects
"""Not a group of page_reads.PARTS: an object's other parts, a part of the site's digest."""
ALWAYS_CHANGED = b"always"
"""The start of the version of an object whose rendering moves files (Pelican's {attach}):
followed by a token of the build, so that it never matches the version a page recorded, and
a page that read such an object is rendered again by every build."""


def _digested(obj: Any) -> list[str]:
    return [name for name in vars(obj) if name not in page_digests.NOT_DIGESTED]


def keeps_pages(settings: dict[str, Any]) -> bool:
    return bool(settings.get(SETTING, True)) and cache_folder(settings) is not None


def _key(obj: Any) -> str:
    return f"{type(obj).__name__}:{getattr(obj, 'relative_source_path', None)}:{obj.save_as}"


class _Warnings(logging.Handler):
    """Counts the warnings logged, so a page that logged one is not kept."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class PageReuse:
    """The pages of one build: which may be kept, and the record of those written."""

    def __init__(self, settings: dict[str, Any], context: dict[str, Any], generators: list[Any]):
        folder = cache_folder(settings)
        assert folder is not None
        self.folder = folder
        self._files: dict[str, CacheFile] = {}
        self.code = code_version(
            __file__, page_digests.__file__, page_reads.__file__, shared_writing.__file__
        )
        self.published = os.path.abspath(settings["_DIALOGUES_FINAL_OUTPUT_PATH"])
        self.record_key = digest("published", self.published)
        self.clock = plain_clock(settings["BUILD_TIME"])
        self.objects: dict[str, Any] = {}
        self.keys: dict[int, str] = {}
        contents = every_content(generators)
        for content in contents:
            key = _key(content)
            if self.objects.setdefault(key, content) is not content:
                raise Undigestible(f"two content objects are both {key}")
            self.keys[id(content)] = key
        page_reads.watch({type(content) for content in contents})
        for name in VOLATILE_CONTEXT:
            value = context.get(name)
            if value is not None and hasattr(value, "__dict__"):
                key = f"context:{name}"
                self.objects[key] = value
                self.keys[id(value)] = key
                page_reads.watch([type(value)], list(vars(value)))
        self.constants = {id(settings): "the settings", id(context): "the context"}
        self.base = dict(context)
        sources = [getattr(c, "source_path", None) for c in contents]
        parts = site_parts(
            settings,
            context,
            self.keys,
            self.constants,
            {os.path.abspath(source) for source in sources if source},
        )
        # Beyond this point the context's values are digested: elsewhere they stand for
        # themselves (a page of a list holds the list of every post; a thread's feed, the
        # catalogue of every feed).
        self.shared = dict(self.constants)
        for name, value in context.items():
            if not isinstance(value, ATOMS) and id(value) not in self.keys:
                self.shared.setdefault(id(value), f"the context's {name}")
        self.versions: dict[Touched, bytes] = {}
        self._attaching: dict[str, bool] = {}
        self._always_changed = ALWAYS_CHANGED + os.urandom(16)  # before the fork: one per build
        self.feeds = shared_writing.take_feeds_to_write()
        found = self._digest_every_object(shared_writing.writing_processes(settings))
        for key in sorted(self.objects):
            if not key.startswith("context:"):
                lasting = found.pop((key, LASTING))
                if isinstance(lasting, str):
                    raise Undigestible(lasting)
                parts[key] = lasting
        self.parts = parts
        self.site = site_digest(parts)
        self._feed_digests = {
            id(feed): found.pop((f"feed {place}", OWN), None)
            for place, feed in enumerate(self.feeds)
        }
        # Elsewhere a feed stands for its own digest: the subscribe page lists every feed,
        # and digesting them all again took 0.19 s of a 5,000-post rebuild.
        for feed in self.feeds:
            own = self._feed_digests.get(id(feed))
            if isinstance(own, bytes):
                self.shared[id(feed)] = f"the feed digested {own.hex()}"
        self.versions.update(
            (touched, value) for touched, value in found.items() if isinstance(value, bytes)
        )
        self.attributes = {key: len(_digested(obj)) for key, obj in self.objects.items()}
        self.token = os.urandom(16).hex()
        self.usable = self._published_build_matches()
        self._previous: dict[str, Any] | None = None
        self._previous_keys: list[Touched] = []
        self._previous_versions: list[bytes] = []
        self.pages: dict[str, tuple[Any, ...]] = {}
        self.kept = 0
        self.rendered = 0
        self._linking: str | None = None
        self._placing = ""
        self.warnings = _Warnings()
        logging.getLogger().addHandler(self.warnings)

    def _digest_every_object(self, processes: int) -> dict[Touched, bytes | str]:
        """Each object's lasting parts, and each group of its changeable parts, digested
        once, here, before the writing processes fork, half of them in a forked copy
        (forked_half.py). Lists of posts read every post's text and number of comments, so
        each writing process would digest nearly all of them; and in a writing process,
        reading an object copies the memory it lies in (CPython counts references inside
        the object). A group that cannot be digested is refused when a page reads it."""
        jobs: list[Touched] = []
        for key in sorted(self.objects):
            if key.startswith("context:"):
                jobs.append((key, page_reads.WHOLE))
            else:
                jobs.append((key, LASTING))
                jobs.extend((key, group) for group in page_reads.PARTS)
        jobs.extend((f"feed {place}", OWN) for place in range(len(self.feeds)))
        return forked_half.answers(jobs, self._digest, processes)

    def _digest(self, job: Touched) -> bytes:
        key, group = job
        if group == LASTING:
            return lasting_digest(self.objects[key], self.keys, self.constants)
        if group == OWN:  # a feed's own digest, which the feed's writing asks for
            return digest_of(self.feeds[int(key.split()[1])], self.keys, self.shared)
        return self.version(job)

    # --- the published build ---

    def _record(self, name: str) -> CacheFile:
        """A file of the page record, read once per build: it was read again for each use
        (a writing process's part is 4 MB at 5,000 posts, read twice in each process)."""
        found = self._files.get(name)
        if found is None:
            found = self._files[name] = CacheFile(self.folder, name, self.code)
        return found

    def _published_build_matches(self) -> bool:
        found = self._record(RECORD_FILE).entries.get(self.record_key)
        if not found or not os.path.isdir(self.published):
            return False
        _, site, start, end, parts = found
        if site != self.site:
            changed = changed_parts(parts, self.parts)
            shown = ", ".join(changed[:5]) + (
                f" and {len(changed) - 5} more" if changed[5:] else ""
            )
            logger.info(
                "Pages: every page is rendered: changed since the published build: %s", shown
            )
            return False
        now = micros(self.clock)
        if start <= now and (end == NO_END or now < end):
            return True
        logger.info("Pages: every page is rendered: the clock is past the published build's window")
        return False

    def _published_pages(self) -> dict[str, Any]:
        """This process's part of the published build's record (read once, when needed)."""
        if self._previous is None:
            self._previous = {}
            if self.usable:
                token = self._record(RECORD_FILE).entries[self.record_key][0]
                part = self._record(shared_writing.process_name(PART_FILE)).entries
                found = part.get(self.record_key)
                if found and found[0] == token:
                    _, self._previous_keys, self._previous_versions, self._previous = found
        return self._previous

    # --- the pages of this build ---

    def version(self, touched: Touched) -> bytes:
        """The digest of the group of an object's changeable parts that a page read."""
        found = self.versions.get(touched)
        if found is None:
            key, group = touched
            obj = self.objects[key]
            if key.startswith("context:"):
                found = digest_of(vars(obj), self.keys, self.shared)
            elif self._attaches(key, obj):
                found = self._always_changed
            else:
                found = digest_of(volatile_parts(obj, group), self.keys, self.shared)
            self.versions[touched] = found
        return found

    def _attaches(self, key: str, obj: Any) -> bool:
        """Whether an object's text links with Pelican's {attach}: looked up once per object,
        not once per group of its parts (the search of every post's text, three times,
        took 0.2 s of a 5,000-post rebuild)."""
        found = self._attaching.get(key)
        if found is None:
            found = self._attaching[key] = "{attach}" in str(vars(obj).get("_content") or "")
        return found

    def _own_digest(self, context: dict[str, Any], template: Any) -> bytes | None:
        base = self.base
        own = {
            name: value
            for name, value in context.items()
            if name not in base or base[name] is not value
        }
        try:
            return digest(
                str(getattr(template, "name", "")), digest_of(own, self.keys, self.shared)
            )
        except Undigestible:
            return None

    def _kept_entry(self, unit: str, own: bytes | None) -> tuple[Any, ...] | None:
        """The published build's entry for `unit` if it may be kept: the same own digest,
        every object it read unchanged, and its published files untouched."""
        if own is None:
            return None
        entry = self._published_pages().get(unit)
        if entry is None:
            return None
        recorded_own, touched, _, files = entry
        if recorded_own != own or not files:
            return None
        keys, versions = self._previous_keys, self._previous_versions
        for index in touched:
            read = keys[index]
            if read[0] not in self.objects or self.version(read) != versions[index]:
                return None
        for path, *fingerprint in files:
            try:
                status = os.stat(os.path.join(self.published, path))
            except OSError:
                return None
            if list(published_files.identity(status)) != fingerprint:
                return None
        return entry

    def _keep(self, unit: str, entry: tuple[Any, ...]) -> None:
        own, touched, effects, files = entry
        for name, values in effects:
            shared_writing.add_gathered(name, values)
        keys = self._previous_keys
        touched_keys = tuple(keys[index] for index in touched)
        self.pages[unit] = (own, touched_keys, effects, tuple(path for path, *_ in files))
        self.kept += 1

    def _made(self, unit: str, own: bytes | None, files: tuple[str, ...], make: Any) -> Any:
        """`make()`, watched: what it read and added to the gathered sets is recorded for
        `unit`, unless it logged a warning or read an object this build does not know."""
        warnings = self.warnings.count
        page_reads.start_reading()
        shared_writing.start_effects()
        try:
            made = make()
        finally:
            read = page_reads.stop_reading()
            effects = self._nearest_flips(shared_writing.stop_effects())
        self.rendered += 1
        self.pages.pop(unit, None)
        keys = self.keys
        if own is None or self.warnings.count != warnings or any(i not in keys for i, _ in read):
            return made
        touched = tuple(sorted({(keys[i], group) for i, group in read}))
        try:
            for each in touched:
                self.version(each)
        except Undigestible:
            return made
        self.pages[unit] = (own, touched, effects, files)
        return made

    def _nearest_flips(self, effects: tuple[Any, ...]) -> tuple[Any, ...]:
        """Of the clock's flips a unit noted, the last at or before this build's clock and the
        first after it: a unit is kept only by a build whose clock is inside this build's
        window, which no flip falls inside, so the window around that clock is bounded by
        these two alone (an official-replies feed notes 170,000 flips, one for each reply)."""
        now = micros(self.clock)
        narrowed = []
        for name, values in effects:
            if name == FLIPS_NAME:
                bounds = nearest_flips(values, now)
                values = tuple(str(moment) for moment in bounds if moment is not None)
            narrowed.append((name, values))
        return tuple(narrowed)

    def render(self, template: Any, context: dict[str, Any]) -> str:
        path = os.path.normpath(str(context.get("output_file") or ""))
        own = self._own_digest(context, template)
        entry = self._kept_entry(path, own)
        if entry is not None:
            self._keep(path, entry)
            self._linking = path
            return ""
        return str(self._made(path, own, (path,), lambda: template.render(context)))

    def feed(self, feed: Any, output_path: str, make: Any) -> None:
        """Keep a feed's Atom and RSS files, or `make()` them, as render does a page."""
        files = (os.path.normpath(feed.atom_url), os.path.normpath(feed.rss_url))
        unit = f"feed {files[0]}"
        own: bytes | str | None = self._feed_digests.pop(id(feed), None)
        if own is None:  # not among the feeds digested before the fork
            try:
                own = digest_of(feed, self.keys, self.shared)
            except Undigestible:
                own = None
        elif isinstance(own, str):  # it could not be digested (the message)
            own = None
        entry = self._kept_entry(unit, own)
        if entry is None:
            self._made(unit, own, files, make)
            return
        self._keep(unit, entry)
        for path in files:
            published_files.place(
                os.path.join(self.published, path), os.path.join(output_path, path)
            )

    def is_kept(self, filename: str, output_path: str) -> bool:
        """Whether `filename` is the page just kept (and not rendered)."""
        path, self._linking = self._linking, None
        if path is None or path != os.path.normpath(os.path.relpath(filename, output_path)):
            return False
        self._placing = path
        return True

    def place(self, filename: str) -> None:
        """Put the published file of the page just kept at `filename`."""
        published_files.place(os.path.join(self.published, self._placing), filename)

    # --- the record ---

    def save_part(self, output_path: str) -> None:
        """This process's pages, with the staged files' fingerprints (a rename keeps them)."""
        logging.getLogger().removeHandler(self.warnings)
        grown = self._grown()
        if grown:
            logger.warning(
                "Pages: none can be kept by the next build: %s gained the attribute %s while "
                "pages were written, so what a page read from it was not digested. Work it "
                "out before writing starts (or list it in page_digests.NOT_DIGESTED if it is "
                "worked out from what is digested)",
                *grown,
            )
            self.pages.clear()
        pages = {}
        table: dict[Touched, int] = {}  # each read once, by its place in this table
        for unit, (own, touched_keys, effects, files) in self.pages.items():
            touched = tuple(table.setdefault(key, len(table)) for key in touched_keys)
            fingerprints = []
            for path in files:
                try:
                    status = os.stat(os.path.join(output_path, path))
                except OSError:
                    break
                fingerprints.append((path, *published_files.identity(status)))
            else:
                pages[unit] = (own, touched, effects, tuple(fingerprints))
        part = self._record(shared_writing.process_name(PART_FILE))
        part.used.update(part.entries)  # other output folders keep their records
        versions = [self.versions[key] for key in table]
        part.put(self.record_key, (self.token, list(table), versions, pages))
        part.save()
        logger.info("Pages: %d kept from the published site, %d rendered", self.kept, self.rendered)

    def _grown(self) -> tuple[str, str] | None:
        """An object and the attributes it gained since writing started, if any did (counted
        rather than listed, to keep the processes' memory down: an object's attributes keep
        the order they were set in, so the last ones are the new ones)."""
        for key, obj in self.objects.items():
            names = _digested(obj)
            if len(names) > self.attributes[key]:
                return key, ", ".join(names[self.attributes[key] :])
        return None

    def remember(self) -> None:
        """After publishing: the published build's digest, window and token."""
        start, end = window(self.clock)
        start_micros = max(micros(start), 0)
        end_micros = NO_END if end is None else micros(end)
        record = self._record(RECORD_FILE)
        record.used.update(record.entries)
        record.put(self.record_key, (self.token, self.site, start_micros, end_micros, self.parts))
        record.save()


_session: PageReuse | None = None


def begin(pelican: Any, generators: list[Any]) -> None:
    """At the start of writing, before the writing processes are forked."""
    global _session
    _session = None
    settings = pelican.settings
    if not keeps_pages(settings) or not generators:
        shared_writing.use_renderer(None)
        return
    try:
        _session = PageReuse(settings, generators[0].context, generators)
    except Undigestible as error:
        logger.info("Every page is rendered: the site cannot be digested (%s)", error)
        shared_writing.use_renderer(None)
        return
    shared_writing.use_renderer(_session)


def save_part(output_path: str) -> None:
    if _session is not None:
        _session.save_part(output_path)


def remember() -> None:
    global _session
    if _session is not None:
        _session.remember()
    _session = None
    shared_writing.use_renderer(None)
