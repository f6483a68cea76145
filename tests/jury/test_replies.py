"""Jurors reply by email: only a real juror's reply records, and every reply is answered."""

from __future__ import annotations

import json
from collections.abc import Callable
from email.message import EmailMessage
from pathlib import Path

import docx
import pytest
from contest import Contest, body_text, new_message
from dovecot import Dovecot
from dovecot_mailboxes import MailAccount
from juryroom import apply, jury_contest
from sqlmodel import Session, col, select

from hub.models import InboundMessage, JuryReply, MessageKind, ReplyOutcome, Score, ScoreChange
from hub.tokens import find_tokens
from jury.sheets import DOCX_TYPE


def sheet_of(contest: Contest, juror: MailAccount) -> EmailMessage:
    [sheet] = contest.received(juror)
    return sheet


def reply(contest: Contest, juror: MailAccount, sheet: EmailMessage, text: str, *,
          quote: bool = True, sender: str | None = None,
          authentication: str | None = None) -> None:
    """The juror answers the sheet the way Gmail does: their text on top, the sheet quoted.
    `authentication`: the Authentication-Results our own server would put on top."""
    quoted = "\n".join(f"> {line}" for line in body_text(sheet).splitlines())
    body = f"{text}\n\nOn Mon, 14 Apr 2026 at 09:00, Шаңырақ wrote:\n{quoted}\n" if quote \
        else text
    message = new_message(sender or juror.address, contest.mailbox.address,
                          f"Re: {sheet['Subject']}", body,
                          headers={"In-Reply-To": sheet["Message-ID"]})
    if authentication is not None:
        message["Authentication-Results"] = authentication
    contest.send(message, sender or juror.address)


def scores_of(contest: Contest) -> dict[tuple[str, str], dict[str, str]]:
    from hub.models import Application, Juror

    with Session(contest.context.engine) as session:
        jurors = {row.id: row.email for row in session.exec(select(Juror)).all()}
        numbers = {row.id: row.number for row in session.exec(select(Application)).all()}
        found: dict[tuple[str, str], dict[str, str]] = {}
        for score in session.exec(select(Score)).all():
            found.setdefault((jurors[score.juror_id], numbers[score.application_id]), {})[
                score.criterion] = score.value
        return found


def outcomes(contest: Contest) -> list[tuple[str, ReplyOutcome]]:
    with Session(contest.context.engine) as session:
        return [(row.sender, row.outcome) for row in session.exec(
            select(JuryReply).order_by(col(JuryReply.id))).all()]


@pytest.fixture
def judged(contest_factory: Callable[..., Contest],
           dovecot: Dovecot) -> tuple[Contest, list[MailAccount], list[str]]:
    contest, jurors = jury_contest(contest_factory, dovecot, ["kk", "ru"],
                                   deadline="2030-04-21T18:00:00")
    numbers = apply(contest, 2)
    assert contest.cli("jury", "send-sheets").returncode == 0
    return contest, jurors, numbers


