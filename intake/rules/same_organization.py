"""Same organization: one participant per organization (seed 000, general provisions 4).

The caller finds an earlier application, from another address and not rejected, whose
organization is the same body however it was written (`hub.organizations`). Whether
it really is the same body, and which of the two stands, is for a person to decide: a
review, never a failure. The detail is the other application's number and its
organization as that entrant wrote it: "A-0003 (Аппарат акима Алматинской области)".
"""

from __future__ import annotations

from intake.findings import SAME_ORGANIZATION, Finding, passed, review

RULE = "same_organization"


def check_same_organization(same_as: str | None) -> list[Finding]:
    """Review naming the other application, or pass when there is none."""
    if same_as:
        return [review(RULE, SAME_ORGANIZATION, same_as)]
    return [passed(RULE)]
