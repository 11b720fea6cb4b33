"""Store adapters, opened by URL.

    sqlite:///relative/path.db    the embedded store (sqlite:////absolute/path.db)
    json:///path/export.json      an interchange file, read-only
    isso+http://host:port         a running Isso server (isso+https:// too)
    isso+sqlite:///path/isso.db   Isso's database file, read-only
    postgresql://host:port/db     the shared moderation database (needs psycopg); also
                                  user:password@host, postgresql:///db?host=/socket/dir
                                  and the standard PG* environment variables
    memory://                     an empty store in memory, for trials

Optional drivers are imported when their store is opened, never at import time.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Final

from comments_bridge.errors import StoreURLError
from comments_bridge.store import CommentStore
from comments_bridge.stores.isso_http import IssoHttpStore
from comments_bridge.stores.isso_sqlite import IssoSqliteStore
from comments_bridge.stores.json_file import JsonFileStore
from comments_bridge.stores.memory import MemoryStore
from comments_bridge.stores.postgresql import PostgresqlStore, open_postgresql
from comments_bridge.stores.sqlite import SqliteStore

ENVIRONMENT_VARIABLE: Final = "DIALOGUES_COMMENTS_STORE"
DEFAULT_URL: Final = "sqlite:///var/comments.db"
ACCEPTED: Final = (
    "sqlite:///path, json:///path, isso+http://host:port, isso+https://host, "
    "isso+sqlite:///path, postgresql://host/database, memory://"
)

__all__ = [
    "ACCEPTED",
    "DEFAULT_URL",
    "ENVIRONMENT_VARIABLE",
    "IssoHttpStore",
    "IssoSqliteStore",
    "JsonFileStore",
    "MemoryStore",
    "PostgresqlStore",
    "SqliteStore",
    "configured_url",
    "open_store",
]


def configured_url(setting: str | None = None) -> str:
    """The store to use: the environment variable, else the setting, else the default."""
    return os.environ.get(ENVIRONMENT_VARIABLE) or setting or DEFAULT_URL


def open_store(url: str, *, create: bool = False) -> CommentStore:
    """Open the store a URL names. Only `create=True` may make a new embedded store:
    reading for a build must find an existing one."""
    scheme, separator, rest = url.partition("://")
    scheme = scheme.lower()
    opener = _OPENERS.get(scheme)
    if not separator or opener is None:
        raise StoreURLError(f"unknown comment store URL {url!r}; expected one of: {ACCEPTED}")
    return opener(url, scheme, rest, create)


def _file_path(url: str, scheme: str, rest: str) -> str:
    if not rest.startswith("/"):
        raise StoreURLError(
            f"{url!r}: a file URL has three slashes: {scheme}:///relative/path "
            f"or {scheme}:////absolute/path"
        )
    path = rest[1:]
    if not path:
        raise StoreURLError(f"{url!r} names no file")
    return path


def _sqlite(url: str, scheme: str, rest: str, create: bool) -> CommentStore:
    return SqliteStore.open(_file_path(url, scheme, rest), create=create)


def _json(url: str, scheme: str, rest: str, create: bool) -> CommentStore:
    return JsonFileStore.open(_file_path(url, scheme, rest))


def _isso_sqlite(url: str, scheme: str, rest: str, create: bool) -> CommentStore:
    return IssoSqliteStore.open(_file_path(url, scheme, rest))


def _isso_http(url: str, scheme: str, rest: str, create: bool) -> CommentStore:
    base = url[len("isso+") :]
    try:
        return IssoHttpStore(base)
    except ValueError:
        raise StoreURLError(f"{url!r}: expected {scheme}://host:port") from None


def _postgresql(url: str, scheme: str, rest: str, create: bool) -> CommentStore:
    return open_postgresql(url, create=create)


def _memory(url: str, scheme: str, rest: str, create: bool) -> CommentStore:
    return MemoryStore()


_OPENERS: Final[dict[str, Callable[[str, str, str, bool], CommentStore]]] = {
    "sqlite": _sqlite,
    "json": _json,
    "isso+http": _isso_http,
    "isso+https": _isso_http,
    "isso+sqlite": _isso_sqlite,
    "postgresql": _postgresql,
    "postgres": _postgresql,
    "memory": _memory,
}
