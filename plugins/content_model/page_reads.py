"""Which content objects a page read the changeable parts of while it was rendered.

Between two builds of a site, most of what changes is the text of a few sources and the
comments of a few threads. Those parts of a content object (`VOLATILE`: its body and
summary, its comment section, a consultation's participation figures) are watched: a data
descriptor on the object's class notes the object, and which group of those parts (`PARTS`),
whenever anything reads one of them, be it a template, a template function or Pelican's own
`content` and `summary` properties, and then answers as the attribute or property would have.
Everything else about the site is digested as a whole (page_reuse.py), so a page that read
no watched part of an object cannot depend on that object's changeable parts.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

PARTS = {
    "text": ("_content", "_summary", "content", "summary", "get_content", "get_summary"),
    "comments": ("comments",),
    "participation": ("participation",),
}
"""The changeable parts in groups that are read apart: a list of posts reads their summaries
(worked out from the body) and never their comments, which cost far more to digest."""
WHOLE = "whole"
"""The group of a watched name in no group (a context value is watched whole)."""
VOLATILE = tuple(name for names in PARTS.values() for name in names)
"""The changeable parts of a content object, as attributes, properties or methods."""
_GROUP_OF = {name: group for group, names in PARTS.items() for name in names}

Read = tuple[int, str]
"""An object read (its id) and the group of its changeable parts that was read."""

_reading: set[Read] | None = None
"""The objects read by the page being rendered, with the group read; None when no page is."""


class _Watched:
    """One watched name on a class: notes the object, then answers as before."""

    def __init__(self, name: str, original: Any) -> None:
        self.name = name
        self.group = _GROUP_OF.get(name, WHOLE)
        self.original = original

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self if self.original is None else self.original
        if _reading is not None:
            _reading.add((id(instance), self.group))
        if self.name in instance.__dict__:
            return instance.__dict__[self.name]
        if self.original is None:
            raise AttributeError(
                f"{type(instance).__name__!r} object has no attribute {self.name!r}"
            )
        if hasattr(self.original, "__get__"):
            return self.original.__get__(instance, owner)
        return self.original

    def __set__(self, instance: Any, value: Any) -> None:
        if self.original is not None and hasattr(self.original, "__set__"):
            self.original.__set__(instance, value)
        else:
            instance.__dict__[self.name] = value

    def __delete__(self, instance: Any) -> None:
        del instance.__dict__[self.name]


def _class_attribute(cls: type, name: str) -> Any:
    for klass in cls.__mro__:
        if name in klass.__dict__:
            found = klass.__dict__[name]
            return found.original if isinstance(found, _Watched) else found
    return None


def watch(classes: Iterable[type], names: Iterable[str] = VOLATILE) -> None:
    """Watch `names` on each class (once; a class keeps its watch)."""
    for cls in classes:
        for name in names:
            if isinstance(cls.__dict__.get(name), _Watched):
                continue
            setattr(cls, name, _Watched(name, _class_attribute(cls, name)))


def note(obj: Any) -> None:
    """Note a read of `obj`'s changeable parts, every group, made earlier and kept (a memo of
    something worked out from them): whoever is handed the kept answer read them too."""
    if _reading is not None:
        _reading.update((id(obj), group) for group in PARTS)


def start_reading() -> None:
    global _reading
    _reading = set()


def stop_reading() -> set[Read]:
    """The objects whose changeable parts were read since start_reading, with each group read."""
    global _reading
    read, _reading = _reading or set(), None
    return read
