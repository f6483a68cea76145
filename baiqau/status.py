"""`baiqau status`: where the contest stands, as tables on the terminal (rich)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from sqlalchemy import func
from sqlmodel import col, select

from hub.context import Context
from hub.db import as_utc, session_scope
from hub.models import (
    FolderCursor,
    InboundMessage,
    MessageKind,
    MessageState,
    OutboundMessage,
    OutboundState,
)

QUARANTINE_SHOWN = 10


def print_status(context: Context, console: Console | None = None) -> None:
    console = console or Console()
    with session_scope(context.engine) as session:
        by_kind = session.exec(
            select(InboundMessage.kind, InboundMessage.state, func.count())
            .group_by(col(InboundMessage.kind), col(InboundMessage.state))
        ).all()
        outbox = session.exec(
            select(OutboundMessage.purpose, OutboundMessage.state, func.count())
            .group_by(col(OutboundMessage.purpose), col(OutboundMessage.state))
        ).all()
        cursors = session.exec(select(FolderCursor)).all()
        quarantined = session.exec(
            select(InboundMessage)
            .where(InboundMessage.state == MessageState.QUARANTINED)
            .order_by(col(InboundMessage.id).desc())
            .limit(QUARANTINE_SHOWN)
        ).all()

    messages = Table(title="Inbound messages")
    messages.add_column("kind")
    for state in MessageState:
        messages.add_column(state.value, justify="right")
    counts = {(kind, state): count for kind, state, count in by_kind}
    for kind in MessageKind:
        row = [counts.get((kind, state), 0) for state in MessageState]
        if any(row):
            messages.add_row(kind.value, *(str(value) for value in row))
    totals = [sum(counts.get((kind, state), 0) for kind in MessageKind) for state in MessageState]
    messages.add_row("all", *(str(value) for value in totals), style="bold")
    console.print(messages)

    answers = Table(title="Outbox")
    answers.add_column("purpose")
    for out_state in OutboundState:
        answers.add_column(out_state.value, justify="right")
    out_counts = {(purpose, state): count for purpose, state, count in outbox}
    for purpose in sorted({purpose for purpose, _ in out_counts}):
        answers.add_row(purpose, *(str(out_counts.get((purpose, state), 0))
                                   for state in OutboundState))
    console.print(answers)

    where = Table(title="Mailbox cursor")
    for name in ("folder", "UIDVALIDITY", "last UID", "last poll (UTC)"):
        where.add_column(name)
    for cursor in cursors:
        polled = as_utc(cursor.polled_at)
        where.add_row(cursor.folder, str(cursor.uidvalidity), str(cursor.last_uid),
                      polled.strftime("%Y-%m-%d %H:%M:%S") if polled else "never")
    console.print(where)

    if quarantined:
        held = Table(title=f"Quarantined (newest {QUARANTINE_SHOWN}); "
                           "`baiqau reprocess ID` after a fix")
        for name in ("#", "from", "subject", "error"):
            held.add_column(name)
        for message in quarantined:
            last_line = message.error.strip().splitlines()[-1] if message.error else ""
            held.add_row(str(message.id), message.sender, message.subject[:40], last_line[:80])
        console.print(held)
