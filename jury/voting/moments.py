"""When voting opens and closes, as moments (config.toml gives them on the contest's clock),
and the day a vote is counted on."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from hub.clock import load_zone
from hub.config import Config
from hub.voting_config import VotingConfig


def _aware(moment: datetime, timezone: str) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=load_zone(timezone))


def opens_at(voting: VotingConfig, timezone: str) -> datetime:
    return _aware(voting.opens, timezone)


def closes_at(voting: VotingConfig, timezone: str) -> datetime:
    return _aware(voting.closes, timezone)


def reminder_at(voting: VotingConfig, timezone: str) -> datetime:
    return closes_at(voting, timezone) - timedelta(hours=voting.remind_before_hours)


def is_open(config: Config, now: datetime) -> bool:
    voting = config.voting
    if voting is None:
        return False
    zone = config.contest.timezone
    return opens_at(voting, zone) <= now < closes_at(voting, zone)


def contest_day(moment: datetime, timezone: str) -> date:
    """The day on the contest's clock: a vote keeps only this of its arrival."""
    return moment.astimezone(load_zone(timezone)).date()
