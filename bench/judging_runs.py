"""The jury benchmark's service runs: the jurors' replies taken in, and, for comparison,
applications taken in by the same service in the same run.

Both are `bench/ingest_runs.run_service`: `poll_round` (fetch, store, route, handle,
acknowledge) then `outbox_round` (every answer sent to an SMTP sink), baiqau's real code
path with its config defaults, clocked by `ingest_timers`. For the replies, more clocks go
around the reply handler's own steps, and each handled batch's time is kept, to show
whether a reply costs more as a juror's recorded scores pile up.
"""

from __future__ import annotations

import functools
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ingest_mail import applications
from ingest_runs import ServiceRun, load_mail, run_service
from ingest_sink import Sink
from ingest_timers import Timers
from sqlalchemy import func
from sqlmodel import Session, select

from hub.models import JuryReply, MessageKind, ReplyOutcome, Score, ScoreChange

if TYPE_CHECKING:
    from contest import Contest
    from dovecot import Dovecot
    from judging_mail import Reply

HANDLER = "jury: the reply handler, all of it"
# (module attribute, label): the handler's steps, looked up by name when it runs.
STEPS = [
    ("identify", "jury: identify (address + token)"),
    ("_read", "jury: read (the batch's look-ups when first asked, read)"),
    ("read_scores", "jury: of it, read_scores (quotes out, lines)"),
    ("write_scores", "jury: write_scores (one call a reply)"),
    ("_echo", "jury: echo (progress, render, queue)"),
    ("render", "jury: of it, render the echo"),
]


@dataclass
class RepliesRun:
    service: ServiceRun
    jury: Timers
    batches: list[tuple[int, float]] = field(default_factory=list)  # (messages, seconds)
    scores: int = 0  # score rows in the database afterwards
    changes: int = 0  # audit lines
    outcomes: dict[str, int] = field(default_factory=dict)


def load_replies(dovecot: Dovecot, address: str, replies: list[Reply]) -> float:
    """MULTIAPPEND the replies into the contest's INBOX; returns the seconds."""
    start = time.perf_counter()
    load_mail(dovecot, address, [(reply.raw, reply.arrived) for reply in replies])
    return time.perf_counter() - start


def _clock_batches(timers: Timers, batches: list[tuple[int, float]]) -> None:
    from hub.mail.pipeline import Pipeline

    original = Pipeline._process_batch

    @functools.wraps(original)
    def timed(self: Pipeline, row_ids: list[int], *args: Any) -> None:
        start = time.perf_counter()
        try:
            original(self, row_ids, *args)
        finally:
            batches.append((len(row_ids), time.perf_counter() - start))

    setattr(Pipeline, "_process_batch", timed)  # noqa: B010 (mypy: a method replaced)
    timers.on_restore(lambda: setattr(Pipeline, "_process_batch", original))


def _clock_handler(timers: Timers, contest: Contest) -> None:
    handlers = contest.poller.pipeline.handlers
    original = handlers[MessageKind.JURY_REPLY]

    def timed(handling: Any) -> None:
        start = time.perf_counter()
        try:
            original(handling)
        finally:
            timers.add(HANDLER, time.perf_counter() - start)

    handlers[MessageKind.JURY_REPLY] = timed
    timers.on_restore(lambda: handlers.__setitem__(MessageKind.JURY_REPLY, original))


def run_replies(contest: Contest, dovecot: Dovecot, sink: Sink,
                profile_path: str | None) -> RepliesRun:
    """Take in every reply in the contest's mailbox and send every echo to `sink`."""
    import jury.replies

    jury_timers = Timers()
    batches: list[tuple[int, float]] = []
    for name, label in STEPS:
        jury_timers.wrap(jury.replies, name, label)
    _clock_handler(jury_timers, contest)
    _clock_batches(jury_timers, batches)
    try:
        service = run_service(contest, dovecot, sink, profile_path)
    finally:
        jury_timers.restore()
    run = RepliesRun(service, jury_timers, batches)
    with Session(contest.context.engine) as session:
        run.scores = session.exec(select(func.count()).select_from(Score)).one()
        run.changes = session.exec(select(func.count()).select_from(ScoreChange)).one()
        for outcome, count in session.exec(
                select(JuryReply.outcome, func.count()).group_by(JuryReply.outcome)).all():
            run.outcomes[ReplyOutcome(outcome).value] = count
    return run


@dataclass
class IngestRun:
    count: int
    service: ServiceRun


def run_ingest(dovecot: Dovecot, root: Path, count: int, seed: int,
               new_sink: Callable[[], Sink]) -> IngestRun:
    """bench/ingest's service run on `count` generated applications, in a contest of its
    own (its own mailbox, database and sink), for the rate applications are handled."""
    from contest import PASSWORD_ENV, Contest

    password = os.environ.get(PASSWORD_ENV)
    sink = new_sink()
    try:
        root.mkdir()
        contest = Contest(dovecot, sink, root)  # type: ignore[arg-type]
        address = contest.mailbox.address
        load_mail(dovecot, address, applications(count, address, seed))
        service = run_service(contest, dovecot, sink, None)
    finally:
        sink.kill()
        if password is not None:  # the jury contest's mailbox password, for its commands
            os.environ[PASSWORD_ENV] = password
    return IngestRun(count, service)
