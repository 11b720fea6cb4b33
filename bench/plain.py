"""Settings for plain Pelican 4.12 on the benchmark's posts: the yardstick.

Pelican's defaults (its own theme, its own feeds, no plugins) with only what it needs to read
the same folder: the posts as articles, the pages as pages, the site's time zone, and the
same pagination as Dialogues, so both write listings of ten. No consultations, no comments.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

SETTINGS: Final = '''"""Plain Pelican on the benchmark's posts; written by bench/plain.py."""

SITENAME = "Plain Pelican benchmark"
SITEURL = "https://plain.example"
PATH = "content"
ARTICLE_PATHS = ["posts"]
PAGE_PATHS = ["pages"]
ARTICLE_EXCLUDES = ["consultations", "responses"]
PAGE_EXCLUDES = ["consultations", "responses", "posts"]
TIMEZONE = "Europe/London"
DEFAULT_LANG = "en"
DEFAULT_PAGINATION = 10
PLUGINS = []
LOAD_CONTENT_CACHE = False
CACHE_CONTENT = False
'''
FILE_NAME: Final = "pelicanconf-plain.py"


def write_settings(folder: Path) -> Path:
    path = folder / FILE_NAME
    path.write_text(SETTINGS, encoding="utf-8")
    return path
