"""A cache file that is an SQLite table, for values a build asks for one by one.

`build_cache.CacheFile` loads its whole file into memory, and holds every new value until it
saves: right for values the build keeps using anyway. For values the build only asks for once
and then holds in another form (a source's reading, read_cache.py), that would mean 30 MiB of
bytes held through reading at 5,000 posts, and still taking room in the heap when the writing
processes fork, which is when the build's memory peaks. Here a value stays on disk until it is
asked for, and a new one goes to disk at once.

The same rules as `CacheFile`: a file of another version, or one that cannot be read, counts
as empty; `save` keeps only the entries this build asked for or added, in one transaction, so
a build that fails leaves the file as it was.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path

logger = logging.getLogger(__name__)

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS version (version TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS entry (key BLOB PRIMARY KEY, value BLOB NOT NULL)",
)


class CacheTable:
    """{digest: bytes} in the SQLite file `name` under `folder`, for one `version`."""

    def __init__(self, folder: str | Path, name: str, version: str) -> None:
        self.path = Path(folder) / name
        self.version = version
        self.used: set[bytes] = set()
        self.keys: set[bytes] = set()
        self.database: sqlite3.Connection | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._connect()
        except sqlite3.DatabaseError:  # not a database (a broken file): start it again
            self.close()
            try:
                self.path.unlink(missing_ok=True)
                self._connect()
            except (OSError, sqlite3.Error) as error:
                self._unusable(error)
        except (OSError, sqlite3.Error) as error:
            self._unusable(error)

    def _connect(self) -> None:
        # Readable by its owner only, as the other cache files: it holds embargoed sources.
        os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))
        self.database = sqlite3.connect(self.path)
        self._open()

    def _open(self) -> None:
        assert self.database is not None
        for statement in _SCHEMA:
            self.database.execute(statement)
        found = self.database.execute("SELECT version FROM version").fetchall()
        if found != [(self.version,)]:  # another version's entries, or a new file
            self.database.execute("DELETE FROM entry")
            self.database.execute("DELETE FROM version")
            self.database.execute("INSERT INTO version VALUES (?)", (self.version,))
        else:
            self.keys = {key for (key,) in self.database.execute("SELECT key FROM entry")}

    def _unusable(self, error: OSError | sqlite3.Error) -> None:
        """A cache that cannot be read or written only costs time: the build goes on."""
        logger.warning("cannot use the build cache %s (%s): reading every source", self.path, error)
        self.close()
        self.keys = set()

    def __contains__(self, key: bytes) -> bool:
        return key in self.keys

    def get(self, key: bytes) -> bytes | None:
        """The value, or None; asking counts as using it."""
        if key not in self.keys or self.database is None:
            return None
        self.used.add(key)
        try:
            found = self.database.execute("SELECT value FROM entry WHERE key = ?", (key,))
            row = found.fetchone()
        except sqlite3.Error as error:
            self._unusable(error)
            return None
        return None if row is None else bytes(row[0])

    def put(self, key: bytes, value: bytes) -> None:
        if self.database is None:
            return
        try:
            self.database.execute("INSERT OR REPLACE INTO entry VALUES (?, ?)", (key, value))
        except sqlite3.Error as error:
            self._unusable(error)
            return
        self.keys.add(key)
        self.used.add(key)

    def save(self) -> None:
        """Drop what this build did not use, commit, and close (before the writing forks)."""
        if self.database is None:
            return
        unused = [(key,) for key in self.keys - self.used]
        try:
            self.database.executemany("DELETE FROM entry WHERE key = ?", unused)
            self.database.commit()
        except sqlite3.Error as error:
            logger.warning("cannot save the build cache %s: %s", self.path, error)
        self.close()

    def close(self) -> None:
        if self.database is not None:
            self.database.close()  # without a commit, what this build wrote is rolled back
            self.database = None
