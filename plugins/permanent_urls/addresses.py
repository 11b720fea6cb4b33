"""Output files and the URL paths people use for them.

A page written to `posts/2025/x/index.html` is published as `/posts/2025/x/`; any other file
keeps its own name (`/theme/css/dialogues.css`). Paths are kept exactly as the files are named,
not percent-encoded, so the committed list reads like the output folder.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from fnmatch import fnmatch

INDEX = "index.html"


def url_path_for(relative_file: str) -> str:
    """`posts/2025/x/index.html` → `/posts/2025/x/`; `404.html` → `/404.html`."""
    relative = relative_file.replace(os.sep, "/").lstrip("/")
    if relative == INDEX:
        return "/"
    if relative.endswith("/" + INDEX):
        return "/" + relative[: -len(INDEX)]
    return "/" + relative


def file_for(url_path: str) -> str:
    """The output file a URL path is served from: the inverse of :func:`url_path_for`."""
    relative = url_path.lstrip("/")
    return relative + INDEX if relative == "" or relative.endswith("/") else relative


def is_page(url_path: str) -> bool:
    """Only an HTML page can carry a redirect notice."""
    return url_path.endswith(("/", ".html"))


def ignored(url_path: str, patterns: Iterable[str]) -> bool:
    relative = url_path.lstrip("/")
    return any(fnmatch(relative, pattern) for pattern in patterns)


def url_paths_in(folder: str, ignore: Iterable[str] = ()) -> set[str]:
    """Every URL path the files under `folder` are published at, less the ignored ones."""
    patterns = list(ignore)
    found = set()
    for root, _dirs, files in os.walk(folder):
        for name in files:
            relative = os.path.relpath(os.path.join(root, name), folder)
            path = url_path_for(relative)
            if not ignored(path, patterns):
                found.add(path)
    return found
