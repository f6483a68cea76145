"""Results by email: winners told their place and prize, everyone else thanked, once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from email.message import EmailMessage

from contest import Contest, body_text, new_message, parse, write_toml
from dovecot import Dovecot
from juryroom import apply, jury_contest
from sqlmodel import Session, col, select

from hub.clock import load_zone
from hub.models import Application

PRIZES = [{"key": "first", "place": 1, "amount": 100000, "currency": "KZT"},
          {"key": "oven", "name": {"kk": "Электр пеші", "ru": "Электрическая печь",
                                   "en": "An electric oven"}}]


def letters_to(contest: Contest, index: int, count: int) -> list[EmailMessage]:
    """What the `index`-th entrant received, in order."""
    with Session(contest.context.engine) as session:
        address = session.exec(select(Application.email)
                               .order_by(col(Application.id))).all()[index]
    return [parse(raw) for raw in contest.dovecot.wait_for_messages(address, count)]


def test_results_go_to_every_entrant_once_after_the_deadline(
        contest_factory: Callable[..., Contest], dovecot: Dovecot) -> None:
    contest, (aliya,) = jury_contest(contest_factory, dovecot, ["kk"],
                                     overrides={"prizes": PRIZES},
                                     deadline="2030-04-21T18:00:00")
    numbers = apply(contest, 3)
    assert contest.cli("jury", "send-sheets").returncode == 0
    [sheet] = contest.received(aliya)
    contest.send(new_message(aliya.address, contest.mailbox.address, f"Re: {sheet['Subject']}",
                             f"{numbers[0]}: 5 5 5\n{numbers[1]}: 9 9 9\n{numbers[2]}: 7 7 7"),
                 aliya.address)
    contest.dovecot.wait_for_messages(contest.mailbox.address, 1)
    contest.round()

    early = contest.cli("results", "publish", "--yes")
    assert early.returncode == 1 and "has not passed" in early.stderr

    # The deadline passes. The organizers give the oven to the third-placed work.
    past = datetime.now(load_zone("Asia/Almaty")) - timedelta(minutes=1)
    contest.overrides["jury"]["deadline"] = past.replace(tzinfo=None, microsecond=0).isoformat()
    write_toml(contest.config_path, contest.sections())
    assert contest.cli("results", "award", numbers[0], "--prize", "oven").returncode == 0
    unknown = contest.cli("results", "award", numbers[0], "--prize", "first")
    assert unknown.returncode == 2 and "is not an incentive prize" in unknown.stderr

    result = contest.cli("results", "publish", "--yes")
    assert result.returncode == 0, result.stderr
    assert "2 winner(s) will be told their place and prize" in result.stdout
    assert "1 other entrant(s) will be thanked." in result.stdout

    winner = letters_to(contest, 1, 2)[1]
    assert "байқау қорытындысы" in winner["Subject"]
    assert f"№ {numbers[1]} жұмысыңыз 1-орынды иеленді: жүлдесі 100\u00a0000 ₸." \
        in body_text(winner)
    oven = body_text(letters_to(contest, 0, 2)[1])
    assert "ынталандыру сыйлығына ие болды: Электр пеші." in oven
    thanked = body_text(letters_to(contest, 2, 2)[1])
    assert "Байқауға қатысып, жұмысыңызды жібергеніңіз үшін шын жүректен рақмет." in thanked
    assert "орынды алды" not in thanked  # [reports] tell_places is off

    again = contest.cli("results", "publish", "--yes")
    assert "results: 0 letter(s) queued" in again.stdout
    assert len(letters_to(contest, 1, 2)) == 2
