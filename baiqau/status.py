"""`baiqau status`: where the contest stands, as tables on the terminal (rich).

What an organizer asks first comes first: how many applications stand where, and which
wait for a person, each with why and the command lines that settle it, written out to
be copied. The mail machinery's tables (messages, outbox, cursor, quarantine) follow.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table
from sqlalchemy import func
from sqlmodel import col, select

from baiqau.voting_status import print_voting
from hub.context import Context
from hub.db import as_utc, session_scope
from hub.models import (
    Application,
    ApplicationStatus,
    FolderCursor,
    InboundMessage,
    MessageKind,
    MessageState,
    OutboundMessage,
    OutboundState,
)
from reports.reviews import review_reasons

QUARANTINE_SHOWN = 10
REVIEWS_SHOWN = 20
# The order an application moves through, not the enum's: done, to be mended, to be
# decided, out.
STATUSES = (ApplicationStatus.ACCEPTED, ApplicationStatus.NEEDS_FIX,
            ApplicationStatus.REVIEW, ApplicationStatus.REJECTED)


def print_status(context: Context, console: Console | None = None) -> None:
    console = console or Console()
    with session_scope(context.engine) as session:
        by_status = dict(session.exec(
            select(Application.status, func.count()).group_by(col(Application.status))
        ).all())
        reviews = session.exec(
            select(Application)
            .where(Application.status == ApplicationStatus.REVIEW)
            .order_by(col(Application.id))
            .limit(REVIEWS_SHOWN)
        ).all()
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

    applications = Table(title="Applications")
    for status in STATUSES:
        applications.add_column(status.value, justify="right")
    applications.add_column("all", justify="right", style="bold")
    applications.add_row(*(str(by_status.get(status, 0)) for status in STATUSES),
                         str(sum(by_status.values())))
    console.print(applications)
    print_reviews(reviews, by_status.get(ApplicationStatus.REVIEW, 0), console)
    if context.config.voting is not None:
        with session_scope(context.engine) as session:
            print_voting(session, console)

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


def print_reviews(reviews: Sequence[Application], waiting: int, console: Console) -> None:
    """Each application waiting for a person: who, why, and how to settle it.

    Plain lines, not a table: a table would wrap the command lines with borders in them,
    and they are there to be copied. The entrant's name is printed as written (no rich
    markup): an entrant can put brackets in a name.
    """
    if not waiting:
        console.print("Waiting for an organizer's decision: none")
        return
    console.print(f"Waiting for an organizer's decision: {waiting}")
    for application in reviews:
        console.print(f"  {application.number}  {application.name or '(name not read)'} "
                      f"<{application.email}>", markup=False, highlight=False)
        for reason in review_reasons(application):
            console.print(f"      {reason}", markup=False, highlight=False)
        for command in (f"baiqau application accept {application.number}",
                        f'baiqau application reject {application.number} --reason "..."'):
            console.print(f"      {command}", markup=False, highlight=False, soft_wrap=True)
    if waiting > len(reviews):
        console.print(f"  and {waiting - len(reviews)} more: "
                      "baiqau application list --status review", markup=False)
    console.print("  Everything read from an application: baiqau application show NUMBER",
                  markup=False, highlight=False)
