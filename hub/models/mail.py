"""The rows that make mail safe to kill: inbound mail, outbound mail, folder cursors.

Every state is a column, not a queue in memory: a restart reads where it stood from
these tables. Nothing here is SQLite-specific; PostgreSQL is a change of URL.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from hub.models.columns import utc_column


class MessageKind(StrEnum):
    """What an inbound message is, decided by the router."""

    UNSORTED = "unsorted"  # stored, not classified yet
    APPLICATION = "application"
    AMENDMENT = "amendment"
    JURY_REPLY = "jury_reply"
    VOTE = "vote"
    REGISTER = "register"  # a journalist or blogger registering to vote (REGISTER, ТІРКЕЛУ)
    DECISION = "decision"  # an organizer's reply to a digest: ACCEPT A-0012, REJECT ...
    MACHINE = "machine"  # auto-reply, bounce, list mail, our own mail coming back
    OTHER = "other"  # a person's mail we cannot act on (no usable sender address)


# The kind_reason of a DECISION message that proved nothing (not an organizer's address,
# or not their token): such mail records nothing and shows in the next digest.
FORGED_DECISION = "a digest token that proves nothing"


class MessageState(StrEnum):
    STORED = "stored"  # raw bytes safe on disk and in a row; not handled yet
    HANDLED = "handled"  # a handler ran; its answers are in the outbox
    IGNORED = "ignored"  # kept, deliberately not answered (machine mail, a copy)
    QUARANTINED = "quarantined"  # handling raised: waits for a person and a reprocess


class OutboundState(StrEnum):
    QUEUED = "queued"
    SENDING = "sending"  # claimed by a sender; see hub.mail.outbox for what a crash here means
    SENT = "sent"
    FAILED = "failed"  # permanent failure, or out of attempts
    SUPPRESSED = "suppressed"  # not sent: the recipient had their daily share of answers


class FolderCursor(SQLModel, table=True):
    """How far baiqau has read one IMAP folder. UIDs mean nothing across UIDVALIDITY."""

    __tablename__ = "folder_cursor"
    folder: str = Field(primary_key=True)
    uidvalidity: int = 0
    last_uid: int = 0
    polled_at: datetime | None = Field(default=None, sa_column=utc_column())


class InboundMessage(SQLModel, table=True):
    """One copy of a message on the server. Two identical copies are two rows (each is
    acknowledged on the server) sharing one raw file; the later one is never answered."""

    __tablename__ = "inbound_message"

    id: int | None = Field(default=None, primary_key=True)
    # Where the message sits on the server while it is not acknowledged.
    folder: str
    uidvalidity: int
    uid: int
    sha256: str = Field(max_length=64, index=True)
    message_id: str = Field(default="", index=True)
    size: int = 0
    raw_path: str  # relative to the storage folder
    internaldate: datetime | None = Field(default=None, sa_column=utc_column())
    stored_at: datetime = Field(sa_column=utc_column(nullable=False))
    sender: str = Field(default="", index=True)  # lower-cased address from From
    sender_name: str = ""
    subject: str = ""
    in_reply_to: str = ""
    references: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    kind: MessageKind = Field(default=MessageKind.UNSORTED, index=True)
    kind_reason: str = ""  # why the router chose the kind, for people reading exports
    state: MessageState = Field(default=MessageState.STORED, index=True)
    error: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    attempts: int = 0
    handled_at: datetime | None = Field(default=None, sa_column=utc_column())
    acked_at: datetime | None = Field(default=None, sa_column=utc_column())
    acked_folder: str = ""
    application_id: int | None = Field(default=None, foreign_key="application.id", index=True)
    # A secret ballot: what could pair its sender with a choice (the raw copy, the copy on
    # the server, sender, subject, Message-ID) is erased once it is handled and
    # acknowledged; the Message-ID is kept only as a keyed hash, to recognise a replay.
    secret: bool = False


class OutboundMessage(SQLModel, table=True):
    """One email baiqau decided to send. The row comes first; SMTP comes after commit."""

    __tablename__ = "outbound_message"
    __table_args__ = (UniqueConstraint("dedup_key", name="uq_outbound_dedup_key"),)

    id: int | None = Field(default=None, primary_key=True)
    dedup_key: str  # one answer per key, ever
    message_id: str = Field(index=True)  # stable across retries, so copies collapse
    inbound_id: int | None = Field(default=None, foreign_key="inbound_message.id", index=True)
    purpose: str = ""  # receipt, quarantine-notice, ... (for status and exports)
    language: str = ""
    to_address: str = Field(index=True)
    to_name: str = ""
    subject: str
    body_text: str = Field(sa_column=Column(Text, nullable=False))
    in_reply_to: str = ""
    references: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    state: OutboundState = Field(default=OutboundState.QUEUED, index=True)
    attempts: int = 0
    created_at: datetime = Field(sa_column=utc_column(nullable=False, index=True))
    next_attempt_at: datetime | None = Field(default=None, sa_column=utc_column(index=True))
    claimed_at: datetime | None = Field(default=None, sa_column=utc_column())
    claim_token: str = Field(default="", index=True)  # which sender took the row
    sent_at: datetime | None = Field(default=None, sa_column=utc_column())
    last_error: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    # An HTML alternative to body_text ("" for plain text only): the organizers' digest.
    body_html: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    # Files sent along: [{"path": relative to the storage folder, "filename", "content_type",
    # "content_id" (set: shown inside the HTML, as a chart is)}].
    attachments_json: str = Field(default="[]", sa_column=Column(Text, nullable=False,
                                                                  default="[]"))
    # A vote's confirmation: its recipient, subject and text are erased once it is sent
    # (or has failed for good), so the outbox does not pair a voter with a choice.
    secret: bool = False
