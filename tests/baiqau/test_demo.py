"""The demo (./scripts/demo) runs two contest rounds on its in-process mail server.

It is the first thing a newcomer runs, so it has to keep working and to tell the truth:
every application ends as the regulation says it should (status, reason codes, works),
every email gets the kind and state it should have, every person gets one answer per
email baiqau handled, machine mail gets none, the entrant who was asked for her
subscriber count and replied is accepted, and Kazakh letters survive SMTP, SQLite and
IMAP both ways. The demo runs once in this process for the assertions, and once as the
command people type.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from rich.console import Console

from baiqau.demo.mailserver import header_text
from baiqau.demo.results import PASSWORD_ENV, ApplicationRow, DemoError, DemoResult, Outcome
from baiqau.demo.run import prepare_folder, run_demo
from hub.config import load_config
from hub.models import MessageKind, MessageState

ROOT = Path(__file__).resolve().parents[2]
APPLICATION, AMENDMENT = MessageKind.APPLICATION, MessageKind.AMENDMENT
MACHINE = MessageKind.MACHINE
HANDLED, IGNORED = MessageState.HANDLED, MessageState.IGNORED

# email key: (kind, state, language of the one answer, or None for no answer)
EMAILS = {
    "kk-colons": (APPLICATION, HANDLED, "kk"),
    "ru-next-line": (APPLICATION, HANDLED, "ru"),
    "kk-html-only": (APPLICATION, HANDLED, "kk"),
    "kk-docx-form": (APPLICATION, HANDLED, "kk"),
    "en-application": (APPLICATION, HANDLED, "en"),
    "ru-no-subscribers": (APPLICATION, HANDLED, "ru"),
    "kk-no-works": (APPLICATION, HANDLED, "kk"),
    "ru-cp1251-4-works": (APPLICATION, HANDLED, "ru"),
    "kk-astana": (APPLICATION, HANDLED, "kk"),
    "ru-too-old": (APPLICATION, HANDLED, "ru"),
    "kk-latin-keyboard": (APPLICATION, HANDLED, "kk"),
    "ru-unknown-village": (APPLICATION, HANDLED, "ru"),
    "kk-duplicate": (APPLICATION, HANDLED, "kk"),
    "ru-amendment": (AMENDMENT, HANDLED, "ru"),
    "ooo-autoreply": (MACHINE, IGNORED, None),
    "bounce": (MACHINE, IGNORED, None),
}

# The email that opened it: (status, reason codes, works that count, settlement as read).
# What the regulation says, written out here rather than taken from the demo's letters.
APPLICATIONS = {
    "kk-colons": ("accepted", (), 2, "Көкшетау қаласы"),
    "ru-next-line": ("accepted", (), 2, "г. Степногорск"),
    "kk-html-only": ("accepted", (), 3, "Ақкөл қаласы"),
    "kk-docx-form": ("accepted", (), 2, "Ерейментау қаласы"),
    "en-application": ("accepted", (), 2, "Kosshy"),
    "ru-no-subscribers": ("accepted", (), 3, "г. Макинск"),  # after her reply
    "kk-no-works": ("needs_fix", ("no_works",), 0, "Степняк қаласы"),
    "ru-cp1251-4-works": ("needs_fix", ("too_many_works",), 4, "г. Атбасар"),
    "kk-astana": ("rejected", ("outside_region",), 1, "Астана қаласы"),
    "ru-too-old": ("rejected", ("too_old",), 1, "п. Шортанды"),
    "kk-latin-keyboard": ("review", ("age_unclear",), 1, "Щучинск каласы"),
    "ru-unknown-village": ("review", ("region_unclear",), 2, "с. Кенесары"),
    "kk-duplicate": ("review", ("duplicate_application",), 1, "Көкшетау қаласы"),
}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoResult]:
    console = Console(file=io.StringIO(), width=100)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(PASSWORD_ENV, "")  # the demo sets it; this puts it back afterwards
        yield run_demo(tmp_path_factory.mktemp("demo") / "demo-var", console)


def outcome(demo: DemoResult, key: str) -> Outcome:
    [found] = [item for item in demo.outcomes if item.email.key == key]
    return found


def application(demo: DemoResult, key: str) -> ApplicationRow:
    number = outcome(demo, key).application
    [found] = [row for row in demo.applications if row.number == number]
    return found


def body(outcome: Outcome) -> str:
    [answer] = outcome.answers
    part = answer.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())


def test_every_command_succeeds_and_nothing_is_amiss(demo: DemoResult) -> None:
    assert demo.exit_codes == [0, 0, 0]  # two polls and a status
    assert demo.problems == []


def test_the_server_has_every_imap_feature_baiqau_uses(demo: DemoResult) -> None:
    assert [(check.name, check.ok, check.detail) for check in demo.checks if not check.ok] == []
    assert {check.name for check in demo.checks} == {
        "CREATE", "MOVE", "UIDPLUS", "partial FETCH", "IDLE"}


def test_intake_is_open_around_the_demo_and_the_rules_are_the_regulations(
    demo: DemoResult,
) -> None:
    dates = demo.dates
    assert dates.closes - dates.opens in (timedelta(days=30), timedelta(days=31))
    assert dates.results == (dates.closes + timedelta(days=10)).date()
    intake = load_config(demo.config_path).intake
    assert (intake.opens, intake.closes, intake.results) == (
        dates.opens, dates.closes, dates.results)
    assert (intake.min_age, intake.max_age, intake.min_subscribers) == (18, 35, 5000)
    assert (intake.min_works, intake.max_works) == (1, 3)
    assert (intake.max_attachment_bytes, intake.region) == (25 * 1024 * 1024, "akmola")


def test_every_application_ends_as_the_regulation_says(demo: DemoResult) -> None:
    found = {key: (row.status, row.reasons, row.works, row.settlement)
             for key in APPLICATIONS for row in [application(demo, key)]}
    assert found == APPLICATIONS
    # One application per person and address: thirteen, numbered in the order they came.
    assert [row.number for row in demo.applications] == [
        f"A-{n:04d}" for n in range(1, len(APPLICATIONS) + 1)]


def test_the_reply_with_the_subscriber_count_turns_needs_fix_into_accepted(
    demo: DemoResult,
) -> None:
    first, reply = outcome(demo, "ru-no-subscribers"), outcome(demo, "ru-amendment")
    number = first.application
    assert reply.application == number  # the reply changed her application, not a new one
    assert reply.reason == f"quotes application {number} in the subject"
    assert demo.first_statuses[number] == "needs_fix"
    assert application(demo, "ru-no-subscribers").status == "accepted"
    assert application(demo, "ru-no-subscribers").messages == (first.number, reply.number)
    [asked] = first.answers
    assert header_text(asked, "Subject") == (
        f"Креативный хаб «Шаңырақ»: заявку № {number} нужно дополнить")
    assert "Не указано число подписчиков" in body(first)
    [accepted] = reply.answers
    assert header_text(accepted, "Subject") == (
        f"Креативный хаб «Шаңырақ»: заявка № {number} принята")
    assert "Число подписчиков: 7 800" in body(reply)


def test_every_email_gets_its_kind_and_state(demo: DemoResult) -> None:
    assert {o.email.key: (o.kind, o.state) for o in demo.outcomes} == {
        key: (kind.value, state.value) for key, (kind, state, _) in EMAILS.items()}
    numbers = [o.number for o in demo.outcomes]
    assert numbers == list(range(1, len(EMAILS) + 1))  # stored in the order they came
    assert outcome(demo, "ooo-autoreply").application == ""
    assert outcome(demo, "bounce").application == ""


def test_each_handled_email_gets_one_answer_in_its_language_machine_mail_none(
    demo: DemoResult,
) -> None:
    languages = {o.email.key: [header_text(a, "Content-Language") for a in o.answers]
                 for o in demo.outcomes}
    assert languages == {key: [language] if language else []
                         for key, (_, _, language) in EMAILS.items()}


def test_each_person_received_exactly_one_message_per_handled_email(demo: DemoResult) -> None:
    handled: dict[str, int] = {}
    for item in demo.outcomes:
        handled.setdefault(item.email.sender, 0)
        handled[item.email.sender] += item.state == HANDLED
    # Counted over the whole INBOX, so an answer that lost its threading counts too.
    assert demo.inbox_sizes == handled
    assert demo.inbox_sizes["mailer-daemon@mx.example.org"] == 0
    assert demo.inbox_sizes["olga.nesterenko@example.com"] == 1  # not her auto-reply
    assert demo.inbox_sizes["zhanerke.sabit@example.net"] == 1  # not the bounce


def test_the_organizer_is_told_of_each_application_to_decide_and_nothing_else(
    demo: DemoResult,
) -> None:
    to_decide = [row.number for row in demo.applications if row.status == "review"]
    assert len(to_decide) == 3
    # In any order: the answers leave over several SMTP connections at once.
    assert sorted(demo.organizer_notices) == [
        f"baiqau: № {number} өтінімді тексеру қажет" for number in sorted(to_decide)]


def test_kazakh_letters_survive_the_round_trip(demo: DemoResult) -> None:
    first = outcome(demo, "kk-no-works")
    [answer] = first.answers
    assert header_text(answer, "From") == "«Шаңырақ» креативті хабы <shanyraq-hub@example.org>"
    assert header_text(answer, "Subject") == (
        f"«Шаңырақ» креативті хабы: № {first.application} өтініміңізді толықтыру қажет")
    text = body(first)
    assert "Сәлеметсіз бе, Оразалин Бекзат Серікұлы!" in text
    assert "Степняк қ., Шоқан Уәлиханов көшесі, 8" in text
    assert "Өтініміңізден бірде-бір жұмыс таппадық" in text
    kazakh_files = body(outcome(demo, "kk-colons"))
    assert "Көкшетау_шаһарының_көктемі.mp4" in kazakh_files
    assert "Әсем_портрет.jpg" in kazakh_files
    # Every Kazakh letter made the trip (һ is rare: it comes in a file name, «шаһар»).
    assert set("әғқңөұүһі") <= set(text + kazakh_files)


def test_baiqau_reads_every_sender_and_subject_as_they_were_written(demo: DemoResult) -> None:
    # windows-1251 headers included; the bounce is from a name, not a person.
    assert [(o.sender_name, o.subject) for o in demo.outcomes] == [
        ("Mail Delivery System" if o.email.key == "bounce" else o.email.label, o.email.subject)
        for o in demo.outcomes]
    assert outcome(demo, "ru-cp1251-4-works").sender_name == "Ольга Нестеренко"


def test_works_are_found_whichever_way_they_came(demo: DemoResult) -> None:
    # The large video is over the demo's large_message_bytes: fetched in partial FETCHes.
    large = body(outcome(demo, "ru-next-line"))
    assert "Ролик_Степногорск_тұтас_нұсқа.mp4 (видео)" in large
    assert "https://www.youtube.com/watch?v=Qx7Stepn0g1 (видео, ссылка)" in large
    photos = body(outcome(demo, "ru-no-subscribers"))
    assert all(f"Фотосерия_Әжемнің_үйі_{n}.jpg (фото)" in photos for n in (1, 2, 3))
    # The DOCX is the form, not a work: the form's fields and its TikTok link were read.
    docx = body(outcome(demo, "kk-docx-form"))
    assert "Тегі, аты, әкесінің аты: Әбдіғаппар Нұрлан Асқарұлы" in docx
    assert "Өтінім_Әбдіғаппар_Н.docx" not in docx
    assert "/video/7351842093215647013 (бейне, сілтеме)" in docx
    assert "https://www.instagram.com/reel/C5kAkkolTun/ (бейне, сілтеме)" in body(
        outcome(demo, "kk-html-only"))


def test_why_each_kind_was_chosen(demo: DemoResult) -> None:
    assert outcome(demo, "ooo-autoreply").reason == "Auto-Submitted: auto-replied"
    assert outcome(demo, "bounce").reason == "delivery or feedback report"
    assert outcome(demo, "kk-duplicate").reason == "a person's first email to the contest"


def test_the_contest_mailbox_is_emptied_into_the_processed_folder(demo: DemoResult) -> None:
    assert demo.contest_folders == {
        "INBOX": 0, "baiqau-processed": len(EMAILS), "baiqau-quarantine": 0}


def test_every_answer_arrives_with_the_subject_baiqau_wrote(demo: DemoResult) -> None:
    assert [(o.email.key, o.changed_subjects) for o in demo.outcomes if o.changed_subjects] == []
    assert all(len(o.written) == len(o.answers) for o in demo.outcomes)


def test_the_demo_refuses_to_wipe_a_folder_it_did_not_make(tmp_path: Path) -> None:
    (tmp_path / "thesis.docx").write_text("three years of work")
    with pytest.raises(DemoError, match="not made by the demo"):
        prepare_folder(tmp_path)
    assert (tmp_path / "thesis.docx").exists()


def test_the_command_runs_twice_in_the_same_folder_and_exits_0(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if key != PASSWORD_ENV}
    command = [sys.executable, "-m", "baiqau.demo", "--dir", str(tmp_path / "demo-var")]
    for _ in range(2):  # the second run wipes what the first left
        done = subprocess.run(command, capture_output=True, text=True, timeout=120,
                              cwd=ROOT, env={**env, "COLUMNS": "100"})
        assert done.returncode == 0, done.stdout + done.stderr
    assert "What happened to each application" in done.stdout
    assert ("13 applications: 6 accepted, 2 needs_fix, 2 rejected, 3 review; "
            "each as the regulation says.") in done.stdout
    assert "no answer (machine mail)" in done.stdout
    assert "Сәлеметсіз бе, Оразалин Бекзат Серікұлы!" in done.stdout
    assert "Здравствуйте, Жаксыбекова Мадина Ерлановна!" in done.stdout
    assert "Inbound messages" in done.stdout  # `baiqau status` ran
    assert "Traceback" not in done.stderr
    assert max(len(line) for line in done.stdout.splitlines()) <= 100
