"""Subscribers: an account with at least the configured number (5,000, regulation 3.4).

The form has no line for it, so the figure is the one the entrant declares; organizers
check it against the account. A figure below the minimum fails *fixably*: "4999" may be a
typo, and a final rejection for a typo cannot be undone by the entrant, while a wrong
figure mended by a reply is still checked by a person. The detail is "4999 < 5000".
With a minimum of 0 the rule asks for nothing.
"""

from __future__ import annotations

from intake.findings import FEW_SUBSCRIBERS, SUBSCRIBERS_MISSING, Finding, failed, passed

RULE = "subscribers"


def check_subscribers(declared: int | None, minimum: int) -> list[Finding]:
    """Missing, below the minimum (both fixable), or the declared figure."""
    if minimum <= 0:
        return [passed(RULE, "" if declared is None else str(declared))]
    if declared is None:
        return [failed(RULE, SUBSCRIBERS_MISSING)]
    if declared < minimum:
        return [failed(RULE, FEW_SUBSCRIBERS, f"{declared} < {minimum}", fixable=True)]
    return [passed(RULE, str(declared))]
