"""One round with the contest mailbox: fetch what is new, keep it, handle it, acknowledge it.

The order is the whole point: raw bytes on disk and a committed row first (the
message is safe), then handling in its own transaction (see `hub.mail.pipeline`), then
the acknowledgement on the server. A crash between any two steps is repaired by the
next round: an unstored message is still above the cursor, an unhandled one is still
`stored`, an unacknowledged one still has no `acked_at`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import update
from sqlmodel import Session, col, select

from hub.context import Context
from hub.db import make_durable, session_scope
from hub.failpoints import failpoint
from hub.mail.erasure import erase_secret
from hub.mail.letter import Letter, envelope_of, read_header_block
from hub.mail.mailbox import Mailbox, MessageMeta
from hub.mail.pipeline import Pipeline, ProcessReport
from hub.models import FolderCursor, InboundMessage, MessageState

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]  # (stage, done, total)
# UIDs per MOVE command: short enough for any server's command-line limit.
ACKNOWLEDGE_SET = 500
EXPUNGED = ""  # the acked_folder of a message deleted from the server (a secret ballot)


@dataclass
class PollReport:
    fetched: int = 0
    already_known: int = 0
    processed: ProcessReport = field(default_factory=ProcessReport)
    acknowledged: int = 0
    uidvalidity_changed: bool = False


class Poller:
    def __init__(self, context: Context, pipeline: Pipeline) -> None:
        self.context = context
        self.pipeline = pipeline
        self.config = context.config.mailbox

    def poll(self, box: Mailbox, progress: Progress | None = None) -> PollReport:
        report = PollReport()
        box.ensure_folder(self.config.processed_folder)
        box.ensure_folder(self.config.quarantine_folder)
        uidvalidity = box.select(self.config.folder)
        last_uid = self._cursor(uidvalidity, report)
        uids = box.uids_after(last_uid)
        metas = box.metas(uids)
        self._fetch_and_store(box, uidvalidity, metas, report, progress)
        done = 0
        pending = len(self.pipeline.pending_ids())

        def tick() -> None:
            nonlocal done
            done += 1
            if progress is not None:
                progress("handle", done, pending)

        report.processed = self.pipeline.process_pending(on_each=tick)
        report.acknowledged = self.acknowledge(box, uidvalidity)
        erase_secret(self.context.engine, self.context.store)
        return report

    # -- the cursor ---------------------------------------------------------------

    def _cursor(self, uidvalidity: int, report: PollReport) -> int:
        with session_scope(self.context.engine) as session:
            cursor = session.get(FolderCursor, self.config.folder)
            if cursor is None:
                cursor = FolderCursor(folder=self.config.folder, uidvalidity=uidvalidity)
                session.add(cursor)
            elif cursor.uidvalidity != uidvalidity:
                # The server renumbered the folder: every UID we knew is void. Read it
                # again from the start; stored messages are recognised by their bytes.
                log.warning("%s: UIDVALIDITY changed %s -> %s; rescanning the folder",
                            self.config.folder, cursor.uidvalidity, uidvalidity)
                cursor.uidvalidity = uidvalidity
                cursor.last_uid = 0
                report.uidvalidity_changed = True
            return cursor.last_uid

    # -- fetch and store ------------------------------------------------------------

    def _fetch_and_store(
        self,
        box: Mailbox,
        uidvalidity: int,
        metas: list[MessageMeta],
        report: PollReport,
        progress: Progress | None,
    ) -> None:
        large = self.config.large_message_bytes
        total = len(metas)
        for batch in fetch_batches(metas, self.config.fetch_batch, large):
            small = box.fetch_whole([meta.uid for meta in batch if meta.size <= large])
            # The batch's small messages are made durable together, then the large ones
            # (streamed to disk) one at a time.
            in_memory = [meta for meta in batch if meta.uid in small]
            stored = dict(zip((meta.uid for meta in in_memory),
                              self.context.store.save_many([small.pop(meta.uid)
                                                            for meta in in_memory]),
                              strict=True))
            saved: list[tuple[MessageMeta, str, str, int]] = []
            for meta in batch:
                if meta.uid in stored:
                    sha, relpath = stored[meta.uid]
                    size = meta.size
                else:
                    with self.context.store.writer() as writer:
                        box.fetch_in_chunks(meta.uid, writer.write)
                    sha, relpath, size = writer.sha256, writer.relpath, writer.size
                saved.append((meta, sha, relpath, size))
            failpoint("after-raw-saved")
            # Every raw file of the batch is on disk (fsynced); now their rows and the
            # cursor commit together, one transaction for the batch.
            with session_scope(self.context.engine) as session:
                known = self._record(session, uidvalidity, saved)
            failpoint("after-store")
            report.already_known += known
            report.fetched += len(saved) - known
            if progress is not None:
                progress("fetch", report.fetched + report.already_known, total)

    def _record(self, session: Session, uidvalidity: int,
                saved: list[tuple[MessageMeta, str, str, int]]) -> int:
        """Add the rows for a batch of stored messages and move the cursor past them.

        Returns how many were already known. Rows with the same bytes are looked up
        once for the whole batch.
        """
        if not saved:
            return 0
        shas = sorted({sha for _, sha, _, _ in saved})
        same_bytes: dict[str, list[InboundMessage]] = {}
        for row in session.exec(
            select(InboundMessage).where(col(InboundMessage.sha256).in_(shas))
        ).all():
            same_bytes.setdefault(row.sha256, []).append(row)
        known = 0
        for meta, sha, relpath, size in saved:
            existing = _same_copy(same_bytes.get(sha, []), uidvalidity, meta.uid)
            if existing is not None:
                # Seen before (a refetch after a crash, or a UIDVALIDITY change): only its
                # place on the server is new. It keeps its state and its answers.
                known += 1
                existing.folder = self.config.folder
                existing.uidvalidity = uidvalidity
                existing.uid = meta.uid
                if existing.acked_at is not None and existing.state is not MessageState.STORED:
                    existing.acked_at = None  # still in the watched folder: acknowledge again
                continue
            letter = envelope_of(read_header_block(self.context.store.path(relpath)))
            row = _new_row(self.config.folder, uidvalidity, meta, sha, relpath, size, letter,
                           self.context.clock.now())
            session.add(row)
            same_bytes.setdefault(sha, []).append(row)
        cursor = session.get(FolderCursor, self.config.folder)
        assert cursor is not None
        cursor.last_uid = max(cursor.last_uid, *(meta.uid for meta, *_ in saved))
        return known

    # -- acknowledge ----------------------------------------------------------------

    def acknowledge(self, box: Mailbox, uidvalidity: int) -> int:
        """Move every handled message out of the watched folder, a set at a time.

        The move comes before its record: killed in between, the next round moves the
        same UIDs again, which the server treats as nothing to do.
        """
        with session_scope(self.context.engine) as session:
            rows = session.exec(
                select(InboundMessage.id, InboundMessage.uid, InboundMessage.state,
                       InboundMessage.secret)
                .where(
                    col(InboundMessage.acked_at).is_(None),
                    InboundMessage.folder == self.config.folder,
                    InboundMessage.uidvalidity == uidvalidity,
                    InboundMessage.state != MessageState.STORED,
                )
                .order_by(col(InboundMessage.uid))
            ).all()
        # What the server is about to forget must be safe here first, power cut included.
        make_durable(self.context.engine)
        by_destination: dict[str, list[tuple[int, int]]] = {}
        for row_id, uid, state, secret in rows:
            assert row_id is not None
            if state is MessageState.QUARANTINED:
                destination = self.config.quarantine_folder
            else:
                # A handled secret ballot is expunged, not kept ("" is no folder).
                destination = EXPUNGED if secret else self.config.processed_folder
            by_destination.setdefault(destination, []).append((row_id, uid))
        acknowledged = 0
        for destination, pairs in by_destination.items():
            for start in range(0, len(pairs), ACKNOWLEDGE_SET):
                chunk = pairs[start : start + ACKNOWLEDGE_SET]
                if destination == EXPUNGED:
                    box.expunge([uid for _, uid in chunk])
                else:
                    box.acknowledge([uid for _, uid in chunk], destination)
                failpoint("after-acknowledge")
                with session_scope(self.context.engine) as session:
                    session.execute(
                        update(InboundMessage)
                        .where(col(InboundMessage.id).in_([row_id for row_id, _ in chunk]))
                        .values(acked_at=self.context.clock.now(), acked_folder=destination)
                    )
                acknowledged += len(chunk)
                log.debug("moved %d message(s) to %s", len(chunk), destination)
        return acknowledged

    def release_from_quarantine(self, box: Mailbox, released: dict[int, str]) -> int:
        """After a successful reprocess, move the server's copies to the processed folder
        (a secret ballot's are expunged). `released`: row id -> the Message-ID it had when
        it was quarantined (a secret ballot's row keeps only a hash of it once handled).

        Found by Message-ID: a message without one stays in quarantine on the server,
        which is harmless (it is handled; only the folder is untidy).
        """
        moved = 0
        box.select(self.config.quarantine_folder)
        with session_scope(self.context.engine) as session:
            for row_id, message_id in released.items():
                message = session.get(InboundMessage, row_id)
                if message is None or not message_id:
                    continue
                uids = box.uids_with_message_id(message_id)
                if message.secret:
                    box.expunge(uids)
                    message.acked_folder = EXPUNGED
                else:
                    box.acknowledge(uids, self.config.processed_folder)
                    if uids:
                        message.acked_folder = self.config.processed_folder
                moved += len(uids)
        erase_secret(self.context.engine, self.context.store)
        return moved


def _same_copy(same_bytes: list[InboundMessage], uidvalidity: int,
               uid: int) -> InboundMessage | None:
    """Of the rows with a message's bytes, the row of this very server copy, if it was
    stored before, or stored under an old UIDVALIDITY.

    A row with these bytes and another current UID is another copy of the same message
    (it was delivered twice): that one gets a row of its own, so it is acknowledged too.
    """
    for row in same_bytes:
        if row.uidvalidity == uidvalidity and row.uid == uid:
            return row
    return next((row for row in same_bytes if row.uidvalidity != uidvalidity), None)


def fetch_batches(metas: list[MessageMeta], most: int, large: int) -> list[list[MessageMeta]]:
    """Consecutive runs of messages to fetch in one FETCH, in UID order.

    A batch holds at most `most` messages and about `4 * large` bytes of small ones, so
    a folder full of messages just under the large-message size cannot fill memory.
    A large message (streamed on its own) ends the batch it falls in.
    """
    budget = 4 * large
    batches: list[list[MessageMeta]] = []
    current: list[MessageMeta] = []
    held = 0
    for meta in metas:
        small = meta.size <= large
        if current and (len(current) >= most or (small and held + meta.size > budget)):
            batches.append(current)
            current, held = [], 0
        current.append(meta)
        if small:
            held += meta.size
        else:
            batches.append(current)
            current, held = [], 0
    if current:
        batches.append(current)
    return batches


def _new_row(folder: str, uidvalidity: int, meta: MessageMeta, sha: str, relpath: str,
             size: int, letter: Letter, now: datetime) -> InboundMessage:
    return InboundMessage(
        folder=folder,
        uidvalidity=uidvalidity,
        uid=meta.uid,
        sha256=sha,
        message_id=letter.message_id,
        size=size,
        raw_path=relpath,
        internaldate=meta.internaldate,
        stored_at=now,
        sender=letter.sender,
        sender_name=letter.sender_name,
        subject=letter.subject,
        in_reply_to=letter.in_reply_to,
        references=" ".join(letter.references),
    )
