"""Handling a batch at once: the fast path's answers equal the careful path's, and any
error sends the whole batch down the careful path, where it ends as one message at a time
would."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from contest import Contest, new_message
from sqlmodel import Session, col, select

from hub.mail.handling import Handling
from hub.mail.lookups import BatchLookups, Lookups
from hub.models import (
    Application,
    InboundMessage,
    MessageKind,
    MessageState,
    OutboundMessage,
    OutboundState,
)
from intake.lookups import ApplicantLookups

NOW = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)


def _message(number: int, sender: str, *, sha: str | None = None, message_id: str = "",
             kind: MessageKind = MessageKind.UNSORTED,
             state: MessageState = MessageState.STORED) -> InboundMessage:
    return InboundMessage(folder="INBOX", uidvalidity=1, uid=number, sha256=sha or f"{number:064x}",
                          message_id=message_id, size=100, raw_path=f"raw/{number}.eml",
                          stored_at=NOW, sender=sender, kind=kind, state=state)


@pytest.fixture
def contest(contest_factory: Callable[..., Contest],
            database: dict[str, dict[str, object]]) -> Contest:
    """Each test on SQLite and on PostgreSQL: a failed INSERT ends a PostgreSQL
    transaction outright, and the careful path must start afresh on both."""
    return contest_factory(overrides=database)


@pytest.fixture
def history(contest: Contest) -> list[InboundMessage]:
    """Earlier mail (handled), then a batch of new mail that asks about it."""
    rows = [
        _message(1, "aigerim@example.kz", kind=MessageKind.APPLICATION,
                 state=MessageState.HANDLED, message_id="<a1@example.kz>"),
        _message(2, "bot@example.kz", kind=MessageKind.MACHINE, state=MessageState.IGNORED),
        _message(3, "dana@example.kz", kind=MessageKind.APPLICATION,
                 state=MessageState.QUARANTINED),
        # The batch: a byte copy of #1, the same Message-ID from the same sender, the same
        # Message-ID from someone else, a newcomer, a second email from Aigerim.
        _message(4, "aigerim@example.kz", sha=f"{1:064x}"),
        _message(5, "aigerim@example.kz", message_id="<a1@example.kz>"),
        _message(6, "erlan@example.kz", message_id="<a1@example.kz>"),
        _message(7, "erlan@example.kz"),
        _message(8, "dana@example.kz"),
    ]
    with Session(contest.context.engine, expire_on_commit=False) as session:
        session.add_all(rows)
        session.add(Application(email="aigerim@example.kz", number="A-0001", created_at=NOW,
                                updated_at=NOW, first_arrived_at=NOW,
                                phone_key="+77011234567"))
        session.add(Application(email="aigerim.k@example.kz", number="A-0002", created_at=NOW,
                                updated_at=NOW, first_arrived_at=NOW,
                                phone_key="+77011234567", person_key="әлия 2001"))
        session.add(OutboundMessage(dedup_key="k1", message_id="<m1@x>", purpose="application",
                                    to_address="aigerim@example.kz", subject="s", body_text="b",
                                    created_at=NOW, next_attempt_at=NOW))
        session.add(OutboundMessage(dedup_key="k2", message_id="<m2@x>", purpose="application",
                                    to_address="aigerim@example.kz", subject="s", body_text="b",
                                    created_at=NOW, next_attempt_at=NOW,
                                    state=OutboundState.SUPPRESSED))
        session.commit()
    return rows


def _answers(lookups: Lookups, session: Session, batch: list[InboundMessage]) -> list[object]:
    found: list[object] = []
    applicants = lookups.of(ApplicantLookups)
    for message in batch:
        copy = lookups.earlier_copy(session, message)
        application = applicants.application_of(session, message.sender)
        duplicate = applicants.duplicate_of(session, application) if application else None
        found.append((
            copy.id if copy else None,
            applicants.earlier_applicant_message(session, message.sender, message.id),
            application.number if application else None,
            duplicate.number if duplicate else None,
            lookups.answers_today(session, message.sender, NOW),
        ))
    return found


def test_batch_lookups_answer_as_the_database_does(contest: Contest,
                                                   history: list[InboundMessage]) -> None:
    with Session(contest.context.engine) as session:
        batch = list(session.exec(
            select(InboundMessage).where(col(InboundMessage.id) >= 4).order_by(
                col(InboundMessage.id))).all())
        one_by_one = _answers(Lookups([ApplicantLookups]), session, batch)
        at_once = _answers(BatchLookups(session, batch, NOW, [ApplicantLookups]), session,
                           batch)

    assert at_once == one_by_one
    assert one_by_one == [
        # The byte copy; Aigerim applied in #1, her phone is on A-0002 too; one answer.
        (1, 1, "A-0001", "A-0002", 1),
        (1, 1, "A-0001", "A-0002", 1),  # same Message-ID, same sender: a copy of #1
        (None, None, None, None, 0),  # same Message-ID from another sender: not a copy
        (None, None, None, None, 0),
        (None, 3, None, None, 0),  # Dana's first email was quarantined; it still counts
    ]


def test_batch_lookups_learn_what_the_batch_does(contest: Contest,
                                                 history: list[InboundMessage]) -> None:
    with Session(contest.context.engine) as session:
        batch = list(session.exec(
            select(InboundMessage).where(col(InboundMessage.id) >= 5).order_by(
                col(InboundMessage.id))).all())
        other = session.exec(select(Application).where(Application.number == "A-0002")).one()
        lookups = BatchLookups(session, batch, NOW, [ApplicantLookups])
        applicants = lookups.of(ApplicantLookups)
        first = batch[1]  # Erlan's first email
        first.kind, first.state = MessageKind.APPLICATION, MessageState.HANDLED
        lookups.handled(first)
        opened = Application(id=50, email=first.sender, number="A-0050", created_at=NOW,
                             updated_at=NOW, first_arrived_at=NOW, phone_key="+77011234567")
        applicants.opened(opened)
        lookups.answered(first.sender)
        # Aigerim's application changes in the batch, unflushed: she no longer looks like
        # the person of A-0002; Erlan's new application does.
        aigerim = applicants.application_of(session, "aigerim@example.kz")
        assert aigerim is not None and aigerim.number == "A-0001"
        aigerim.phone_key = "+77770000000"

        assert applicants.duplicate_of(session, other) is opened
        later = batch[2]  # Erlan again
        assert applicants.earlier_applicant_message(session, later.sender, later.id) == first.id
        assert applicants.application_of(session, later.sender) is opened
        assert lookups.answers_today(session, later.sender, NOW) == 1
        copy = _message(99, first.sender, sha=first.sha256)
        copy.id = 99
        found = lookups.earlier_copy(session, copy)
        assert found is not None and found.id == first.id
        # Asked one at a time, the database knows nothing of the unflushed application.
        assert ApplicantLookups().duplicate_of(session, other) is None


def _replies_with(key: Callable[[Handling], str]) -> Callable[[Handling], None]:
    def handler(handling: Handling) -> None:
        if "сынған" in handling.letter.subject:
            raise KeyError("a bug in a handler")
        handling.reply("rejected", dedup_key=key(handling), purpose="test",
                       code="test", detail="")
    return handler


def _send_batch(contest: Contest, subjects: list[str]) -> list[str]:
    senders = []
    for subject in subjects:
        entrant = contest.entrant()
        contest.send(new_message(entrant.address, contest.mailbox.address, subject,
                                 "Сәлеметсіз бе!"), entrant.address)
        senders.append(entrant.address)
    return senders


def test_one_bad_message_sends_its_batch_the_careful_way(
    contest_factory: Callable[..., Contest], caplog: pytest.LogCaptureFixture,
    database: dict[str, dict[str, object]],
) -> None:
    caplog.set_level(logging.INFO, logger="hub.mail.pipeline")
    handler = _replies_with(lambda handling: f"test:{handling.message.sha256}")
    contest = contest_factory(handlers={MessageKind.APPLICATION: handler}, overrides=database)
    _send_batch(contest, ["бірінші", "екінші", "сынған хат", "төртінші", "бесінші"])

    poll, sent = contest.round()

    assert (poll.processed.handled, poll.processed.quarantined) == (4, 1)
    with Session(contest.context.engine) as session:
        states = [row.state for row in session.exec(
            select(InboundMessage).order_by(col(InboundMessage.id))).all()]
        answers = session.exec(select(OutboundMessage)).all()
    assert states == [MessageState.HANDLED] * 2 + [MessageState.QUARANTINED] + [
        MessageState.HANDLED] * 2
    # Four answers and the organizers' notice, each once: the fast attempt left nothing.
    assert sorted(row.purpose for row in answers) == ["quarantine-notice"] + ["test"] * 4
    assert sent.sent == 5
    assert "batch of 5 message(s) is handled again one by one (KeyError" in caplog.text


def test_a_taken_dedup_key_is_answered_once(contest_factory: Callable[..., Contest],
                                           caplog: pytest.LogCaptureFixture,
                                           database: dict[str, dict[str, object]]) -> None:
    caplog.set_level(logging.INFO, logger="hub.mail.pipeline")
    # The fast path does not look a key up before adding it; the unique key refuses the
    # second, and the careful path finds the first.
    contest = contest_factory(handlers={MessageKind.APPLICATION: _replies_with(
        lambda handling: "test:the-same-key")}, overrides=database)
    _send_batch(contest, ["бірінші", "екінші", "үшінші"])

    poll, sent = contest.round()

    assert (poll.processed.handled, poll.processed.quarantined) == (3, 0)
    with Session(contest.context.engine) as session:
        answers = session.exec(select(OutboundMessage)).all()
    assert [row.dedup_key for row in answers] == ["test:the-same-key"]
    assert sent.sent == 1
    assert "handled again one by one (IntegrityError" in caplog.text


def test_the_same_sender_twice_in_one_batch(contest: Contest,
                                            caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="hub.mail.pipeline")
    caplog.set_level(logging.INFO, logger="hub.mail.pipeline")
    entrant = contest.entrant()
    for subject in ("Өтінім", "Өтінімге толықтыру"):
        contest.send(new_message(entrant.address, contest.mailbox.address, subject,
                                 "Аты-жөні: Әлия Қанатқызы\nТелефон: +7 701 123 45 67"),
                     entrant.address)

    poll, _ = contest.round()

    assert poll.processed.handled == 2
    with Session(contest.context.engine) as session:
        kinds = [row.kind for row in session.exec(
            select(InboundMessage).order_by(col(InboundMessage.id))).all()]
        applications = session.exec(select(Application)).all()
    assert kinds == [MessageKind.APPLICATION, MessageKind.AMENDMENT]
    assert [row.number for row in applications] == ["A-0001"]
    assert len(contest.received(entrant, count=2)) == 2
    assert "handled again" not in caplog.text
