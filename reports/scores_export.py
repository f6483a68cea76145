"""`baiqau export scores`: every current score, and with `--history` every earlier value.

A row per score: `juror` (address), `application` (number), `criterion` (key), `score`,
`recorded_at`, `message_id` (the Message-ID of the reply that set it), and `current`.
Without `--history` every row is current. With it, each earlier value follows from the
audit table (`score_change`), with `recorded_at` the moment it was set and `replaced_at`
the moment it stopped counting (a later reply, or a recusal that withdrew it), so a
protocol's every score can be traced to the email that gave it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from decimal import Decimal
from functools import partial
from typing import Any

from sqlmodel import col, select

from hub.context import Context
from hub.db import as_utc, session_scope
from hub.models import Application, Juror, Score, ScoreChange
from reports.tables import Export, Table, json_text

SCORE_COLUMNS = ["juror", "application", "criterion", "score", "recorded_at", "message_id",
                 "current"]
HISTORY_COLUMNS = [*SCORE_COLUMNS, "replaced_at", "cause"]


def score_number(value: str) -> int | float:
    """A score as JSON gives it: 8, not 8.0; 7.5 as 7.5."""
    exact = Decimal(value)
    return int(exact) if exact == exact.to_integral_value() else float(exact)


def score_rows(context: Context, *, history: bool = False) -> list[dict[str, Any]]:
    with session_scope(context.engine) as session:
        jurors = {juror.id: juror.email for juror in session.exec(select(Juror)).all()}
        numbers = {row.id: row.number for row in session.exec(select(Application)).all()}
        rows: list[dict[str, Any]] = []
        for score in session.exec(select(Score).order_by(col(Score.id))).all():
            rows.append({
                "juror": jurors.get(score.juror_id, ""),
                "application": numbers.get(score.application_id, ""),
                "criterion": score.criterion,
                "score": score_number(score.value),
                "recorded_at": _moment(score.recorded_at),
                "message_id": score.message_id,
                "current": True,
            })
        if history:
            rows.extend(_earlier_values(session.exec(
                select(ScoreChange).order_by(col(ScoreChange.id))).all(), jurors, numbers))
            for row in rows:
                row.setdefault("replaced_at", "")
                row.setdefault("cause", "reply")
        rows.sort(key=lambda row: (row["application"], row["juror"], row["criterion"],
                                   not row["current"], row["recorded_at"] or _UNKNOWN))
        return rows


# A replaced value whose moment the audit does not hold sorts first, as its "" did.
_UNKNOWN = datetime.min.replace(tzinfo=UTC)


def _earlier_values(changes: Sequence[ScoreChange], jurors: dict[int | None, str],
                    numbers: dict[int | None, str]) -> list[dict[str, Any]]:
    """Each value a change replaced, with when it was set and when it was replaced."""
    set_by: dict[tuple[int, int, str], ScoreChange] = {}
    rows = []
    for change in changes:
        key = (change.juror_id, change.application_id, change.criterion)
        earlier = set_by.get(key)
        if change.old_value is not None:
            rows.append({
                "juror": jurors.get(change.juror_id, ""),
                "application": numbers.get(change.application_id, ""),
                "criterion": change.criterion,
                "score": score_number(change.old_value),
                "recorded_at": _moment(earlier.changed_at) if earlier else "",
                "message_id": earlier.message_id if earlier else "",
                "current": False,
                "replaced_at": _moment(change.changed_at),
                "cause": change.cause,
            })
        set_by[key] = change
    return rows


def export_scores(context: Context, *, history: bool = False) -> Export:
    rows = score_rows(context, history=history)
    return Export(json=partial(json_text, rows),
                  table=partial(Table.of, "scores", HISTORY_COLUMNS if history else SCORE_COLUMNS,
                                rows))


def _moment(moment: object) -> datetime | str:
    """A moment in UTC; a missing one is "", as the JSON has always given it."""
    if not isinstance(moment, datetime):
        return ""
    return as_utc(moment) or ""
