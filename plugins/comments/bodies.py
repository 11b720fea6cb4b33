"""Every comment body of a build in one string, so the writing processes can share it.

The writing processes are forked copies of the build (content_model/shared_writing.py), and
share its memory only until they touch it. CPython writes a reference count into every object
it reads, so a body kept as a string of its own is copied into each process that renders a
page near it: 90,000 bodies, 55 MiB at 5,000 posts, held twice. Kept as slices of one string,
read only when a page or feed is rendered, the bodies stay shared; each process makes only
the short-lived copies of the ones it writes.
"""

from __future__ import annotations


class BodyTexts:
    """Bodies added while threads are built, joined into one text once all are in."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self._text: str | None = None

    def add(self, body_html: str) -> tuple[int, int]:
        """Where this body will be in the text."""
        if self._text is not None:
            raise RuntimeError("bodies are added before the text is sealed")
        start = self._length
        self._parts.append(body_html)
        self._length += len(body_html)
        return start, self._length

    def seal(self) -> None:
        """Join the bodies; the separate strings can then be freed."""
        self._text = "".join(self._parts)
        self._parts = []

    def body(self, span: tuple[int, int]) -> str:
        if self._text is None:
            raise RuntimeError("comment bodies are read once every thread is built")
        return self._text[span[0] : span[1]]
