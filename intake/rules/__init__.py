"""The eligibility checks: every rule of the regulation, run on one application.

Each rule is a small pure function in its own module that returns findings (pass, fail
with a reason code, or review); `check_application` runs the ones the contest's config
names (`[intake] rules`), in the order of `hub.intake_config.RULES`, and never stops at
the first failure, so the answer can list every problem at once. The status is then
`intake.findings.decide(findings)`.

`check_rules_config` is for start-up: it loads what the rules need from the config (the
zone, the region's gazetteer) and raises `ConfigError` on a mistake there, before the
first application arrives rather than while judging one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import tzinfo

from hub.clock import load_zone
from hub.config import ConfigError, IntakeConfig
from hub.intake_config import RULES
from intake.findings import Finding
from intake.rules.age import check_age
from intake.rules.duplicate import check_duplicate
from intake.rules.name import check_name
from intake.rules.organization import check_organization
from intake.rules.phone import check_phone
from intake.rules.position import check_position
from intake.rules.region import check_region, region_gazetteer
from intake.rules.same_organization import check_same_organization
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


@dataclass(frozen=True)
class _Case:
    """What a rule may look at: the application, the config's values, the contest's zone."""

    submission: Submission
    config: IntakeConfig
    zone: tzinfo


def _works(case: _Case) -> list[Finding]:
    config = case.config
    return check_works(case.submission.works, min_works=config.min_works,
                       max_works=config.max_works, max_bytes=config.max_attachment_bytes)


# Each rule by the name `[intake] rules` gives it; `hub.intake_config.RULES` is the order.
_RULES: dict[str, Callable[[_Case], list[Finding]]] = {
    "window": lambda case: check_window(case.submission.arrived_at, case.config, case.zone),
    "region": lambda case: check_region(case.submission.reading,
                                        region_gazetteer(case.config.region)),
    "name": lambda case: check_name(case.submission.reading.full_name),
    "position": lambda case: check_position(case.submission.reading.position),
    "organization": lambda case: check_organization(case.submission.reading.organization),
    "age": lambda case: check_age(case.submission.reading, case.config.min_age,
                                  case.config.max_age, closing_day(case.config, case.zone)),
    "phone": lambda case: check_phone(case.submission.reading.phone),
    "social_links": lambda case: check_social_links(case.submission.reading.social_links,
                                                    case.config.require_social_links),
    "subscribers": lambda case: check_subscribers(case.submission.reading.subscribers,
                                                  case.config.min_subscribers),
    "works": _works,
    "duplicate": lambda case: check_duplicate(case.submission.duplicate_of),
    "same_organization": lambda case: check_same_organization(
        case.submission.same_organization_as),
}
assert tuple(_RULES) == RULES, "intake's rules and hub.intake_config.RULES differ"


def check_application(
    submission: Submission, config: IntakeConfig, timezone: str
) -> list[Finding]:
    """Every finding of every rule the config names, in the order of the form."""
    case = _Case(submission, config, load_zone(timezone))
    return [finding for name, rule in _RULES.items() if config.has_rule(name)
            for finding in rule(case)]


def check_rules_config(config: IntakeConfig, timezone: str) -> None:
    """Raise `ConfigError` if the rules cannot run on this config; call it at start-up."""
    try:
        zone = load_zone(timezone)
    except ValueError as error:
        raise ConfigError(f"contest.timezone: {error}") from None
    if config.has_rule("region"):
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
