"""The outbox against a real SMTP server: once per key, retried only when worth it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import pytest
from contest import Contest, body_text
from dovecot import Dovecot
from smtprelay import SmtpRelay
from sqlmodel import Session, select

from hub.clock import FakeClock
from hub.db import session_scope
from hub.mail.outbox import Answer, queue_answer, requeue_abandoned, send_due, stable_message_id
from hub.models import OutboundMessage, OutboundState

START = datetime(2026, 3, 20, 9, 0, tzinfo=UTC)


@pytest.fixture
def own_relay(dovecot: Dovecot) -> Iterator[SmtpRelay]:
    """A relay this test may stop and start without disturbing the shared one."""
    relay = SmtpRelay(dovecot).start()
    yield relay
    relay.close()


@pytest.fixture
def clocked(contest_factory: Callable[..., Contest], own_relay: SmtpRelay) -> Contest:
    # One connection, so the queue is tried in order (several are tested on their own).
    return contest_factory(clock=FakeClock(START),
                           overrides={"smtp": {"port": own_relay.port},
                                      "outbox": {"retry_base_seconds": 60, "max_attempts": 3,
                                                 "connections": 1}})


@pytest.fixture
def parallel(contest_factory: Callable[..., Contest], own_relay: SmtpRelay) -> Contest:
    return contest_factory(clock=FakeClock(START),
                           overrides={"smtp": {"port": own_relay.port},
                                      "outbox": {"retry_base_seconds": 60, "connections": 3,
                                                 "max_answers_per_sender_per_day": 50}})


def queue(contest: Contest, to: str, key: str = "k1", text: str = "Сәлем! Әәә ғ қ ң ө ұ ү һ і"
          ) -> None:
    with session_scope(contest.context.engine) as session:
        queue_answer(session, Answer(dedup_key=key, to_address=to, subject=f"Тест {key}",
                                     body_text=text, purpose="test", language="kk"),
                     config=contest.config, clock=contest.context.clock)


def rows(contest: Contest) -> list[OutboundMessage]:
    with Session(contest.context.engine) as session:
        return list(session.exec(select(OutboundMessage).order_by(OutboundMessage.id)).all())


def send(contest: Contest) -> None:
    send_due(contest.context.engine, contest.config, contest.context.clock)


def test_one_answer_per_dedup_key_ever(contest: Contest) -> None:
    person = contest.entrant()
    queue(contest, person.address)
    send(contest)
    queue(contest, person.address)
    send(contest)
    assert len(rows(contest)) == 1
    [received] = contest.received(person)
    assert received["Message-ID"] == stable_message_id("k1", contest.mailbox.address)
    assert body_text(received).strip() == "Сәлем! Әәә ғ қ ң ө ұ ү һ і"


def test_a_temporary_failure_is_retried_with_backoff(clocked: Contest, own_relay: SmtpRelay
                                                     ) -> None:
    person = clocked.entrant()
    clock = clocked.context.clock
    assert isinstance(clock, FakeClock)
    queue(clocked, person.address)
    own_relay.fail_temporarily(True)

    send(clocked)
    [row] = rows(clocked)
    assert row.state is OutboundState.QUEUED and row.attempts == 1
    assert row.last_error.startswith("451")
    assert row.next_attempt_at is not None
    assert row.next_attempt_at.replace(tzinfo=UTC) == START + timedelta(seconds=60)

    own_relay.fail_temporarily(False)
    send(clocked)  # not due yet: nothing happens
    assert rows(clocked)[0].attempts == 1
    clock.advance(timedelta(seconds=61))
    send(clocked)
    [row] = rows(clocked)
    assert row.state is OutboundState.SENT and row.attempts == 2
    assert len(clocked.received(person)) == 1


def test_the_smtp_server_down_for_a_while_then_back(clocked: Contest, own_relay: SmtpRelay
                                                    ) -> None:
    person = clocked.entrant()
    clock = clocked.context.clock
    assert isinstance(clock, FakeClock)
    queue(clocked, person.address, "a")
    queue(clocked, person.address, "b")
    own_relay.stop()
    send(clocked)
    states = [(row.state, row.attempts) for row in rows(clocked)]
    # The first failure stops the round: the second answer is not even tried.
    assert states == [(OutboundState.QUEUED, 1), (OutboundState.QUEUED, 0)]
    assert "ConnectionRefusedError" in rows(clocked)[0].last_error

    own_relay.start()
    clock.advance(timedelta(seconds=61))
    send(clocked)
    assert [row.state for row in rows(clocked)] == [OutboundState.SENT] * 2
    assert sorted(message["Subject"] for message in clocked.received(person, 2)) == \
        ["Тест a", "Тест b"]


def test_a_permanent_failure_is_recorded_not_retried(clocked: Contest, own_relay: SmtpRelay
                                                     ) -> None:
    person = clocked.entrant()
    own_relay.reject_recipient(person.address)
    queue(clocked, person.address)
    send(clocked)
    [row] = rows(clocked)
    assert row.state is OutboundState.FAILED and row.attempts == 1
    assert row.last_error.startswith("550")


def test_temporary_failures_give_up_after_max_attempts(clocked: Contest, own_relay: SmtpRelay
                                                       ) -> None:
    clock = clocked.context.clock
    assert isinstance(clock, FakeClock)
    queue(clocked, clocked.entrant().address)
    own_relay.fail_temporarily(True)
    for _ in range(3):
        send(clocked)
        clock.advance(timedelta(hours=1))
    [row] = rows(clocked)
    assert (row.state, row.attempts) == (OutboundState.FAILED, 3)


def test_an_answer_a_dead_sender_had_claimed_is_sent_again(contest: Contest) -> None:
    person = contest.entrant()
    queue(contest, person.address)
    with session_scope(contest.context.engine) as session:
        row = session.exec(select(OutboundMessage)).one()
        row.state = OutboundState.SENDING
    send(contest)
    assert rows(contest)[0].state is OutboundState.SENDING
    assert requeue_abandoned(contest.context.engine) == 1
    send(contest)
    assert rows(contest)[0].state is OutboundState.SENT
    assert len(contest.received(person)) == 1


def test_several_connections_send_each_answer_once(parallel: Contest) -> None:
    people = [parallel.entrant() for _ in range(4)]
    for number in range(24):
        queue(parallel, people[number % 4].address, key=f"k{number}",
              text=f"Сәлем, №{number}! ә ғ қ ң ө ұ ү һ і")

    report = send_due(parallel.context.engine, parallel.config, parallel.context.clock)

    assert (report.sent, report.retried, report.failed) == (24, 0, 0)
    sent = rows(parallel)
    assert {(row.state, row.attempts) for row in sent} == {(OutboundState.SENT, 1)}
    # Three connections, three claims of eight answers each.
    assert sorted(Counter(row.claim_token for row in sent).values()) == [8, 8, 8]
    for person in people:
        texts = sorted(body_text(message).strip()
                       for message in parallel.received(person, count=6))
        assert len(texts) == 6 and all(text.endswith("ә ғ қ ң ө ұ ү һ і") for text in texts)


def test_a_temporary_failure_ends_the_round_on_every_connection(parallel: Contest,
                                                                own_relay: SmtpRelay) -> None:
    person = parallel.entrant()
    for number in range(30):
        queue(parallel, person.address, key=f"k{number}")
    own_relay.fail_temporarily(True)

    report = send_due(parallel.context.engine, parallel.config, parallel.context.clock)

    assert report.sent == 0 and 1 <= report.retried <= 3
    states = Counter((row.state, row.attempts) for row in rows(parallel))
    # Each connection tried one answer; everything else went back to the queue untried.
    assert states == {(OutboundState.QUEUED, 1): report.retried,
                      (OutboundState.QUEUED, 0): 30 - report.retried}

    own_relay.fail_temporarily(False)
    clock = parallel.context.clock
    assert isinstance(clock, FakeClock)
    clock.advance(timedelta(seconds=61))
    report = send_due(parallel.context.engine, parallel.config, parallel.context.clock)
    assert report.sent == 30
    assert len(parallel.received(person, count=30)) == 30
