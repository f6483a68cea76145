"""Writing a juror's scores: each one replaces that juror's earlier score for the same
criterion of the same work, and every change leaves its line in the audit.

A score equal to the one recorded changes nothing and writes no audit line, so a juror
who sends the same reply twice (or a mail system that delivers it twice) leaves one
trail. Values are kept as exact decimal text ("7.5").

A reply carries up to hundreds of works, so its scores are written together: the juror's
current scores for the reply's works read in one query, then the new scores, the changed
ones and the audit lines each written by one statement run for many rows. Going through
the ORM a work at a time took 1,100 statements and 4 ms a work (bench/judging.py). The
statements run on the session's own connection, so they belong to its transaction (and to
the savepoint a message is handled in on the careful path) like any flush.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Table, bindparam, insert, inspect, select, update
from sqlmodel import Session

from hub.models import Score, ScoreChange

# Works whose current scores are asked in one query: well under any driver's limit of
# bound parameters (SQLite's was 999 before 3.32).
CHUNK = 500


@dataclass(frozen=True)
class Written:
    criterion: str
    old: str | None
    new: str

    @property
    def changed(self) -> bool:
        return self.old != self.new


@dataclass(frozen=True)
class WorkValues:
    """What a reply says of one work: its scores by criterion key, and the comment."""

    application_id: int
    values: Mapping[str, Decimal]
    comment: str = ""


@dataclass
class _Current:
    """A score as recorded, and what this reply changes of it."""

    id: int | None  # None: new in this reply
    value: str
    comment: str
    value_changed: bool = False  # the value, and with it when and by which message
    comment_changed: bool = False


def decimal_text(value: Decimal) -> str:
    """7.5 -> "7.5", 8 -> "8", 8.0 -> "8": one spelling per value, so equal is equal."""
    normal = value.normalize()
    return format(normal, "f") if normal != normal.to_integral_value() else str(int(normal))


def _table(model: type[Score] | type[ScoreChange]) -> Table:
    table = inspect(model).local_table
    assert isinstance(table, Table)
    return table


SCORES = _table(Score)
CHANGES = _table(ScoreChange)


def write_scores(session: Session, *, juror_id: int, works: Sequence[WorkValues],
                 now: datetime, inbound_id: int | None,
                 message_id: str) -> list[list[Written]]:
    """Write one reply's scores for `works`; what was written, a list per work.

    Pending ORM changes are flushed first, so that the scores read here are the ones a
    recusal earlier in the same reply left."""
    session.flush()
    current = _current(session, juror_id, [work.application_id for work in works])
    changes: list[dict[str, Any]] = []
    result = []
    for work in works:
        written = []
        for criterion, value in work.values.items():
            text = decimal_text(value)
            key = (work.application_id, criterion)
            score = current.get(key)
            old = score.value if score is not None else None
            written.append(Written(criterion, old, text))
            if score is None:
                score = current[key] = _Current(None, text, "")
            elif old == text and (not work.comment or work.comment == score.comment):
                continue
            if old != text:
                changes.append({
                    "juror_id": juror_id, "application_id": work.application_id,
                    "criterion": criterion, "old_value": old, "new_value": text,
                    "changed_at": now, "inbound_id": inbound_id, "message_id": message_id,
                    "cause": "reply"})
                score.value, score.value_changed = text, True
            if work.comment:
                score.comment, score.comment_changed = work.comment, True
        result.append(written)
    _write(session, juror_id, current, now, inbound_id, message_id)
    if changes:
        session.connection().execute(insert(CHANGES), changes)
    return result


def _write(session: Session, juror_id: int, current: dict[tuple[int, str], _Current],
           now: datetime, inbound_id: int | None, message_id: str) -> None:
    """The new scores inserted, the changed ones updated: a statement for each kind."""
    connection = session.connection()
    new = [{"juror_id": juror_id, "application_id": application_id, "criterion": criterion,
            "value": score.value, "comment": score.comment, "recorded_at": now,
            "inbound_id": inbound_id, "message_id": message_id}
           for (application_id, criterion), score in current.items() if score.id is None]
    if new:
        connection.execute(insert(SCORES), new)
    # A new value says when and by which message it was set; a new comment alone does not.
    values = [{"score_id": score.id, "new_value": score.value, "new_comment": score.comment}
              for score in current.values() if score.id is not None and score.value_changed]
    if values:
        connection.execute(
            update(SCORES).where(SCORES.c.id == bindparam("score_id")).values(
                value=bindparam("new_value"), comment=bindparam("new_comment"),
                recorded_at=now, inbound_id=inbound_id, message_id=message_id),
            values)
    comments = [{"score_id": score.id, "new_comment": score.comment}
                for score in current.values()
                if score.id is not None and score.comment_changed and not score.value_changed]
    if comments:
        connection.execute(
            update(SCORES).where(SCORES.c.id == bindparam("score_id"))
            .values(comment=bindparam("new_comment")),
            comments)


def _current(session: Session, juror_id: int,
             application_ids: Sequence[int]) -> dict[tuple[int, str], _Current]:
    """The juror's recorded scores for these works, by (work, criterion)."""
    connection = session.connection()
    found: dict[tuple[int, str], _Current] = {}
    ids = sorted(set(application_ids))
    for start in range(0, len(ids), CHUNK):
        for row in connection.execute(
            select(SCORES.c.id, SCORES.c.application_id, SCORES.c.criterion, SCORES.c.value,
                   SCORES.c.comment)
            .where(SCORES.c.juror_id == juror_id,
                   SCORES.c.application_id.in_(ids[start : start + CHUNK]))
        ):
            found[(row.application_id, row.criterion)] = _Current(row.id, row.value,
                                                                  row.comment)
    return found
