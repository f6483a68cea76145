"""Reminders go to jurors with work left, listing what they owe, once per moment."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from contest import Contest, body_text
from dovecot import Dovecot
from juryroom import apply, jury_contest
from sqlmodel import Session, select

from hub.clock import FakeClock
from hub.models import Application, Juror, Score
from jury.reminders import send_reminders

# Asia/Almaty is UTC+5: the deadline 21 April 18:00 there is 13:00 UTC.
DEADLINE_UTC = datetime(2030, 4, 21, 13, 0, tzinfo=UTC)


def score(contest: Contest, email: str, number: str, criteria: dict[str, str]) -> None:
    """What a recorded reply leaves behind (the reply itself is tested elsewhere)."""
    with Session(contest.context.engine) as session:
        juror = session.exec(select(Juror).where(Juror.email == email)).one()
        application = session.exec(select(Application).where(
            Application.number == number)).one()
        for key, value in criteria.items():
            session.add(Score(juror_id=juror.id, application_id=application.id, criterion=key,
                              value=str(Decimal(value)), recorded_at=DEADLINE_UTC))
        session.commit()


def test_reminders_list_what_is_owed_once_per_moment(
        contest_factory: Callable[..., Contest], dovecot: Dovecot) -> None:
    clock = FakeClock(DEADLINE_UTC - timedelta(days=5))
    contest, (aliya, boris) = jury_contest(
        contest_factory, dovecot, ["kk", "ru"], clock=clock,
        deadline="2030-04-21T18:00:00", remind_before_hours=[72, 24])
    numbers = apply(contest, 2)
    assert contest.cli("jury", "send-sheets").returncode == 0
    contest.received(aliya)
    contest.received(boris)
    # Әлия scores everything; Борис one work in full and one in part.
    for number in numbers:
        score(contest, aliya.address, number, {"theme": "8", "creativity": "7", "visual": "9"})
    score(contest, boris.address, numbers[0], {"theme": "5", "creativity": "6", "visual": "7"})
    score(contest, boris.address, numbers[1], {"theme": "5"})

    assert send_reminders(contest.context).sent == 0  # 5 days before: nothing due
    clock.set(DEADLINE_UTC - timedelta(hours=71))
    assert send_reminders(contest.context).sent == 1
    assert send_reminders(contest.context).sent == 1  # queued again: the dedup key holds
    contest.send_outbox()
    [reminder] = contest.received(boris, count=2)[1:]
    text = body_text(reminder)
    assert reminder["Subject"].startswith("Креативный хаб «Шаңырақ»: напоминание об оценке работ")
    assert "Из переданных вам работ (2) полностью оценено: 1. Ещё ждут оценки:" in text
    assert (f"{numbers[1]} — нет оценок по критериям: Творческий подход и оригинальность; "
            "Качество визуального контента") in text
    assert numbers[0] not in text.split("Ещё ждут оценки:")[1]
    assert "Оценки принимаются до 21 апреля 2030, 18:00 (по времени Астаны)." in text
    assert len(contest.dovecot.messages(aliya.address)) == 1  # nothing owed, no reminder

    clock.set(DEADLINE_UTC - timedelta(hours=23))
    assert send_reminders(contest.context).moment == "24h"
    contest.send_outbox()
    assert len(contest.received(boris, count=3)) == 3
    clock.set(DEADLINE_UTC + timedelta(minutes=1))
    assert send_reminders(contest.context).sent == 0  # after the deadline: no reminder


def test_a_service_down_past_two_moments_sends_only_the_latest(
        contest_factory: Callable[..., Contest], dovecot: Dovecot) -> None:
    clock = FakeClock(DEADLINE_UTC - timedelta(hours=10))
    contest, (aliya,) = jury_contest(contest_factory, dovecot, ["en"], clock=clock,
                                     deadline="2030-04-21T18:00:00")
    apply(contest, 1)
    assert contest.cli("jury", "send-sheets").returncode == 0
    report = send_reminders(contest.context)
    assert (report.sent, report.moment) == (1, "24h")
    contest.send_outbox()
    [_, reminder] = contest.received(aliya, count=2)
    assert "You have scored 0 of your 1 work(s) in full. Still to score:" in body_text(reminder)


def test_jury_status_and_remind_now_from_the_command_line(
        contest_factory: Callable[..., Contest], dovecot: Dovecot) -> None:
    contest, (aliya, boris) = jury_contest(contest_factory, dovecot, ["kk", "ru"])
    numbers = apply(contest, 2)
    assert contest.cli("jury", "send-sheets").returncode == 0
    score(contest, aliya.address, numbers[0], {"theme": "8", "creativity": "7", "visual": "9"})

    status = contest.cli("jury", "status", "--format", "json")
    assert status.returncode == 0, status.stderr
    assert json.loads(status.stdout) == [
        {"juror": aliya.address, "name": "Әлия Серікқызы", "assigned": 2, "scored": 1,
         "left": 1, "failed": 0, "late": 0, "assigned_numbers": numbers,
         "left_numbers": [numbers[1]]},
        {"juror": boris.address, "name": "Борис Ким", "assigned": 2, "scored": 0,
         "left": 2, "failed": 0, "late": 0, "assigned_numbers": numbers,
         "left_numbers": numbers},
    ]
    table = contest.cli("jury", "status")
    assert "Әлия" in table.stdout and numbers[1] in table.stdout

    # No deadline: nothing is ever due, but --now reminds everyone with work left.
    assert "none due now" in contest.cli("jury", "remind").stdout
    reminded = contest.cli("jury", "remind", "--now")
    assert "reminders: 2 queued" in reminded.stdout
    [_, kk] = contest.received(aliya, count=2)
    assert "Сізге берілген 2 жұмыстың 1 жұмысы толық бағаланды." in body_text(kk)
