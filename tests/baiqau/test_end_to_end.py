"""A message sent over SMTP to the contest is fetched, kept, routed and answered, once."""

from __future__ import annotations

import hashlib
import os
from datetime import timedelta

from contest import Contest, body_text, new_message
from sqlmodel import Session, select

from hub.clock import FakeClock
from hub.models import InboundMessage, MessageKind, MessageState, OutboundMessage, OutboundState

KAZAKH = "ә ғ қ ң ө ұ ү һ і Ә Ғ Қ Ң Ө Ұ Ү Һ І"
# The start of an MP4 (an ISO BMFF 'ftyp' box): what makes a file a video by content.
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom"


def rows(contest: Contest) -> list[InboundMessage]:
    with Session(contest.context.engine) as session:
        return list(session.exec(select(InboundMessage).order_by(InboundMessage.id)).all())


def outbound(contest: Contest) -> list[OutboundMessage]:
    with Session(contest.context.engine) as session:
        return list(session.exec(select(OutboundMessage).order_by(OutboundMessage.id)).all())


def test_an_application_is_stored_answered_in_kazakh_and_moved(contest: Contest) -> None:
    entrant = contest.entrant()
    video = MP4 + os.urandom(50_000)
    sent = new_message(
        entrant.address, contest.mailbox.address,
        "Шаңырақ байқауына өтінім", f"Сәлеметсіз бе! Өтінімімді жіберемін. {KAZAKH}",
        name="Әсем Құрманғалиқызы",
        attachments=[("Бейне_Көкшетау.mp4", video, "video/mp4")],
    )
    contest.send(sent, entrant.address)

    poll, outbox = contest.round()

    assert (poll.fetched, poll.processed.handled, poll.acknowledged) == (1, 1, 1)
    assert outbox.sent == 1
    [stored] = rows(contest)
    assert stored.kind is MessageKind.APPLICATION and stored.state is MessageState.HANDLED
    assert stored.sender == entrant.address
    assert stored.sender_name == "Әсем Құрманғалиқызы"
    assert stored.subject == "Шаңырақ байқауына өтінім"
    raw = contest.context.store.path(stored.raw_path).read_bytes()
    assert hashlib.sha256(raw).hexdigest() == stored.sha256
    assert sent["Message-ID"].encode() in raw
    # The original left the inbox for the processed folder, unread by us until handled.
    assert contest.dovecot.messages(contest.mailbox.address) == []
    assert len(contest.dovecot.messages(contest.mailbox.address, "baiqau-processed")) == 1

    [answer] = contest.received(entrant)
    assert answer["Auto-Submitted"] == "auto-replied"
    assert answer["X-Loop"] == contest.mailbox.address
    assert answer["In-Reply-To"] == sent["Message-ID"]
    # No form in the email: the application is opened and the entrant told what is missing.
    assert answer["Subject"] == "«Шаңырақ» креативті хабы: № A-0001 өтініміңізді толықтыру қажет"
    text = body_text(answer)
    assert "Сәлеметсіз бе, Әсем Құрманғалиқызы!" in text
    assert "Бейне_Көкшетау.mp4 (бейне)" in text
    assert answer["Content-Language"] == "kk"


def test_russian_and_english_mail_is_answered_in_that_language(contest: Contest) -> None:
    russian, english = contest.entrant("ru"), contest.entrant("en")
    contest.send(new_message(russian.address, contest.mailbox.address, "Заявка",
                             "Здравствуйте! Отправляю заявку на конкурс."), russian.address)
    contest.send(new_message(english.address, contest.mailbox.address, "Application",
                             "Hello, please find my application for the contest attached."),
                 english.address)
    contest.round()

    [ru_answer] = contest.received(russian)
    assert ru_answer["Subject"].startswith("Креативный хаб «Шаңырақ»: заявку № A-000")
    assert "Здравствуйте!" in body_text(ru_answer)
    [en_answer] = contest.received(english)
    assert en_answer["Subject"].startswith("Shanyraq creative hub: application A-000")
    assert "Hello," in body_text(en_answer)


def test_a_second_round_changes_nothing(contest: Contest) -> None:
    entrant = contest.entrant()
    contest.send(new_message(entrant.address, contest.mailbox.address, "Өтінім", "Сәлем"),
                 entrant.address)
    contest.round()
    poll, outbox = contest.round()
    assert (poll.fetched, poll.processed.handled, outbox.sent) == (0, 0, 0)
    assert len(contest.received(entrant)) == 1
    assert len(rows(contest)) == 1


def test_a_reply_to_our_answer_is_an_amendment(contest: Contest) -> None:
    entrant = contest.entrant()
    first = new_message(entrant.address, contest.mailbox.address, "Өтінім", "Сәлеметсіз бе!")
    contest.send(first, entrant.address)
    contest.round()
    [answer] = contest.received(entrant)

    reply = new_message(entrant.address, contest.mailbox.address, f"Re: {answer['Subject']}",
                        "Телефонымды қосамын: +7 702 487 9211",
                        headers={"In-Reply-To": answer["Message-ID"],
                                 "References": f"{first['Message-ID']} {answer['Message-ID']}"})
    contest.send(reply, entrant.address)
    contest.round()

    second = rows(contest)[1]
    assert second.kind is MessageKind.AMENDMENT
    # Both hold: it threads onto our answer and its subject quotes the number.
    assert second.kind_reason == "quotes application A-0001 in the subject"
    answers = contest.received(entrant, 2)
    assert "Толықтыруыңызды алдық, рақмет! Оны № A-0001 өтініміңізге қосып" in body_text(answers[1])
    assert "Байланыс телефоны: +7 702 487 9211" in body_text(answers[1])
    assert answers[1]["In-Reply-To"] == reply["Message-ID"]


