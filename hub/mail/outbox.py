"""The outbox: answers are rows first, emails after commit, each dedup key answered once.

A handler calls `queue_answer` inside the transaction that decided to answer, so the
decision and the answer commit together or not at all. `send_due` runs after the
commit: it claims a row (a conditional update, so two senders never take the same
row), sends it, and records the result. Only temporary failures are retried, with
exponential backoff.

What a crash can and cannot do: a row claimed (`sending`) by a process that died is
sent again by the next one, because losing an answer is worse than repeating it. The
repeat carries the same Message-ID, which mail clients collapse into one message. The
window is the moment between the SMTP server's "250 OK" and our commit.
"""

from __future__ import annotations

import hashlib
import json
import logging
import queue
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy import func, update
from sqlalchemy.engine import Connection, Engine
from sqlmodel import Session, col, select

from hub.clock import Clock
from hub.config import Config
from hub.db import make_durable, session_scope
from hub.failpoints import failpoint
from hub.mail.composer import compose
from hub.mail.smtp import SendFailure, SmtpTransport
from hub.models import OutboundMessage, OutboundState

log = logging.getLogger(__name__)
# Answers claimed per transaction.
CLAIM_BATCH = 100


@dataclass(frozen=True)
class OutboundAttachment:
    """A file to attach: `path` relative to the storage folder, and the name it goes by."""

    path: str
    filename: str
    content_type: str = "application/octet-stream"
    content_id: str = ""  # set: shown inside the HTML body (a chart), not a file to save


@dataclass(frozen=True)
class Answer:
    """What a handler wants to say to someone; the outbox decides whether and when."""

    dedup_key: str
    to_address: str
    subject: str
    body_text: str
    purpose: str
    language: str = ""
    to_name: str = ""
    in_reply_to: str = ""
    references: str = ""
    # Organizers' notices are not answers to a stranger and are never rate-limited.
    rate_limited: bool = True
    # Files sent along (a juror's works and score sheet), read from disk when sent.
    attachments: tuple[OutboundAttachment, ...] = ()
    body_html: str = ""  # an HTML alternative to body_text (the digest)
    # A vote's confirmation: recipient, subject and text erased once sent (or failed).
    secret: bool = False


@dataclass
class SendReport:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)


def stable_message_id(dedup_key: str, from_address: str) -> str:
    domain = from_address.rpartition("@")[2] or "baiqau.invalid"
    digest = hashlib.sha256(dedup_key.encode("utf-8")).hexdigest()[:32]
    return f"<baiqau.{digest}@{domain}>"


class AnswerLedger(Protocol):
    """Where a batch of handled messages keeps count of its answers (hub.mail.lookups)."""

    def answers_today(self, session: Session, address: str, now: datetime) -> int: ...

    def answered(self, address: str) -> None: ...

    @property
    def answers_are_new(self) -> bool: ...


def queue_answer(
    session: Session,
    answer: Answer,
    *,
    config: Config,
    clock: Clock,
    inbound_id: int | None = None,
    ledger: AnswerLedger | None = None,
) -> OutboundMessage:
    """Add an answer to the outbox in the caller's transaction; once per dedup key.

    Returns the new row, or the existing one for a dedup key answered before. With a
    ledger (a batch being handled) the row is flushed with the batch, not at once.
    """
    if ledger is None or not ledger.answers_are_new:
        existing = session.exec(
            select(OutboundMessage).where(OutboundMessage.dedup_key == answer.dedup_key)
        ).first()
        if existing is not None:
            return existing
    now = clock.now()
    state = OutboundState.QUEUED
    last_error = ""
    counter = ledger.answers_today if ledger is not None else answers_today
    if answer.rate_limited and counter(session, answer.to_address, now) >= (
        config.outbox.max_answers_per_sender_per_day
    ):
        # A loop with another robot, or a person writing fifty times, must not make us
        # send fifty answers: the row is kept so the organizers can see what was held back.
        state = OutboundState.SUPPRESSED
        last_error = "daily answer limit for this address reached"
    row = OutboundMessage(
        dedup_key=answer.dedup_key,
        message_id=stable_message_id(answer.dedup_key, config.smtp.from_address),
        inbound_id=inbound_id,
        purpose=answer.purpose,
        language=answer.language,
        to_address=answer.to_address,
        to_name=answer.to_name,
        subject=answer.subject,
        body_text=answer.body_text,
        in_reply_to=answer.in_reply_to,
        references=answer.references,
        body_html=answer.body_html,
        attachments_json=json.dumps([asdict(item) for item in answer.attachments],
                                    ensure_ascii=False),
        state=state,
        secret=answer.secret,
        created_at=now,
        next_attempt_at=now,
        last_error=last_error,
    )
    session.add(row)
    if ledger is None:
        session.flush()
        return row
    if state is OutboundState.QUEUED:
        ledger.answered(answer.to_address)
    return row


