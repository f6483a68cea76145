"""Duplicate: one application per person (regulation 3.3).

The caller finds another application by the same person (same phone, or same name and
birth year, from another address); which one stands is for a person to decide, so this is
a review, never a failure. The detail is the other application's number.
"""

from __future__ import annotations

from intake.findings import DUPLICATE_APPLICATION, Finding, passed, review

RULE = "duplicate"


def check_duplicate(duplicate_of: str | None) -> list[Finding]:
    """Review naming the other application, or pass when there is none."""
    if duplicate_of:
        return [review(RULE, DUPLICATE_APPLICATION, duplicate_of)]
    return [passed(RULE)]