def test_a_jurors_reply_is_recorded_and_echoed(
        judged: tuple[Contest, list[MailAccount], list[str]]) -> None:
    contest, (aliya, _boris), numbers = judged
    sheet = sheet_of(contest, aliya)
    first, second = numbers
    reply(contest, aliya, sheet,
          f"Сәлеметсіз бе!\n{first}: 8 7 9 Өте әсерлі жұмыс\n{second} — 6, 11, 5\n"
          "Рақмет, Әлия")
    contest.dovecot.wait_for_messages(contest.mailbox.address, 1)
    contest.round()

    assert scores_of(contest) == {
        (aliya.address, first): {"theme": "8", "creativity": "7", "visual": "9"},
        (aliya.address, second): {"theme": "6", "visual": "5"},
    }
    assert outcomes(contest) == [(aliya.address, ReplyOutcome.RECORDED)]
    [_, echo] = contest.received(aliya, count=2)
    text = body_text(echo)
    assert echo["Subject"].startswith("«Шаңырақ» креативті хабы: бағаларыңыз қабылданды [J-")
    assert (f"{first}: Хаб тақырыбына сәйкестігі — 8; Шығармашылық тәсіл және түпнұсқалық — 7;"
            " Визуалды контенттің сапасы — 9") in text
    assert "пікір: Өте әсерлі жұмыс" in text
    assert f"«{second} — 6, 11, 5» — баға шектен тыс" in text
    assert f"{second} — жетпейтін критерийлер: Шығармашылық тәсіл және түпнұсқалық" in text
    # The quoted sheet's example line and works were not read as scores.
    assert "A-0000" not in text.split("Есепке алынбағандар")[0]

    # A correction replaces the earlier score, and the audit keeps both.
    reply(contest, aliya, sheet, f"{second}: шығармашылық 7", quote=False)
    contest.dovecot.wait_for_messages(contest.mailbox.address, 1)
    contest.round()
    assert scores_of(contest)[(aliya.address, second)] == {
        "theme": "6", "creativity": "7", "visual": "5"}
    [_, _, done] = contest.received(aliya, count=3)
    assert "Барлық жұмыстарыңыз толық бағаланды." in body_text(done)

    exported = json.loads(contest.cli("export", "scores", "--format", "json").stdout)
    assert {(row["application"], row["criterion"], row["score"]) for row in exported} >= {
        (first, "theme", 8), (second, "creativity", 7)}
    assert all(row["juror"] == aliya.address and row["message_id"] for row in exported)


def test_forged_replies_record_nothing(
        judged: tuple[Contest, list[MailAccount], list[str]]) -> None:
    contest, (aliya, boris), numbers = judged
    sheet = sheet_of(contest, aliya)
    boris_sheet = sheet_of(contest, boris)
    thief = contest.entrant("thief")
    line = f"{numbers[0]}: 10 10 10"
    reply(contest, aliya, sheet, line, sender=thief.address)  # a stranger, her stolen token
    contest.send(new_message(aliya.address, contest.mailbox.address, "Бағалар", line),
                 aliya.address)  # her address, no token
    reply(contest, aliya, boris_sheet, line, quote=True)  # her address, Борис's token
    contest.dovecot.wait_for_messages(contest.mailbox.address, 3)
    contest.round()

    assert scores_of(contest) == {}
    assert sorted(outcomes(contest)) == sorted([
        (thief.address, ReplyOutcome.FORGED), (aliya.address, ReplyOutcome.FORGED),
        (aliya.address, ReplyOutcome.FORGED)])
    with Session(contest.context.engine) as session:
        kinds = session.exec(select(InboundMessage.kind)).all()
    assert set(kinds) == {MessageKind.APPLICATION, MessageKind.JURY_REPLY}
    assert kinds.count(MessageKind.JURY_REPLY) == 3
    # The stranger hears nothing; Әлия's address gets a short notice per failed reply.
    assert contest.dovecot.messages(thief.address) == []
    notices = contest.received(aliya, count=4)[1:]
    assert all("бағалар жазылмады" in notice["Subject"] for notice in notices)
    assert all(find_tokens(body_text(notice)) == [] for notice in notices)
    # Her stolen token: she is told at her own address where it was used.
    assert sum(f"басқа мекенжайдан ({thief.address}) келді" in body_text(notice)
               for notice in notices) == 1
    status = json.loads(contest.cli("jury", "status", "--format", "json").stdout)
    assert status[0]["failed"] == 2 and status[1]["failed"] == 0


