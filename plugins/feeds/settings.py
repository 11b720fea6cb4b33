"""The feeds plugin's settings, merged over defaults and checked together.

Every mistake is reported at once with the setting's name, because a feed setting is usually
fixed in one sitting and a build that reports one problem at a time wastes that sitting.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

DEFAULTS: dict[str, Any] = {
    "FEEDS_PATH": "feeds",
    "FEEDS_MAX_ITEMS": 20,
    "FEEDS_COMMENTS_MAX_ITEMS": 50,
    "FEEDS_CLOSING_SOON_DAYS": 14,
    "FEEDS_DEVELOPMENT_URL": "http://127.0.0.1:8000",
    "FEEDS_ID_AUTHORITY": None,
    "FEEDS_ID_DATE": "2025-01-01",
    "FEEDS_SUBSCRIBE_SAVE_AS": "subscribe/index.html",
    "FEEDS_SUBSCRIBE_URL": None,
}

# RFC 4151: the authority is a domain name or an email address; the date is when it was held.
AUTHORITY = re.compile(r"^([a-z0-9-]+\.)+[a-z0-9-]+$|^[^@\s]+@([a-z0-9-]+\.)+[a-z0-9-]+$")
TAG_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
FEEDS_PATH = re.compile(r"^[a-z0-9_-]+(/[a-z0-9_-]+)*$")


class FeedSettingsError(ValueError):
    """One or more feed settings are wrong; the message names each one."""


@dataclass(frozen=True)
class FeedSettings:
    path: str  # the folder under the output holding every feed, e.g. "feeds"
    max_items: int
    comments_max_items: int
    closing_soon_days: int
    base_url: str  # absolute, no trailing slash: what every link in a feed starts with
    id_authority: str
    id_date: str
    subscribe_save_as: str
    subscribe_url: str


def _positive_int(name: str, value: Any, problems: list[str]) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        problems.append(f"{name} {value!r} must be a whole number of at least 1")
        return 1
    return value


def _http_url(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def feed_settings(settings: dict[str, Any]) -> FeedSettings:
    """The checked settings; raises FeedSettingsError listing every problem."""
    merged = {name: settings.get(name, default) for name, default in DEFAULTS.items()}
    problems: list[str] = []

    path = merged["FEEDS_PATH"]
    if not isinstance(path, str) or not FEEDS_PATH.match(path):
        problems.append(
            f"FEEDS_PATH {path!r} must be a relative folder of lowercase letters, digits, "
            "hyphens and slashes, such as 'feeds'"
        )
    max_items = _positive_int("FEEDS_MAX_ITEMS", merged["FEEDS_MAX_ITEMS"], problems)
    comments_max = _positive_int(
        "FEEDS_COMMENTS_MAX_ITEMS", merged["FEEDS_COMMENTS_MAX_ITEMS"], problems
    )
    closing = _positive_int("FEEDS_CLOSING_SOON_DAYS", merged["FEEDS_CLOSING_SOON_DAYS"], problems)

    # Feeds need absolute links; while previewing SITEURL is "" and the development URL is used.
    site_url = settings.get("FEED_DOMAIN") or settings.get("SITEURL") or ""
    development = merged["FEEDS_DEVELOPMENT_URL"]
    base = site_url or development
    if site_url and not _http_url(site_url):
        problems.append(
            f"FEED_DOMAIN or SITEURL {site_url!r} must be an absolute http or https URL "
            "for feeds to link to"
        )
    elif not site_url and not _http_url(development):
        problems.append(
            f"FEEDS_DEVELOPMENT_URL {development!r} must be an http or https URL, such as "
            "http://127.0.0.1:8000 (used while SITEURL is empty)"
        )
    base = str(base).rstrip("/")

    authority = merged["FEEDS_ID_AUTHORITY"] or urlsplit(base).hostname or ""
    if not isinstance(authority, str) or not AUTHORITY.match(authority):
        problems.append(
            f"FEEDS_ID_AUTHORITY {authority!r} must be a domain name you control, such as "
            "dialogues.example.gov.uk (it makes every feed id; never change it once published)"
        )
    id_date = merged["FEEDS_ID_DATE"]
    if not isinstance(id_date, str) or not TAG_DATE.match(id_date):
        problems.append(
            f"FEEDS_ID_DATE {id_date!r} must be a date such as 2025-01-01 on which the id "
            "authority was yours"
        )

    save_as = merged["FEEDS_SUBSCRIBE_SAVE_AS"]
    if not isinstance(save_as, str) or not save_as or save_as.startswith("/"):
        problems.append(
            f"FEEDS_SUBSCRIBE_SAVE_AS {save_as!r} must be a relative file path, "
            "such as subscribe/index.html"
        )
    subscribe_url = merged["FEEDS_SUBSCRIBE_URL"]
    if subscribe_url is None:
        subscribe_url = "subscribe/" + str(settings.get("INDEX_SUFFIX", "") or "")
    if not isinstance(subscribe_url, str):
        problems.append(f"FEEDS_SUBSCRIBE_URL {subscribe_url!r} must be text or None")

    if problems:
        raise FeedSettingsError("; ".join(problems))
    return FeedSettings(
        path=path,
        max_items=max_items,
        comments_max_items=comments_max,
        closing_soon_days=closing,
        base_url=base,
        id_authority=authority,
        id_date=id_date,
        subscribe_save_as=save_as,
        subscribe_url=subscribe_url,
    )
