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
    assert digest["Subject"].startswith("«Шаңырақ» креативті хабы: күнделікті шолу, "
                                        "20 наурыз 2026, 09:01 (Астана уақыты) [O-")
    # Nothing happened: it still goes, and says the service is alive.
    assert "Әзірге жаңа ештеңе жоқ: baiqau жұмыс істеп тұр, пошта тексеріліп жатыр." in text
    assert len(set(text) & KAZAKH_LETTERS) >= 6

    clock.set(datetime(2026, 3, 21, 4, 0, tzinfo=UTC) + timedelta(minutes=5))
    digest_job(contest.context)
    outbox_round(contest.context)
    assert len(contest.received(contest.organizer, count=2)) == 2


def test_organizers_decide_by_replying_to_their_digest(
        contest_factory: Callable[..., Contest], dovecot: Dovecot) -> None:
    from sqlmodel import Session, select

    from hub.models import FORGED_DECISION, Application, Decision, InboundMessage, MessageKind

    contest = contest_factory()
    entrant, other = contest.entrant(), contest.entrant("other")
    # Two applications waiting for a person: a village not in the gazetteer.
    for sender, name in ((entrant, "Құрманғалиқызы Әсем"), (other, "Ковалёв Дмитрий")):
        contest.send(new_message(sender.address, contest.mailbox.address, "Өтінім",
                                 f"Тегі, аты, әкесінің аты: {name}\n"
                                 "Ақмола облысы, елді мекен: Жаңаталап ауылы\n"
                                 "Туған жері және жылы: Көкшетау, 1999\n"
                                 "Байланыс телефоны: +7 702 487 92 11\n"
                                 "Әлеуметтік желілер: https://instagram.com/x\n"
                                 "Жазылушылар саны: 12 500\n"
                                 "Бейне: https://youtu.be/abcdefgh123\n"), sender.address)
    contest.dovecot.wait_for_messages(contest.mailbox.address, 2)
    contest.round()
    with Session(contest.context.engine) as session:
        numbers = [row.number for row in session.exec(select(Application)).all()]
    assert contest.cli("digest").returncode == 0
    [digest] = [m for m in contest.received(contest.organizer, count=3)
                if "күнделікті шолу" in m["Subject"]]
    token = digest["Subject"].rsplit("[", 1)[1].rstrip("]")
    quoted = "\n".join(f"> {line}" for line in body_text(digest).splitlines())

    # A stranger with the token, and the organizer's own address without it: nothing.
    thief = contest.entrant("thief")
    contest.send(new_message(thief.address, contest.mailbox.address, f"Re: [{token}]",
                             f"ҚАБЫЛДАУ {numbers[0]}"), thief.address)
    contest.send(new_message(contest.organizer.address, contest.mailbox.address,
                             "шешім", f"ҚАБЫЛДАУ {numbers[0]}"), contest.organizer.address)
    contest.dovecot.wait_for_messages(contest.mailbox.address, 2)
    contest.round()
    with Session(contest.context.engine) as session:
        assert session.exec(select(Decision)).all() == []
        kinds = {row.sender: (row.kind, row.kind_reason) for row in session.exec(
            select(InboundMessage).where(InboundMessage.sender != entrant.address,
                                         InboundMessage.sender != other.address)).all()}
    assert kinds[thief.address][0] is MessageKind.DECISION
    assert kinds[thief.address][1].startswith(FORGED_DECISION)
    assert kinds[contest.organizer.address] == (MessageKind.OTHER, "from an organizer")
    assert contest.dovecot.messages(thief.address) == []

    # The organizer replies to the digest: one accept, one reject with its reason, one
    # unknown number, one line that is no decision; the quoted digest is not read.
    contest.send(new_message(
        contest.organizer.address, contest.mailbox.address, f"Re: {digest['Subject']}",
        f"ҚАБЫЛДАУ {numbers[0]}\nОТКЛОНИТЬ {numbers[1]} не из Акмолинской области\n"
        "ПРИНЯТЬ A-0099\nспасибо!\n\nOn Fri, 20 Mar 2026 at 09:00, baiqau wrote:\n"
        + quoted), contest.organizer.address)
    contest.dovecot.wait_for_messages(contest.mailbox.address, 1)
    contest.round()
    with Session(contest.context.engine) as session:
        status = {row.number: row.status.value for row in session.exec(select(Application))}
        decisions = [(row.status, row.note, row.decided_by) for row in session.exec(
            select(Decision)).all()]
    assert status == {numbers[0]: "accepted", numbers[1]: "rejected"}
    assert decisions == [("accepted", "", contest.organizer.address),
                         ("rejected", "не из Акмолинской области", contest.organizer.address)]
    confirmation = [m for m in contest.received(contest.organizer, count=4)
                    if "шешімдеріңіз" in m["Subject"]]
    text = body_text(confirmation[0])
    assert f"«ҚАБЫЛДАУ {numbers[0]}» — {numbers[0]} қабылданды, қатысушыға хабарланды" in text
    assert "«ПРИНЯТЬ A-0099» — A-0099 нөмірлі өтінім жоқ, ештеңе өзгермеді" in text
    assert "«спасибо!» — түсінілмеді, ештеңе өзгермеді" in text
    assert "wrote" not in text
    # The entrants are told, as with `baiqau application accept|reject`.
    assert "қабылданды" in contest.received(entrant, count=2)[1]["Subject"]
    rejected = body_text(contest.received(other, count=2)[1])
    assert "не из Акмолинской области" in rejected
    # The forged decision shows in the next digest.
    assert contest.cli("digest").returncode == 0
    last = [m for m in contest.received(contest.organizer, count=5)
            if "күнделікті шолу" in m["Subject"]][-1]
    assert "расталмаған хаттар: 1" in body_text(last)
