"""The voting benchmark's runs: the votes taken in by the service (with clocks around the
vote handler's steps and the erasure), what they left in the database and on the server,
and `baiqau results` as commands.

The votes run is `bench/ingest_runs.run_service`: `poll_round` (fetch, store, route,
handle, acknowledge, expunge, erase the raw copies) then `outbox_round` (each confirmation
sent to the SMTP sink and erased from the outbox), baiqau's real code path.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ingest_runs import ServiceRun, run_service
from ingest_sink import Sink
from ingest_timers import Timers
from judging_results import LAUNCHER, CommandRun
from sqlmodel import Session, col, select

from hub.models import (
    BallotReply,
    InboundMessage,
    MessageKind,
    OutboundMessage,
    OutboundState,
    Participant,
    Vote,
)

if TYPE_CHECKING:
    from contest import Contest
    from dovecot import Dovecot

ROOT = Path(__file__).resolve().parent.parent
HANDLER = "voting: the vote handler, all of it"
# (module or module:Class, attribute, label): the handler's steps, looked up by name when it runs.
STEPS = [
    ("jury.voting.votes", "identify", "voting: identify (address + token)"),
    ("jury.voting.votes", "has_voted", "voting: has_voted (one look-up)"),
    ("jury.voting.votes", "read_choice", "voting: read_choice"),
    ("jury.voting.votes", "own_text", "voting: own_text (quotes out)"),
    ("jury.voting.votes", "new_vote_id", "voting: new_vote_id"),
    ("jury.voting.votes", "_answer", "voting: the answer (render, queue)"),
    ("jury.voting.votes", "render", "voting: of it, render"),
    ("hub.mail.poller", "erase_secret", "erase: raw copies + WAL checkpoint"),
    ("hub.mail.erasure", "forget_old_pages", "erase: of it, the WAL checkpoint"),
    ("hub.mail.mailbox:Mailbox", "expunge", "IMAP UID EXPUNGE (ballots)"),
]


@dataclass
class VotesRun:
    service: ServiceRun
    voting: Timers
    votes: Counter[int] = field(default_factory=Counter)  # participant number -> votes
    outcomes: Counter[str] = field(default_factory=Counter)
    answers: Counter[str] = field(default_factory=Counter)  # state of the confirmations
    answers_erased: int = 0
    ballots_kept: int = 0  # ballot rows with a sender, a subject or a raw copy left
    on_server: int = 0  # messages left in INBOX and the processed folder


def _resolve(path: str) -> Any:
    """A module, or `module:Class`."""
    import importlib

    module, _, attribute = path.partition(":")
    owner = importlib.import_module(module)
    return getattr(owner, attribute) if attribute else owner


def run_votes(contest: Contest, dovecot: Dovecot, sink: Sink,
              profile_path: str | None) -> VotesRun:
    """Take in every vote in the contest's mailbox and send every confirmation to `sink`."""
    timers = Timers()
    for owner, name, label in STEPS:
        timers.wrap(_resolve(owner), name, label)
    handlers = contest.poller.pipeline.handlers
    original = handlers[MessageKind.VOTE]

    def timed(handling: Any) -> None:
        start = time.perf_counter()
        try:
            original(handling)
        finally:
            timers.add(HANDLER, time.perf_counter() - start)

    handlers[MessageKind.VOTE] = timed
    timers.on_restore(lambda: handlers.__setitem__(MessageKind.VOTE, original))
    try:
        service = run_service(contest, dovecot, sink, profile_path)
    finally:
        timers.restore()
    run = VotesRun(service, timers)
    with Session(contest.context.engine) as session:
        numbers = dict(session.exec(select(Participant.id, Participant.number)).all())
        run.votes.update(numbers[row] for row in session.exec(select(Vote.participant_id)))
        run.outcomes.update(row.value for row in session.exec(select(BallotReply.outcome)))
        for row in session.exec(select(OutboundMessage).where(
                OutboundMessage.purpose == "vote-answer")):
            run.answers[OutboundState(row.state).value] += 1
            run.answers_erased += (row.to_address, row.subject, row.body_text) == ("", "", "")
        run.ballots_kept = len(session.exec(select(InboundMessage.id).where(
            col(InboundMessage.secret).is_(True),
            (InboundMessage.sender != "") | (InboundMessage.subject != "")
            | (InboundMessage.raw_path != ""))).all())
    address = contest.mailbox.address
    run.on_server = (len(dovecot.messages(address))
                     + len(dovecot.messages(address, contest.config.mailbox.processed_folder)))
    return run


def run_cli(config_path: Path, args: list[str], stderr: Path) -> CommandRun:
    """`baiqau --config ... ARGS` in a fresh process: wall seconds from spawn to exit."""
    command = [sys.executable, "-m", "baiqau", "--config", str(config_path), *args]
    launched = subprocess.run([sys.executable, "-c", LAUNCHER, str(stderr), *command],
                              cwd=ROOT, capture_output=True, text=True, check=True)
    found = json.loads(launched.stdout)
    if found["returncode"]:
        sys.stderr.write(stderr.read_text())
    return CommandRun(found["seconds"], found["maxrss"], found["cpu"], found["returncode"])


def count_seconds(contest: Contest, repeat: int) -> tuple[float, int]:
    """`count_votes` in this process, best of `repeat`; and the votes it counted."""
    from jury.voting.count import count_votes

    times, counted = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        with Session(contest.context.engine) as session:
            counted = count_votes(session, contest.config, datetime.now(UTC)).votes_counted
        times.append(time.perf_counter() - start)
    return min(times), counted
