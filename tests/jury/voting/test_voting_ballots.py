"""Votes by email: every way of writing one, one vote per voter, the window, forged and
replayed ballots, striking a voter off, disqualifying a participant, the reminder."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage

import pytest
from contest import Contest, body_text, new_message
from dovecot_mailboxes import MailAccount
from sqlmodel import Session, col, select
from votingroom import PARTICIPANTS, arrive, local, register, vote, voting_contest

from hub.clock import FakeClock
from hub.db import session_scope
from hub.models import (
    BallotOutcome,
    BallotReply,
    InboundMessage,
    OutboundMessage,
    VotingAudit,
)
from hub.tokens import VOTER, find_tokens
from jury.voting.count import count_votes
from jury.voting.roster import verify
from jury.voting.schedule import send_reminders


def verified_voters(contest: Contest, count: int) -> list[tuple[MailAccount, EmailMessage]]:
    """`count` journalists register by email and are verified: each gets a ballot."""
    accounts = [contest.entrant(f"voter{index}") for index in range(count)]
    for index, account in enumerate(accounts):
        register(contest, account, f"Журналист Номер {index}", f"Газета {index}", n=index)
    arrive(contest, count)
    with session_scope(contest.context.engine) as session:
        outcome = verify(session, contest.context, [a.address for a in accounts], force=False)
    assert outcome.ballots == count
    contest.send_outbox()
    return [(account, contest.received(account, 2)[1]) for account in accounts]


def tally(contest: Contest) -> dict[int, int]:
    with Session(contest.context.engine) as session:
        count = count_votes(session, contest.config, datetime.now(UTC))
    return {entry.number: entry.votes for entry in count.entries}


def replies(contest: Contest) -> list[BallotOutcome]:
    with Session(contest.context.engine) as session:
        return [row.outcome for row in session.exec(
            select(BallotReply).order_by(col(BallotReply.id))).all()]


@pytest.fixture
def contest(contest_factory: Callable[..., Contest]) -> Contest:
    return voting_contest(contest_factory)


def test_a_vote_in_every_format_is_counted_once_and_confirmed(contest: Contest) -> None:
    voters = verified_voters(contest, 7)
    lines = ["3", "№3", "ГОЛОС 2", "ДАУЫС 2", "VOTE 1", "Тюлемисова Динара Булатбековна"]
    for (account, ballot), line in zip(voters, lines, strict=False):
        vote(contest, account, ballot, line)
    account, ballot = voters[6]  # the vote in the subject of a new email
    [token] = find_tokens(ballot["Subject"], VOTER)
    contest.send(new_message(account.address, contest.mailbox.address,
                             f"ГОЛОС 4 [{token}]", "Сәлеметсіз бе!"), account.address)
    arrive(contest, 7)

    assert tally(contest) == {1: 1, 2: 2, 3: 3, 4: 1}
    [_, _, confirmation] = contest.received(voters[0][0], 3)
    [token] = find_tokens(voters[0][1]["Subject"], VOTER)
    assert confirmation["Subject"].endswith(f"ваш голос учтён [{token}]")
    assert ("Ваш голос учтён: вы проголосовали за участника № 3, Тюлемисова Динара "
            "Булатбековна.") in body_text(confirmation)
    with Session(contest.context.engine) as session:
        answers = session.exec(select(OutboundMessage).where(
            OutboundMessage.purpose == "vote-answer")).all()
        ballots = session.exec(select(InboundMessage).where(
            col(InboundMessage.secret).is_(True))).all()
    # Sent, then erased: the outbox does not say whom it confirmed, or what.
    assert len(answers) == 7
    assert all((row.to_address, row.subject, row.body_text) == ("", "", "") for row in answers)
    assert all(row.sender == "" and row.subject == "" and row.raw_path == ""
               and row.message_id.startswith("sealed:") for row in ballots)
    assert contest.dovecot.messages(contest.mailbox.address, "baiqau-processed")[7:] == []


def test_a_second_vote_a_late_vote_and_a_forged_ballot_count_nothing(
        contest: Contest) -> None:
    (first, first_ballot), (second, second_ballot) = verified_voters(contest, 2)
    thief = contest.entrant("thief")
    vote(contest, first, first_ballot, "1")
    arrive(contest, 1)
    vote(contest, first, first_ballot, "2")  # a second vote
    vote(contest, second, second_ballot, "2", sender=thief.address)  # a stolen ballot
    contest.send(new_message(second.address, contest.mailbox.address, "Голос",
                             "ГОЛОС 2"), second.address)  # no token
    arrive(contest, 3)
    assert tally(contest) == {1: 1, 2: 0, 3: 0, 4: 0}
    assert sorted(replies(contest)) == sorted([BallotOutcome.SECOND, BallotOutcome.FORGED,
                                               BallotOutcome.FORGED])
    refused = contest.received(first, 4)[3]
    assert "Вы уже проголосовали" in body_text(refused)
    notices = sorted(body_text(message) for message in contest.received(second, 4)[2:])
    assert "нет кода вашего бюллетеня" in notices[0]
    # The stolen ballot: its owner is told where it came from, and nothing of a choice.
    assert f"пришло с другого адреса ({thief.address})" in notices[1]
    assert not any(word in notices[1] for word in ("Тюлемисова", "№", "участник"))
    assert contest.dovecot.messages(thief.address) == []  # nothing to strangers
    vote(contest, second, second_ballot, "3", sender=thief.address)  # again, the same day
    arrive(contest, 1)
    with Session(contest.context.engine) as session:  # one such notice a day
        answers = session.exec(select(OutboundMessage.id).where(
            OutboundMessage.purpose == "vote-answer")).all()
    assert len(answers) == 4  # the confirmation, the second vote, the two notices
    status = contest.cli("status")
    assert "Forged ballots" in status.stdout and thief.address in status.stdout



def test_with_confirm_choice_false_the_confirmation_does_not_name_the_choice(
        contest_factory: Callable[..., Contest]) -> None:
    """`[voting] confirm_choice = false`: a sent confirmation that a provider keeps (Gmail
    keeps sent mail) then holds no choice; the vote is counted all the same."""
    contest = voting_contest(contest_factory, confirm_choice=False)
    [(account, ballot)] = verified_voters(contest, 1)
    vote(contest, account, ballot, "ГОЛОС 3")
    arrive(contest, 1)

    assert tally(contest) == {1: 0, 2: 0, 3: 1, 4: 0}
    confirmation = contest.received(account, 3)[2]
    text = body_text(confirmation)
    assert "Ваш голос учтён. Спасибо!" in text
    assert "№ 3" not in text and "№3" not in text
    names = [name for name, _, _, _ in PARTICIPANTS]
    assert not any(part in text for name in names for part in name.split())
    assert not any(part in confirmation["Subject"] for name in names for part in name.split())


def test_with_dkim_required_only_a_ballot_our_server_passed_counts(
        contest_factory: Callable[..., Contest]) -> None:
    """`[voting] require_dkim`: the voter's address and token are not enough; the topmost
    Authentication-Results of our own server (`authserv_id`) must pass DKIM for the From
    domain, or DMARC. The header stands in for what our MX puts on top of each message."""
    ours = "mx.newshub.test"
    contest = voting_contest(contest_factory, require_dkim=True, authserv_id=ours)
    voters = verified_voters(contest, 5)
    domain = voters[0][0].address.rpartition("@")[2]
    results = [
        f"{ours}; dkim=pass header.d={domain} header.s=mail; spf=pass",  # counted
        f"{ours}; dkim=none; dmarc=pass header.from={domain}",  # counted
        None,  # no word from our server
        f"mx.evil.test; dkim=pass header.d={domain}; dmarc=pass",  # another server's word
        f"{ours}; dkim=pass header.d=evil.test; dmarc=fail",  # signed, but not by them
    ]
    for (account, ballot), header in zip(voters, results, strict=True):
        vote(contest, account, ballot, "2",
             headers={"Authentication-Results": header} if header else None)
    arrive(contest, 5)

    assert tally(contest) == {1: 0, 2: 2, 3: 0, 4: 0}
    assert sorted(replies(contest)) == [BallotOutcome.FORGED] * 3
    for account, _ in voters[2:]:  # each refused voter is told, at their own address
        notice = contest.received(account, 3)[2]
        assert "Не удалось подтвердить, что письмо отправлено с вашего почтового ящика" in (
            body_text(notice))
    for account, _ in voters[:2]:
        assert "Ваш голос учтён" in body_text(contest.received(account, 3)[2])


def test_a_vote_after_the_close_is_refused_unread(
        contest_factory: Callable[..., Contest]) -> None:
    """Ballots went out while voting was open (the fake clock); the vote arrives after the
    close by the mail server's clock, which decides."""
    clock = FakeClock(datetime.now(UTC) - timedelta(days=2))
    contest = voting_contest(lambda **options: contest_factory(clock=clock, **options),
                             opens=local(-3), closes=local(-1))
    [(voter, ballot)] = verified_voters(contest, 1)
    vote(contest, voter, ballot, "2")
    arrive(contest, 1)
    assert tally(contest)[2] == 0
    assert replies(contest) == [BallotOutcome.LATE]
    assert "Голосование закончилось" in body_text(contest.received(voter, 3)[2])


