"""The service as composed for a contest: which kinds of mail, which scheduled jobs.

This is the one place that names every kind of contest mail. The order of `MAIL_KINDS`
is the order the router asks their detectors: a kind that claims specific mail comes
before applications, whose last detector takes any person's first email.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from baiqau.opening import open_service as open_service  # where every command opens
from hub.context import Context
from hub.mail.kinds import MailKind
from hub.mail.outbox import requeue_abandoned
from hub.mail.poller import Poller
from hub.mail.rounds import make_poller, outbox_job, poll_job
from hub.mail.watcher import MailWatcher
from hub.scheduler import Job, build_scheduler, serve, wake
from intake.kind import APPLICATIONS, DECISIONS
from jury.kind import JURY_REPLIES
from jury.schedule import EVERY_SECONDS as JURY_EVERY_SECONDS
from jury.schedule import jury_job
from jury.voting.count import count_votes
from jury.voting.kind import VOTERS
from jury.voting.schedule import EVERY_SECONDS as VOTING_EVERY_SECONDS
from jury.voting.schedule import voting_job
from reports.digest import CountVotes, digest_due, send_digest

DIGEST_EVERY_SECONDS = 60.0

log = logging.getLogger("baiqau")

MAIL_KINDS: tuple[MailKind, ...] = (JURY_REPLIES, VOTERS, DECISIONS, APPLICATIONS)


def service_poller(context: Context, kinds: Sequence[MailKind] = MAIL_KINDS) -> Poller:
    return make_poller(context, kinds)


def prepare(context: Context) -> None:
    """What a start does under the lock before any round: nothing half-done stays so."""
    requeue_abandoned(context.engine)
    context.store.sweep_incoming()


def _count_of(context: Context) -> CountVotes | None:
    """A voting contest's digest shows its turnout (never who voted for whom)."""
    return count_votes if context.config.voting is not None else None


def digest_job(context: Context) -> None:
    """The daily digest, once its hour has come; at most one a day per organizer (its
    dedup key holds the day). Never raises."""
    try:
        if digest_due(context.config, context.clock.now()):
            send_digest(context, daily=True, count_votes=_count_of(context))
    except Exception:
        log.exception("digest failed; the next run will try again")


def serve_contest(context: Context, poller: Poller) -> None:
    """Run the scheduled jobs until SIGTERM: poll (woken by IMAP IDLE) and the outbox."""
    config = context.config
    scheduler = build_scheduler([
        Job("poll", lambda: poll_job(poller), config.mailbox.poll_interval_seconds),
        Job("outbox", lambda: outbox_job(context), config.outbox.retry_base_seconds),
        Job("jury", lambda: jury_job(context), JURY_EVERY_SECONDS),
        Job("voting", lambda: voting_job(context), VOTING_EVERY_SECONDS),
        Job("digest", lambda: digest_job(context), DIGEST_EVERY_SECONDS),
    ])
    watchers = []
    if config.mailbox.use_idle:
        watchers.append(MailWatcher(config.mailbox, lambda: wake(scheduler, "poll")))
    log.info("baiqau is watching %s on %s", config.mailbox.folder, config.mailbox.host)
    serve(scheduler, watchers)
