"""Kill baiqau with SIGKILL in the middle of a batch, restart it, and count.

A few hundred applications wait in the contest mailbox. `baiqau poll --once` runs as a
real process and is killed, by itself at named failpoints (between the raw file and
its row, after the row, before the handling commits, after the server acknowledged,
after SMTP accepted an answer) and from outside at random moments. Then it runs to
the end. Every message must be stored once, handled once, acknowledged once, and
every answer delivered once, except in the one window no mail system can close:
SMTP said "250 OK" and the process died before writing that down. There the answer
goes out again with the same Message-ID, which mail clients show as one message.
"""

from __future__ import annotations

import email
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable

import pytest
from contest import ROOT, Contest, new_message
from dovecot_mailboxes import MailAccount
from sqlmodel import Session, func, select

from hub.models import InboundMessage, MessageState, OutboundMessage, OutboundState

ENTRANTS = 50
LETTERS_EACH = 5
TOTAL = ENTRANTS * LETTERS_EACH

pytestmark = pytest.mark.slow


def fill_mailbox(contest: Contest) -> list[MailAccount]:
    entrants = [contest.entrant(f"e{number:02d}") for number in range(ENTRANTS)]
    raws = []
    for round_number in range(LETTERS_EACH):
        for entrant in entrants:
            message = new_message(
                entrant.address, contest.mailbox.address, f"Өтінім {round_number}",
                f"Сәлеметсіз бе! Бұл менің {round_number}-хатым. Көкшетау, Бурабай.",
                attachments=[("бейне.mp4", bytes(range(256)) * 40, "video/mp4")],
            )
            raws.append(message.as_bytes(policy=message.policy.clone(linesep="\r\n")))
    with contest.dovecot.imap(contest.mailbox.address) as client:
        for raw in raws:
            client.append("INBOX", raw)
    return entrants


def poll_process(contest: Contest, failpoint: str = "") -> subprocess.Popen[str]:
    env = {"BAIQAU_FAILPOINT": failpoint} if failpoint else {}
    import os

    return subprocess.Popen(
        [sys.executable, "-m", "baiqau", "--config", str(contest.config_path), "poll", "--once"],
        cwd=ROOT, env={**os.environ, **env}, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )


def run_killed_at(contest: Contest, failpoint: str) -> None:
    process = poll_process(contest, failpoint)
    _, stderr = process.communicate(timeout=300)
    assert process.returncode == -signal.SIGKILL, f"{failpoint} was never reached: {stderr}"


def run_to_the_end(contest: Contest) -> str:
    process = poll_process(contest)
    stdout, stderr = process.communicate(timeout=300)
    assert process.returncode == 0, stderr
    return stdout


def assert_everything_once(contest: Contest, entrants: list[MailAccount],
                           smtp_window_kills: int) -> None:
    engine = contest.context.engine
    with Session(engine) as session:
        inbound = session.exec(select(InboundMessage)).all()
        answers = session.exec(select(OutboundMessage)).all()
        distinct = session.exec(select(func.count(func.distinct(InboundMessage.sha256)))).one()
    assert len(inbound) == TOTAL and distinct == TOTAL
    assert Counter(row.state for row in inbound) == {MessageState.HANDLED: TOTAL}
    assert all(row.acked_at is not None for row in inbound)
    assert len(answers) == TOTAL
    assert Counter(row.state for row in answers) == {OutboundState.SENT: TOTAL}

    mailbox = contest.mailbox.address
    assert contest.dovecot.messages(mailbox) == []
    processed = contest.dovecot.messages(mailbox, "baiqau-processed")
    assert len(processed) == TOTAL
    assert len({email.message_from_bytes(raw)["Message-ID"] for raw in processed}) == TOTAL

    copies = 0
    for entrant in entrants:
        received = [email.message_from_bytes(raw) for raw in
                    contest.dovecot.messages(entrant.address)]
        ids = Counter(message["Message-ID"] for message in received)
        assert len(ids) == LETTERS_EACH, entrant.address
        copies += len(received) - len(ids)
    # Each SMTP connection has one answer in the window between the server's 250 and
    # our record of it; a kill there sends that answer again (with the same Message-ID).
    assert copies <= smtp_window_kills * contest.config.outbox.connections


# Each run resumes where the last one died, so the counts are within what is left.
# Fetch batches are 20 messages, handling batches 100; "raw-written" counts files,
# "after-raw-saved" and "after-store" count batches.
FAILPOINTS = [
    "raw-written:7",  # seven files of the first batch written, none durable or renamed
    "after-raw-saved:1",  # a batch's files durable and in place, its rows not yet
    "after-store:3",  # three batches of rows and the cursor committed
    "after-raw-saved:2",  # one more batch committed, the next one's files only
    "before-handle-commit:25",  # 25 handled and answers queued, nothing committed
    "before-handle-commit:150",  # one batch of 100 committed, the second not
    "after-acknowledge:1",  # moved on the server, not recorded
]


def test_killed_at_every_step_then_restarted(contest_factory: Callable[..., Contest],
                                            database: dict[str, dict[str, object]]) -> None:
    contest = contest_factory(overrides={"mailbox": {"fetch_batch": 20}, **database})
    entrants = fill_mailbox(contest)
    for failpoint in FAILPOINTS:
        run_killed_at(contest, failpoint)
    # The outbox is killed last, between SMTP's acceptance and our record of it.
    run_killed_at(contest, "after-smtp-accepted:50")
    run_to_the_end(contest)
    assert_everything_once(contest, entrants, smtp_window_kills=1)
    # Nothing but the window's answers (one per connection) was sent twice.
    with Session(contest.context.engine) as session:
        sent_twice = session.exec(
            select(OutboundMessage).where(OutboundMessage.attempts > 1)).all()
    assert len(sent_twice) <= contest.config.outbox.connections


def test_killed_from_outside_at_random_moments(contest_factory: Callable[..., Contest],
                                               database: dict[str, dict[str, object]]) -> None:
    contest = contest_factory(overrides={"mailbox": {"fetch_batch": 20}, **database})
    entrants = fill_mailbox(contest)
    chance = random.Random(20260413)
    kills = 0
    for _ in range(8):
        process = poll_process(contest)
        # Start-up (imports) takes about half a second; a whole round about a second more.
        time.sleep(chance.uniform(0.5, 1.4))
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            kills += 1
        process.communicate(timeout=60)
    run_to_the_end(contest)
    assert kills >= 3, "the runs ended before they could be killed: make the batch bigger"
    assert_everything_once(contest, entrants, smtp_window_kills=kills)
