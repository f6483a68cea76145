"""The submission window: the server's arrival time in the contest's zone, to the second."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from hub.clock import load_zone
from hub.config import IntakeConfig
from intake.findings import LATE, TOO_EARLY, Finding, Outcome, failed, passed
from intake.rules.window import check_window, closing_day, intake_closes, intake_opens

ALMATY = load_zone("Asia/Almaty")
# The shipped config's window, as wall-clock times, and the same window given as days.
BY_TIME = IntakeConfig(opens=datetime(2026, 3, 13, 0, 0), closes=datetime(2026, 4, 13, 23, 59, 59))
BY_DAY = IntakeConfig(opens=date(2026, 3, 13), closes=date(2026, 4, 13))


def utc(year: int, month: int, day: int, hour: int, minute: int, second: int) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


@pytest.mark.parametrize("config", [BY_TIME, BY_DAY], ids=["datetimes", "dates"])
@pytest.mark.parametrize(
    ("arrived", "expected"),
    [
        # Asia/Almaty is UTC+5 since March 2024: 18:59:59 UTC is 23:59:59 on the closing day.
        (utc(2026, 4, 13, 18, 59, 59), passed("window", "2026-04-13T23:59:59+05:00")),
        # A fraction of a second past it is still that second: IMAP counts whole seconds.
        (utc(2026, 4, 13, 18, 59, 59) + timedelta(microseconds=999_999),
         passed("window", "2026-04-13T23:59:59+05:00")),
        (utc(2026, 4, 13, 19, 0, 0), failed("window", LATE, "2026-04-14T00:00:00+05:00",
                                            fixable=False)),
        # Under the old UTC+6 this would be 00:30 on the 14th, and late.
        (utc(2026, 4, 13, 18, 30, 0), passed("window", "2026-04-13T23:30:00+05:00")),
        (utc(2026, 3, 12, 18, 59, 59), failed("window", TOO_EARLY, "2026-03-12T23:59:59+05:00",
                                              fixable=True)),
        (utc(2026, 3, 12, 19, 0, 0), passed("window", "2026-03-13T00:00:00+05:00")),
        (utc(2026, 3, 28, 6, 0, 0), passed("window", "2026-03-28T11:00:00+05:00")),
        (utc(2026, 5, 1, 0, 0, 0), failed("window", LATE, "2026-05-01T05:00:00+05:00",
                                          fixable=False)),
    ],
)
def test_the_window_to_the_second(config: IntakeConfig, arrived: datetime,
                                  expected: Finding) -> None:
    assert check_window(arrived, config, ALMATY) == [expected]


def test_an_arrival_given_in_another_offset_is_the_same_moment() -> None:
    moscow = timezone(timedelta(hours=3))
    arrived = datetime(2026, 4, 13, 21, 59, 59, tzinfo=moscow)
    assert check_window(arrived, BY_TIME, ALMATY) == [
        passed("window", "2026-04-13T23:59:59+05:00")
    ]
    late = datetime(2026, 4, 13, 22, 0, 0, tzinfo=moscow)
    assert check_window(late, BY_TIME, ALMATY)[0].code == LATE


def test_a_close_given_with_its_own_offset_is_taken_as_that_moment() -> None:
    # 18:00 UTC is 23:00 in Almaty: an arrival at 23:30 local is late.
    config = IntakeConfig(opens=date(2026, 3, 13), closes=utc(2026, 4, 13, 18, 0, 0))
    assert intake_closes(config, ALMATY) == datetime(2026, 4, 13, 23, 0, tzinfo=ALMATY)
    finding = check_window(utc(2026, 4, 13, 18, 30, 0), config, ALMATY)[0]
    assert (finding.outcome, finding.code) == (Outcome.FAIL, LATE)


def test_the_bounds_and_the_closing_day() -> None:
    for config in (BY_TIME, BY_DAY):
        assert intake_opens(config, ALMATY) == datetime(2026, 3, 13, 0, 0, 0, tzinfo=ALMATY)
        assert intake_closes(config, ALMATY) == datetime(2026, 4, 13, 23, 59, 59, tzinfo=ALMATY)
        assert closing_day(config, ALMATY) == date(2026, 4, 13)


def test_a_naive_arrival_is_a_bug_not_a_verdict() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        check_window(datetime(2026, 4, 1, 12, 0), BY_TIME, ALMATY)
