"""Settings as text that is the same in every process and changes with them: what the
caches and the record of an unchanged build key on (BUILD_TIME left out: the clock is
judged by its window, clock_window.py)."""

from __future__ import annotations

import hashlib
import marshal
import re
from datetime import date, datetime
from pathlib import Path
from types import CodeType, FunctionType, ModuleType
from typing import Any

# Settings the record leaves out: the clock (judged by its window) and this plugin's own notes.
NOT_INPUTS = ("BUILD_TIME",)
PRIVATE_PREFIX = "_DIALOGUES_"
ADDRESS = re.compile(r" at 0x[0-9a-f]+")


def _canonical(value: Any, out: list[str], seen: set[int]) -> None:
    """A text for a settings value that is the same in every process, and changes with it."""
    if isinstance(value, str | bytes | int | float | bool | type(None) | datetime | date):
        out.append(f"{type(value).__name__}:{value!r}")
    elif isinstance(value, Path):
        out.append(f"path:{value}")
    elif id(value) in seen:
        out.append("<again>")
    elif isinstance(value, dict):
        seen.add(id(value))
        items = []
        for key, item in value.items():
            part: list[str] = []
            _canonical(key, part, seen)
            _canonical(item, part, seen)
            items.append("\x00".join(part))
        out.append("{" + "\x01".join(sorted(items)) + "}")
    elif isinstance(value, list | tuple):
        seen.add(id(value))
        out.append("[")
        for item in value:
            _canonical(item, out, seen)
        out.append("]")
    elif isinstance(value, set | frozenset):
        parts = []
        for item in value:
            part = []
            _canonical(item, part, seen)
            parts.append("\x00".join(part))
        out.append("set{" + "\x01".join(sorted(parts)) + "}")
    elif isinstance(value, ModuleType):
        out.append(f"module:{value.__name__}")
    elif isinstance(value, FunctionType):
        code = marshal.dumps(_without_names(value.__code__))
        out.append(
            f"function:{value.__module__}.{value.__qualname__}:{hashlib.sha256(code).hexdigest()}"
        )
    elif isinstance(value, type):
        out.append(f"class:{value.__module__}.{value.__qualname__}")
    else:
        out.append(f"{type(value).__qualname__}:{ADDRESS.sub('', repr(value))}")


def _without_names(code: CodeType) -> CodeType:
    return code.replace(co_filename="", co_firstlineno=1)


def settings_text(settings: dict[str, Any]) -> str:
    inputs = {
        key: value
        for key, value in settings.items()
        if key not in NOT_INPUTS and not key.startswith(PRIVATE_PREFIX)
    }
    out: list[str] = []
    _canonical(inputs, out, set())
    return "\x02".join(out)
