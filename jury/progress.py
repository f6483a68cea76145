"""Where each juror stands: the works assigned, scored in full, and still owed.

A work is owed until the juror has a score for every criterion; a recused work is not
theirs any more. Reminders, `baiqau jury status` and the echo to a reply all count the
same way, from here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlmodel import Session, col, select

from hub.jury_config import JuryConfig
from hub.models import (
    Application,
    ApplicationStatus,
    Assignment,
    AssignmentState,
    Juror,
    JuryReply,
    ReplyOutcome,
    Score,
)


@dataclass
class JurorProgress:
    juror: Juror
    assigned: list[str] = field(default_factory=list)  # numbers, in order
    left: list[str] = field(default_factory=list)  # numbers still owed a score
    missing: dict[str, list[str]] = field(default_factory=dict)  # number -> criterion keys
    failed: int = 0  # replies from their address that proved nothing (forged, no token)
    late: int = 0  # replies after the deadline

    @property
    def scored(self) -> int:
        return len(self.assigned) - len(self.left)

    def as_dict(self) -> dict[str, object]:
        return {
            "juror": self.juror.email, "name": self.juror.name,
            "assigned": len(self.assigned), "scored": self.scored, "left": len(self.left),
            "failed": self.failed, "late": self.late,
            "assigned_numbers": list(self.assigned), "left_numbers": list(self.left),
        }


def jury_progress(session: Session, jury: JuryConfig,
                  jurors: Sequence[Juror] | None = None) -> list[JurorProgress]:
    """Each active juror's progress (or of `jurors`), in config order."""
    if jurors is None:
        order = {juror.email.lower(): index for index, juror in enumerate(jury.jurors)}
        rows = session.exec(select(Juror).where(col(Juror.active).is_(True))).all()
        jurors = sorted(rows, key=lambda juror: order.get(juror.email, len(order)))
    keys = [criterion.key for criterion in jury.criteria]
    result = []
    for juror in jurors:
        progress = JurorProgress(juror)
        assigned = session.exec(
            select(Application.number, Application.id)
            .join(Assignment, col(Assignment.application_id) == col(Application.id))
            .where(Assignment.juror_id == juror.id,
                   Assignment.state == AssignmentState.ASSIGNED,
                   Application.status == ApplicationStatus.ACCEPTED)
            .order_by(col(Application.id))
        ).all()
        scored: dict[int, set[str]] = {}
        for application_id, criterion in session.exec(
            select(Score.application_id, Score.criterion).where(Score.juror_id == juror.id)
        ).all():
            scored.setdefault(application_id, set()).add(criterion)
        for number, work_id in assigned:
            progress.assigned.append(number)
            missing = [key for key in keys if key not in scored.get(work_id or 0, set())]
            if missing:
                progress.left.append(number)
                progress.missing[number] = missing
        for outcome in session.exec(
            select(JuryReply.outcome).where(JuryReply.sender == juror.email)
        ).all():
            if outcome is ReplyOutcome.FORGED:
                progress.failed += 1
            elif outcome is ReplyOutcome.LATE:
                progress.late += 1
        result.append(progress)
    return result
