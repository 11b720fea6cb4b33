"""What packaging and verification may raise; the command line prints one line for each.

ArchiveError
├── SettingsError    a setting or SOURCE_DATE_EPOCH is missing or malformed
└── PackagingError   the output folder cannot be packaged (missing, empty, unreadable)
"""

from __future__ import annotations


class ArchiveError(Exception):
    """Something the person running `make archive` can fix; the message says what."""


class SettingsError(ArchiveError):
    pass


class PackagingError(ArchiveError):
    pass
