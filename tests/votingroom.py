"""A voting contest on the test servers (seed 000): participants accepted, voters with
their own mailboxes, the ballot key in the environment."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from typing import Any

from contest import Contest, body_text, new_message
from dovecot_mailboxes import MailAccount
from sqlmodel import Session

from hub.clock import load_zone
from hub.models import Application, ApplicationStatus

KEY_ENV = "BAIQAU_TEST_BALLOT_KEY"
KEY = "test ballot key: ӘҒҚҢӨҰҮҺІ әғқңөұүһі 0123456789"

# Seed 000's first participants: name, position, organization, the address they applied from.
PARTICIPANTS = [
    ("Марат Балауса Маратқызы", "Пресс-секретарь",
     "Палата предпринимателей Алматинской области", "press@palata-almobl.kz"),
    ("Мұхамеджанова Мөлдір Қайратқызы", "Баспасөз қызметі бөлімінің басшысы",
     "Сот әкімшілігінің Алматы облысы бойынша департаменті", "moldir@sot.kz"),
    ("Тюлемисова Динара Булатбековна", "Пресс-секретарь акима",
     "ГУ «Аппарат акима Енбекшиказахского района»", "press@enbek.gov.kz"),
    ("Маді Сайдильдин", "Пресс-секретарь",
     "Алматинский областной филиал партии «AMANAT»", "madi@amanat.kz"),
]


def local(days: float) -> str:
    moment = datetime.now(load_zone("Asia/Almaty")) + timedelta(days=days)
    return moment.replace(tzinfo=None, microsecond=0).isoformat()


def voting_contest(factory: Callable[..., Contest], **voting: Any) -> Contest:
    """A contest whose voting is open now (real time: the server's INTERNALDATE decides)."""
    os.environ[KEY_ENV] = KEY
    section = {"opens": local(-1), "closes": local(5), "ballot_key_env": KEY_ENV, **voting}
    contest = factory(overrides={"voting": section})
    add_participants(contest)
    return contest


def add_participants(contest: Contest, rows: list[tuple[str, str, str, str]] = PARTICIPANTS
                     ) -> None:
    """Accepted applications, as intake leaves them (A-0001 ...), position and
    organization among the form's fields."""
    now = datetime.now(UTC)
    with Session(contest.context.engine) as session:
        for index, (name, position, organization, email) in enumerate(rows, start=1):
            session.add(Application(
                number=f"A-{index:04d}", email=email, name=name, language="ru",
                status=ApplicationStatus.ACCEPTED, created_at=now, updated_at=now,
                fields_json=json.dumps({"full_name": name, "position": position,
                                        "organization": organization}, ensure_ascii=False)))
        session.commit()


REGISTRATION = ("РЕГИСТРАЦИЯ\nФИО: {name}\nМобильный телефон: 8 701 555 12 {n:02d}\n"
                "Email: {email}\nНаименование СМИ: {outlet}\n")


def register(contest: Contest, voter: MailAccount, name: str, outlet: str, n: int = 1,
             subject: str = "Регистрация") -> None:
    body = REGISTRATION.format(name=name, n=n, email=voter.address, outlet=outlet)
    contest.send(new_message(voter.address, contest.mailbox.address, subject, body),
                 voter.address)


def vote(contest: Contest, voter: MailAccount, ballot: EmailMessage, text: str, *,
         sender: str | None = None, subject: str | None = None,
         message_id: str | None = None, at: datetime | None = None,
         headers: dict[str, str] | None = None) -> EmailMessage:
    """The voter answers the ballot as Gmail does: their line on top, the ballot quoted.
    `at`: the mail server received it then (IMAP APPEND with that INTERNALDATE, the
    moment that decides whether a vote is in time), not now over SMTP. `headers`: more
    header fields, such as the Authentication-Results our own server would put on top."""
    quoted = "\n".join(f"> {line}" for line in body_text(ballot).splitlines())
    message = new_message(sender or voter.address, contest.mailbox.address,
                          subject or f"Re: {ballot['Subject']}",
                          f"{text}\n\nOn Mon, 19 Jun 2023 at 10:00, NewsHub wrote:\n{quoted}\n",
                          headers={**(headers or {}), "In-Reply-To": ballot["Message-ID"]},
                          message_id=message_id)
    if at is None:
        contest.send(message, sender or voter.address)
    else:
        contest.dovecot.append(contest.mailbox.address, message.as_bytes(), internaldate=at)
    return message


def arrive(contest: Contest, count: int) -> None:
    contest.dovecot.wait_for_messages(contest.mailbox.address, count)
    contest.round()
