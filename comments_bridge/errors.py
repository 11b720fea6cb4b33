"""Every error the bridge raises, so callers know what each layer may throw.

    BridgeError                 anything the bridge reports on purpose
    ├── StoreURLError           the store URL is malformed or names an unknown scheme
    ├── StoreUnavailable        the store cannot be reached or opened (file missing,
    │   │                       server down, connection refused, endpoint disabled)
    │   └── StaleSnapshot       ... and the snapshot to fall back on is too old or absent
    ├── StoreDataError          the store answered with bad data (invalid JSON, wrong
    │                           format or version, missing field, bad date, unknown status);
    │                           the message names the file or URL and the comment
    ├── MissingDriver           an optional driver is not installed; names the pip extra
    ├── NotFound                no comment has that id
    └── ReadOnlyStore           moderation was asked of a store the bridge only reads

The build treats `StoreUnavailable` as an outage (and may fall back on a snapshot);
every other error means the data or the set-up is wrong and must fail the build.
The command line maps them to exit codes (see `cli.py`).
"""

from __future__ import annotations


class BridgeError(Exception):
    """Base class: a problem the bridge explains in one readable line."""


class StoreURLError(BridgeError):
    """The store URL cannot be understood."""


class StoreUnavailable(BridgeError):
    """The store exists in the settings but cannot be read right now."""


class StaleSnapshot(StoreUnavailable):
    """The store is down and no snapshot young enough can stand in for it."""


class StoreDataError(BridgeError):
    """The store answered, but with data the bridge will not publish."""


class MissingDriver(BridgeError):
    """An optional database driver is not installed."""


class NotFound(BridgeError):
    """No comment with the given id."""


class ReadOnlyStore(BridgeError):
    """The store is read here; moderation happens elsewhere."""
