"""Applications end to end: real client emails in, the stored outcome and the answer out."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from io import BytesIO

import pytest
from contest import Contest, body_text, new_message
from docx import Document
from mailclients import JPEG, MP4, forwarded, gmail, html_only, mailru_web, outlook_1251, phone_app
from sqlmodel import Session, select

from hub.models import Application, ApplicationStatus, Work

KK_FORM = """Сәлеметсіз бе! «Шаңырақ» байқауына өтінімімді жіберемін.

Ақмола облысы, елді мекен: Щучинск қаласы
Тегі, аты, әкесінің аты: Құрманғалиқызы Әсем Серікқызы
Туған жері және жылы: Көкшетау, 1999
Тұрақты тұратын мекенжайы: Щучинск, Абай көшесі 12
Байланыс телефоны: 8 702 487 92 11
Әлеуметтік желілердегі парақшаларына сілтемелер: https://instagram.com/asem.kz
Жазылушылар саны: 12 500
"""

RU_FORM = """Здравствуйте! Прошу принять заявку на конкурс «Шанырак».

Населённый пункт: г. Кокшетау
ФИО: Ковалёв Дмитрий Сергеевич
Место и год рождения: Степногорск, 2001
Адрес проживания: Кокшетау, ул. Ауэзова 5, кв. 17
Телефон: +7 (701) 555-12-34
Ссылки на соцсети: https://www.tiktok.com/@dkovalev
Количество подписчиков: 7 300
"""

FIXED = {"intake": {"opens": "2026-03-13T00:00:00", "closes": "2026-04-13T23:59:59"}}
IN_TIME = datetime(2026, 3, 20, 5, 0, tzinfo=UTC)


def applications(contest: Contest) -> list[Application]:
    with Session(contest.context.engine) as session:
        return list(session.exec(select(Application).order_by(Application.id)).all())


def works_of(contest: Contest, application: Application) -> list[Work]:
    with Session(contest.context.engine) as session:
        return list(session.exec(select(Work).where(Work.application_id == application.id,
                                                    Work.withdrawn == False)))  # noqa: E712


def put(contest: Contest, raw: bytes, when: datetime = IN_TIME) -> None:
    """Into the contest inbox with a chosen arrival time, as the server would stamp it."""
    contest.dovecot.append(contest.mailbox.address, raw, internaldate=when)


@pytest.fixture
def fixed(contest_factory: Callable[..., Contest],
          database: dict[str, dict[str, object]]) -> Contest:
    """The regulation's real window: 13 March to 13 April 2026, Asia/Almaty; on SQLite
    and on PostgreSQL, each test."""
    return contest_factory(overrides={**FIXED, **database})


CLIENTS = [
    ("mail.ru web", lambda e, to: mailru_web(e, "Әсем", to, "Өтінім", KK_FORM,
                                            [("Көктем_Бурабай.mp4", MP4, "video/mp4")])),
    ("gmail", lambda e, to: gmail(e, "Әсем", to, "Өтінім", KK_FORM,
                                  [("сурет.jpg", JPEG, "image/jpeg")])),
    ("phone app", lambda e, to: phone_app(e, "Дмитрий", to, "Заявка",
                                          RU_FORM + "Видео: https://youtu.be/dQw4w9WgXcQ")),
    ("outlook 1251", lambda e, to: outlook_1251(e, "Дмитрий Ковалёв", to, "Заявка на конкурс",
                                                RU_FORM + "Видео: https://vk.com/video-1_456")),
    ("html only", lambda e, to: html_only(e, "Әсем", to, "Өтінім",
                                          KK_FORM + "Бейне: https://www.tiktok.com/@asem/video/7"
                                          "1234567890")),
    ("forwarded", lambda e, to: forwarded(e, "Дмитрий", to, "Заявка",
                                          RU_FORM + "Видео: https://youtu.be/abcdefghijk")),
]


@pytest.mark.parametrize(("client", "build"), CLIENTS, ids=[name for name, _ in CLIENTS])
def test_an_application_as_each_client_sends_it_is_accepted(
    fixed: Contest, client: str, build: Callable[[str, str], bytes]
) -> None:
    entrant = fixed.entrant()
    put(fixed, build(entrant.address, fixed.mailbox.address))
    fixed.round()

    [application] = applications(fixed)
    assert (application.status, application.reason_codes) == (ApplicationStatus.ACCEPTED, "")
    assert application.number == "A-0001"
    fields = json.loads(application.fields_json)
    [answer] = fixed.received(entrant)
    text = body_text(answer)
    if application.language == "kk":
        assert fields["full_name"] == "Құрманғалиқызы Әсем Серікқызы"
        assert fields["subscribers"] == 12500
        assert answer["Subject"] == "«Шаңырақ» креативті хабы: № A-0001 өтініміңіз қабылданды"
        assert "Тегі, аты, әкесінің аты: Құрманғалиқызы Әсем Серікқызы" in text
    else:
        assert fields["full_name"] == "Ковалёв Дмитрий Сергеевич"
        assert fields["settlement"] == "г. Кокшетау"
        assert answer["Subject"] == "Креативный хаб «Шаңырақ»: заявка № A-0001 принята"
        assert "Ковалёв Дмитрий Сергеевич" in text
    assert len(works_of(fixed, application)) == 1


def test_the_boundaries_of_the_window_to_the_second(fixed: Contest) -> None:
    close = datetime(2026, 4, 13, 18, 59, 59, tzinfo=UTC)  # 23:59:59 in Akmola (UTC+5)
    on_time, late = fixed.entrant("ontime"), fixed.entrant("late")
    put(fixed, mailru_web(on_time.address, "Әсем", fixed.mailbox.address, "Өтінім", KK_FORM,
                          [("a.mp4", MP4, "video/mp4")]), close)
    put(fixed, mailru_web(late.address, "Әсем", fixed.mailbox.address, "Өтінім", KK_FORM,
                          [("b.mp4", MP4 + b"x", "video/mp4")]), close + timedelta(seconds=1))
    fixed.round()
    first, second = applications(fixed)
    assert first.status is ApplicationStatus.ACCEPTED
    # Late, and (same phone, same name and year) the same person as A-0001.
    assert (second.status, second.reason_codes) == (ApplicationStatus.REJECTED,
                                                    "late duplicate_application")
    [answer] = fixed.received(late)
    assert "№ A-0002 өтініміңізді қабылдай алмаймыз" in answer["Subject"]
    assert "14 сәуір 2026, 00:00" in body_text(answer)


@pytest.mark.parametrize(("subscribers", "status", "codes"), [
    ("4 999", ApplicationStatus.NEEDS_FIX, "few_subscribers"),
    ("5 000", ApplicationStatus.ACCEPTED, ""),
])
def test_the_subscriber_boundary(fixed: Contest, subscribers: str,
                                 status: ApplicationStatus, codes: str) -> None:
    entrant = fixed.entrant()
    put(fixed, mailru_web(entrant.address, "Әсем", fixed.mailbox.address, "Өтінім",
                          KK_FORM.replace("12 500", subscribers), [("a.mp4", MP4, "video/mp4")]))
    fixed.round()
    [application] = applications(fixed)
    assert (application.status, application.reason_codes) == (status, codes)


@pytest.mark.parametrize(("year", "status", "codes"), [
    ("2008", ApplicationStatus.REVIEW, "age_unclear"),  # 17 or 18 on 13 April 2026
    ("2007", ApplicationStatus.ACCEPTED, ""),
    ("1991", ApplicationStatus.ACCEPTED, ""),
    ("1990", ApplicationStatus.REVIEW, "age_unclear"),  # 35 or 36
    ("1989", ApplicationStatus.REJECTED, "too_old"),
    ("14.04.1990", ApplicationStatus.ACCEPTED, ""),  # 35 until the day after the close
    ("13.04.1990", ApplicationStatus.REJECTED, "too_old"),  # 36 on the closing day
])
def test_the_age_boundaries(fixed: Contest, year: str, status: ApplicationStatus,
                            codes: str) -> None:
    entrant = fixed.entrant()
    form = KK_FORM.replace("Туған жері және жылы: Көкшетау, 1999",
                           f"Туған жері және жылы: Көкшетау, {year}")
    put(fixed, mailru_web(entrant.address, "Әсем", fixed.mailbox.address, "Өтінім", form,
                          [("a.mp4", MP4, "video/mp4")]))
    fixed.round()
    [application] = applications(fixed)
    assert (application.status, application.reason_codes) == (status, codes)


@pytest.mark.parametrize(("count", "status", "codes"), [
    (3, ApplicationStatus.ACCEPTED, ""),
    (4, ApplicationStatus.NEEDS_FIX, "too_many_works"),
])
def test_three_works_and_four(fixed: Contest, count: int, status: ApplicationStatus,
                              codes: str) -> None:
    entrant = fixed.entrant()
    files = [(f"бейне_{n}.mp4", MP4 + bytes([n]), "video/mp4") for n in range(count)]
    put(fixed, mailru_web(entrant.address, "Әсем", fixed.mailbox.address, "Өтінім", KK_FORM,
                          files))
    fixed.round()
    [application] = applications(fixed)
    assert (application.status, application.reason_codes) == (status, codes)
    assert len(works_of(fixed, application)) == count


def test_outside_the_region_is_rejected_in_russian(fixed: Contest) -> None:
    entrant = fixed.entrant()
    form = (RU_FORM.replace("Населённый пункт: г. Кокшетау", "Населённый пункт: г. Астана")
            .replace("Кокшетау, ул. Ауэзова 5", "Астана, пр. Кабанбай батыра 11"))
    put(fixed, phone_app(entrant.address, "Дмитрий", fixed.mailbox.address, "Заявка",
                         form + "Видео: https://youtu.be/dQw4w9WgXcQ"))
    fixed.round()
    [application] = applications(fixed)
    assert (application.status, application.reason_codes) == (ApplicationStatus.REJECTED,
                                                               "outside_region")
    [answer] = fixed.received(entrant)
    assert answer["Subject"] == "Креативный хаб «Шаңырақ»: заявка № A-0001 не принята"
    assert "Астана" in body_text(answer)


def test_the_amendment_round_trip(fixed: Contest) -> None:
    entrant = fixed.entrant()
    form = KK_FORM.replace("Жазылушылар саны: 12 500\n", "")
    put(fixed, mailru_web(entrant.address, "Әсем", fixed.mailbox.address, "Өтінім", form,
                          [("a.mp4", MP4, "video/mp4")]))
    fixed.round()
    [first_answer] = fixed.received(entrant)
    assert applications(fixed)[0].reason_codes == "subscribers_missing"
    assert "№ A-0001 өтініміңізді толықтыру қажет" in first_answer["Subject"]

    reply = new_message(entrant.address, fixed.mailbox.address,
                        f"Re: {first_answer['Subject']}", "Жазылушылар саны: 8 000",
                        headers={"In-Reply-To": first_answer["Message-ID"],
                                 "References": first_answer["Message-ID"]})
    put(fixed, _wire(reply), IN_TIME + timedelta(days=1))
    fixed.round()
    [application] = applications(fixed)
    assert application.status is ApplicationStatus.ACCEPTED
    assert json.loads(application.fields_json)["subscribers"] == 8000
    answers = fixed.received(entrant, 2)
    assert "№ A-0001 өтініміңіз қабылданды" in answers[1]["Subject"]
    assert "Толықтыруыңызды алдық" in body_text(answers[1])
    assert answers[1]["In-Reply-To"] == reply["Message-ID"]


def test_a_change_after_the_close_is_refused_politely(fixed: Contest) -> None:
    entrant = fixed.entrant()
    put(fixed, mailru_web(entrant.address, "Әсем", fixed.mailbox.address, "Өтінім", KK_FORM,
                          [("a.mp4", MP4, "video/mp4")]))
    fixed.round()
    later = new_message(entrant.address, fixed.mailbox.address, "Re: A-0001",
                        "Тағы бір бейне қосамын: https://youtu.be/zzzzzzzzzzz")
    put(fixed, _wire(later), datetime(2026, 4, 20, tzinfo=UTC))
    fixed.round()
    [application] = applications(fixed)
    assert application.status is ApplicationStatus.ACCEPTED
    assert len(works_of(fixed, application)) == 1
    answers = fixed.received(entrant, 2)
    assert "өтінімге енді өзгеріс енгізу мүмкін емес" in answers[1]["Subject"]


def test_a_form_sent_only_as_a_docx_attachment(fixed: Contest) -> None:
    document = Document()
    document.add_paragraph("«Шаңырақ» креативті хабына қатысуға ӨТІНІМ")
    document.add_paragraph("1. Қатысушы туралы мәліметтер")
    for line in KK_FORM.splitlines()[2:]:
        document.add_paragraph(line, style="List Bullet")
    buffer = BytesIO()
    document.save(buffer)
    entrant = fixed.entrant()
    put(fixed, mailru_web(entrant.address, "Әсем", fixed.mailbox.address, "Өтінім",
                          "Сәлеметсіз бе! Өтінім мен бейнені тіркедім.", [
                              ("Өтінім_Әсем.docx", buffer.getvalue(),
                               "application/vnd.openxmlformats-officedocument"
                               ".wordprocessingml.document"),
                              ("бейне.mp4", MP4, "video/mp4")]))
    fixed.round()
    [application] = applications(fixed)
    assert (application.status, application.reason_codes) == (ApplicationStatus.ACCEPTED, "")
    fields = json.loads(application.fields_json)
    assert fields["settlement"] == "Щучинск қаласы"
    assert fields["sources"]["full_name"].endswith("Өтінім_Әсем.docx")
    assert [work.title for work in works_of(fixed, application)] == ["бейне.mp4"]


def test_one_person_from_two_addresses_is_for_an_organizer(fixed: Contest) -> None:
    first, second = fixed.entrant("first"), fixed.entrant("second")
    for entrant, video in ((first, MP4), (second, MP4 + b"2")):
        put(fixed, mailru_web(entrant.address, "Әсем", fixed.mailbox.address, "Өтінім",
                              KK_FORM, [("a.mp4", video, "video/mp4")]))
    fixed.round()
    one, two = applications(fixed)
    assert one.status is ApplicationStatus.ACCEPTED
    assert (two.status, two.reason_codes, two.duplicate_of) == (
        ApplicationStatus.REVIEW, "duplicate_application", "A-0001")
    [notice] = fixed.received(fixed.organizer)
    assert notice["Subject"] == "baiqau: № A-0002 өтінімді тексеру қажет"
    assert "baiqau application accept A-0002" in body_text(notice)


def test_organizers_decide_reviews_from_the_command_line(fixed: Contest) -> None:
    entrant, other = fixed.entrant(), fixed.entrant()
    form = KK_FORM.replace("Көкшетау, 1999", "Көкшетау, 1990")  # age_unclear
    put(fixed, mailru_web(entrant.address, "Әсем", fixed.mailbox.address, "Өтінім", form,
                          [("a.mp4", MP4, "video/mp4")]))
    put(fixed, mailru_web(other.address, "Дана", fixed.mailbox.address, "Өтінім",
                          form.replace("Құрманғалиқызы Әсем", "Серікова Дана")
                          .replace("8 702 487 92 11", "8 705 111 22 33"),
                          [("b.mp4", MP4 + b"b", "video/mp4")]))
    fixed.round()
    assert [app.status for app in applications(fixed)] == [ApplicationStatus.REVIEW] * 2

    shown = fixed.cli("application", "show", "A-0001")
    assert shown.returncode == 0, shown.stderr
    assert "age_unclear" in shown.stdout and "Құрманғалиқызы Әсем Серікқызы" in shown.stdout

    accepted = fixed.cli("application", "accept", "A-0001")
    assert accepted.returncode == 0, accepted.stderr
    assert "A-0001 is now accepted; the entrant was told" in accepted.stdout
    rejected = fixed.cli("application", "reject", "A-0002", "--reason",
                         "Туу туралы куәлік бойынша 36 жастасыз.")
    assert rejected.returncode == 0, rejected.stderr

    one, two = applications(fixed)
    assert (one.status, two.status) == (ApplicationStatus.ACCEPTED, ApplicationStatus.REJECTED)
    told = fixed.received(entrant, 2)[1]
    assert told["Subject"] == "«Шаңырақ» креативті хабы: № A-0001 өтініміңіз қабылданды"
    refused = fixed.received(other, 2)[1]
    assert "Туу туралы куәлік бойынша 36 жастасыз." in body_text(refused)

    # A later change of the accepted application keeps the organizer's word on the age.
    put(fixed, _wire(new_message(entrant.address, fixed.mailbox.address, "Re: A-0001",
                                 "Instagram: https://instagram.com/asem.second")),
        IN_TIME + timedelta(days=2))
    fixed.round()
    assert applications(fixed)[0].status is ApplicationStatus.ACCEPTED

    # The rejected entrant writes again: the decision stands and is repeated.
    put(fixed, _wire(new_message(other.address, fixed.mailbox.address, "Re: A-0002",
                                 "Бірақ мен 35 жастамын!")), IN_TIME + timedelta(days=2))
    fixed.round()
    assert applications(fixed)[1].status is ApplicationStatus.REJECTED
    again = fixed.received(other, 3)[2]
    assert "Туу туралы куәлік бойынша 36 жастасыз." in body_text(again)

    unknown = fixed.cli("application", "show", "A-0999")
    assert unknown.returncode == 2 and "no application A-0999" in unknown.stderr


def test_export_applications_gives_every_field_read(fixed: Contest) -> None:
    entrant = fixed.entrant()
    put(fixed, mailru_web(entrant.address, "Әсем", fixed.mailbox.address, "Өтінім", KK_FORM,
                          [("Көктем.mp4", MP4, "video/mp4")]))
    fixed.round()
    result = fixed.cli("export", "applications", "--format", "json")
    assert result.returncode == 0, result.stderr
    [row] = json.loads(result.stdout)
    assert (row["number"], row["status"], row["reason_codes"], row["email"], row["language"]) \
        == ("A-0001", "accepted", [], entrant.address, "kk")
    assert row["full_name"] == "Құрманғалиқызы Әсем Серікқызы"
    assert row["birth_year"] == 1999 and row["subscribers"] == 12500
    assert row["works"][0]["title"] == "Көктем.mp4" and row["works"][0]["kind"] == "video"
    assert row["field_sources"]["settlement"] == "#1 body"
    csv_result = fixed.cli("export", "applications", "--format", "csv")
    assert csv_result.returncode == 0
    assert "Құрманғалиқызы Әсем Серікқызы" in csv_result.stdout


def _wire(message: EmailMessage) -> bytes:
    return message.as_bytes(policy=message.policy.clone(linesep="\r\n"))


def test_an_organizers_own_mail_opens_no_application(fixed: Contest) -> None:
    put(fixed, _wire(new_message(fixed.organizer.address, fixed.mailbox.address, "Тест",
                                 "Пошта жұмыс істей ме?")))
    poll, outbox = fixed.round()
    assert applications(fixed) == []
    assert (poll.processed.ignored, outbox.sent) == (1, 0)
