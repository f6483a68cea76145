"""Voters register by email, organizers verify them (never a participant's own press
office), and ballots go out: against the real Dovecot and SMTP relay."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from contest import Contest, body_text, new_message, parse
from sqlmodel import Session, col, select
from votingroom import KEY_ENV, arrive, register, voting_contest

from hub.models import Application, Voter, VoterState, VotingAudit
from hub.tokens import VOTER, find_tokens


@pytest.fixture
def contest(contest_factory: Callable[..., Contest]) -> Contest:
    return voting_contest(contest_factory)


def voters(contest: Contest) -> dict[str, Voter]:
    with Session(contest.context.engine) as session:
        return {row.email: row for row in session.exec(select(Voter)).all()}


def test_a_registration_is_recorded_and_answered_in_the_voters_language(
        contest: Contest) -> None:
    journalist = contest.entrant("journalist")
    blogger = contest.entrant("blogger")
    register(contest, journalist, "Ковалёва Анна Сергеевна", "ТОО «Вечерний Алматы»")
    contest.send(new_message(blogger.address, contest.mailbox.address, "ТІРКЕЛУ",
                             "Аты-жөні: Бекзат Әбдіқадыров\nАккаунт: instagram.com/bekzat\n"
                             "Жазылушылар саны: 12 000\n"), blogger.address)
    arrive(contest, 2)

    found = voters(contest)
    assert found[journalist.address].state is VoterState.REGISTERED
    assert (found[journalist.address].name, found[journalist.address].phone,
            found[journalist.address].outlet) == (
        "Ковалёва Анна Сергеевна", "+7 701 555 12 01", "ТОО «Вечерний Алматы»")
    assert (found[blogger.address].blog_platform, found[blogger.address].followers) == (
        "instagram", 12000)
    with Session(contest.context.engine) as session:  # never an application
        assert len(session.exec(select(Application)).all()) == 4
    [answer] = contest.received(journalist)
    assert answer["Subject"].endswith("регистрация для голосования получена")
    text = body_text(answer)
    assert "ФИО: Ковалёва Анна Сергеевна" in text and "СМИ: ТОО «Вечерний Алматы»" in text
    assert "ждёт проверки организаторами" in text
    [kazakh] = contest.received(blogger)
    text = body_text(kazakh)
    assert kazakh["Subject"].endswith("дауыс беруге тіркелу қабылданды")
    assert "ұялы телефон нөмірі" in text  # the phone is missing
    assert "instagram желісінде кемінде 50000" in text  # under the seed's threshold

    # The blogger sends the phone: the registration is mended, not made twice.
    contest.send(new_message(blogger.address, contest.mailbox.address, "Re: ТІРКЕЛУ",
                             "ТІРКЕЛУ\nТелефон: 8 777 111 22 33\n"), blogger.address)
    arrive(contest, 1)
    assert voters(contest)[blogger.address].phone == "+7 777 111 22 33"
    assert len(voters(contest)) == 2


def test_verifying_sends_the_ballot_at_once_and_refuses_a_participants_press_office(
        contest: Contest) -> None:
    journalist = contest.entrant("journalist")
    press = contest.entrant("press")
    register(contest, journalist, "Ковалёв Дмитрий", "Казинформ")
    register(contest, press, "Жанар Серікова", "Палата предпринимателей Алматинской области")
    arrive(contest, 2)

    verified = contest.cli("voters", "verify", journalist.address, press.address)
    assert verified.returncode == 1, verified.stderr
    assert f"verified: {journalist.address}" in verified.stdout
    assert (f"not verified: {press.address}: the outlet «Палата предпринимателей Алматинской "
            "области» is the organization of participant №1 (Марат Балауса Маратқызы)"
            in verified.stdout)
    assert "ballots sent now: 1" in verified.stdout
    [_, ballot] = contest.received(journalist, 2)
    assert "бюллетень для голосования" in ballot["Subject"]
    [token] = find_tokens(ballot["Subject"], VOTER)
    text = body_text(ballot)
    assert token in text
    assert ("  3. Тюлемисова Динара Булатбековна — Пресс-секретарь акима, "
            "ГУ «Аппарат акима Енбекшиказахского района»") in text
    assert "1. Марат Балауса Маратқызы — Пресс-секретарь, Палата" in text

    forced = contest.cli("voters", "verify", press.address, "--force")
    assert forced.returncode == 0, forced.stderr
    with Session(contest.context.engine) as session:
        audit = session.exec(select(VotingAudit).order_by(col(VotingAudit.id))).all()
    assert [row.action for row in audit] == ["verify", "force"]
    assert "Палата предпринимателей" in audit[1].note

    listed = json.loads(contest.cli("voters", "list", "--format", "json").stdout)
    assert {row["email"]: row["state"] for row in listed} == {
        journalist.address: "verified", press.address: "verified"}
    assert not any("vote" in key for row in listed for key in row)


def test_a_press_office_writing_its_body_in_kazakh_is_refused_too(contest: Contest) -> None:
    # Participant №3 applied for «ГУ «Аппарат акима Енбекшиказахского района»»; their
    # press office registers with the Kazakh name of the same akim's office.
    press = contest.entrant("press")
    register(contest, press, "Айдана Серік", "Еңбекшіқазақ ауданы әкімінің аппараты")
    arrive(contest, 1)

    refused = contest.cli("voters", "verify", press.address)
    assert refused.returncode == 1, refused.stderr
    assert (f"not verified: {press.address}: the outlet «Еңбекшіқазақ ауданы әкімінің "
            "аппараты» is the organization of participant №3 (Тюлемисова Динара "
            "Булатбековна): «ГУ «Аппарат акима Енбекшиказахского района»»"
            in refused.stdout)
    assert "ballots sent now: 0" in refused.stdout
    assert voters(contest)[press.address].state is VoterState.REGISTERED


def test_a_roster_is_imported_and_a_registration_rejected(contest: Contest,
                                                        tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("email,name,phone,outlet,language\n"
                      "Asel@Khabar.kz,Әсел Нұрланова,87015551234,Хабар,kk\n"
                      "nobody,Без адреса,,,ru\n", encoding="utf-8-sig")
    imported = contest.cli("voters", "import", str(roster))
    assert imported.returncode == 0, imported.stderr
    assert "1 imported" in imported.stdout and "line 3: no email address" in imported.stdout
    assert voters(contest)["asel@khabar.kz"].source == "import"
    contest.dovecot.add_user("asel@khabar.kz", "pw")
    rejected = contest.cli("voters", "reject", "asel@khabar.kz", "--reason",
                           "Хабар агенттігі бұл тізімде жоқ")
    assert rejected.returncode == 0, rejected.stderr
    [told] = contest.dovecot.wait_for_messages("asel@khabar.kz", 1)
    assert "Себебі: Хабар агенттігі бұл тізімде жоқ" in body_text(parse(told))
    assert voters(contest)["asel@khabar.kz"].state is VoterState.REJECTED


def test_voting_does_not_start_without_the_ballot_key(contest: Contest) -> None:
    done = contest.cli("poll", "--once", env={KEY_ENV: ""})
    assert done.returncode == 2
    assert f"the environment variable {KEY_ENV} is not set" in done.stderr
    assert contest.cli("ballots", "send").returncode == 0
    wrong = contest.cli("ballots", "send", env={KEY_ENV: "another key, twenty characters"})
    assert wrong.returncode == 2
    assert "not the ballot key this contest's votes were recorded with" in wrong.stderr
