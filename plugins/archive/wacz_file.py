"""The WACZ (Web Archive Collection Zipped): the WARC, its CDXJ index and the pages list.

Made by py-wacz's own `create`, which stamps ZIP entries and datapackage.json with the wall
clock (the WARC's entry in local time) and names page lists with random ids; here its clock
reads SOURCE_DATE_EPOCH in UTC and the pages come with name-based ids, so the same WARC gives
the same WACZ whatever the time zone.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import time
import types
from collections.abc import Iterator
from datetime import UTC, datetime
from unittest import mock

import wacz.main
import wacz.waczindexer

from .settings import ArchiveSettings

logger = logging.getLogger(__name__)


@contextlib.contextmanager
def _clock_at(moment: datetime) -> Iterator[None]:
    fixed = tuple(moment.timetuple()[:6])

    class FrozenDateTime(datetime):
        @classmethod
        def now(cls, tz: object = None) -> FrozenDateTime:  # type: ignore[override]
            return cls.fromtimestamp(moment.timestamp(), UTC)

    frozen = types.SimpleNamespace(datetime=FrozenDateTime, UTC=UTC)
    zone = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"  # ZipInfo.from_file dates the WARC in local time
    time.tzset()
    try:
        with (
            mock.patch.object(wacz.main, "now", lambda: fixed),
            mock.patch.object(wacz.waczindexer, "now", lambda: fixed),
            mock.patch.object(wacz.waczindexer, "datetime", frozen),
        ):
            yield
    finally:
        if zone is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = zone
        time.tzset()


def write_wacz(path: str, warc: str, pages: str, settings: ArchiveSettings) -> None:
    """`wacz create` with our pages list; its chatter goes to the debug log."""
    stamp = settings.zip_moment.timestamp()
    os.chmod(warc, 0o644)
    os.utime(warc, (stamp, stamp))
    arguments = [
        "create",
        warc,
        "--output",
        path,
        "--pages",
        pages,
        "--hash-type",
        "sha256",
        "--title",
        settings.title,
        "--desc",
        f"The website {settings.title}, as published at {settings.site_url}/",
    ]
    chatter = io.StringIO()
    with _clock_at(settings.zip_moment), contextlib.redirect_stdout(chatter):
        status = wacz.main.main(arguments)
    logger.debug("wacz create: %s", chatter.getvalue())
    if status:
        raise RuntimeError(f"wacz create failed: {chatter.getvalue().strip()}")


def validate_wacz(path: str) -> tuple[bool, str]:
    """`wacz validate`: required files, the datapackage's frictionless schema, every hash."""
    chatter = io.StringIO()
    try:
        with contextlib.redirect_stdout(chatter):
            status = wacz.main.main(["validate", "--file", path])
    except Exception as error:  # a damaged ZIP raises from inside the validator
        return False, f"{type(error).__name__}: {error}"
    return status == 0, chatter.getvalue().strip().splitlines()[-1] if chatter.getvalue() else ""
