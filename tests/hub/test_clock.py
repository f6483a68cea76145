"""hub.clock.contest_moment: every date and time of the config read in the contest's zone.

The config's dates are wall-clock times where the contest is (Kokshetau, UTC+5 since
March 2024), whatever the server's own zone; a bare date is a whole day. Intake, the
jury's sheets, reminders and replies, the digest and the results all read them through
this one function, so a deadline cannot be an hour apart between two of them.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from hub.clock import FIRST_SECOND, LAST_SECOND, contest_moment, load_zone
from hub.jury_config import JuryConfig
from jury.reminders import deadline_of

ALMATY = "Asia/Almaty"


def test_a_naive_time_is_wall_clock_time_in_the_contests_zone() -> None:
    moment = contest_moment(datetime(2026, 4, 20, 18, 0), ALMATY)
    assert moment.utcoffset() == timedelta(hours=5)  # tzdata 2024a: one zone, UTC+5
    assert moment.astimezone(UTC) == datetime(2026, 4, 20, 13, 0, tzinfo=UTC)


def test_the_zone_may_be_given_by_name_or_as_a_zone() -> None:
    naive = datetime(2026, 4, 20, 18, 0)
    assert contest_moment(naive, ALMATY) == contest_moment(naive, load_zone(ALMATY))


def test_a_time_with_an_offset_keeps_its_moment_and_is_shown_in_the_zone() -> None:
    written = datetime(2026, 4, 20, 18, 0, tzinfo=timezone(timedelta(hours=3)))  # Moscow
    moment = contest_moment(written, ALMATY)
    assert moment == written
    assert (moment.hour, moment.utcoffset()) == (20, timedelta(hours=5))


def test_a_bare_date_is_its_first_second_or_its_last() -> None:
    day = date(2026, 4, 20)
    assert contest_moment(day, ALMATY) == datetime(2026, 4, 20, 0, 0, 0,
                                                   tzinfo=load_zone(ALMATY))
    assert contest_moment(day, ALMATY, day_at=FIRST_SECOND) == contest_moment(day, ALMATY)
    last = contest_moment(day, ALMATY, day_at=LAST_SECOND)
    assert last.astimezone(UTC) == datetime(2026, 4, 20, 18, 59, 59, tzinfo=UTC)


def test_the_zone_of_an_older_year_is_the_one_of_that_year() -> None:
    # Before March 2024 Kokshetau was UTC+6: a date of then is read with then's offset.
    assert contest_moment(datetime(2023, 6, 1, 12), ALMATY).utcoffset() == timedelta(hours=6)


def test_an_unknown_zone_is_refused_with_its_name() -> None:
    with pytest.raises(ValueError, match="Asia/Kokshetau"):
        contest_moment(datetime(2026, 4, 20), "Asia/Kokshetau")


def test_the_jurys_deadline_is_read_in_the_contests_zone() -> None:
    jury = JuryConfig.model_validate({
        "deadline": datetime(2026, 4, 20, 18, 0),
        "criteria": [{"key": "theme", "name": {"kk": "Тақырып"}}]})
    assert deadline_of(jury, ALMATY) == datetime(2026, 4, 20, 13, 0, tzinfo=UTC)
