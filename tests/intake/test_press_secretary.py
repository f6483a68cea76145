"""The press-secretary contest's applications end to end (seed 000, examples/press-secretary.toml).

The same intake as the Shanyraq contest's, on the example config's form and rules: press
officers apply in Kazakh or Russian, by the body or by an attached DOCX form, and get a
number; a missing position gets the precise answer and is mended by a reply; a second
participant from the same organization, written another way, goes to an organizer.
Real mail in over IMAP (Dovecot), real answers out over SMTP.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable
from datetime import UTC, datetime
from io import BytesIO

import pytest
from contest import ROOT, Contest, body_text
from docx import Document
from mailclients import JPEG, gmail, mailru_web, phone_app
from sqlmodel import Session, select

from hub.models import Application, ApplicationStatus, Work

EXAMPLE = tomllib.loads((ROOT / "examples" / "press-secretary.toml").read_text("utf-8"))
IN_TIME = datetime(2023, 6, 10, 6, 0, tzinfo=UTC)  # stage I: applications until 19 June
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CONTEST_RU = "«Лучший пресс-секретарь Алматинской области - 2023»"
CONTEST_KK = "«Алматы облысының үздік баспасөз хатшысы – 2023»"

KK = {
    "Аты-жөні": "Мұхамеджанова Мөлдір Қайратқызы",
    "Лауазымы": "баспасөз қызметі бөлімінің басшысы",
    "Ұйым": "Қазақстан Республикасы Сот әкімшілігінің Алматы облысы бойынша департаменті",
    "Байланыс телефоны": "8 702 487 92 11",
    "Электрондық пошта": "moldir.m@sud.gov.kz",
}
RU = {
    "ФИО": "Тюлемисова Динара Булатбековна",
    "Должность": "пресс-секретарь акима",
    "Организация": "ГУ «Аппарат акима Енбекшиказахского района»",
    "Контактный телефон": "+7 (701) 555-12-34",
    "E-mail": "d.tulemisova@enbek.gov.kz",
}


def form_text(fields: dict[str, str]) -> str:
    return "\n".join(f"{label}: {value}" for label, value in fields.items()) + "\n"


def form_docx(title: str, fields: dict[str, str]) -> bytes:
    """The form as organizers hand it out: a title and a two-column table to fill in."""
    document = Document()
    document.add_paragraph(title)
    table = document.add_table(rows=0, cols=2)
    for label, value in fields.items():
        row = table.add_row().cells
        row[0].text, row[1].text = label, value
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def press(contest_factory: Callable[..., Contest]) -> Contest:
    contest = {key: EXAMPLE["contest"][key]
               for key in ("name", "default_language", "application_prefix")}
    return contest_factory(overrides={"contest": contest, "intake": EXAMPLE["intake"]})


def applications(contest: Contest) -> list[Application]:
    with Session(contest.context.engine) as session:
        return list(session.exec(select(Application).order_by(Application.id)).all())


def put(contest: Contest, raw: bytes, when: datetime = IN_TIME) -> None:
    contest.dovecot.append(contest.mailbox.address, raw, internaldate=when)


SENT = {
    "kk by body": lambda e, to: mailru_web(e, "Мөлдір", to, "Байқауға өтінім",
                                           "Сәлеметсіз бе! Байқауға қатысуға өтінім жіберемін.\n\n"
                                           + form_text(KK)),
    "kk by docx": lambda e, to: mailru_web(e, "Мөлдір", to, "Өтінім",
                                           "Сәлеметсіз бе! Өтінімімді тіркедім.", [
                                               ("Өтінім_Мөлдір.docx",
                                                form_docx("Байқауға қатысуға өтінім", KK), DOCX)]),
    "ru by body": lambda e, to: gmail(e, "Динара", to, "Заявка на конкурс",
                                      "Здравствуйте! Прошу принять заявку на конкурс.\n\n"
                                      + form_text(RU)),
    "ru by docx": lambda e, to: gmail(e, "Динара", to, "Заявка",
                                      "Здравствуйте! Заявка во вложении.", [
                                          ("Заявка_Тюлемисова.docx",
                                           form_docx("Анкета конкурсанта", RU), DOCX)]),
}


@pytest.mark.parametrize("how", list(SENT))
def test_a_press_secretary_applies_and_gets_a_number(press: Contest, how: str) -> None:
    entrant = press.entrant()
    put(press, SENT[how](entrant.address, press.mailbox.address))
    press.round()

    [application] = applications(press)
    assert (application.status, application.reason_codes) == (ApplicationStatus.ACCEPTED, "")
    assert application.number == "P-0001"
    fields = json.loads(application.fields_json)
    expected = KK if how.startswith("kk") else RU
    values = list(expected.values())
    assert [fields[key] for key in ("full_name", "position", "organization", "phone", "email")] \
        == values
    assert application.name == values[0]
    # No field of the Shanyraq form is kept, though the reader knows them all.
    assert fields["settlement"] is None and fields["social_links"] == []
    if how.endswith("docx"):
        assert fields["sources"]["organization"].endswith(".docx")

    [answer] = press.received(entrant)
    text = body_text(answer)
    if how.startswith("kk"):
        assert application.language == "kk"
        assert answer["Subject"] == f"{CONTEST_KK}: № P-0001 өтініміңіз қабылданды"
        assert f"  Лауазымы: {KK['Лауазымы']}" in text
        assert f"  Ұйым: {KK['Ұйым']}" in text
        assert f"  Электрондық пошта: {KK['Электрондық пошта']}" in text
        assert "дауыс беру басталады" in text
        assert "Жұмыстар" not in text and "Елді мекен" not in text
    else:
        assert application.language == "ru"
        assert answer["Subject"] == f"{CONTEST_RU}: заявка № P-0001 принята"
        assert f"  Должность: {RU['Должность']}" in text
        assert f"  Организация: {RU['Организация']}" in text
        assert "начнётся голосование" in text
        assert "Работы" not in text and "подписчиков" not in text


def test_a_photo_sent_with_the_form_is_no_work(press: Contest) -> None:
    entrant = press.entrant()
    put(press, mailru_web(entrant.address, "Динара", press.mailbox.address, "Заявка",
                          form_text(RU), [("фото.jpg", JPEG, "image/jpeg")]))
    press.round()
    [application] = applications(press)
    assert application.status is ApplicationStatus.ACCEPTED
    with Session(press.context.engine) as session:
        assert session.exec(select(Work)).all() == []


def test_the_sender_is_the_contact_address_when_the_form_gives_none(press: Contest) -> None:
    entrant = press.entrant()
    fields = {label: value for label, value in RU.items() if label != "E-mail"}
    put(press, phone_app(entrant.address, "Динара", press.mailbox.address, "Заявка",
                         form_text(fields)))
    press.round()
    [application] = applications(press)
    assert application.status is ApplicationStatus.ACCEPTED
    stored = json.loads(application.fields_json)
    assert stored["email"] == entrant.address
    assert stored["sources"]["email"].endswith("sender")


def test_a_missing_position_gets_the_precise_answer_and_a_reply_mends_it(press: Contest) -> None:
    entrant = press.entrant()
    fields = {label: value for label, value in RU.items() if label != "Должность"}
    put(press, gmail(entrant.address, "Динара", press.mailbox.address, "Заявка",
                     "Здравствуйте! Прошу принять заявку.\n\n" + form_text(fields)))
    press.round()
    [application] = applications(press)
    assert (application.status, application.reason_codes) == (
        ApplicationStatus.NEEDS_FIX, "position_missing")
    [answer] = press.received(entrant)
    assert answer["Subject"] == f"{CONTEST_RU}: заявку № P-0001 нужно дополнить"
    text = body_text(answer)
    assert ("  1. Не указана ваша должность. Напишите её, например: "
            "«Должность: пресс-секретарь».") in text
    assert "  Должность: не найдено" in text
    # Nothing about works: this form has none.
    assert "напишите недостающее, отправлять всю заявку заново не нужно" in text

    put(press, gmail(entrant.address, "Динара", press.mailbox.address,
                     f"Re: {answer['Subject']}", "Должность: пресс-секретарь акима\n"))
    press.round()
    [application] = applications(press)
    assert (application.status, application.reason_codes) == (ApplicationStatus.ACCEPTED, "")
    assert json.loads(application.fields_json)["position"] == "пресс-секретарь акима"
    _, accepted = press.received(entrant, 2)
    assert "принята" in accepted["Subject"]


def test_a_missing_organization_in_kazakh_gets_the_answer_in_kazakh(press: Contest) -> None:
    entrant = press.entrant()
    fields = {label: value for label, value in KK.items() if label != "Ұйым"}
    put(press, mailru_web(entrant.address, "Мөлдір", press.mailbox.address, "Өтінім",
                          "Сәлеметсіз бе! Өтінімімді жіберемін.\n\n" + form_text(fields)))
    press.round()
    [application] = applications(press)
    assert application.reason_codes == "organization_missing"
    [answer] = press.received(entrant)
    assert ("1. Жұмыс істейтін ұйымыңыз көрсетілмеген. Ұйымның толық атауын жазыңыз, "
            "мысалы: «Ұйым: Алматы облысы әкімінің аппараты».") in body_text(answer)


def test_a_second_entrant_from_the_same_organization_goes_to_review(press: Contest) -> None:
    first, second, other = press.entrant("first"), press.entrant("second"), press.entrant("other")
    put(press, gmail(first.address, "Екатерина", press.mailbox.address, "Заявка", form_text({
        "ФИО": "Колесниченко Екатерина Юрьевна",
        "Должность": "пресс-секретарь",
        "Организация": "КГУ \"Аппарат акима города Конаев\"",
        "Телефон": "+7 701 111 22 33",
    })))
    press.round()
    # The same body in Kazakh, the legal form behind, from another address and phone.
    put(press, mailru_web(second.address, "Алма", press.mailbox.address, "Өтінім", form_text({
        "Аты-жөні": "Алматы Алма Алматықызы",
        "Лауазымы": "баспасөз хатшысы",
        "Ұйым": "«Қонаев қаласы әкімінің аппараты» мемлекеттік мекемесі",
        "Телефон": "8 705 444 55 66",
    })))
    # Another district's akim: another body.
    put(press, mailru_web(other.address, "Бақтияр", press.mailbox.address, "Өтінім", form_text({
        "Аты-жөні": "Айталы Бақтияр",
        "Лауазымы": "баспасөз хатшысы",
        "Ұйым": "Жамбыл ауданы әкімінің аппараты",
        "Телефон": "8 707 777 88 99",
    })))
    press.round()

    one, two, three = applications(press)
    assert (one.number, one.status) == ("P-0001", ApplicationStatus.ACCEPTED)
    assert (two.status, two.reason_codes) == (ApplicationStatus.REVIEW, "same_organization")
    assert (three.status, three.reason_codes) == (ApplicationStatus.ACCEPTED, "")
    [finding] = [f for f in json.loads(two.findings_json) if f["rule"] == "same_organization"]
    assert finding["detail"] == "P-0001 (КГУ \"Аппарат акима города Конаев\")"

    [answer] = press.received(second)
    assert answer["Subject"] == f"{CONTEST_KK}: № P-0002 өтініміңіз тексерілуде"
    text = body_text(answer)
    assert ("Сіз жұмыс істейтін ұйымнан («КГУ \"Аппарат акима города Конаев\"») № P-0001 "
            "өтінім бұрын келіп түскен. Ереже бойынша бір ұйымнан тек бір қызметкер қатыса "
            "алады") in text
    # The organizers are told, in the contest's language (Russian), with the code.
    [review] = press.received(press.organizer)
    assert "P-0002" in review["Subject"]
    assert ("второй участник от одной организации: P-0001 (КГУ \"Аппарат акима города "
            "Конаев\") [same_organization]") in body_text(review)

    # The first participant amending their application is not sent to review by the second.
    put(press, gmail(first.address, "Екатерина", press.mailbox.address, "Re: заявка P-0001",
                     "Телефон: +7 701 111 22 34\n"))
    press.round()
    assert applications(press)[0].status is ApplicationStatus.ACCEPTED


def test_an_organizers_rejection_of_the_first_frees_the_organization(press: Contest) -> None:
    first, second = press.entrant("first"), press.entrant("second")
    put(press, gmail(first.address, "Динара", press.mailbox.address, "Заявка", form_text(RU)))
    press.round()
    result = press.cli("application", "reject", "P-0001", "--reason", "не пресс-секретарь")
    assert result.returncode == 0, result.stderr
    put(press, mailru_web(second.address, "Айгүл", press.mailbox.address, "Өтінім", form_text({
        "Аты-жөні": "Сейітова Айгүл Маратқызы",
        "Лауазымы": "баспасөз хатшысы",
        "Ұйым": "Еңбекшіқазақ ауданы әкімінің аппараты",
        "Телефон": "8 705 123 45 67",
    })))
    press.round()
    _, two = applications(press)
    assert (two.status, two.reason_codes) == (ApplicationStatus.ACCEPTED, "")