def test_a_later_email_from_the_same_sender_is_an_amendment(contest: Contest) -> None:
    entrant = contest.entrant()
    for subject in ("Өтінім", "Тағы бір бейне"):
        contest.send(new_message(entrant.address, contest.mailbox.address, subject, "Сәлем"),
                     entrant.address)
    contest.round()
    first, second = rows(contest)
    assert first.kind is MessageKind.APPLICATION
    assert second.kind is MessageKind.AMENDMENT
    assert second.kind_reason == f"a later email from the sender of #{first.id}"


def test_machine_mail_is_kept_and_never_answered(contest: Contest) -> None:
    robot = contest.entrant("robot")
    cases = {
        "auto": {"Auto-Submitted": "auto-replied"},
        "bulk": {"Precedence": "bulk"},
        "list": {"List-Id": "<news.example.test>"},
        "loop": {"X-Loop": contest.mailbox.address},
        "exchange": {"X-Auto-Response-Suppress": "All"},
    }
    for name, headers in cases.items():
        contest.send(new_message(robot.address, contest.mailbox.address, f"Out of office {name}",
                                 "I am away until Monday.", headers=headers), robot.address)
    bounce = new_message("MAILER-DAEMON@example.test", contest.mailbox.address,
                         "Undelivered Mail Returned to Sender", "delivery failed")
    contest.send(bounce, robot.address)
    poll, outbox = contest.round()

    assert poll.processed.ignored == len(cases) + 1
    assert outbox.sent == 0
    assert all(row.kind is MessageKind.MACHINE for row in rows(contest))
    assert {row.kind_reason for row in rows(contest)} >= {
        "Auto-Submitted: auto-replied", "Precedence: bulk", "mailing list (List-Id)",
        "our own mail came back (X-Loop)", "robot sender mailer-daemon@example.test",
    }
    assert contest.dovecot.messages(robot.address) == []
    assert len(contest.dovecot.messages(contest.mailbox.address, "baiqau-processed")) == 6


def test_no_sender_gets_more_answers_a_day_than_the_limit(contest_factory) -> None:  # type: ignore[no-untyped-def]
    contest = contest_factory(overrides={"outbox": {"max_answers_per_sender_per_day": 3}})
    entrant = contest.entrant()
    for number in range(5):
        contest.send(new_message(entrant.address, contest.mailbox.address, f"Хат {number}",
                                 "Сәлем"), entrant.address)
    contest.round()
    states = [row.state for row in outbound(contest)]
    assert states.count(OutboundState.SENT) == 3
    assert states.count(OutboundState.SUPPRESSED) == 2
    assert len(contest.received(entrant, 3)) == 3


def test_the_daily_limit_is_a_rolling_day(contest_factory) -> None:  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    clock = FakeClock(datetime(2026, 3, 20, 9, 0, tzinfo=UTC))
    contest = contest_factory(overrides={"outbox": {"max_answers_per_sender_per_day": 1}},
                              clock=clock)
    entrant = contest.entrant()
    contest.send(new_message(entrant.address, contest.mailbox.address, "Бір", "Сәлем"),
                 entrant.address)
    contest.round()
    clock.advance(timedelta(hours=25))
    contest.send(new_message(entrant.address, contest.mailbox.address, "Екі", "Сәлем"),
                 entrant.address)
    contest.round()
    assert [row.state for row in outbound(contest)] == [OutboundState.SENT] * 2


def test_a_forged_name_cannot_add_headers_to_our_answer(contest: Contest) -> None:
    entrant = contest.entrant()
    raw = (
        f"From: =?utf-8?q?Evil=0D=0ABcc=3A_victim=40example=2Etest?= <{entrant.address}>\r\n"
        f"To: {contest.mailbox.address}\r\n"
        "Subject: =?utf-8?q?hi=0D=0AX-Injected=3A_yes?=\r\n"
        "Message-ID: <forged@entrant.example.test>\r\n"
        "\r\n"
        "Hello, this is my application for the contest, thank you.\r\n"
    ).encode()
    contest.send(raw, entrant.address)
    contest.round()
    [answer] = contest.received(entrant)
    assert answer["To"].addresses[0].addr_spec == entrant.address
    assert [message.rcpt_tos for message in contest.relay.accepted_for(entrant.address)] \
        == [(entrant.address,)]
    assert contest.relay.accepted_for("victim@example.test") == []
    assert answer["Bcc"] is None
    assert answer["X-Injected"] is None
    assert "\n" not in str(answer["To"]) and "\r" not in str(answer["To"])


def test_a_large_attachment_is_streamed_to_disk_intact(contest_factory) -> None:  # type: ignore[no-untyped-def]
    contest = contest_factory(overrides={"mailbox": {"large_message_bytes": 256 * 1024,
                                                     "fetch_chunk_bytes": 64 * 1024}})
    entrant = contest.entrant()
    video = MP4 + os.urandom(3 * 1024 * 1024 + 17)
    contest.send(new_message(entrant.address, contest.mailbox.address, "Бейне",
                             "Бейнем тіркелді.", attachments=[("video.mp4", video, "video/mp4")]),
                 entrant.address)
    poll, _ = contest.round()
    assert poll.fetched == 1
    [stored] = rows(contest)
    raw = contest.context.store.path(stored.raw_path).read_bytes()
    assert hashlib.sha256(raw).hexdigest() == stored.sha256
    assert stored.size == len(raw)
    parts = list(contest.context.store.parts_dir(stored.sha256).iterdir())
    assert [path.read_bytes() == video for path in parts] == [True]
    assert "video.mp4 (бейне)" in body_text(contest.received(entrant)[0])
