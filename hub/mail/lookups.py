"""The questions handling asks about earlier mail, asked once per batch where it can.

Handling one message asks the database a handful of small questions: is this a copy
of a message already handled, has this sender written to the contest before, which
application is theirs. `Lookups` asks them one at a time, inside whatever savepoint the
message runs in. `BatchLookups` asks them once for a whole batch of messages and then
adds every message it sees handled, so the tenth message of a batch finds the
application the third one opened just as if it had been committed. Measured on the
ingest benchmark, the per-message questions were a fifth of the handling time.

`BatchLookups` is only right while nothing in the batch is rolled back: the pipeline
uses it on its fast path (one transaction, no savepoints), and on any error throws the
batch away and redoes it with `Lookups`, one savepoint per message.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, func
from sqlmodel import Session, col, select

from hub.mail.outbox import answers_today
from hub.models import (
    Application,
    InboundMessage,
    MessageKind,
    MessageState,
    OutboundMessage,
    OutboundState,
)
from intake.people import find_duplicate, looks_like_same_person, same_person

DONE = (MessageState.HANDLED, MessageState.IGNORED)
APPLICANT_KINDS = (MessageKind.APPLICATION, MessageKind.AMENDMENT)
STALE_AFTER = timedelta(minutes=5)


class Lookups:
    """Each question asked of the database when it comes up."""

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

    def earlier_applicant_message(self, session: Session, sender: str,
                                  message_id: int | None) -> int | None:
        """The id of the first application or amendment from this sender, other than this."""
        return session.exec(
            select(InboundMessage.id)
            .where(InboundMessage.sender == sender,
                   col(InboundMessage.kind).in_(APPLICANT_KINDS),
                   col(InboundMessage.id) != message_id)
            .order_by(col(InboundMessage.id))
            .limit(1)
        ).first()

    def application_of(self, session: Session, email: str) -> Application | None:
        """The application this address opened (one person, one application)."""
        return session.exec(
            select(Application).where(Application.email == email)
            .order_by(col(Application.id)).limit(1)
        ).first()

    def duplicate_of(self, session: Session, application: Application) -> Application | None:
        """The earliest application of what looks like the same person from another
        address (intake.people)."""
        return find_duplicate(session, application)

    def answers_today(self, session: Session, address: str, now: datetime) -> int:
        """How many answers this address got in the last 24 hours (the daily cap)."""
        return answers_today(session, address, now)

    # What the batch learns as it goes; nothing to remember when every question is asked.

    def handled(self, message: InboundMessage) -> None:
        """`message` is handled (or ignored) in this transaction."""

    def opened(self, application: Application) -> None:
        """`application` was opened in this transaction."""

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
                 now: datetime) -> None:
        self._now = now
        senders = sorted({m.sender for m in messages if m.sender})
        shas = sorted({m.sha256 for m in messages})
        message_ids = sorted({m.message_id for m in messages if m.message_id})
        self._senders = set(senders)
        self._by_sha: dict[str, list[InboundMessage]] = {}
        self._by_message_id: dict[tuple[str, str], list[InboundMessage]] = {}
        self._applicant: dict[str, int] = {}
        self._applications: dict[str, Application] = {}
        self._senders_applications: list[Application] = []  # every one, for duplicates
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
            for sender, first_id in session.exec(
                select(InboundMessage.sender, func.min(InboundMessage.id))
                .where(col(InboundMessage.sender).in_(senders),
                       col(InboundMessage.kind).in_(APPLICANT_KINDS))
                .group_by(col(InboundMessage.sender))
            ).all():
                if first_id is not None:
                    self._applicant[sender] = first_id
            for application in session.exec(
                select(Application).where(col(Application.email).in_(senders))
                .order_by(col(Application.id).desc())
            ).all():
                self._applications[application.email] = application  # the earliest wins
                self._senders_applications.append(application)
            for address, count in session.exec(
                select(OutboundMessage.to_address, func.count())
                .where(col(OutboundMessage.to_address).in_(senders),
                       col(OutboundMessage.created_at) >= now - timedelta(days=1),
                       OutboundMessage.state != OutboundState.SUPPRESSED)
                .group_by(col(OutboundMessage.to_address))
            ).all():
                self._answers[address] = count

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

    def earlier_applicant_message(self, session: Session, sender: str,
                                  message_id: int | None) -> int | None:
        if sender not in self._senders:
            return super().earlier_applicant_message(session, sender, message_id)
        first = self._applicant.get(sender)
        if first is not None and first == message_id:
            # This very message was classified before (a reprocess): ask for another.
            return super().earlier_applicant_message(session, sender, message_id)
        return first

    def application_of(self, session: Session, email: str) -> Application | None:
        if email not in self._senders:
            return super().application_of(session, email)
        return self._applications.get(email)

    def duplicate_of(self, session: Session, application: Application) -> Application | None:
        # Without the flush a query would first make of every change pending in the
        # batch: the database is asked about the applications of other senders only,
        # and the batch's own are compared in memory, where they are up to date.
        with session.no_autoflush:
            stored = [row for row in same_person(session, application)
                      if row.email not in self._senders]
        in_batch = [row for row in self._senders_applications
                    if looks_like_same_person(application, row)]
        return min([*stored, *in_batch], key=lambda row: row.id or 0, default=None)

    def answers_today(self, session: Session, address: str, now: datetime) -> int:
        # The 24 hours are counted back from the batch's start; a batch takes seconds.
        if address not in self._senders or abs(now - self._now) > STALE_AFTER:
            return super().answers_today(session, address, now)
        return self._answers.get(address, 0)

    def handled(self, message: InboundMessage) -> None:
        self._add_copy(message)
        if message.kind in APPLICANT_KINDS and message.sender and message.id is not None:
            first = self._applicant.get(message.sender)
            if first is None or message.id < first:
                self._applicant[message.sender] = message.id

    def opened(self, application: Application) -> None:
        self._applications.setdefault(application.email, application)
        self._senders_applications.append(application)

    def answered(self, address: str) -> None:
        if address in self._senders:
            self._answers[address] = self._answers.get(address, 0) + 1

    @property
    def answers_are_new(self) -> bool:
        return True