def test_a_replayed_ballot_is_recognised(contest: Contest) -> None:
    [(account, ballot)] = verified_voters(contest, 1)
    sent = vote(contest, account, ballot, "4", message_id="<replay-me@entrant.example.test>")
    arrive(contest, 1)
    contest.send(sent, account.address)  # the same email again, later
    arrive(contest, 1)
    assert tally(contest)[4] == 1
    assert replies(contest) == [BallotOutcome.REPLAY]
    assert len(contest.received(account, 3)) == 3  # no second answer
    assert contest.dovecot.messages(account.address)[3:] == []


def test_striking_a_voter_removes_their_vote_without_saying_whose_it_was(
        contest: Contest) -> None:
    (fake, fake_ballot), (real, real_ballot) = verified_voters(contest, 2)
    vote(contest, fake, fake_ballot, "2")
    vote(contest, real, real_ballot, "2")
    arrive(contest, 2)
    assert tally(contest)[2] == 2

    struck = contest.cli("voters", "strike", fake.address, "--reason",
                         "не журналист: номер телефона принадлежит пресс-службе")
    assert struck.returncode == 0, struck.stderr
    assert struck.stdout.strip() == (f"struck off: {fake.address}; one vote removed from the "
                                     "count; the voter was told")
    assert tally(contest)[2] == 1
    told = contest.received(fake, 4)[3]
    assert "аннулировали вашу регистрацию" in body_text(told)
    with Session(contest.context.engine) as session:
        audit = session.exec(select(VotingAudit).where(VotingAudit.action == "strike")).one()
        count = count_votes(session, contest.config, datetime.now(UTC))
    assert (audit.votes_removed, count.votes_removed, count.votes_counted) == (1, 1, 1)
    # A struck voter's later ballot counts nothing.
    vote(contest, fake, fake_ballot, "3")
    arrive(contest, 1)
    assert tally(contest)[3] == 0 and replies(contest)[-1] is BallotOutcome.NOT_ALLOWED