def test_with_dkim_required_a_reply_counts_only_with_our_servers_pass(
        contest_factory: Callable[..., Contest], dovecot: Dovecot) -> None:
    """`[jury] require_dkim`: a juror's address and token are not enough; the topmost
    Authentication-Results of our own server (`authserv_id`) must pass DKIM for the
    From domain, or DMARC. The header stands in for what our MX puts on each message."""
    ours = "mx.shanyraq.test"
    contest, (aliya, boris) = jury_contest(contest_factory, dovecot, ["kk", "ru"],
                                           deadline="2030-04-21T18:00:00",
                                           require_dkim=True, authserv_id=ours)
    first, _ = apply(contest, 2)
    assert contest.cli("jury", "send-sheets").returncode == 0
    domain = aliya.address.rpartition("@")[2]
    reply(contest, aliya, sheet_of(contest, aliya), f"{first}: 8 7 9", quote=False,
          authentication=f"mx.evil.test; dkim=pass header.d={domain}; dmarc=pass")
    reply(contest, boris, sheet_of(contest, boris), f"{first}: 6 6 6", quote=False,
          authentication=f"{ours}; dkim=pass header.d={domain} header.s=mail")
    contest.dovecot.wait_for_messages(contest.mailbox.address, 2)
    contest.round()

    assert scores_of(contest) == {(boris.address, first): {
        "theme": "6", "creativity": "6", "visual": "6"}}
    assert sorted(outcomes(contest)) == sorted([
        (aliya.address, ReplyOutcome.FORGED), (boris.address, ReplyOutcome.RECORDED)])
    notice = contest.received(aliya, count=2)[1]
    assert "хаттың сіздің поштаңыздан жіберілгенін растау мүмкін болмады" in body_text(notice)
    status = json.loads(contest.cli("jury", "status", "--format", "json").stdout)
    assert [row["failed"] for row in status] == [1, 0]


def test_a_replayed_reply_changes_nothing_twice(
        judged: tuple[Contest, list[MailAccount], list[str]]) -> None:
    contest, (aliya, _), numbers = judged
    sheet = sheet_of(contest, aliya)
    message = new_message(aliya.address, contest.mailbox.address, f"Re: {sheet['Subject']}",
                          f"{numbers[0]}: 8 7 9", message_id="<once@juror.example.test>")
    contest.send(message, aliya.address)
    contest.dovecot.wait_for_messages(contest.mailbox.address, 1)
    contest.round()
    contest.send(message, aliya.address)  # the same message again
    contest.dovecot.wait_for_messages(contest.mailbox.address, 1)
    contest.round()
    with Session(contest.context.engine) as session:
        assert len(session.exec(select(ScoreChange)).all()) == 3
        assert len(session.exec(select(JuryReply)).all()) == 1
    assert len(contest.dovecot.messages(aliya.address)) == 2  # the sheet and one echo


def test_a_recusal_by_reply_withdraws_and_says_so(
        judged: tuple[Contest, list[MailAccount], list[str]]) -> None:
    contest, (_, boris), numbers = judged
    sheet = sheet_of(contest, boris)
    reply(contest, boris, sheet, f"{numbers[1]}: 5 5 5\nОТВОД {numbers[0]}")
    contest.dovecot.wait_for_messages(contest.mailbox.address, 1)
    contest.round()
    [_, echo] = contest.received(boris, count=2)
    text = body_text(echo)
    assert f"Записан ваш самоотвод по работам: {numbers[0]}." in text
    assert "Все ваши работы оценены полностью." in text
    status = json.loads(contest.cli("jury", "status", "--format", "json").stdout)
    assert status[1]["assigned_numbers"] == [numbers[1]]


def test_a_late_reply_changes_nothing_and_is_told_so(
        contest_factory: Callable[..., Contest], dovecot: Dovecot) -> None:
    # The deadline passed a minute ago by the server's clock; the juror's Date header
    # says an hour earlier, which does not count.
    from datetime import datetime, timedelta

    from hub.clock import load_zone

    zone = load_zone("Asia/Almaty")
    deadline = (datetime.now(zone) - timedelta(minutes=1)).replace(tzinfo=None, microsecond=0)
    contest, (aliya,) = jury_contest(contest_factory, dovecot, ["ru"],
                                     deadline=deadline.isoformat())
    numbers = apply(contest, 1)
    assert contest.cli("jury", "send-sheets").returncode == 0
    sheet = sheet_of(contest, aliya)
    reply(contest, aliya, sheet, f"{numbers[0]}: 9 9 9")
    contest.dovecot.wait_for_messages(contest.mailbox.address, 1)
    contest.round()
    assert scores_of(contest) == {}
    assert outcomes(contest) == [(aliya.address, ReplyOutcome.LATE)]
    [_, late] = contest.received(aliya, count=2)
    assert "срок оценки истёк" in late["Subject"]
    assert "оценки и изменения из письма не записаны" in body_text(late)
    assert json.loads(contest.cli("jury", "status", "--format", "json").stdout)[0]["late"] == 1


