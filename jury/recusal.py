"""A juror released from a work (a conflict of interest), and the work passed on.

The juror's scores for that work are withdrawn, each with a line in the audit, so the
ranking no longer counts them and the protocol can say why. With
`jury.reviews_per_work`, the work goes at once to the free juror with the lightest load,
whose sheet with it is queued in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from hub.context import Context
from hub.models import Application, Assignment, AssignmentState, Juror, Score, ScoreChange
from jury.sheets import SheetReport, jury_of, send_sheets_in


class RecusalError(Exception):
    """The recusal names no work of this juror's (said to the organizer or the juror)."""


@dataclass
class Recused:
    number: str
    scores_withdrawn: int
    passed_on: SheetReport


def recuse(session: Session, context: Context, juror: Juror, number: str, *,
           note: str, now: datetime, inbound_id: int | None = None,
           message_id: str = "") -> Recused:
    application = session.exec(select(Application).where(Application.number == number)).first()
    if application is None:
        raise RecusalError(f"there is no application {number}")
    assignment = session.exec(select(Assignment).where(
        Assignment.juror_id == juror.id, Assignment.application_id == application.id)).first()
    if assignment is None:
        raise RecusalError(f"{number} is not on {juror.name}'s sheet")
    withdrawn = 0
    if assignment.state is not AssignmentState.RECUSED:
        assignment.state = AssignmentState.RECUSED
        assignment.recused_at = now
        assignment.recusal_note = note
        session.add(assignment)
        for score in session.exec(select(Score).where(
                Score.juror_id == juror.id, Score.application_id == application.id)).all():
            session.add(ScoreChange(
                juror_id=score.juror_id, application_id=score.application_id,
                criterion=score.criterion, old_value=score.value, new_value=None,
                changed_at=now, inbound_id=inbound_id, message_id=message_id,
                cause="recusal"))
            session.delete(score)
            withdrawn += 1
        session.flush()
    passed_on = SheetReport()
    if jury_of(context.config).reviews_per_work:
        passed_on = send_sheets_in(session, context)
    return Recused(number=number, scores_withdrawn=withdrawn, passed_on=passed_on)
