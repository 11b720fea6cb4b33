"""The finished output as the archive sees it: every file, its address, type and digest.

Content types come from a fixed table rather than the machine's mime.types, which differs
between machines and would make the WARC differ too.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from urllib.parse import quote

from documents.formats import FORMATS as DOCUMENT_FORMATS

from .errors import PackagingError

CONTENT_TYPES = {
    # The documents a consultation may attach (ODT, DOCX, XLSX...), as the documents plugin
    # describes them; the site's own types below.
    **{extension: format.media_type for extension, format in DOCUMENT_FORMATS.items()},
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".txt": "text/plain; charset=utf-8",
    ".xml": "application/xml",
    ".opml": "text/x-opml; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".ico": "image/vnd.microsoft.icon",
    ".pdf": "application/pdf",
    ".csv": "text/csv; charset=utf-8",
    ".woff2": "font/woff2",
    ".wasm": "application/wasm",
}
SUFFIX_TYPES = {".atom.xml": "application/atom+xml", ".rss.xml": "application/rss+xml"}
FALLBACK_TYPE = "application/octet-stream"
INDEX = "index.html"


@dataclass(frozen=True)
class OutputFile:
    relative: str  # posts/2025/x/index.html, always with /
    path: str  # on disk
    url: str  # https://site/posts/2025/x/
    content_type: str
    sha256: str
    size: int

    @property
    def is_page(self) -> bool:
        return self.relative.endswith(".html")


def content_type(relative: str) -> str:
    for suffix, kind in SUFFIX_TYPES.items():
        if relative.endswith(suffix):
            return kind
    return CONTENT_TYPES.get(os.path.splitext(relative)[1].lower(), FALLBACK_TYPE)


def url_for(site_url: str, relative: str) -> str:
    """The clean address a file is served at: a folder's index.html is the folder."""
    if relative == INDEX:
        path = "/"
    elif relative.endswith("/" + INDEX):
        path = "/" + relative[: -len(INDEX)]
    else:
        path = "/" + relative
    return site_url + quote(path, safe="/~-._!$&'()*+,;=:@")


def sha256_of(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def output_files(output: str, site_url: str) -> list[OutputFile]:
    """Every file under `output`, sorted by path so every package lists them in one order."""
    if not os.path.isfile(os.path.join(output, INDEX)):
        raise PackagingError(f"{output} holds no finished build: run `make publish` first")
    found = []
    for root, dirs, names in os.walk(output):
        dirs.sort()
        for name in sorted(names):
            path = os.path.join(root, name)
            relative = os.path.relpath(path, output).replace(os.sep, "/")
            found.append(
                OutputFile(
                    relative=relative,
                    path=path,
                    url=url_for(site_url, relative),
                    content_type=content_type(relative),
                    sha256=sha256_of(path),
                    size=os.path.getsize(path),
                )
            )
    return sorted(found, key=lambda f: f.relative)
