"""Our fault quarantines the message and tells the organizers; the sender's fault is answered."""

from __future__ import annotations

from collections.abc import Callable

from contest import Contest, body_text, new_message
from sqlmodel import Session, select

from hub.errors import Rejected
from hub.mail.handling import Handling
from hub.mail.outbox import Answer
from hub.models import InboundMessage, MessageKind, MessageState, OutboundMessage


def broken_handler(handling: Handling) -> None:
    raise KeyError("a bug in a handler")


def rejecting_handler(handling: Handling) -> None:
    raise Rejected("attachment_too_large", "31 MB")


def only_row(contest: Contest) -> InboundMessage:
    with Session(contest.context.engine) as session:
        return session.exec(select(InboundMessage)).one()


def test_a_handler_that_raises_quarantines_and_reprocess_recovers(
    contest_factory: Callable[..., Contest],
) -> None:
    contest = contest_factory(handlers={MessageKind.APPLICATION: broken_handler})
    entrant = contest.entrant()
    contest.send(new_message(entrant.address, contest.mailbox.address, "Өтінім",
                             "Сәлеметсіз бе!"), entrant.address)
    poll, _ = contest.round()

    assert poll.processed.quarantined == 1
    row = only_row(contest)
    assert row.state is MessageState.QUARANTINED
    assert "KeyError: 'a bug in a handler'" in row.error
    assert "Traceback" in row.error
    assert row.acked_folder == "baiqau-quarantine"
    assert len(contest.dovecot.messages(contest.mailbox.address, "baiqau-quarantine")) == 1
    assert contest.dovecot.messages(entrant.address) == []

    [notice] = contest.received(contest.organizer)
    assert notice["Subject"] == f"baiqau: №{row.id} хат карантинге жіберілді"
    text = body_text(notice)
    assert f"baiqau reprocess {row.id}" in text
    assert "KeyError: 'a bug in a handler'" in text
    assert entrant.address in text

    status = contest.cli("status")
    assert status.returncode == 0
    assert "quarantined" in status.stdout and "a bug in a handler" in status.stdout

    # After the fix (the service's real handlers), a person reprocesses it.
    result = contest.cli("reprocess", "--quarantined")
    assert result.returncode == 0, result.stderr
    assert "reprocessed 1: handled 1" in result.stdout
    assert "moved 1 message(s) out of baiqau-quarantine" in result.stdout
    assert only_row(contest).state is MessageState.HANDLED
    assert only_row(contest).acked_folder == "baiqau-processed"
    assert contest.dovecot.messages(contest.mailbox.address, "baiqau-quarantine") == []
    assert len(contest.dovecot.messages(contest.mailbox.address, "baiqau-processed")) == 1
    [answer] = contest.received(entrant)
    assert "№ A-0001" in answer["Subject"]


def test_the_senders_fault_gets_an_answer_not_a_quarantine(
    contest_factory: Callable[..., Contest],
) -> None:
    contest = contest_factory(handlers={MessageKind.APPLICATION: rejecting_handler})
    entrant = contest.entrant()
    contest.send(new_message(entrant.address, contest.mailbox.address, "Заявка",
                             "Здравствуйте, отправляю видео."), entrant.address)
    poll, _ = contest.round()

    assert (poll.processed.handled, poll.processed.quarantined) == (1, 0)
    assert only_row(contest).state is MessageState.HANDLED
    [answer] = contest.received(entrant)
    assert answer["Subject"] == "«Креативный хаб «Шаңырақ»»: не удалось принять ваше письмо"
    assert "приложенный файл слишком большой (31 MB)" in body_text(answer)
    assert contest.dovecot.messages(contest.organizer.address) == []


def test_a_renumbered_folder_is_not_answered_twice(contest_factory: Callable[..., Contest]
                                                   ) -> None:
    contest = contest_factory(overrides={"mailbox": {"folder": "Entries"}})
    entrant = contest.entrant()
    first = new_message(entrant.address, contest.mailbox.address, "Өтінім", "Сәлем")
    raw = first.as_bytes(policy=first.policy.clone(linesep="\r\n"))
    contest.dovecot.append(contest.mailbox.address, raw, folder="Entries")
    contest.round()
    assert len(contest.received(entrant)) == 1

    # The folder is recreated (a server migration): new UIDVALIDITY, the old message is
    # back (someone restored it) next to a new one.
    with contest.dovecot.imap(contest.mailbox.address) as client:
        before = client.folder_status("Entries", ["UIDVALIDITY"])[b"UIDVALIDITY"]
        client.delete_folder("Entries")
        client.create_folder("Entries")
        after = client.folder_status("Entries", ["UIDVALIDITY"])[b"UIDVALIDITY"]
    assert before != after
    contest.dovecot.append(contest.mailbox.address, raw, folder="Entries")
    second = new_message(entrant.address, contest.mailbox.address, "Тағы", "Екінші хат")
    contest.dovecot.append(contest.mailbox.address,
                           second.as_bytes(policy=second.policy.clone(linesep="\r\n")),
                           folder="Entries")
    poll, outbox = contest.round()

    assert poll.uidvalidity_changed
    assert (poll.fetched, poll.already_known, poll.acknowledged) == (1, 1, 2)
    assert outbox.sent == 1
    assert len(contest.received(entrant, 2)) == 2
    assert contest.dovecot.messages(contest.mailbox.address, "Entries") == []


def answering_then_rejecting_handler(handling: Handling) -> None:
    handling.answer(Answer(dedup_key="half-done", to_address=handling.letter.sender,
                           subject="Thank you", body_text="Accepted.", purpose="receipt"))
    raise Rejected("unsupported_format", "virus.exe")


def test_a_rejection_undoes_what_the_handler_wrote_before_it(
    contest_factory: Callable[..., Contest],
) -> None:
    contest = contest_factory(handlers={MessageKind.APPLICATION: answering_then_rejecting_handler})
    entrant = contest.entrant()
    contest.send(new_message(entrant.address, contest.mailbox.address, "Hello",
                             "Hello, my application for the contest is attached."),
                 entrant.address)
    contest.round()
    [answer] = contest.received(entrant)
    assert answer["Subject"] == "Shanyraq creative hub: we could not accept your email"
    assert "we cannot take the file “virus.exe”" in body_text(answer)
    with Session(contest.context.engine) as session:
        purposes = [row.purpose for row in session.exec(select(OutboundMessage))]
    assert purposes == ["rejection"]
