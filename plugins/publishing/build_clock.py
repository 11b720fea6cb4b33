"""The build clock: the one moment a build treats as "now" (publishing invariant 1).

It comes from the `BUILD_TIME` setting, overridden by the `DIALOGUES_BUILD_TIME` environment
variable so tests and CI can freeze it; without either it is the real time.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

ENVIRONMENT_VARIABLE = "DIALOGUES_BUILD_TIME"


class BuildClockError(ValueError):
    """The build clock setting or environment variable is not an ISO 8601 time."""


def _parse(value: str, source: str, zone: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise BuildClockError(
            f"{source} '{value}' is not an ISO 8601 time: write it as 2026-11-27T09:30:00Z"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(zone))
    return moment.astimezone(UTC)


def resolve_build_time(
    setting: object, zone: str, environ: Mapping[str, str] | None = None
) -> datetime:
    """The build clock as an aware UTC datetime."""
    variables = os.environ if environ is None else environ
    from_environment = variables.get(ENVIRONMENT_VARIABLE, "").strip()
    if from_environment:
        return _parse(from_environment, ENVIRONMENT_VARIABLE, zone)
    if setting is None or setting == "":
        return datetime.now(UTC)
    if isinstance(setting, datetime):
        if setting.tzinfo is None:
            setting = setting.replace(tzinfo=ZoneInfo(zone))
        return setting.astimezone(UTC)
    if isinstance(setting, str):
        return _parse(setting, "BUILD_TIME", zone)
    raise BuildClockError(f"BUILD_TIME must be an ISO 8601 string or a datetime, not {setting!r}")
