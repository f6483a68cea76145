"""Position: the participant's post (the press-secretary contest: «должность / лауазымы»).

The contest is for press officers, but who counts as one is the organizers' call (a PR
head, a press service chief, a spokesperson): any position written passes, and the
detail is the position as written. A missing one is fixable by a reply.
"""

from __future__ import annotations

from intake.findings import POSITION_MISSING, Finding, failed, passed

RULE = "position"


def check_position(position: str | None) -> list[Finding]:
    """Missing (fixable), or the position as written."""
    written = " ".join((position or "").split())
    if not written:
        return [failed(RULE, POSITION_MISSING)]
    return [passed(RULE, written)]
