"""The jobs the service runs: one poll round, one outbox round.

Each round opens what it needs and closes it again, and never lets an exception out:
a failed login or a dropped connection is logged and the next round tries again.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from hub.context import Context
from hub.db import session_scope
from hub.mail.kinds import MailKind
from hub.mail.mailbox import Mailbox
from hub.mail.outbox import SendReport, send_due
from hub.mail.pipeline import Pipeline
from hub.mail.poller import Poller, PollReport, Progress
from hub.models import FolderCursor

log = logging.getLogger(__name__)


def make_poller(context: Context, kinds: Sequence[MailKind]) -> Poller:
    """A poller whose pipeline knows `kinds` (the service's are in `baiqau.service`)."""
    return Poller(context, Pipeline(context, kinds))


def poll_round(poller: Poller, progress: Progress | None = None) -> PollReport:
    """Fetch, store, handle and acknowledge everything new. Raises on connection trouble."""
    context = poller.context
    with Mailbox(context.config.mailbox) as box:
        report = poller.poll(box, progress)
    with session_scope(context.engine) as session:
        cursor = session.get(FolderCursor, context.config.mailbox.folder)
        if cursor is not None:
            cursor.polled_at = context.clock.now()
    return report


def outbox_round(context: Context) -> SendReport:
    return send_due(context.engine, context.config, context.clock)


def poll_job(poller: Poller) -> None:
    """The scheduler's poll job: a round, then the outbox; never raises."""
    try:
        report = poll_round(poller)
        if report.fetched or report.processed.quarantined:
            log.info("poll: %d new, %d handled, %d ignored, %d quarantined",
                     report.fetched, report.processed.handled, report.processed.ignored,
                     report.processed.quarantined)
    except Exception:
        log.exception("poll round failed; the next round will try again")
    outbox_job(poller.context)


def outbox_job(context: Context) -> None:
    try:
        report = outbox_round(context)
        if report.sent or report.failed or report.retried:
            log.info("outbox: %d sent, %d to retry, %d failed",
                     report.sent, report.retried, report.failed)
    except Exception:
        log.exception("outbox round failed; the next round will try again")
