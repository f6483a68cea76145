"""What the eligibility checks say about an application, and the status decided from it.

Every rule gives a `Finding`: it passed, it failed (with a stable reason code from
DESIGN.md that the entrant is told in their language), or a person must look
(`review`). A failure is `fixable` when the entrant can mend it by replying (a missing
field, a missing work); one that no reply can mend (too old, outside the region,
arrived after the close) rejects the application. The status is decided once, from
all findings together, never from the first one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from hub.states import ApplicationStatus


class Outcome(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    REVIEW = "review"


# The status is stored on the application row; its enum is the models' (hub.states).
Status = ApplicationStatus


# Reason codes are part of baiqau's interface (exports, emails, tests): add, never rename.
LATE = "late"
TOO_EARLY = "too_early"
TOO_YOUNG = "too_young"
TOO_OLD = "too_old"
AGE_UNCLEAR = "age_unclear"
BIRTH_YEAR_MISSING = "birth_year_missing"
OUTSIDE_REGION = "outside_region"
REGION_UNCLEAR = "region_unclear"
SETTLEMENT_MISSING = "settlement_missing"
NAME_MISSING = "name_missing"
PHONE_MISSING = "phone_missing"
PHONE_INVALID = "phone_invalid"
SOCIAL_LINKS_MISSING = "social_links_missing"
SUBSCRIBERS_MISSING = "subscribers_missing"
FEW_SUBSCRIBERS = "few_subscribers"
NO_WORKS = "no_works"
TOO_MANY_WORKS = "too_many_works"
ATTACHMENT_TOO_LARGE = "attachment_too_large"
UNSUPPORTED_FORMAT = "unsupported_format"
DUPLICATE_APPLICATION = "duplicate_application"
# The press-secretary contest's form (seed 000): a participant's position and organization,
# and one participant per organization.
POSITION_MISSING = "position_missing"
ORGANIZATION_MISSING = "organization_missing"
SAME_ORGANIZATION = "same_organization"

REASON_CODES = (
    LATE, TOO_EARLY, TOO_YOUNG, TOO_OLD, AGE_UNCLEAR, BIRTH_YEAR_MISSING, OUTSIDE_REGION,
    REGION_UNCLEAR, SETTLEMENT_MISSING, NAME_MISSING, PHONE_MISSING, PHONE_INVALID,
    SOCIAL_LINKS_MISSING, SUBSCRIBERS_MISSING, FEW_SUBSCRIBERS, NO_WORKS, TOO_MANY_WORKS,
    ATTACHMENT_TOO_LARGE, UNSUPPORTED_FORMAT, DUPLICATE_APPLICATION, POSITION_MISSING,
    ORGANIZATION_MISSING, SAME_ORGANIZATION,
)


@dataclass(frozen=True)
class Finding:
    rule: str  # the check that made it: "age", "region", ...
    outcome: Outcome
    code: str = ""  # a reason code when the outcome is not PASS
    detail: str = ""  # what was read, for the entrant and the organizers ("born 1989")
    fixable: bool = True  # for FAIL: can a reply from the entrant mend it?


def passed(rule: str, detail: str = "") -> Finding:
    return Finding(rule, Outcome.PASS, detail=detail)


def failed(rule: str, code: str, detail: str = "", *, fixable: bool = True) -> Finding:
    return Finding(rule, Outcome.FAIL, code, detail, fixable)


def review(rule: str, code: str, detail: str = "") -> Finding:
    return Finding(rule, Outcome.REVIEW, code, detail)


def decide(findings: Iterable[Finding]) -> Status:
    """Rejected beats needs-fix beats review beats accepted."""
    found = list(findings)
    if any(f.outcome is Outcome.FAIL and not f.fixable for f in found):
        return Status.REJECTED
    if any(f.outcome is Outcome.FAIL for f in found):
        return Status.NEEDS_FIX
    if any(f.outcome is Outcome.REVIEW for f in found):
        return Status.REVIEW
    return Status.ACCEPTED
