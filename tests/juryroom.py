"""A contest with a jury on the test servers: jurors with their own mailboxes, and
accepted applications for them to score."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from contest import Contest, new_message
from dovecot import Dovecot
from dovecot_mailboxes import MailAccount
from sqlmodel import Session, col, select

from hub.clock import Clock
from hub.models import Application, ApplicationStatus

CRITERIA = [
    {"key": "theme", "name": {"kk": "Хаб тақырыбына сәйкестігі", "ru": "Соответствие теме",
                              "en": "Fit with the theme"}},
    {"key": "creativity", "name": {"kk": "Шығармашылық тәсіл және түпнұсқалық",
                                   "ru": "Творческий подход и оригинальность",
                                   "en": "Creativity and originality"}},
    {"key": "visual", "name": {"kk": "Визуалды контенттің сапасы",
                               "ru": "Качество визуального контента", "en": "Visual quality"}},
]

ENTRANTS = [
    ("Құрманғалиқызы Әсем Серікқызы", "Щучинск", "8 702 487 92 11", "asem.kz"),
    ("Ковалёв Дмитрий Сергеевич", "Кокшетау", "+7 701 555 12 34", "dkovalev"),
    ("Төлеуғазы Нұрсұлтан Бекұлы", "Степногорск", "+7 705 111 22 33", "nursultan.t"),
    ("Иванова Мария Петровна", "Макинск", "+7 707 444 55 66", "maria.iv"),
]

MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + bytes(range(256)) * 40


def form(index: int) -> str:
    name, settlement, phone, handle = ENTRANTS[index]
    return (f"Ақмола облысы, елді мекен: {settlement}\n"
            f"Тегі, аты, әкесінің аты: {name}\n"
            f"Туған жері және жылы: {settlement}, 1999\n"
            f"Тұрақты тұратын мекенжайы: {settlement}, Абай көшесі {index + 1}\n"
            f"Байланыс телефоны: {phone}\n"
            f"Әлеуметтік желілердегі парақшаларына сілтемелер: https://instagram.com/{handle}\n"
            f"Жазылушылар саны: 12 500\n")


JUROR_NAMES = ["Әлия Серікқызы", "Борис Ким", "Anna Lee"]


def jury_contest(factory: Callable[..., Contest], dovecot: Dovecot, languages: list[str],
                 overrides: dict[str, dict[str, Any]] | None = None,
                 clock: Clock | None = None, **jury: Any) -> tuple[Contest, list[MailAccount]]:
    """A contest whose jury has a juror per language given, each with a mailbox."""
    jurors = [dovecot.new_account(f"juror{index}") for index in range(len(languages))]
    section: dict[str, Any] = {
        "score_min": 0, "score_max": 10, "score_step": 1, "quorum": 1,
        "criteria": CRITERIA,
        "jurors": [{"name": name, "email": account.address, "language": language}
                   for account, language, name in zip(jurors, languages, JUROR_NAMES,
                                                      strict=False)],
        **jury,
    }
    contest = factory(overrides={**(overrides or {}), "jury": section}, clock=clock)
    return contest, jurors


def apply(contest: Contest, count: int, *, start: int = 0, with_video: bool = True) -> list[str]:
    """`count` more entrants (from the `start`-th) apply and are accepted; returns every
    application's number, in order."""
    for index in range(start, start + count):
        entrant = contest.entrant(f"entrant{index}")
        attachments = [(f"Менің фильмім {index + 1}.mp4", MP4, "video/mp4")]
        if not with_video:
            attachments = []
        body = form(index) + ("" if with_video else f"Бейне: https://youtu.be/vid{index:08d}\n")
        contest.send(new_message(entrant.address, contest.mailbox.address, "Өтінім", body,
                                 attachments=attachments), entrant.address)
    contest.dovecot.wait_for_messages(contest.mailbox.address, count)
    contest.round()
    with Session(contest.context.engine) as session:
        rows = session.exec(select(Application).order_by(col(Application.id))).all()
        assert [(row.status, row.reason_codes) for row in rows] == [
            (ApplicationStatus.ACCEPTED, "")] * (start + count)
        return [row.number for row in rows]
