"""Addresses worked out once per content object while the site is written.

Pelican recomputes a content object's `url` and `save_as` from its settings and metadata on
every access (a copy of the metadata, a relative path, a format string), and templates ask
for them over and over: 114,000 times for a site of 1,000 posts, a tenth of the build. Once
every generator has finished its context, nothing changes a page's slug, date, language or
status, so from Pelican's `get_writer` signal (the start of writing) to the next build's
`initialized` each object keeps the address it first gives. Overrides (`{attach}` files moved
beside the page that links them) are still looked up first, as Pelican does.
"""

from __future__ import annotations

from typing import Any

from pelican.contents import Content

_original = Content.get_url_setting
_writing = False
MEMO = "_dialogues_addresses"


def _get_url_setting(self: Any, key: str) -> str:
    if not _writing or hasattr(self, "override_" + key):
        return str(_original(self, key))
    memo = self.__dict__.get(MEMO)
    if memo is None:
        memo = self.__dict__[MEMO] = {}
    value = memo.get(key)
    if value is None:
        value = memo[key] = str(_original(self, key))
    return value


def start_writing(*_: Any) -> None:
    global _writing
    _writing = True


def start_build(*_: Any) -> None:
    """A new build in the same process: objects it makes are not yet final."""
    global _writing
    _writing = False


def install() -> None:
    Content.get_url_setting = _get_url_setting  # type: ignore[method-assign]
