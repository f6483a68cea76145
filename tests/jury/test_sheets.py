"""Score sheets by email: each juror gets theirs once, in their language, with the works."""

from __future__ import annotations

from collections.abc import Callable
from email.message import EmailMessage
from io import BytesIO

import docx
from contest import Contest, body_text
from dovecot import Dovecot
from juryroom import MP4, apply, jury_contest
from sqlmodel import Session, select

from hub.models import Assignment, Juror, Work
from hub.tokens import find_tokens, token_hash
from jury.sheets import DOCX_TYPE


def docx_text(message: EmailMessage) -> str:
    """Every word of the DOCX sheet attached to a sheet email."""
    [(_, data)] = [(name, data) for name, data in attachments(message, sheet=True)]
    document = docx.Document(BytesIO(data))
    words = [paragraph.text for paragraph in document.paragraphs]
    words += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    words += [document.core_properties.title or "", document.core_properties.subject or ""]
    return "\n".join(words)


def attachments(message: EmailMessage, *, sheet: bool = False) -> list[tuple[str, bytes]]:
    """The works attached (or, with `sheet`, only the DOCX score sheet)."""
    found = []
    for part in message.iter_attachments():
        if (part.get_content_type() == DOCX_TYPE) is not sheet:
            continue
        payload = part.get_payload(decode=True)
        assert isinstance(payload, bytes)
        found.append((part.get_filename() or "", payload))
    return found


def test_each_juror_gets_a_sheet_in_their_language_once(
        contest_factory: Callable[..., Contest], dovecot: Dovecot) -> None:
    contest, (aliya, boris) = jury_contest(contest_factory, dovecot, ["kk", "ru"],
                                           deadline="2030-04-21T18:00:00")
    numbers = apply(contest, 2)

    result = contest.cli("jury", "send-sheets")
    assert result.returncode == 0, result.stderr
    assert "sheets: 2 email(s) to 2 juror(s), 4 work(s) newly assigned" in result.stdout

    [kk] = contest.received(aliya)
    [ru] = contest.received(boris)
    kk_text, ru_text = body_text(kk), body_text(ru)
    assert kk["Subject"].startswith("«Шаңырақ» креативті хабы: бағалау парағы [J-")
    assert ru["Subject"].startswith("Креативный хаб «Шаңырақ»: оценочный лист [J-")
    assert "Құрметті Әлия Серікқызы!" in kk_text
    assert "Уважаемый(ая) Борис Ким!" in ru_text
    assert "Сізге бағалау үшін 2 жұмыс берілді." in kk_text
    # The work, its entrant and settlement (not blind), the criteria in the juror's words.
    assert f"{numbers[0]} — Құрманғалиқызы Әсем Серікқызы, Щучинск" in kk_text
    assert "2. Шығармашылық тәсіл және түпнұсқалық" in kk_text
    assert "2. Творческий подход и оригинальность" in ru_text
    # The example line: a number no work has, so a quoted example is never recorded.
    assert "A-0000: 8 7 9" in kk_text
    assert kk_text.startswith(f"--- baiqau score sheet [{find_tokens(kk['Subject'])[0]}] ---")
    assert "Бағаларды жіберудің соңғы мерзімі: 21 сәуір 2030, 18:00 (Астана уақыты)." in kk_text
    # Each juror's token is in the subject and the body, is theirs, and is stored hashed.
    kk_token = find_tokens(kk["Subject"])[0]
    ru_token = find_tokens(ru["Subject"])[0]
    assert kk_token != ru_token and kk_token in kk_text and ru_token in ru_text
    with Session(contest.context.engine) as session:
        jurors = {row.email: row for row in session.exec(select(Juror)).all()}
        assert jurors[aliya.address].token_hash == token_hash(kk_token)
        assert kk_token not in repr(jurors[aliya.address])
        assert len(session.exec(select(Assignment)).all()) == 4
    # The works ride along, named after their number and the entrant's file.
    assert attachments(kk) == [(f"{numbers[0]}-1 Менің фильмім 1.mp4", MP4),
                               (f"{numbers[1]}-1 Менің фильмім 2.mp4", MP4)]

    again = contest.cli("jury", "send-sheets")
    assert "sheets: 0 email(s) to 0 juror(s), 0 work(s) newly assigned" in again.stdout
    assert len(contest.dovecot.messages(aliya.address)) == 1


