"""Window: the application arrived while intake was open (regulation 5.1 and 5.4).

The server's arrival time decides, read in the contest's zone. The config gives the
opening and the close as wall-clock times in that zone; a bare date opens at 00:00:00 and
closes at 23:59:59 of its day. IMAP arrival times count whole seconds, so the arrival is
cut to the second before comparing: both ends are inclusive.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from hub.clock import LAST_SECOND, contest_moment
from hub.config import IntakeConfig
from intake.findings import LATE, TOO_EARLY, Finding, failed, passed

RULE = "window"


def intake_opens(config: IntakeConfig, zone: tzinfo) -> datetime:
    """The first moment applications are accepted, aware, in `zone`."""
    return contest_moment(config.opens, zone)


def intake_closes(config: IntakeConfig, zone: tzinfo) -> datetime:
    """The last moment applications are accepted, aware, in `zone`."""
    return contest_moment(config.closes, zone, day_at=LAST_SECOND)


def closing_day(config: IntakeConfig, zone: tzinfo) -> date:
    """The calendar day, in the contest's zone, on which intake closes."""
    return intake_closes(config, zone).date()


def check_window(arrived_at: datetime, config: IntakeConfig, zone: tzinfo) -> list[Finding]:
    """Too early (fixable: send it again once intake opens), late (final), or on time."""
    if arrived_at.utcoffset() is None:
        raise ValueError(f"arrived_at must be timezone-aware, got {arrived_at!r}")
    local = arrived_at.astimezone(zone).replace(microsecond=0)
    detail = local.isoformat()
    if local < intake_opens(config, zone):
        return [failed(RULE, TOO_EARLY, detail, fixable=True)]
    if local > intake_closes(config, zone):
        return [failed(RULE, LATE, detail, fixable=False)]
    return [passed(RULE, detail)]