def test_a_disqualified_participant_keeps_no_new_votes(contest: Contest) -> None:
    (first, first_ballot), (second, second_ballot) = verified_voters(contest, 2)
    vote(contest, first, first_ballot, "1")
    arrive(contest, 1)
    done = contest.cli("participants", "disqualify", "1", "--reason",
                       "голосовали люди, не являющиеся журналистами")
    assert done.returncode == 0, done.stderr
    vote(contest, second, second_ballot, "1")
    arrive(contest, 1)
    with Session(contest.context.engine) as session:
        count = count_votes(session, contest.config, datetime.now(UTC))
    assert (count.entries[0].votes, count.entries[0].disqualified) == (
        1, "голосовали люди, не являющиеся журналистами")
    assert replies(contest) == [BallotOutcome.DISQUALIFIED]
    assert "снят с конкурса" in body_text(contest.received(second, 3)[2])


def test_one_reminder_a_day_before_the_close_to_those_who_have_not_voted(
        contest_factory: Callable[..., Contest]) -> None:
    clock = FakeClock(datetime.now(UTC))
    contest = voting_contest(lambda **options: contest_factory(clock=clock, **options))
    (voted, voted_ballot), (silent, _) = verified_voters(contest, 2)
    vote(contest, voted, voted_ballot, "3")
    arrive(contest, 1)
    assert send_reminders(contest.context) == 0  # not yet: the close is days away
    clock.advance(timedelta(days=4, hours=12))
    assert send_reminders(contest.context) == 1
    assert send_reminders(contest.context) == 0  # once
    contest.send_outbox()
    reminder = contest.received(silent, 3)[2]
    assert "напоминание: голосование заканчивается" in reminder["Subject"]
    assert "ваш голос ещё не получен" in body_text(reminder)
    assert len(contest.received(voted, 3)) == 3