def answers_today(session: Session, address: str, now: datetime) -> int:
    """How many answers went (or are going) to this address in the last 24 hours."""
    since = now - timedelta(days=1)
    counted = session.exec(
        select(func.count())
        .select_from(OutboundMessage)
        .where(
            OutboundMessage.to_address == address,
            col(OutboundMessage.created_at) >= since,
            OutboundMessage.state != OutboundState.SUPPRESSED,
        )
    ).one()
    return int(counted)


def requeue_abandoned(engine: Engine) -> int:
    """Rows a dead sender had claimed go back to the queue. Call only under the lock."""
    with session_scope(engine) as session:
        result = session.execute(
            update(OutboundMessage)
            .where(col(OutboundMessage.state) == OutboundState.SENDING)
            .values(state=OutboundState.QUEUED)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]


def send_due(
    engine: Engine,
    config: Config,
    clock: Clock,
    transport_factory: Callable[[], SmtpTransport] | None = None,
) -> SendReport:
    """Send every queued answer that is due. Never raises for a failed send.

    Up to `outbox.connections` SMTP connections send at once, each claiming its own
    share of the queue. A real server takes tens of milliseconds to accept a message,
    mostly waiting on the network, so a few connections send several times as many
    answers a second. A temporary failure on any connection ends the round for all.
    """
    with session_scope(engine) as session:
        due_ids = session.exec(
            select(OutboundMessage.id)
            .where(
                OutboundMessage.state == OutboundState.QUEUED,
                col(OutboundMessage.next_attempt_at) <= clock.now(),
            )
            .order_by(col(OutboundMessage.id))
        ).all()
    ids = [row_id for row_id in due_ids if row_id is not None]
    if not ids:
        return SendReport()
    connections = min(config.outbox.connections, len(ids))
    share = min(CLAIM_BATCH, -(-len(ids) // connections))  # each connection gets work
    shares: queue.SimpleQueue[list[int]] = queue.SimpleQueue()
    for start in range(0, len(ids), share):
        shares.put(ids[start : start + share])
    sender = _Sender(engine, config, clock,
                     transport_factory or (lambda: SmtpTransport(config.smtp)), shares)
    if connections == 1:
        return sender.run()
    with ThreadPoolExecutor(connections, thread_name_prefix="baiqau-smtp") as pool:
        reports = list(pool.map(lambda _: sender.run(), range(connections)))
    return SendReport(
        sent=sum(report.sent for report in reports),
        retried=sum(report.retried for report in reports),
        failed=sum(report.failed for report in reports),
        errors=[error for report in reports for error in report.errors],
    )


@dataclass
class _Sender:
    """What each SMTP connection of a round runs: claim a share, send it, repeat."""

    engine: Engine
    config: Config
    clock: Clock
    make_transport: Callable[[], SmtpTransport]
    shares: queue.SimpleQueue[list[int]]
    stop: threading.Event = field(default_factory=threading.Event)

    def run(self) -> SendReport:
        report = SendReport()
        # One database connection records every sent answer: taking one from the pool
        # for each cost more than the UPDATE itself.
        with self.make_transport() as transport, self.engine.connect() as recorder:
            while not self.stop.is_set():
                try:
                    share = self.shares.get_nowait()
                except queue.Empty:
                    break
                claimed = _claim(self.engine, share, self.clock)
                # The decisions behind these answers must outlive a power cut before the
                # answers leave; else a restart could decide (and send) them again.
                make_durable(self.engine)
                if not self._send_claimed(recorder, claimed, transport, report):
                    # The server is unwell: what is left waits for the next round.
                    self.stop.set()
                    _release(self.engine, claimed)
        return report

    def _send_claimed(self, recorder: Connection, rows: list[OutboundMessage],
                      transport: SmtpTransport, report: SendReport) -> bool:
        """Send claimed rows in order; False when a temporary failure (here, or on
        another connection) ended the round."""
        config, clock = self.config, self.clock
        for row in rows:
            if self.stop.is_set():
                return False
            try:
                message = compose(row, config.smtp, config.storage_path)
            except (ValueError, UnicodeError, LookupError, OSError) as error:
                # OSError: an attachment is gone from the storage folder; sending the
                # email without it would say less than the sheet promises.
                failure = SendFailure(f"cannot write this email: {error}", temporary=False)
                _record_failure(recorder, row, failure, config, clock, report)
                continue
            try:
                transport.send(message, row.to_address)
            except SendFailure as failure:
                _record_failure(recorder, row, failure, config, clock, report)
                if failure.temporary:
                    return False
                continue
            failpoint("after-smtp-accepted")
            # Recorded at once, each on its own: a crash repeats at most the one in flight
            # on each connection.
            _record_sent(recorder, row, clock)
            report.sent += 1
        return True


def _claim(engine: Engine, row_ids: list[int], clock: Clock) -> list[OutboundMessage]:
    """Take queued rows for this sender; rows another sender took are skipped.

    The conditional UPDATE comes first and marks the rows with a token of this claim,
    so two senders (the poll and outbox jobs of `baiqau run`, or two hosts on one
    PostgreSQL) can never both take a row, whatever the database's locking.
    """
    token = uuid.uuid4().hex
    with session_scope(engine) as session:
        session.execute(
            update(OutboundMessage)
            .where(col(OutboundMessage.id).in_(row_ids),
                   col(OutboundMessage.state) == OutboundState.QUEUED)
            .values(state=OutboundState.SENDING, claimed_at=clock.now(), claim_token=token)
        )
        return list(session.exec(
            select(OutboundMessage)
            .where(OutboundMessage.claim_token == token)
            .order_by(col(OutboundMessage.id))
        ).all())


def _release(engine: Engine, rows: list[OutboundMessage]) -> None:
    with session_scope(engine) as session:
        session.execute(
            update(OutboundMessage)
            .where(col(OutboundMessage.id).in_([row.id for row in rows]),
                   col(OutboundMessage.state) == OutboundState.SENDING)
            .values(state=OutboundState.QUEUED)
        )


# What a secret answer (a vote's confirmation) loses once it has left: whom it went to
# and what it said. The row stays, so `status` still counts it and the dedup key holds.
ERASED: dict[str, str] = {"to_address": "", "to_name": "", "subject": "", "body_text": "",
                          "body_html": "", "in_reply_to": "", "references": ""}


def _record_sent(connection: Connection, row: OutboundMessage, clock: Clock) -> None:
    erased = ERASED if row.secret else {}
    with connection.begin():
        connection.execute(
            update(OutboundMessage)
            .where(col(OutboundMessage.id) == row.id)
            .values(state=OutboundState.SENT, sent_at=clock.now(),
                    attempts=col(OutboundMessage.attempts) + 1, last_error="", **erased)
        )


def _record_failure(
    connection: Connection,
    row: OutboundMessage,
    failure: SendFailure,
    config: Config,
    clock: Clock,
    report: SendReport,
) -> None:
    """Record a failed send: queued again after a backoff, or failed for good.

    One UPDATE, computed from the claimed row (no one else touches a claimed row):
    reading first and then writing would fail at once in SQLite when another
    connection of the round wrote in between.
    """
    attempts = row.attempts + 1
    values: dict[str, object] = {"attempts": attempts, "last_error": str(failure)}
    if failure.temporary and attempts < config.outbox.max_attempts:
        delay = min(config.outbox.retry_base_seconds * 2 ** (attempts - 1),
                    config.outbox.retry_max_seconds)
        values |= {"state": OutboundState.QUEUED,
                   "next_attempt_at": clock.now() + timedelta(seconds=delay)}
        report.retried += 1
        log.warning("%s to %s: will retry in %.0fs: %s",
                    row.message_id, row.to_address, delay, failure)
    else:
        values["state"] = OutboundState.FAILED
        if row.secret:
            values |= ERASED
        report.failed += 1
        log.error("%s to %s: not sent: %s", row.message_id, row.to_address, failure)
    with connection.begin():
        connection.execute(
            update(OutboundMessage).where(col(OutboundMessage.id) == row.id).values(**values)
        )
    report.errors.append(f"{row.message_id} to {row.to_address}: {failure}")
