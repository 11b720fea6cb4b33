"""Digests of what a page can read, in three parts: the site, each object's changeable parts,
and what is particular to the page.

Values are digested through `pickle`, which reaches every attribute of every object (so a
field added by a plugin tomorrow is digested without anyone listing it), with three changes:
a content object met inside another value is digested by its key (its own parts are digested
once, on their own); the settings and the site's context stand for themselves (they are
digested once, as a whole); and the build clock is digested by its offset (which decisions it
took is judged by its window, clock_window.py). A value that cannot be digested makes the
build render every page, as it did before pages were kept.
"""

from __future__ import annotations

import hashlib
import io
import marshal
import os
import pickle
from collections.abc import Iterable
from types import FunctionType
from typing import Any

from content_model.clock_window import ObservedMoment, ObservedSpan
from content_model.frozen_addresses import MEMO
from content_model.page_reads import VOLATILE

from .unchanged import code_folders, environment_text, packages_text, settings_text, tree_digest

UNORDERED = frozenset(("generated_content", "static_content", "static_links", "staticfiles"))
"""Context values that are looked up, never listed, and that Pelican fills in an order that
varies from run to run (it comes from a set): digested in a fixed order."""
NOT_DIGESTED = frozenset((MEMO,))
"""Attributes worked out while pages are written from what is digested (the address memo)."""


class Undigestible(ValueError):
    """A value of the site that pickle cannot write, so no page can be kept."""


class _Hashing(io.RawIOBase):
    def __init__(self) -> None:
        self.found = hashlib.blake2b(digest_size=20)

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self.found.update(data)
        return len(data)


class SitePickler(pickle.Pickler):
    """Pickle, with content objects by key, the site's settings and context by name, and the
    clock by its offset."""

    def __init__(self, file: Any, keys: dict[int, str], constants: dict[int, str]) -> None:
        super().__init__(file, protocol=5)
        self.keys = keys
        self.constants = constants

    def persistent_id(self, obj: Any) -> Any:
        found = self.keys.get(id(obj)) or self.constants.get(id(obj))
        if found is not None:
            return found
        kind = type(obj)
        if kind is set or kind is frozenset:  # in an order that does not depend on hashing
            return ("set", sorted(digest_of(item, self.keys, self.constants) for item in obj))
        if kind is ObservedMoment:
            return ("the build clock", obj.offset)
        if kind is ObservedSpan:
            return ("a span of the build clock", obj.anchor, obj.sign)
        return None

    def reducer_override(self, obj: Any) -> Any:
        """A function made inside another (a lambda kept to be called later) by its code and
        the values it closes over; pickle would refuse it."""
        if type(obj) is FunctionType and "<locals>" in obj.__qualname__:
            try:
                cells = tuple(cell.cell_contents for cell in obj.__closure__ or ())
            except ValueError as error:  # a cell not yet filled
                raise Undigestible(f"{obj.__qualname__}: {error}") from None
            code = marshal.dumps(obj.__code__.replace(co_filename="", co_firstlineno=1))
            return (_made_inside, (obj.__qualname__, code, obj.__defaults__, cells))
        return NotImplemented


def _made_inside(*_: Any) -> None:
    """Stands for a function made inside another, in a digest (never called)."""


def digest_of(value: Any, keys: dict[int, str], constants: dict[int, str]) -> bytes:
    sink = _Hashing()
    try:
        SitePickler(sink, keys, constants).dump(value)
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError) as error:
        raise Undigestible(f"{type(value).__name__}: {error}") from None
    return sink.found.digest()


def _in_fixed_order(value: Any) -> Any:
    if isinstance(value, dict):
        return sorted(value.items(), key=lambda item: str(item[0]))
    if isinstance(value, list | tuple | set | frozenset):
        return sorted(value, key=lambda item: str(getattr(item, "source_path", item)))
    return value


def volatile_parts(obj: Any) -> list[Any]:
    """An object's changeable parts as it holds them (read without being noted)."""
    held = vars(obj)
    return [held.get(name) for name in VOLATILE]


def lasting_parts(obj: Any) -> dict[str, Any]:
    """Everything else an object holds."""
    return {
        name: value
        for name, value in vars(obj).items()
        if name not in VOLATILE and name not in NOT_DIGESTED
    }


def _hashed(*texts: str) -> bytes:
    found = hashlib.blake2b(digest_size=20)
    for text in texts:
        found.update(text.encode("utf-8", "surrogatepass"))
    return found.digest()


def _tree(folders: Iterable[str], leave_out: frozenset[str] = frozenset()) -> bytes:
    found = hashlib.blake2b(digest_size=20)
    for folder in folders:
        tree_digest(folder, found, leave_out)
    return found.digest()


def site_parts(
    settings: dict[str, Any],
    context: dict[str, Any],
    objects: dict[str, Any],
    keys: dict[int, str],
    constants: dict[int, str],
    leave_out: Iterable[str],
) -> dict[str, bytes]:
    """Everything a page could read but the objects' changeable parts, each part by name:
    the settings, the environment, the packages, the files under PATH that are not sources
    of content, the theme and the code, each value of the context, and each object's lasting
    parts. Named, so that a build can say what changed."""
    parts = {
        "the settings": _hashed(settings_text(settings)),
        "the environment": _hashed(environment_text(os.environ)),
        "the installed packages": _hashed(packages_text()),
        "files under PATH that are not sources": _tree(
            [str(settings["PATH"])], frozenset(leave_out)
        ),
        "the theme or the code": _tree([str(settings.get("THEME") or ""), *code_folders(settings)]),
    }
    for name in sorted(context):
        value = context[name]
        if (name in settings and settings[name] is value) or id(value) in keys:
            continue  # a setting (digested above) or a changeable value (digested apart)
        if name in UNORDERED:
            value = _in_fixed_order(value)
        parts[f"the context's {name}"] = digest_of(value, keys, constants)
    for key in sorted(objects):
        parts[key] = digest_of(lasting_parts(objects[key]), keys, constants)
    return parts


def site_digest(parts: dict[str, bytes]) -> bytes:
    found = hashlib.blake2b(digest_size=32)
    for name, value in parts.items():
        found.update(_hashed(name))
        found.update(value)
    return found.digest()


def changed_parts(before: dict[str, bytes], now: dict[str, bytes]) -> list[str]:
    """The names of the parts that differ, were added or went."""
    names = sorted(set(before) | set(now))
    return [name for name in names if before.get(name) != now.get(name)]