def test_results_follow_the_jurors_scores(
        judged: tuple[Contest, list[MailAccount], list[str]]) -> None:
    contest, (aliya, boris), (first, second) = judged
    reply(contest, aliya, sheet_of(contest, aliya), f"{first}: 8 7 9\n{second}: 6 6 6")
    reply(contest, boris, sheet_of(contest, boris), f"{first}: 6 7 5\n{second}: 9 8 10")
    contest.dovecot.wait_for_messages(contest.mailbox.address, 2)
    contest.round()
    # By hand, mean of the two jurors, weights 1:
    #   first:  theme (8+6)/2 = 7, creativity (7+7)/2 = 7, visual (9+5)/2 = 7: total 21
    #   second: theme (6+9)/2 = 7.5, creativity (6+8)/2 = 7, visual (6+10)/2 = 8: total 22.5
    result = contest.cli("results", "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [(row["place"], row["application"], row["criteria"], row["total"], row["jurors"])
            for row in rows] == [
        (1, second, {"theme": 7.5, "creativity": 7.0, "visual": 8.0}, 22.5, 2),
        (2, first, {"theme": 7.0, "creativity": 7.0, "visual": 7.0}, 21.0, 2),
    ]
    assert rows[0]["name"] == "Ковалёв Дмитрий Сергеевич"
    assert rows[1]["settlement"] == "Щучинск"
    assert result.stdout == contest.cli("results", "--format", "json").stdout  # byte for byte
    table = contest.cli("results")
    assert second in table.stdout and "22.5" in table.stdout
    csv = contest.cli("results", "--format", "csv").stdout.splitlines()
    assert csv[0] == "\ufeffplace,application,name,settlement,theme,creativity,visual,total," \
                     "jurors,flags,prize"  # the BOM first: Excel reads the file as UTF-8


def test_the_sheet_travels_as_a_docx_and_comes_back_filled(
        judged: tuple[Contest, list[MailAccount], list[str]], tmp_path: Path) -> None:
    contest, (aliya, _), (first, second) = judged
    sheet = sheet_of(contest, aliya)
    [(name, data)] = [(part.get_filename(), part.get_payload(decode=True))
                      for part in sheet.iter_attachments()
                      if (part.get_filename() or "").endswith(".docx")]
    token = find_tokens(sheet["Subject"])[0]
    assert name == f"Бағалау парағы {token}.docx"
    assert isinstance(data, bytes)
    blank = tmp_path / "sheet.docx"
    blank.write_bytes(data)
    document = docx.Document(str(blank))
    table = document.tables[0]
    rows = {row.cells[0].text.strip(): row for row in table.rows[1:]}
    assert set(rows) == {first, second}
    assert "Құрманғалиқызы Әсем Серікқызы, Щучинск" in rows[first].cells[1].text
    # Әлия types her scores into the table (number, name, three criteria, comment).
    for cell, value in zip(rows[first].cells[2:], ["9", "8", "7", "Керемет жұмыс"],
                           strict=False):
        cell.text = value
    for cell, value in zip(rows[second].cells[2:], ["5", "6", "7"], strict=False):
        cell.text = value
    filled = tmp_path / "filled.docx"
    document.save(str(filled))
    message = new_message(aliya.address, contest.mailbox.address, f"Re: {sheet['Subject']}",
                          "Бағалау парағын тіркеп отырмын.",
                          attachments=[(name, filled.read_bytes(), DOCX_TYPE)])
    contest.send(message, aliya.address)
    contest.dovecot.wait_for_messages(contest.mailbox.address, 1)
    contest.round()

    assert scores_of(contest) == {
        (aliya.address, first): {"theme": "9", "creativity": "8", "visual": "7"},
        (aliya.address, second): {"theme": "5", "creativity": "6", "visual": "7"},
    }
    [_, echo] = contest.received(aliya, count=2)
    assert "пікір: Керемет жұмыс" in body_text(echo)
    assert "Барлық жұмыстарыңыз толық бағаланды." in body_text(echo)
