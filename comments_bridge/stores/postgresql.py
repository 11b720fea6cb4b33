"""The shared moderation database (`postgresql://...`): reserved, not built yet.

It will share the embedded store's schema (`schema.py`). Until then opening it checks
for the driver, so a missing extra is reported the same way it will be later, and
then says plainly that the adapter does not exist yet.
"""

from __future__ import annotations

import importlib

from comments_bridge.errors import BridgeError, MissingDriver
from comments_bridge.store import CommentStore


def open_postgresql(name: str) -> CommentStore:
    try:
        importlib.import_module("psycopg")
    except ImportError:
        raise MissingDriver(
            f"{name}: the PostgreSQL store needs the psycopg driver: "
            "pip install 'dialogues[postgresql]'"
        ) from None
    raise BridgeError(
        f"{name}: the PostgreSQL store is not implemented yet; use sqlite:///path for now"
    )
