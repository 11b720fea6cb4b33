"""Digests of what a page can read, in three parts: the site, each object's changeable parts,
and what is particular to the page.

Values are digested through `pickle`, which reaches every attribute of every object (so a
field added by a plugin tomorrow is digested without anyone listing it), with these changes:
a content object met inside another value is digested by its key (its own parts are digested
once, on their own), and so is a registry entry (a person holds every post of theirs); the
settings and the site's context, and where given the context's values, stand for themselves
(they are digested once, as a whole); the build clock is digested by its offset (which
decisions it took is judged by its window, clock_window.py); sets are digested in a fixed
order; and a function made inside another by its code and what it closes over. A value that
cannot be digested makes the build render every page, as it did before pages were kept.
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
from content_model.forked_half import Refused
from content_model.frozen_addresses import MEMO
from content_model.page_reads import PARTS, VOLATILE

from .unchanged import code_folders, environment_text, packages_text, settings_text, tree_digest

UNORDERED = frozenset(("generated_content", "static_content", "static_links", "staticfiles"))
"""Context values that are looked up, never listed, and that Pelican fills in an order that
varies from run to run (it comes from a set): digested in a fixed order."""
REGISTRIES = ("PEOPLE", "DEPARTMENTS")
"""Context values whose entries (a person, with every post of theirs) many objects hold."""
NOT_DIGESTED = frozenset((MEMO,))
"""Attributes worked out while pages are written from what is digested (the address memo)."""


class Undigestible(Refused, ValueError):
    """A value of the site that pickle cannot write, so no page can be kept."""


class _Hashing(io.RawIOBase):
    def __init__(self) -> None:
        self.found = hashlib.blake2b(digest_size=20)

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self.found.update(data)
        return len(data)


class _Named:
    """Stands, inside a digested value, for a value digested apart (the settings...)."""

    def __init__(self, name: str) -> None:
        self.name = name


def _stands_for(*_: Any) -> None:
    """Stands for a value digested apart, in a digest (never called)."""


def _made_inside(*_: Any) -> None:
    """Stands for a function made inside another, in a digest (never called)."""


def _object(*_: Any) -> None:
    """Stands for an object, by its class and its attributes, in a digest (never called)."""


SETS = (set, frozenset)
_AS_THEY_ARE: set[type] = set()
"""Classes whose instances pickle as they are (classes themselves, and objects without a
`__dict__`: dates, enums, comments with slots): found once, so that each is one lookup."""


class SitePickler(pickle.Pickler):
    """Pickle, with content objects by key, the site's settings and context (and, where
    given, its values) by name, the clock by its offset, sets in a fixed order, and functions
    made inside others by their code and what they close over.

    Only `reducer_override` is used: pickle calls it for objects of classes, not for strings,
    numbers, lists and dicts, so a comment costs a few Python calls rather than one for every
    value it holds. Values digested apart are recognised where objects hold them, as
    attributes, and at the top of a digested dict."""

    def __init__(self, file: Any, keys: dict[int, str], constants: dict[int, str]) -> None:
        super().__init__(file, protocol=5)
        self.keys = keys
        self.constants = constants

    def reducer_override(self, obj: Any) -> Any:
        key = self.keys.get(id(obj)) or self.constants.get(id(obj))
        if key is not None:
            return (_stands_for, (key,))
        kind = type(obj)
        if kind in _AS_THEY_ARE:
            return NotImplemented
        if kind is _Named:
            return (_stands_for, (obj.name,))
        if kind is ObservedMoment:
            return (_stands_for, ("the build clock", obj.offset))
        if kind is ObservedSpan:
            return (_stands_for, ("a span of the build clock", obj.anchor, obj.sign))
        if kind is FunctionType and "<locals>" in obj.__qualname__:
            try:
                cells = tuple(self.stable(cell.cell_contents) for cell in obj.__closure__ or ())
            except ValueError as error:  # a cell not yet filled
                raise Undigestible(f"{obj.__qualname__}: {error}") from None
            code = marshal.dumps(obj.__code__.replace(co_filename="", co_firstlineno=1))
            return (_made_inside, (obj.__qualname__, code, obj.__defaults__, cells))
        if isinstance(obj, type) or not hasattr(obj, "__dict__"):
            _AS_THEY_ARE.add(kind)
            return NotImplemented
        state = obj.__getstate__()  # what pickle would write (a class may leave a memo out)
        if type(state) is not dict:
            return NotImplemented
        constants = self.constants
        for value in state.values():
            if id(value) in constants or type(value) in SETS:
                break
        else:
            return NotImplemented
        named = {name: self.stable(value) for name, value in state.items()}
        return (_object, (kind.__module__, kind.__qualname__, named))

    def stable(self, value: Any) -> Any:
        """`value`, or what stands for it: its name, or a set's members in a fixed order."""
        name = self.constants.get(id(value))
        if name is not None:
            return _Named(name)
        if type(value) in SETS:
            return sorted(digest_of(item, self.keys, self.constants) for item in value)
        return value


def digest_of(value: Any, keys: dict[int, str], constants: dict[int, str]) -> bytes:
    sink = _Hashing()
    pickler = SitePickler(sink, keys, constants)
    if type(value) is dict:
        value = {name: pickler.stable(item) for name, item in value.items()}
    try:
        pickler.dump(value)
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError) as error:
        raise Undigestible(f"{type(value).__name__}: {error}") from None
    return sink.found.digest()


def _in_fixed_order(value: Any) -> Any:
    if isinstance(value, dict):
        return sorted(value.items(), key=lambda item: str(item[0]))
    if isinstance(value, list | tuple | set | frozenset):
        return sorted(value, key=lambda item: str(getattr(item, "source_path", item)))
    return value


def volatile_parts(obj: Any, group: str | None = None) -> list[Any]:
    """An object's changeable parts as it holds them (read without being noted): those of
    one group of `PARTS`, or all of them."""
    held = vars(obj)
    return [held.get(name) for name in PARTS.get(group or "", VOLATILE)]


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
    keys: dict[int, str],
    constants: dict[int, str],
    leave_out: Iterable[str],
) -> dict[str, bytes]:
    """Everything a page could read but the objects (their lasting parts are digested one by
    one, `lasting_digest`), each part by name: the settings, the environment, the packages,
    the files under PATH that are not sources of content, the theme and the code, and each
    value of the context. Named, so that a build can say what changed. Once the context is
    digested, each registry entry is added to `keys`, to stand for itself in the objects that
    hold it."""
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
    for name in REGISTRIES:  # digested once above: elsewhere each entry stands for itself
        for entry_key, entry in (context.get(name) or {}).items():
            keys.setdefault(id(entry), f"the context's {name}[{entry_key}]")
    return parts


def lasting_digest(obj: Any, keys: dict[int, str], constants: dict[int, str]) -> bytes:
    """The digest of an object's lasting parts, a part of the site's digest under its key."""
    return digest_of(lasting_parts(obj), keys, constants)


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
