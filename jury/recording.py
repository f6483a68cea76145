"""Writing a juror's scores: each one replaces that juror's earlier score for the same
criterion of the same work, and every change leaves its line in the audit.

A score equal to the one recorded changes nothing and writes no audit line, so a juror
who sends the same reply twice (or a mail system that delivers it twice) leaves one
trail. Values are kept as exact decimal text ("7.5").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlmodel import Session, select

from hub.models import Score, ScoreChange


@dataclass(frozen=True)
class Written:
    criterion: str
    old: str | None
    new: str

    @property
    def changed(self) -> bool:
        return self.old != self.new


def decimal_text(value: Decimal) -> str:
    """7.5 -> "7.5", 8 -> "8", 8.0 -> "8": one spelling per value, so equal is equal."""
    normal = value.normalize()
    return format(normal, "f") if normal != normal.to_integral_value() else str(int(normal))


def write_scores(session: Session, *, juror_id: int, application_id: int,
                 values: Mapping[str, Decimal], comment: str, now: datetime,
                 inbound_id: int | None, message_id: str) -> list[Written]:
    existing = {score.criterion: score for score in session.exec(
        select(Score).where(Score.juror_id == juror_id, Score.application_id == application_id)
    ).all()}
    written = []
    for criterion, value in values.items():
        text = decimal_text(value)
        score = existing.get(criterion)
        old = score.value if score is not None else None
        written.append(Written(criterion, old, text))
        if score is None:
            score = Score(juror_id=juror_id, application_id=application_id,
                          criterion=criterion, value=text, recorded_at=now)
        elif old == text and (not comment or comment == score.comment):
            continue
        if old != text:
            session.add(ScoreChange(juror_id=juror_id, application_id=application_id,
                                    criterion=criterion, old_value=old, new_value=text,
                                    changed_at=now, inbound_id=inbound_id,
                                    message_id=message_id, cause="reply"))
            score.value = text
            score.recorded_at = now
            score.inbound_id = inbound_id
            score.message_id = message_id
        if comment:
            score.comment = comment
        session.add(score)
    return written
