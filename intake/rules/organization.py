"""Organization: where the participant works (the press-secretary contest: «организация /
ұйым»), which the one-participant-per-organization rule compares.

Any name written passes, and the detail is the name as written; a missing one is fixable
by a reply.
"""

from __future__ import annotations

from intake.findings import ORGANIZATION_MISSING, Finding, failed, passed

RULE = "organization"


def check_organization(organization: str | None) -> list[Finding]:
    """Missing (fixable), or the organization as written."""
    written = " ".join((organization or "").split())
    if not written:
        return [failed(RULE, ORGANIZATION_MISSING)]
    return [passed(RULE, written)]
