"""Where the build keeps what it can reuse next time: rendered Markdown and comment bodies.

`BUILD_CACHE_PATH` (default `var/cache`, relative to the folder the build runs in; None turns
caching off) is the folder; the environment variable `DIALOGUES_CACHE_PATH` overrides it for
one build. Every cache in it is keyed by a digest of what was rendered and of the code that
rendered it, so deleting the folder only costs time.
"""

from __future__ import annotations

import os
from typing import Any, Final

DEFAULT_CACHE_PATH: Final = os.path.join("var", "cache")
CACHE_VARIABLE: Final = "DIALOGUES_CACHE_PATH"


def cache_folder(settings: dict[str, Any]) -> str | None:
    from_environment = os.environ.get(CACHE_VARIABLE, "").strip()
    if from_environment:
        return from_environment
    folder = settings.get("BUILD_CACHE_PATH", DEFAULT_CACHE_PATH)
    return str(folder) if folder else None
