"""Where each juror stands: the works assigned, scored in full, and still owed.

A work is owed until the juror has a score for every criterion; a recused work is not
theirs any more. Reminders, `baiqau jury status` and the echo to a reply all count the
same way, from here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
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


@dataclass
class Standing:
    """One juror's sheet as recorded: the works assigned to them (accepted, not recused),
    and the criteria they scored per work. What is owed is worked out once and then kept
    up to date as scores are added (`add`): a reply's echo lists it, and a big contest's
    juror has 10,000 works to go through."""

    assigned: list[tuple[str, int]]  # (number, application id), in application order
    scored: dict[int, set[str]]  # application id -> criterion keys with a score
    numbers: frozenset[str] = frozenset()  # the assigned numbers, for look-ups
    _number_of: dict[int, str] = field(default_factory=dict)
    _owed: dict[str, list[str]] | None = None
    _owed_keys: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        self.numbers = frozenset(number for number, _ in self.assigned)
        self._number_of = {work_id: number for number, work_id in self.assigned}

    def owed(self, keys: Sequence[str]) -> dict[str, list[str]]:
        """Number -> the criteria still without a score, for each work still owed, in
        application order. The caller reads it and leaves it as it is."""
        if self._owed is None or self._owed_keys != tuple(keys):
            self._owed_keys = tuple(keys)
            self._owed = {}
            for number, work_id in self.assigned:
                scored = self.scored.get(work_id, set())
                missing = [key for key in keys if key not in scored]
                if missing:
                    self._owed[number] = missing
        return self._owed

    def add(self, application_id: int, criteria: Iterable[str]) -> None:
        """Scores for these criteria of the work were written."""
        scored = self.scored.setdefault(application_id, set())
        scored.update(criteria)
        number = self._number_of.get(application_id)
        if self._owed is None or number not in self._owed:
            return
        missing = [key for key in self._owed_keys if key not in scored]
        if missing:
            self._owed[number] = missing  # the same place: a work is owed in number order
        else:
            del self._owed[number]


def standing_of(session: Session, juror_id: int | None) -> Standing:
    assigned = session.exec(
        select(Application.number, Application.id)
        .join(Assignment, col(Assignment.application_id) == col(Application.id))
        .where(Assignment.juror_id == juror_id,
               Assignment.state == AssignmentState.ASSIGNED,
               Application.status == ApplicationStatus.ACCEPTED)
        .order_by(col(Application.id))
    ).all()
    scored: dict[int, set[str]] = {}
    for application_id, criterion in session.exec(
        select(Score.application_id, Score.criterion).where(Score.juror_id == juror_id)
    ).all():
        scored.setdefault(application_id, set()).add(criterion)
    return Standing([(number, work_id or 0) for number, work_id in assigned], scored)


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
        progress = progress_of(juror, standing_of(session, juror.id), keys)
        for outcome in session.exec(
            select(JuryReply.outcome).where(JuryReply.sender == juror.email)
        ).all():
            if outcome is ReplyOutcome.FORGED:
                progress.failed += 1
            elif outcome is ReplyOutcome.LATE:
                progress.late += 1
        result.append(progress)
    return result


def progress_of(juror: Juror, standing: Standing, keys: Sequence[str]) -> JurorProgress:
    """What is assigned and owed (the replies' counts, `failed` and `late`, left at 0)."""
    owed = standing.owed(keys)
    return JurorProgress(juror, assigned=[number for number, _ in standing.assigned],
                         left=list(owed), missing=owed)