def test_a_newly_accepted_work_is_sent_as_what_changed(
        contest_factory: Callable[..., Contest], dovecot: Dovecot) -> None:
    contest, (aliya,) = jury_contest(contest_factory, dovecot, ["kk"])
    first = apply(contest, 1)
    assert contest.cli("jury", "send-sheets").returncode == 0
    contest.received(aliya)

    later = apply(contest, 1, start=1)[1]
    assert contest.cli("jury", "send-sheets").returncode == 0

    messages = contest.received(aliya, count=2)
    update = messages[1]
    text = body_text(update)
    assert "бағалау парағына жаңа жұмыстар" in update["Subject"]
    # The DOCX has every work of the juror's, old and new, so one table is filled in.
    assert first[0] in docx_text(update) and later in docx_text(update)
    assert "Бағалау парағыңызға 1 жаңа жұмыс қосылды." in text
    assert later in text and f"{first[0]} —" not in text
    assert [name for name, _ in attachments(update)] == [f"{later}-1 Менің фильмім 2.mp4"]


def test_a_blind_sheet_names_no_entrant_anywhere(
        contest_factory: Callable[..., Contest], dovecot: Dovecot) -> None:
    contest, (aliya,) = jury_contest(contest_factory, dovecot, ["kk"], blind=True)
    numbers = apply(contest, 2)
    assert contest.cli("jury", "send-sheets").returncode == 0

    [sheet] = contest.received(aliya)
    raw = contest.dovecot.messages(aliya.address)[0].decode("utf-8", "replace")
    text = body_text(sheet)
    for secret in ("Құрманғалиқызы", "Әсем", "Щучинск", "Ковалёв", "Кокшетау", "фильмім",
                   "702 487", "instagram.com/asem"):
        assert secret not in text and secret not in raw
    assert [name for name, _ in attachments(sheet)] == [f"{numbers[0]}-1.mp4",
                                                        f"{numbers[1]}-1.mp4"]
    table = docx_text(sheet)
    assert numbers[0] in table and numbers[1] in table
    for secret in ("Құрманғалиқызы", "Щучинск", "Ковалёв", "Кокшетау"):
        assert secret not in table
    [name] = [name for name, _ in attachments(sheet, sheet=True)]
    assert name.startswith("Бағалау парағы J-")


def test_links_are_listed_and_one_email_carries_them(
        contest_factory: Callable[..., Contest], dovecot: Dovecot) -> None:
    contest, (aliya,) = jury_contest(contest_factory, dovecot, ["en"])
    apply(contest, 2, with_video=False)
    assert contest.cli("jury", "send-sheets").returncode == 0
    [sheet] = contest.received(aliya)
    text = body_text(sheet)
    assert "Dear Әлия Серікқызы," in text
    assert "link: https://youtu.be/vid00000000" in text
    assert "link: https://youtu.be/vid00000001" in text
    assert "(part" not in sheet["Subject"] and attachments(sheet) == []


def test_works_beyond_the_budget_come_in_parts(
        contest_factory: Callable[..., Contest], dovecot: Dovecot) -> None:
    # The smallest budget the config takes is 1 MiB, of which 256 KiB stay for the text:
    # three 250 KiB videos (338 KiB once encoded) go two in part 1 and one in part 2.
    contest, (aliya,) = jury_contest(contest_factory, dovecot, ["ru"],
                                     max_email_bytes=1024 * 1024)
    apply(contest, 3)
    big = MP4 + bytes(250 * 1024 - len(MP4))
    with Session(contest.context.engine) as session:
        for work in session.exec(select(Work)).all():
            contest.context.store.path(work.path).write_bytes(big)
            work.size = len(big)
            session.add(work)
        session.commit()
    assert contest.cli("jury", "send-sheets").returncode == 0

    first, second = sorted(contest.received(aliya, count=2), key=lambda m: m["Subject"])
    assert "(часть 1 из 2)" in first["Subject"] and "(часть 2 из 2)" in second["Subject"]
    assert len(attachments(first)) == 2 and len(attachments(second)) == 1
    assert len(attachments(first, sheet=True)) == 1 and attachments(second, sheet=True) == []
    assert "в части 2" in body_text(first)
    assert "Это часть 2 из 2 оценочного листа" in body_text(second)
    assert find_tokens(second["Subject"]) == find_tokens(first["Subject"])
