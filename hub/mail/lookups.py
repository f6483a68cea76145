"""The questions handling asks about earlier mail, asked once per batch where it can.

Handling one message asks the database a handful of small questions: is this a copy
of a message already handled, how many answers did this sender get today, and each
kind's own (which application is this sender's, for intake). `Lookups` asks them one
at a time, inside whatever savepoint the message runs in. `BatchLookups` asks them once
for a whole batch of messages and then adds every message it sees handled, so the tenth
message of a batch finds what the third one did just as if it had been committed.
Measured on the ingest benchmark, the per-message questions were a fifth of the
handling time.

A kind brings its own questions as a `KindLookups` subclass, registered with its
handlers (`hub.mail.kinds.MailKind`), and reaches them with `lookups.of(TheirLookups)`.

`BatchLookups` is only right while nothing in the batch is rolled back: the pipeline
uses it on its fast path (one transaction, no savepoints), and on any error throws the
batch away and redoes it with `Lookups`, one savepoint per message.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Self, TypeVar, cast

from sqlalchemy import ColumnElement, and_, func
from sqlmodel import Session, col, select

from hub.mail.outbox import answers_today
from hub.models import InboundMessage, MessageState, OutboundMessage, OutboundState

DONE = (MessageState.HANDLED, MessageState.IGNORED)
STALE_AFTER = timedelta(minutes=5)


class KindLookups:
    """One kind's questions about earlier mail. This base asks each when it comes up;
    a kind that gains from batching overrides `for_batch` and `handled`."""

    @classmethod
    def for_batch(cls, session: Session, messages: Sequence[InboundMessage],
                  now: datetime) -> Self:
        """The questions for a batch of `messages`, asked at once where it pays."""
        return cls()

    def handled(self, message: InboundMessage) -> None:
        """`message` is handled (or ignored) in this transaction."""


K = TypeVar("K", bound=KindLookups)


class Lookups:
    """Each question asked of the database when it comes up."""

    def __init__(self, kinds: Sequence[type[KindLookups]] = ()) -> None:
        self._kinds: dict[type[KindLookups], KindLookups] = {}
        for kind in kinds:
            self._kinds[kind] = self._make(kind)

    def _make(self, kind: type[KindLookups]) -> KindLookups:
        return kind()

    def of(self, kind: type[K]) -> K:
        """The questions of one kind of mail (made at once if it was not registered)."""
        found = self._kinds.get(kind)
        if found is None:
            # Not registered with the pipeline: one question at a time is always right.
            found = self._kinds[kind] = kind()
        return cast(K, found)

    def earlier_copy(self, session: Session, message: InboundMessage) -> InboundMessage | None:
        """The earliest handled copy of this message: the same bytes, or the same
        Message-ID from the same sender (delivered to two of the contest's addresses)."""
        # Two lookups, each on its own index: one query with OR made SQLite scan every
        # handled row, and the cost grew with the contest.
        keys: list[ColumnElement[bool]] = [col(InboundMessage.sha256) == message.sha256]
        if message.message_id and message.sender:
            keys.append(and_(col(InboundMessage.message_id) == message.message_id,
                             col(InboundMessage.sender) == message.sender))
        found = [
            session.exec(
                select(InboundMessage)
                .where(key, col(InboundMessage.id) < message.id,
                       col(InboundMessage.state).in_(DONE))
                .order_by(col(InboundMessage.id))
                .limit(1)
            ).first()
            for key in keys
        ]
        return min((row for row in found if row is not None), key=lambda row: row.id or 0,
                   default=None)

    def answers_today(self, session: Session, address: str, now: datetime) -> int:
        """How many answers this address got in the last 24 hours (the daily cap)."""
        return answers_today(session, address, now)

    def handled(self, message: InboundMessage) -> None:
        """`message` is handled (or ignored) in this transaction: every kind hears it."""
        for kind in self._kinds.values():
            kind.handled(message)

    def answered(self, address: str) -> None:
        """An answer to `address` was queued in this transaction."""

    @property
    def answers_are_new(self) -> bool:
        """True when a queued answer may skip its dedup look-up: the unique key still
        guards it, and the fast path redoes the batch if the key was taken."""
        return False


class BatchLookups(Lookups):
    """The same questions, answered for a whole batch from a few queries."""

    def __init__(self, session: Session, messages: Sequence[InboundMessage],
                 now: datetime, kinds: Sequence[type[KindLookups]] = ()) -> None:
        self._session = session
        self._messages = messages
        self._now = now
        senders = sorted({m.sender for m in messages if m.sender})
        shas = sorted({m.sha256 for m in messages})
        message_ids = sorted({m.message_id for m in messages if m.message_id})
        self._senders = set(senders)
        self._by_sha: dict[str, list[InboundMessage]] = {}
        self._by_message_id: dict[tuple[str, str], list[InboundMessage]] = {}
        self._answers: dict[str, int] = {}

        done = col(InboundMessage.state).in_(DONE)
        for row in session.exec(
            select(InboundMessage).where(col(InboundMessage.sha256).in_(shas), done)
        ).all():
            self._add_copy(row)
        if message_ids:
            for row in session.exec(
                select(InboundMessage).where(col(InboundMessage.message_id).in_(message_ids),
                                             col(InboundMessage.sha256).not_in(shas), done)
            ).all():
                self._add_copy(row)
        if senders:
            for address, count in session.exec(
                select(OutboundMessage.to_address, func.count())
                .where(col(OutboundMessage.to_address).in_(senders),
                       col(OutboundMessage.created_at) >= now - timedelta(days=1),
                       OutboundMessage.state != OutboundState.SUPPRESSED)
                .group_by(col(OutboundMessage.to_address))
            ).all():
                self._answers[address] = count
        # The kinds' own batches are made now, before any message is handled, so each
        # hears of every message of the batch through `handled`.
        super().__init__(kinds)

    def _make(self, kind: type[KindLookups]) -> KindLookups:
        return kind.for_batch(self._session, self._messages, self._now)

    def _add_copy(self, row: InboundMessage) -> None:
        self._by_sha.setdefault(row.sha256, []).append(row)
        if row.message_id and row.sender:
            self._by_message_id.setdefault((row.message_id, row.sender), []).append(row)

    def earlier_copy(self, session: Session, message: InboundMessage) -> InboundMessage | None:
        candidates = [*self._by_sha.get(message.sha256, ())]
        if message.message_id and message.sender:
            candidates += self._by_message_id.get((message.message_id, message.sender), ())
        earlier = [row for row in candidates
                   if row.id is not None and message.id is not None and row.id < message.id]
        return min(earlier, key=lambda row: row.id or 0, default=None)

    def answers_today(self, session: Session, address: str, now: datetime) -> int:
        # The 24 hours are counted back from the batch's start; a batch takes seconds.
        if address not in self._senders or abs(now - self._now) > STALE_AFTER:
            return super().answers_today(session, address, now)
        return self._answers.get(address, 0)

    def handled(self, message: InboundMessage) -> None:
        self._add_copy(message)
        super().handled(message)

    def answered(self, address: str) -> None:
        if address in self._senders:
            self._answers[address] = self._answers.get(address, 0) + 1

    @property
    def answers_are_new(self) -> bool:
        return True
