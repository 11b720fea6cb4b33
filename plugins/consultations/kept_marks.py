"""The "You said / We did" marking of each response, kept between builds.

Marking parses the response's HTML with BeautifulSoup: 0.16 s for the 200 responses of the
5,000-post benchmark, in every build, for text that rarely changes. The cache keeps, for a
digest of the HTML, the marked HTML and which of the two sections it has; the version is
the marking's code and BeautifulSoup's, so a change to either marks every response again.
"""

from __future__ import annotations

from typing import Any

from content_model.build_cache import CacheFile, cache_folder, code_version, digest

from . import responses
from .responses import mark_sections

FILE_NAME = "you-said-we-did.marshal"


class KeptMarks:
    def __init__(self, settings: dict[str, Any]) -> None:
        folder = cache_folder(settings)
        version = code_version(__file__, responses.__file__, packages=("beautifulsoup4",))
        self.file = CacheFile(folder, FILE_NAME, version) if folder else None

    def mark(self, html: str) -> tuple[str, set[str]]:
        """`mark_sections(html)`, from the cache when this very HTML was marked before."""
        if self.file is None:
            return mark_sections(html)
        key = digest(html)
        found = self.file.get(key)
        if found is not None:
            marked, kinds = found
            return marked, set(kinds)
        marked, kinds = mark_sections(html)
        self.file.put(key, (marked, sorted(kinds)))
        return marked, kinds

    def save(self) -> None:
        if self.file is not None:
            self.file.save()
