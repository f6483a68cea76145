"""Time for baiqau: the one thing tests fake, and the contest's time zone.

Everything that asks "what time is it" goes through a `Clock`, so a test can stand
on the minute the intake closes without waiting for it.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from functools import cache
from importlib import resources
from typing import Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# For the subprocess tests (crash and restart): the service started with this variable
# believes it is that moment, then lets time run on from there.
FAKE_NOW_ENV = "BAIQAU_FAKE_NOW"


class Clock(Protocol):
    def now(self) -> datetime:
        """The current moment, timezone-aware, in UTC."""


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class ShiftedClock:
    """The system clock moved to start at a given moment; time runs on from there."""

    def __init__(self, start: datetime) -> None:
        self._offset = start - datetime.now(UTC)

    def now(self) -> datetime:
        return datetime.now(UTC) + self._offset


class FakeClock:
    """A clock that moves only when told to: for tests."""

    def __init__(self, start: datetime) -> None:
        self._now = start.astimezone(UTC)

    def now(self) -> datetime:
        return self._now

    def advance(self, delta: timedelta) -> None:
        self._now += delta

    def set(self, moment: datetime) -> None:
        self._now = moment.astimezone(UTC)


def default_clock() -> Clock:
    fake = os.environ.get(FAKE_NOW_ENV)
    if fake:
        start = datetime.fromisoformat(fake)
        if start.tzinfo is None:
            start = start.replace(tzinfo=UTC)
        return ShiftedClock(start)
    return SystemClock()


@cache
def load_zone(name: str) -> ZoneInfo:
    """The zone from the `tzdata` package baiqau pins, not the host's copy.

    Kazakhstan moved to a single UTC+5 on 1 March 2024 (tzdata 2024a); a Debian host
    with older zone files would put Akmola region an hour off and misjudge the minute
    the intake closes. The pinned package is known to have it; the host is a fallback.
    """
    try:
        with resources.files("tzdata.zoneinfo").joinpath(*name.split("/")).open("rb") as data:
            return ZoneInfo.from_file(data, key=name)
    except (FileNotFoundError, ModuleNotFoundError, IsADirectoryError, ValueError):
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {name!r}") from None
