"""Read a Markdown source's `Key: value` front matter with the line each key is on.

Python-Markdown's meta extension throws line numbers away; error messages need them.
The rules follow that extension: keys start the file (after an optional `---` line),
indented lines continue the previous value, and the first blank line ends the block.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from .published_files import Identity, identity

KEY_LINE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)$")
CONTINUATION_LINE = re.compile(r"^[ ]{4,}(?P<value>.*)$")
FENCE_LINE = re.compile(r"^(-{3}|\.{3})\s*$")


@dataclass(frozen=True)
class Field:
    """One front-matter entry: the key as written, its value and the line it starts on."""

    key: str
    value: str
    line: int

    @property
    def name(self) -> str:
        return self.key.lower()


@dataclass(frozen=True)
class FrontMatter:
    fields: list[Field]
    stray_lines: list[tuple[int, str]]  # lines inside the block that are not `Key: value`
    end_line: int  # the last line of the block (0 when there is none)

    def first(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)

    def all(self, name: str) -> list[Field]:
        return [f for f in self.fields if f.name == name]


def read_front_matter(text: str) -> FrontMatter:
    lines = text.splitlines()
    fields: list[Field] = []
    stray: list[tuple[int, str]] = []
    index = 0
    if lines and FENCE_LINE.match(lines[0]) and lines[0].startswith("---"):
        index = 1
    end_line = index
    while index < len(lines):
        line = lines[index]
        number = index + 1
        if not line.strip() or (FENCE_LINE.match(line) and index > 0):
            break
        key_match = KEY_LINE.match(line)
        more_match = CONTINUATION_LINE.match(line)
        if key_match:
            fields.append(Field(key_match["key"], key_match["value"].strip(), number))
        elif more_match and fields:
            last = fields[-1]
            joined = f"{last.value}\n{more_match['value'].strip()}".strip()
            fields[-1] = Field(last.key, joined, last.line)
        else:
            stray.append((number, line))
        end_line = number
        index += 1
    return FrontMatter(fields, stray, end_line)


_READ: dict[str, tuple[Identity, FrontMatter]] = {}


def source_front_matter(path: str) -> FrontMatter:
    """The front matter of the source at `path`, read once for each version of the file: a
    build asks for a source's again for every link to it and for its translations (at 5,000
    posts, 13,000 reads). A version is the file's size, time and inode."""
    found = _READ.get(path)
    if found is None or found[0] != identity(os.stat(path)):
        return read_source(path)[1]
    return found[1]


def read_source(path: str) -> tuple[str, FrontMatter]:
    """A source's text and its front matter, which later asks take from memory. Read as
    Pelican reads it: past a byte-order mark, which some editors put before the first line."""
    with open(path, encoding="utf-8-sig") as handle:
        stamp = identity(os.fstat(handle.fileno()))
        text = handle.read()
    front_matter = read_front_matter(text)
    _READ[path] = (stamp, front_matter)
    return text, front_matter


def remember_front_matter(path: str, stamp: Identity, front_matter: FrontMatter) -> None:
    """A source's front matter known without reading the file (its reading was kept,
    read_cache.py): `stamp` is the file's identity when its text was read."""
    _READ[path] = (stamp, front_matter)


def forget_sources(*_: object) -> None:
    """At the start of each build (what an earlier one read is not kept), and once every
    source is read (the writing processes do not each hold a copy)."""
    _READ.clear()
