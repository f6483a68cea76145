"""The eligibility checks: every rule of the regulation, run on one application.

Each rule is a small pure function in its own module that returns findings (pass, fail
with a reason code, or review); `check_application` runs them all, in the order of the
form, and never stops at the first failure, so the answer can list every problem at once.
The status is then `intake.findings.decide(findings)`.

`check_rules_config` is for start-up: it loads what the rules need from the config (the
zone, the region's gazetteer) and raises `ConfigError` on a mistake there, before the
first application arrives rather than while judging one.
"""

from __future__ import annotations

from hub.clock import load_zone
from hub.config import ConfigError, IntakeConfig
from intake.findings import Finding
from intake.rules.age import check_age
from intake.rules.duplicate import check_duplicate
from intake.rules.name import check_name
from intake.rules.phone import check_phone
from intake.rules.region import check_region, region_gazetteer
from intake.rules.social import check_social_links
from intake.rules.submission import (
    MULTIMEDIA,
    PHOTO,
    SUPPORTED_KINDS,
    UNSUPPORTED,
    VIDEO,
    Submission,
    Work,
    WorkSummary,
)
from intake.rules.subscribers import check_subscribers
from intake.rules.summary import reason_codes, summarize
from intake.rules.window import check_window, closing_day, intake_closes, intake_opens
from intake.rules.works import check_works

__all__ = [
    "MULTIMEDIA",
    "PHOTO",
    "SUPPORTED_KINDS",
    "UNSUPPORTED",
    "VIDEO",
    "Submission",
    "Work",
    "WorkSummary",
    "check_application",
    "check_rules_config",
    "closing_day",
    "intake_closes",
    "intake_opens",
    "reason_codes",
    "summarize",
]


def check_application(
    submission: Submission, config: IntakeConfig, timezone: str
) -> list[Finding]:
    """Every finding of every rule on `submission`, in the order of the form."""
    zone = load_zone(timezone)
    gazetteer = region_gazetteer(config.region)
    reading = submission.reading
    return [
        *check_window(submission.arrived_at, config, zone),
        *check_region(reading, gazetteer),
        *check_name(reading.full_name),
        *check_age(reading, config.min_age, config.max_age, closing_day(config, zone)),
        *check_phone(reading.phone),
        *check_social_links(reading.social_links, config.require_social_links),
        *check_subscribers(reading.subscribers, config.min_subscribers),
        *check_works(
            submission.works,
            min_works=config.min_works,
            max_works=config.max_works,
            max_bytes=config.max_attachment_bytes,
        ),
        *check_duplicate(submission.duplicate_of),
    ]


def check_rules_config(config: IntakeConfig, timezone: str) -> None:
    """Raise `ConfigError` if the rules cannot run on this config; call it at start-up."""
    try:
        zone = load_zone(timezone)
    except ValueError as error:
        raise ConfigError(f"contest.timezone: {error}") from None
    region_gazetteer(config.region)
    if config.min_age > config.max_age:
        raise ConfigError(
            f"intake.min_age ({config.min_age}) is above intake.max_age ({config.max_age})"
        )
    if config.min_works > config.max_works:
        raise ConfigError(
            f"intake.min_works ({config.min_works}) is above intake.max_works "
            f"({config.max_works})"
        )
    if intake_opens(config, zone) > intake_closes(config, zone):
        raise ConfigError("intake.opens is after intake.closes")
