"""Time for baiqau: the one thing tests fake, and the contest's time zone.

Everything that asks "what time is it" goes through a `Clock`, so a test can stand
on the minute the intake closes without waiting for it. Every date the config gives
(intake.opens and closes, jury.opens and deadline) becomes a moment through
`contest_moment`, so that they are all read in the contest's zone the same way.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, time, timedelta, tzinfo
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


FIRST_SECOND = time(0, 0, 0)
LAST_SECOND = time(23, 59, 59)


def contest_moment(value: datetime | date, zone: tzinfo | str, *,
                   day_at: time = FIRST_SECOND) -> datetime:
    """A date or time from the config as a moment, aware, in the contest's `zone` (a zone or
    its name, as `contest.timezone` spells it).

    The config gives wall-clock times in the contest's zone: "2026-04-20T18:00" in Kokshetau
    is 13:00 UTC, whatever the server's own zone. A value with an offset names its moment
    itself and is only shown in the zone. A bare date is the moment `day_at` of that day:
    its first second for an opening, LAST_SECOND for a close, so that the whole day counts.
    """
    where = load_zone(zone) if isinstance(zone, str) else zone
    # `datetime` is a subclass of `date`, so it has to be told apart first.
    if not isinstance(value, datetime):
        return datetime.combine(value, day_at, tzinfo=where)
    if value.utcoffset() is None:
        return value.replace(tzinfo=where)
    return value.astimezone(where)


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
