"""The jury's rows: jurors, which works each scores, the scores, and every change to them.

A score is only ever written by a reply that proved it is the juror's (address and
token), and every change keeps its before and after in `score_change`, with the message
that made it, so a protocol can be defended line by line. Scores are kept as decimal
text ("7.5"), exactly as read: the ranking is computed from them, never from floats
that a database rounded.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from hub.models.columns import utc_column
from hub.states import AssignmentState


class ReplyOutcome(StrEnum):
    """What became of a message that claimed to be a juror's reply."""

    RECORDED = "recorded"  # it was the juror's; what it held is recorded
    NOTHING = "nothing"  # the juror's, but no score or recusal could be read
    LATE = "late"  # the juror's, after the deadline: nothing changed
    FORGED = "forged"  # not proven the juror's (address, token or DKIM): nothing recorded


class Juror(SQLModel, table=True):
    """A juror of this contest, from config.toml's [[jury.jurors]]."""

    __tablename__ = "juror"

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(index=True, unique=True)  # lower-cased
    name: str
    language: str = "kk"
    # The token is never stored: only its SHA-256 (to recognise it) and the random
    # nonce it is made from with the key kept outside the database (hub.tokens).
    token_hash: str = Field(default="", index=True)
    token_nonce: str = ""
    active: bool = True  # false once the juror is no longer in the config
    created_at: datetime = Field(sa_column=utc_column(nullable=False))


class Assignment(SQLModel, table=True):
    """One work a juror is to score."""

    __tablename__ = "jury_assignment"
    __table_args__ = (UniqueConstraint("juror_id", "application_id", name="uq_assignment"),)

    id: int | None = Field(default=None, primary_key=True)
    juror_id: int = Field(foreign_key="juror.id", index=True)
    application_id: int = Field(foreign_key="application.id", index=True)
    state: AssignmentState = Field(default=AssignmentState.ASSIGNED, index=True)
    assigned_at: datetime = Field(sa_column=utc_column(nullable=False))
    sheet_sent_at: datetime | None = Field(default=None, sa_column=utc_column())
    recused_at: datetime | None = Field(default=None, sa_column=utc_column())
    recusal_note: str = ""  # "baiqau jury recuse", or the Message-ID of the juror's reply


class Score(SQLModel, table=True):
    """A juror's current score for one criterion of one work."""

    __tablename__ = "score"
    __table_args__ = (
        UniqueConstraint("juror_id", "application_id", "criterion", name="uq_score"),
    )

    id: int | None = Field(default=None, primary_key=True)
    juror_id: int = Field(foreign_key="juror.id", index=True)
    application_id: int = Field(foreign_key="application.id", index=True)
    criterion: str  # the key in jury.criteria
    value: str  # decimal text, as read: "8", "7.5"
    comment: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    recorded_at: datetime = Field(sa_column=utc_column(nullable=False))
    inbound_id: int | None = Field(default=None, foreign_key="inbound_message.id")
    message_id: str = ""  # the Message-ID header of the reply that set it


class ScoreSheet(SQLModel, table=True):
    """One juror's current scores for one work in a single row, kept by the database.

    Triggers on `score` (migration 0004, in SQLite and PostgreSQL alike) add a new score
    to its row and rebuild the row when one of its scores is changed or deleted, in the
    same transaction, whatever code writes it: this table always says what `score` says,
    grouped. `baiqau results` reads a row a sheet here, five times fewer than a row a
    score (bench/README.md). Nothing in baiqau writes it.
    """

    __tablename__ = "score_sheet"

    juror_id: int = Field(foreign_key="juror.id", primary_key=True)
    application_id: int = Field(foreign_key="application.id", primary_key=True)
    criteria: str  # the criterion keys scored, space-separated, in no set order: "theme visual"
    scores: str  # their values in the same order, as `score.value` has them: "8 7.5"


class ScoreChange(SQLModel, table=True):
    """The audit of scores: who changed what, from what to what, by which message."""

    __tablename__ = "score_change"

    id: int | None = Field(default=None, primary_key=True)
    juror_id: int = Field(foreign_key="juror.id", index=True)
    application_id: int = Field(foreign_key="application.id", index=True)
    criterion: str
    old_value: str | None = None  # None: the first score
    new_value: str | None = None  # None: withdrawn (a recusal)
    changed_at: datetime = Field(sa_column=utc_column(nullable=False))
    inbound_id: int | None = Field(default=None, foreign_key="inbound_message.id")
    message_id: str = ""
    cause: str = "reply"  # reply | recusal | unassigned (moved by migration 0005)


class JuryReply(SQLModel, table=True):
    """Every message that claimed to be a juror's reply, and what became of it."""

    __tablename__ = "jury_reply"

    id: int | None = Field(default=None, primary_key=True)
    inbound_id: int = Field(foreign_key="inbound_message.id", index=True, unique=True)
    juror_id: int | None = Field(default=None, foreign_key="juror.id", index=True)
    sender: str = ""
    outcome: ReplyOutcome = Field(index=True)
    detail: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    scores_recorded: int = 0
    received_at: datetime | None = Field(default=None, sa_column=utc_column())


class PrizeAward(SQLModel, table=True):
    """An incentive prize (no place) given by the organizers to a work (regulation 8)."""

    __tablename__ = "prize_award"

    id: int | None = Field(default=None, primary_key=True)
    prize: str = Field(index=True, unique=True)  # the key in [[prizes]]: one work per prize
    application_id: int = Field(foreign_key="application.id", index=True)
    awarded_at: datetime = Field(sa_column=utc_column(nullable=False))
