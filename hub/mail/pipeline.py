"""Handling stored messages: read, route, hand to a handler, all in one transaction.

A message reaches here only after its raw bytes and its row are committed. Handling
it (the route, the handler's rows, its queued answers, the new state) commits at once
or not at all, so a crash half-way leaves it `stored` and the next run does it again.
This is the one place that catches every exception: the sender's fault (`Rejected`)
becomes an answer, anything else quarantines the message and tells the organizers.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from sqlmodel import Session, col, select

from hub.context import Context
from hub.db import session_scope
from hub.errors import Rejected
from hub.failpoints import failpoint
from hub.mail.handling import Handler, Handling
from hub.mail.kinds import MailKind
from hub.mail.language import detect_language
from hub.mail.letter import read_letter
from hub.mail.lookups import BatchLookups, Lookups
from hub.mail.outbox import Answer, queue_answer
from hub.mail.router import RouteContext, classify
from hub.models import InboundMessage, MessageKind, MessageState
from hub.texts import render

log = logging.getLogger(__name__)


# Messages handled per transaction.
HANDLE_BATCH = 100


@dataclass
class ProcessReport:
    handled: int = 0
    ignored: int = 0
    quarantined: int = 0
    quarantined_ids: list[int] = field(default_factory=list)


class Pipeline:
    def __init__(self, context: Context, kinds: Sequence[MailKind]) -> None:
        self.context = context
        self.kinds = tuple(kinds)
        self.handlers: dict[MessageKind, Handler] = {}
        for kind in self.kinds:
            for message_kind, handler in kind.handlers.items():
                if message_kind in self.handlers:
                    raise ValueError(f"two kinds of mail handle {message_kind}")
                self.handlers[message_kind] = handler
        self.detectors = [detect for kind in self.kinds for detect in kind.detectors]
        self.organizer_detectors = [detect for kind in self.kinds
                                    for detect in kind.organizer_detectors]
        self.lookup_kinds = [lookups for kind in self.kinds for lookups in kind.lookups]
        # Messages routed as secret ballots, remembered outside any transaction: one that
        # fails is quarantined after its savepoint (and what it marked) rolled back.
        self._secret: set[int] = set()

    def pending_ids(self) -> list[int]:
        with session_scope(self.context.engine) as session:
            ids = session.exec(
                select(InboundMessage.id)
                .where(InboundMessage.state == MessageState.STORED)
                .order_by(col(InboundMessage.id))
            ).all()
        return [row_id for row_id in ids if row_id is not None]

    def process_pending(self, on_each: Callable[[], None] | None = None) -> ProcessReport:
        return self.process_many(self.pending_ids(), on_each)

    def process_many(self, row_ids: Iterable[int],
                     on_each: Callable[[], None] | None = None) -> ProcessReport:
        report = ProcessReport()
        ids = list(row_ids)
        for start in range(0, len(ids), HANDLE_BATCH):
            self._process_batch(ids[start : start + HANDLE_BATCH], report, on_each)
        return report

    def _process_batch(self, row_ids: list[int], report: ProcessReport,
                       on_each: Callable[[], None] | None) -> None:
        """Handle a batch of messages in one transaction: one commit, not one per message.

        First the fast way: the batch's look-ups asked once (`BatchLookups`), no
        savepoints. If anything raises, that transaction is thrown away whole and the
        batch is done again carefully, each message in a savepoint of its own, so the
        one that raises is quarantined and the others are handled. No answer leaves
        before the commit, so redoing a batch sends nothing twice.
        """
        try:
            states = self._handle_fast(row_ids)
        except Exception as error:
            log.info("a batch of %d message(s) is handled again one by one (%s: %s)",
                     len(row_ids), type(error).__name__, error)
            self._process_carefully(row_ids, report, on_each)
            return
        for row_id, state in states:
            self._count(report, row_id, state)
            if on_each is not None:
                on_each()

    def _handle_fast(self, row_ids: list[int]) -> list[tuple[int, MessageState | None]]:
        states: list[tuple[int, MessageState | None]] = []
        with session_scope(self.context.engine) as session:
            messages = {
                message.id: message for message in session.exec(
                    select(InboundMessage).where(col(InboundMessage.id).in_(row_ids))
                ).all()
            }
            waiting = [m for m in messages.values() if m.state is MessageState.STORED]
            lookups = BatchLookups(session, waiting, self.context.clock.now(),
                                   self.lookup_kinds)
            for row_id in row_ids:
                message = messages.get(row_id)
                if message is None or message.state is not MessageState.STORED:
                    states.append((row_id, None))
                    continue
                self._handle(session, message, lookups, careful=False)
                lookups.handled(message)
                states.append((row_id, message.state))
                failpoint("before-handle-commit")
        return states

    def _process_carefully(self, row_ids: list[int], report: ProcessReport,
                           on_each: Callable[[], None] | None) -> None:
        """One transaction, a savepoint per message: one that raises rolls back alone
        and is quarantined once the others are committed."""
        failures: list[tuple[int, str]] = []
        with session_scope(self.context.engine) as session:
            for row_id in row_ids:
                try:
                    with session.begin_nested():
                        state = self._handle_one(session, row_id)
                except Exception:
                    failures.append((row_id, traceback.format_exc()))
                    continue
                self._count(report, row_id, state)
                if on_each is not None:
                    on_each()
                failpoint("before-handle-commit")
        for row_id, error in failures:
            self.quarantine(row_id, error)
            self._count(report, row_id, MessageState.QUARANTINED)
            if on_each is not None:
                on_each()

    @staticmethod
    def _count(report: ProcessReport, row_id: int, state: MessageState | None) -> None:
        if state is MessageState.HANDLED:
            report.handled += 1
        elif state is MessageState.IGNORED:
            report.ignored += 1
        elif state is MessageState.QUARANTINED:
            report.quarantined += 1
            report.quarantined_ids.append(row_id)

    def _handle_one(self, session: Session, row_id: int) -> MessageState | None:
        message = session.get(InboundMessage, row_id)
        if message is None or message.state is not MessageState.STORED:
            return None
        self._handle(session, message, Lookups(self.lookup_kinds), careful=True)
        return message.state

    def _handle(self, session: Session, message: InboundMessage, lookups: Lookups, *,
                careful: bool) -> None:
        store = self.context.store
        config = self.context.config
        message.handled_at = self.context.clock.now()
        # The same mail delivered twice (byte for byte, or to two of the contest's
        # addresses with different Received lines) is answered once.
        copy = lookups.earlier_copy(session, message)
        if copy is not None:
            message.kind = copy.kind
            message.kind_reason = f"a copy of message #{copy.id}"
            message.state = MessageState.IGNORED
            if copy.secret:
                # A copy of a secret ballot is as secret as the ballot: same erasure.
                conceal(message, copy.message_id)
            return
        letter = read_letter(
            store.path(message.raw_path),
            store.parts_dir(message.sha256),
            large_bytes=config.mailbox.large_message_bytes,
        )
        route = classify(letter, RouteContext(session, config, message, lookups),
                         self.detectors, self.organizer_detectors)
        message.kind = route.kind
        message.kind_reason = route.reason
        if route.secret and message.id is not None:
            self._secret.add(message.id)
        handler = self.handlers.get(route.kind)
        if handler is None:
            log.info("%s: %s, not answered: %s", message.message_id, route.kind, route.reason)
            message.state = MessageState.IGNORED
            return
        language = detect_language(
            f"{letter.subject}\n{letter.text_plain or letter.text_html}",
            config.contest.default_language,
        )
        handling = Handling(self.context, session, message, letter, language, lookups)
        if not careful:
            handler(handling)  # a rejection ends the fast path; the careful one answers it
            message.state = MessageState.HANDLED
            return
        try:
            # A savepoint, so a handler that rejects half-way leaves none of its rows.
            with session.begin_nested():
                handler(handling)
        except Rejected as rejection:
            log.info("%s: rejected: %s", message.message_id, rejection)
            handling.reply("rejected", dedup_key=f"rejected:{message.sha256}", purpose="rejection",
                           code=rejection.code, detail=rejection.detail)
        message.state = MessageState.HANDLED

    def quarantine(self, row_id: int, error: str) -> None:
        config = self.context.config
        with session_scope(self.context.engine) as session:
            message = session.get(InboundMessage, row_id)
            if message is None:
                return
            message.state = MessageState.QUARANTINED
            last_line = error.strip().splitlines()[-1]
            if row_id in self._secret or message.secret:
                # A ballot's subject may hold the choice, and so may an exception's text:
                # the notice, the log and the row keep the sender and the exception's type.
                message.secret = True
                message.subject = ""
                last_line = last_line.split(":")[0]
                error = "\n".join([*(line for line in error.splitlines()
                                      if line.startswith(" ")), last_line])
            message.error = error
            message.attempts += 1
            log.error("%s: quarantined (#%s): %s", message.message_id, row_id, last_line)
            language = config.contest.default_language
            text = render("quarantine_notice", language, message=message, error=last_line,
                          contest=config.contest.name.get(language, ""))
            for organizer in config.contest.organizer_addresses:
                queue_answer(session, Answer(
                    dedup_key=f"quarantine:{row_id}:{message.attempts}:{organizer}",
                    to_address=organizer,
                    subject=text.subject,
                    body_text=text.body,
                    purpose="quarantine-notice",
                    language=language.value,
                    rate_limited=False,
                ), config=config, clock=self.context.clock, inbound_id=row_id)



def conceal(message: InboundMessage, sealed_id: str) -> None:
    """Erase from a secret ballot's row what could pair its sender with the choice it
    holds; `sealed_id` (a keyed hash of its Message-ID) is kept to recognise a replay.
    The raw copy and the server's copy go once it is acknowledged (`hub.mail.erasure`)."""
    message.secret = True
    message.message_id = sealed_id
    message.sender = ""
    message.sender_name = ""
    message.subject = ""
    message.in_reply_to = ""
    message.references = ""
