"""The archive's settings, read from the Pelican settings file, and its one clock.

Every date written into a package comes from SOURCE_DATE_EPOCH (reproducible-builds.org), so
the same output and epoch give the same bytes. Without it, the time of the repository's last
commit stands in, which is what the sources looked like when they were built.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

from pelican.settings import read_settings

from .errors import SettingsError

EPOCH_VARIABLE = "SOURCE_DATE_EPOCH"
ZIP_EARLIEST = datetime(1980, 1, 1, tzinfo=UTC)  # ZIP dates cannot be older


@dataclass(frozen=True)
class ArchiveSettings:
    name: str
    site_url: str
    title: str
    organisation: str
    contact_email: str | None
    moment: datetime

    @property
    def zip_moment(self) -> datetime:
        return max(self.moment, ZIP_EARLIEST)


def source_date_epoch(environ: dict[str, str] | None = None) -> datetime:
    variables = os.environ if environ is None else environ
    value = variables.get(EPOCH_VARIABLE, "").strip()
    if not value:
        try:
            value = subprocess.run(
                ["git", "log", "-1", "--format=%ct"],
                capture_output=True,
                text=True,
                check=True,
                timeout=30,
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            value = ""
        if not value:
            raise SettingsError(
                f"{EPOCH_VARIABLE} is not set and there is no git history to take it from: "
                "set it to the Unix time the packages should carry, "
                f"e.g. {EPOCH_VARIABLE}=$(date +%s)"
            )
    if not value.isdigit():
        raise SettingsError(f"{EPOCH_VARIABLE} '{value}' is not a Unix time in whole seconds")
    return datetime.fromtimestamp(int(value), UTC)


def archive_settings(settings_file: str, environ: dict[str, str] | None = None) -> ArchiveSettings:
    settings = read_settings(settings_file)
    site_url = str(settings.get("SITEURL") or "")
    host = urlsplit(site_url).hostname
    if not host:
        raise SettingsError(
            f"{settings_file}: SITEURL '{site_url}' is not an absolute URL; archives need the "
            "addresses the site is published at, so package the production build (publishconf.py)"
        )
    organisation = settings.get("ARCHIVE_ORGANISATION") or settings.get("SITE_OWNER")
    if not organisation:
        raise SettingsError(
            f"{settings_file}: set ARCHIVE_ORGANISATION (or SITE_OWNER) to the organisation the "
            "bag's bag-info.txt names as its source"
        )
    return ArchiveSettings(
        name=str(settings.get("ARCHIVE_NAME") or host),
        site_url=site_url.rstrip("/"),
        title=str(settings.get("SITENAME") or host),
        organisation=str(organisation),
        contact_email=settings.get("ARCHIVE_CONTACT_EMAIL"),
        moment=source_date_epoch(environ),
    )
