"""The organizers' digest: every morning and on demand, in each organizer's language."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage

from contest import Contest, body_text, new_message
from dovecot import Dovecot

from baiqau.service import digest_job
from hub.clock import FakeClock
from hub.mail.rounds import outbox_round

KAZAKH_LETTERS = set("әғқңөұүһі")


def html_of(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("html",))
    assert part is not None
    content = part.get_content()
    assert isinstance(content, str)
    return content


def chart_of(message: EmailMessage) -> bytes:
    [image] = [part for part in message.walk() if part.get_content_type() == "image/png"]
    payload = image.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return payload


def test_a_digest_says_what_needs_the_organizers_in_their_language(
        contest_factory: Callable[..., Contest], dovecot: Dovecot) -> None:
    second = dovecot.new_account("organizer-ru")
    # The second organizer reads Russian; the first, the contest's default (Kazakh).
    contest = contest_factory(overrides={"contest": {
        "organizers": [{"email": "placeholder@example.test"},
                       {"email": second.address, "language": "ru"}]}})
    entrant = contest.entrant()
    contest.send(new_message(entrant.address, contest.mailbox.address, "Өтінім",
                             "Тегі, аты, әкесінің аты: Құрманғалиқызы Әсем\n"
                             "Ақмола облысы, елді мекен: Бұланды ауылы\n"), entrant.address)
    contest.dovecot.wait_for_messages(contest.mailbox.address, 1)
    contest.round()

    result = contest.cli("digest", "--to", second.address)
    assert result.returncode == 0, result.stderr
    assert f"digest to {second.address}" in result.stdout
    [digest] = contest.received(second)
    text = body_text(digest)
    assert digest["Subject"].startswith("Креативный хаб «Шаңырақ»: сводка на ")
    assert "ЗАЯВКИ: всего 1" in text
    assert "нужно исправить: 1" in text
    assert "Приём заявок заканчивается:" in text
    html = html_of(digest)
    assert "<h3" in html and "нужно исправить" in html and "http" not in html
    assert chart_of(digest).startswith(b"\x89PNG")

    # Asked again at once, it goes again (baiqau digest always sends), and says that
    # nothing is new since the first.
    assert contest.cli("digest", "--to", second.address).returncode == 0
    [_, again] = contest.received(second, count=2)
    assert "С " in body_text(again) and "ничего нового" in body_text(again)


def test_the_daily_digest_goes_once_a_day_at_its_hour_in_kazakh(
        contest_factory: Callable[..., Contest], dovecot: Dovecot) -> None:
    # 09:00 in Almaty is 04:00 UTC.
    clock = FakeClock(datetime(2026, 3, 20, 3, 30, tzinfo=UTC))
    contest = contest_factory(clock=clock)
    digest_job(contest.context)
    outbox_round(contest.context)
    assert contest.dovecot.messages(contest.organizer.address) == []

    clock.set(datetime(2026, 3, 20, 4, 1, tzinfo=UTC))
    digest_job(contest.context)
    digest_job(contest.context)  # a minute later: the same day's digest, not another
    outbox_round(contest.context)
    [digest] = contest.received(contest.organizer)
    text = body_text(digest)
    assert digest["Subject"] == "«Шаңырақ» креативті хабы: күнделікті шолу, " \
                                "20 наурыз 2026, 09:01 (Астана уақыты)"
    # Nothing happened: it still goes, and says the service is alive.
    assert "Әзірге жаңа ештеңе жоқ: baiqau жұмыс істеп тұр, пошта тексеріліп жатыр." in text
    assert len(set(text) & KAZAKH_LETTERS) >= 6

    clock.set(datetime(2026, 3, 21, 4, 0, tzinfo=UTC) + timedelta(minutes=5))
    digest_job(contest.context)
    outbox_round(contest.context)
    assert len(contest.received(contest.organizer, count=2)) == 2
