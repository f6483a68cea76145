"""Reading what voters write: a registration's fields and keyword, a ballot's choice."""

from __future__ import annotations

import pytest

from hub.models import Participant
from jury.voting.choice import read_choice
from jury.voting.organizations import Member, conflicts
from jury.voting.registration_form import is_registration, read_registration

BALLOT = [Participant(number=index, application_id=index, name=name) for index, name in
          enumerate(["Марат Балауса Маратқызы", "Тюлемисова Динара Булатбековна",
                     "Маді Сайдильдин"], start=1)]


@pytest.mark.parametrize(("text", "subject", "number"), [
    ("3", "", 3), ("№3", "", 3), ("№ 3", "", 3), ("ГОЛОС 3", "", 3), ("Голос: 2", "", 2),
    ("ДАУЫС 2", "", 2), ("дауыс 1", "", 1), ("VOTE 1", "", 1), ("vote 3.", "", 3),
    ("Тюлемисова Динара Булатбековна", "", 2), ("Мой голос — Марат Балауса", "", 1),
    ("маді сайдильдин", "", 3), ("", "ГОЛОС 3 [V-ABCDEF]", 3),
    ("Сәлеметсіз бе!\nДАУЫС 2\nРақмет", "", 2),
    # Names in other grammatical cases, in either order.
    ("Голосую за Тюлемисову Динару", "", 2), ("Мой голос за Динару Тюлемисову!", "", 2),
    ("Отдаю голос Тюлемисовой Динаре Булатбековне", "", 2),
    ("Марат Балаусаға дауыс беремін", "", 1), ("Маді Сайдильдинге", "", 3),
    ("За Маді Сайдильдина", "", 3),
])
def test_every_way_of_voting_is_read(text: str, subject: str, number: int) -> None:
    assert read_choice(text, subject, BALLOT) == number


@pytest.mark.parametrize("text", ["", "3\n2", "ГОЛОС 7", "0", "Спасибо!", "Марат и Маді",
                                  "Марат Балауса Маратқызы\nГОЛОС 3",
                                  # A surname alone, or a name too unlike the ballot's.
                                  "За Тюлемисову", "Тюлень Динара", "Мадина Сайдильдина",
                                  "Голосую за Тюлемисову Динару и Марат Балаусу"])
def test_no_single_participant_is_unreadable(text: str) -> None:
    assert read_choice(text, "Re: Конкурс - 2023: бюллетень [V-ABC2EF]", BALLOT) is None


def test_a_registration_in_kazakh_with_a_blog() -> None:
    text = ("ТІРКЕЛУ\nАты-жөні: Бекзат Әбдіқадыров\nҰялы телефон: +7 777 123 4567\n"
            "Аккаунт: instagram.com/bekzat_blog\nЖазылушылар саны: 62 мың\n")
    assert is_registration("", text)
    reading = read_registration(text)
    assert (reading.name, reading.phone, reading.account, reading.platform,
            reading.followers, reading.problems) == (
        "Бекзат Әбдіқадыров", "+7 777 123 45 67", "instagram.com/bekzat_blog", "instagram",
        62000, [])


def test_a_registration_says_what_is_missing() -> None:
    assert is_registration("Re: ТIРКЕЛУ", "")  # a Latin I for the Kazakh І
    assert is_registration("REGISTER", "")
    assert not is_registration("Вопрос о регистрации", "Как зарегистрироваться?")
    reading = read_registration("ФИО: Иванов Иван\nТелефон: 12-34\n")
    assert reading.problems == ["phone_invalid", "outlet_missing"]


def test_a_participants_press_office_is_recognised() -> None:
    team = [Member(1, "Марат Балауса", "ГУ «Палата предпринимателей Алматинской области»",
                   "press@palata.kz")]
    assert conflicts("a@gmail.com", "Палата предпринимателей Алматинской области", team)
    # The Kazakh spelling of the same body, in another order, is the same body.
    assert conflicts("a@mail.kz", "Алматы облысының кәсіпкерлер палатасы", team) == [
        "the outlet «Алматы облысының кәсіпкерлер палатасы» is the organization of "
        "participant №1 (Марат Балауса): «ГУ «Палата предпринимателей Алматинской области»»"]
    assert conflicts("reporter@palata.kz", "Газета", team) == [
        "the address is at palata.kz, the domain participant №1 (Марат Балауса) applied from"]
    assert conflicts("a@mail.ru", "Алматы ақшамы", team) == []
    assert conflicts("a@mail.ru", "ТОО «Алматы ақшамы»", team) == []


def test_an_outlet_that_is_part_of_an_organization_needs_a_name_of_its_own() -> None:
    team = [Member(1, "Айгүл Серік", "МИА «Казинформ»", "aigul@inform.kz"),
            Member(2, "Тюлемисова Динара", "ГУ «Аппарат акима Енбекшиказахского района»",
                   "press@enbek.gov.kz")]
    assert len(conflicts("a@gmail.com", "Казинформ", team)) == 1
    assert len(conflicts("a@gmail.com", "Еңбекшіқазақ ауданы", team)) == 1
    # Only words of the table (a kind of body, a region): no one body is named.
    assert conflicts("a@gmail.com", "Аппарат акима", team) == []
    assert conflicts("a@gmail.com", "Алматинская область", team) == []
    assert conflicts("a@gmail.com", "Хабар", team) == []
