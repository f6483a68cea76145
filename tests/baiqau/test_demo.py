"""The demo (./scripts/demo) runs a contest's intake and jury on its in-process mail server.

It is the first thing a newcomer runs, so it has to keep working and to tell the truth:
every application ends as the regulation says it should (status, reason codes, works),
every email gets the kind and state it should have, every person gets one answer per
email baiqau handled, machine mail gets none, the entrant who was asked for her
subscriber count and replied is accepted, and Kazakh letters survive SMTP, SQLite and
IMAP both ways. Then the jury: each juror gets one sheet in their language with the
accepted works and the DOCX, the DOCX filled in and the scores typed in text are
recorded, the correction replaces one score and the audit keeps the old one, the reply
after the deadline changes nothing and is told so, and the ranking is the one worked out
here by hand. The demo runs once in this process for the assertions, and twice as the
command people type.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import docx
import pytest
from rich.console import Console

from baiqau import cli
from baiqau.demo.jurors import CRITERIA, JURORS, SCORES, sheet_docx
from baiqau.demo.jury_results import Change, JurorEmail
from baiqau.demo.jury_show import what_the_ranking_shows
from baiqau.demo.letters import ORGANIZER_ADDRESS
from baiqau.demo.mailserver import header_text
from baiqau.demo.organizers import DigestArrival, Paperwork, ProtocolFiles, Rendering
from baiqau.demo.organizers_show import show_protocols, show_where
from baiqau.demo.results import (
    PASSWORD_ENV,
    TIMEZONE,
    ApplicationRow,
    DemoError,
    DemoResult,
    Outcome,
)
from baiqau.demo.run import prepare_folder, run_demo
from hub.clock import load_zone
from hub.config import load_config
from hub.jury_config import JuryConfig, PrizeConfig
from hub.models import MessageKind, MessageState, ReplyOutcome
from hub.tokens import ORGANIZER, find_tokens

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
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[DemoResult, str]]:
    """The demo run once in this process: what it found, and what it printed."""
    printed = io.StringIO()
    console = Console(file=printed, width=100)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(PASSWORD_ENV, "")  # the demo sets it; this puts it back afterwards
        result = run_demo(tmp_path_factory.mktemp("demo") / "demo-var", console)
        yield result, printed.getvalue()


@pytest.fixture(scope="module")
def demo(demo_run: tuple[DemoResult, str]) -> DemoResult:
    return demo_run[0]


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
    # Two polls; jury send-sheets, a poll, jury status, results; the protocol in kk and ru,
    # the digest; status.
    assert demo.exit_codes == [0] * 10
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
    # From a folder of its own, as a person runs it from their clone: the paths it prints
    # are then demo-var/..., as they would see them.
    env = {key: value for key, value in os.environ.items() if key != PASSWORD_ENV}
    command = [sys.executable, "-m", "baiqau.demo"]
    for _ in range(2):  # the second run wipes what the first left
        done = subprocess.run(command, capture_output=True, text=True, timeout=120,
                              cwd=tmp_path, env={**env, "COLUMNS": "100",
                                                 "PYTHONPATH": str(ROOT)})
        assert done.returncode == 0, done.stdout + done.stderr
    assert "What happened to each application" in done.stdout
    assert ("13 applications: 6 accepted, 2 needs_fix, 2 rejected, 3 review; "
            "each as the regulation says.") in done.stdout
    assert "no answer (machine mail)" in done.stdout
    assert "Сәлеметсіз бе, Оразалин Бекзат Серікұлы!" in done.stdout
    assert "Здравствуйте, Жаксыбекова Мадина Ерлановна!" in done.stdout
    assert "Inbound messages" in done.stdout  # `baiqau status` ran
    # The jury: the sheets, the replies, two answers, `jury status`, the ranking in words.
    assert "sheets: 3 email(s) to 3 juror(s), 18 work(s) newly assigned" in done.stdout
    assert "Waiting " in done.stdout and "What became of each juror's email" in done.stdout
    assert "late: nothing changed" in done.stdout
    assert "пікір: Ақкөлдің түнгі көрінісі ерекше әсер қалдырды" in done.stdout
    assert "The jury" in done.stdout and "Results" in done.stdout
    assert "none of its scores counts" in done.stdout
    assert "Виктор Пак's correction shows: his creativity for A-0003 is 9, not 6" in done.stdout
    # The organizers: the digest sent and read back, the protocol written, where they are.
    assert "digest to organizer@example.org; outbox: sent 1, to retry 0, failed 0" in done.stdout
    assert "The organizers' digest is in the INBOX of organizer@example.org" in done.stdout
    assert "«Шаңырақ» креативті хабы: күнделікті шолу" in done.stdout
    assert "Its parts: text/plain, text/html, image/png" in done.stdout
    for language in ("kk", "ru"):
        assert f"wrote the protocol ({language}, 6 work(s), final)" in done.stdout
        assert f"\n  demo-var/protocol-{language}.docx\n" in done.stdout
        assert (tmp_path / "demo-var" / f"protocol-{language}.docx").is_file()
    assert "problem:" not in done.stdout
    assert "Traceback" not in done.stderr
    assert max(len(line) for line in done.stdout.splitlines()) <= 100


# -- the jury -----------------------------------------------------------------------------

GULNAR, VIKTOR, SARAH = JURORS
# The juror's email key: (juror, what baiqau made of it, scores recorded, answer's language).
JUROR_EMAILS = {
    "kk-docx-sheet": (GULNAR, ReplyOutcome.RECORDED, 30, "kk"),
    "ru-text": (VIKTOR, ReplyOutcome.RECORDED, 30, "ru"),
    "ru-correction": (VIKTOR, ReplyOutcome.RECORDED, 1, "ru"),
    "en-late": (SARAH, ReplyOutcome.LATE, 0, "en"),
}
# Each juror's sheet: (subject up to the token, greeting, the DOCX sheet's name before it).
SHEETS = {
    GULNAR: ("«Шаңырақ» креативті хабы: бағалау парағы [", "Құрметті Гүлнар Әбілқасымова!",
             "Бағалау парағы"),
    VIKTOR: ("Креативный хаб «Шаңырақ»: оценочный лист [", "Уважаемый(ая) Виктор Пак!",
             "Оценочный лист"),
    SARAH: ("Shanyraq creative hub: your score sheet [", "Dear Sarah Whitfield,", "Score sheet"),
}
# The works' files the sheet carries: two of Әсем's, Дмитрий's, Нұрлан's and Daniyar's
# videos, Мадина's three photos; Айгерім sent links only.
WORK_FILES = 2 + 1 + 1 + 1 + 3

# The ranking, by hand from the scores in baiqau.demo.jurors: each criterion the mean of
# Гүлнар's and Виктор's scores (his creativity for Айгерім's work corrected from 6 to 9;
# Sarah's late scores nowhere), all weights 1, ties by creativity (config.toml's tie_break).
#   kk-html-only       (9+8)/2  (8+9)/2  (8+7)/2  (9+8)/2  (9+8)/2  = 41.5
#   kk-colons          (8+8)/2  (9+8)/2  (8+9)/2  (7+8)/2  (9+8)/2  = 41, creativity 8.5
#   ru-no-subscribers  (9+8)/2  (7+8)/2  (8+8)/2  (8+9)/2  (9+8)/2  = 41, creativity 7.5
#   kk-docx-form       (8+7)/2  (8+8)/2  (9+8)/2  (8+7)/2  (7+7)/2  = 38.5
#   ru-next-line       (7+8)/2  (7+8)/2  (9+9)/2  (6+7)/2  (7+7)/2  = 37.5
#   en-application     (6+7)/2  (7+6)/2  (7+7)/2  (6+7)/2  (8+7)/2  = 34
RANKING = [
    (1, "kk-html-only", (8.5, 8.5, 7.5, 8.5, 8.5), 41.5, "first"),
    (2, "kk-colons", (8, 8.5, 8.5, 7.5, 8.5), 41, "second"),
    (3, "ru-no-subscribers", (8.5, 7.5, 8, 8.5, 8.5), 41, "third"),
    (4, "kk-docx-form", (7.5, 8, 8.5, 7.5, 7), 38.5, None),
    (5, "ru-next-line", (7.5, 7.5, 9, 6.5, 7), 37.5, None),
    (6, "en-application", (6.5, 6.5, 7, 6.5, 7.5), 34, None),
]


def work(demo: DemoResult, key: str) -> str:
    """The number baiqau gave the work of the entrant whose email is `key`."""
    return demo.jury.numbers[key]


def juror_email(demo: DemoResult, key: str) -> JurorEmail:
    [found] = [item for item in demo.jury.emails if item.email.key == key]
    return found


def answer_text(demo: DemoResult, key: str) -> str:
    [answer] = juror_email(demo, key).answers
    part = answer.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())


def by_hand(jurors: list[str], corrected: bool = True) -> list[tuple[str, float]]:
    """The works by total, highest first, ties by creativity, then by arrival: the means
    of the jurors' scores as written in baiqau.demo.jurors, worked out here."""
    sheets = {juror: {key: list(values) for key, values in SCORES[juror].items()}
              for juror in jurors}
    if corrected and VIKTOR.address in sheets:
        sheets[VIKTOR.address]["kk-html-only"][1] = 9  # his second email
    arrival = list(APPLICATIONS)
    means = {key: [sum(sheets[juror][key][index] for juror in jurors) / len(jurors)
                   for index in range(5)] for key in SCORES[GULNAR.address]}
    order = sorted(means, key=lambda key: (-sum(means[key]), -means[key][1],
                                           arrival.index(key)))
    return [(key, sum(means[key])) for key in order]


def test_the_jury_is_config_tomls_with_the_demos_jurors_and_dates(demo: DemoResult) -> None:
    with (ROOT / "config.toml").open("rb") as file:
        shanyraq = tomllib.load(file)
    regulation = JuryConfig.model_validate(shanyraq["jury"])
    config = load_config(demo.config_path)
    jury = config.jury
    assert jury is not None
    assert jury.criteria == regulation.criteria
    assert [criterion.key for criterion in jury.criteria] == list(CRITERIA)
    assert config.prizes == [PrizeConfig.model_validate(prize) for prize in shanyraq["prizes"]]
    same = ("score_min", "score_max", "score_step", "blind", "reviews_per_work", "aggregate",
            "normalize", "spread_flag", "tie_break")
    assert {key: getattr(jury, key) for key in same} == {
        key: getattr(regulation, key) for key in same}
    assert jury.quorum == 2
    assert [(juror.name, juror.email, juror.language) for juror in jury.jurors] == [
        ("Гүлнар Әбілқасымова", "gulnar.abilkassymova@example.org", "kk"),
        ("Виктор Пак", "v.pak@example.net", "ru"),
        ("Sarah Whitfield", "sarah.whitfield@example.com", "en")]
    dates = demo.jury.dates
    assert (jury.opens, jury.deadline) == (dates.opens, dates.deadline)
    # A few seconds ahead of the sheets, in whole seconds.
    assert timedelta(seconds=4) < dates.deadline - dates.opens <= timedelta(seconds=6)
    assert dates.deadline.microsecond == 0


def test_each_juror_gets_one_sheet_in_their_language_with_every_accepted_work(
    demo: DemoResult,
) -> None:
    accepted = sorted(demo.jury.numbers.values())
    assert accepted == sorted(row.number for row in demo.applications
                              if row.status == "accepted")
    others = [row.number for row in demo.applications if row.number not in accepted]
    tokens = []
    for juror, (subject, greeting, sheet_name) in SHEETS.items():
        sheet = demo.jury.sheets[juror.address]
        assert header_text(sheet, "Subject").startswith(subject)
        assert header_text(sheet, "Content-Language") == juror.language
        [token] = find_tokens(header_text(sheet, "Subject"))
        tokens.append(token)
        part = sheet.get_body(preferencelist=("plain",))
        assert part is not None
        text = str(part.get_content())
        assert greeting in text and token in text
        assert all(f"{number} — " in text for number in accepted)
        assert not any(f"{number} — " in text for number in others)
        filename, data = sheet_docx(sheet)
        assert filename == f"{sheet_name} {token}.docx"
        [table, *_] = docx.Document(io.BytesIO(data)).tables
        assert [row.cells[0].text.strip() for row in table.rows[1:]] == accepted
        assert sum(1 for _ in sheet.iter_attachments()) == 1 + WORK_FILES
    assert len(set(tokens)) == 3


def test_each_juror_email_is_read_as_a_jury_reply_and_answered_once_in_their_language(
    demo: DemoResult,
) -> None:
    found = {item.email.key: (item.juror, item.outcome, item.scores_recorded,
                              [header_text(answer, "Content-Language")
                               for answer in item.answers])
             for item in demo.jury.emails}
    assert found == {key: (juror, outcome.value, recorded, [language])
                     for key, (juror, outcome, recorded, language) in JUROR_EMAILS.items()}
    assert all((item.kind, item.state) == (MessageKind.JURY_REPLY.value, HANDLED.value)
               for item in demo.jury.emails)
    # Numbered after the intake's sixteen, in the order they arrived.
    assert [item.number for item in demo.jury.emails] == list(
        range(len(EMAILS) + 1, len(EMAILS) + len(JUROR_EMAILS) + 1))
    # The sheet, and one answer per email: nothing else reached a juror.
    assert demo.jury.inbox_sizes == {GULNAR.address: 2, VIKTOR.address: 3, SARAH.address: 2}


def test_only_the_reply_after_the_deadline_by_the_servers_clock_is_late(
    demo: DemoResult,
) -> None:
    deadline = demo.jury.dates.deadline_at(TIMEZONE)
    for item in demo.jury.emails:
        assert item.arrived is not None
        assert (item.arrived > deadline) is (item.email.key == "en-late"), item.email.key


def test_what_is_recorded_is_what_the_jurors_sent_on_time_with_the_correction(
    demo: DemoResult,
) -> None:
    expected = {(juror.address, work(demo, key)): dict(zip(CRITERIA, map(str, values),
                                                           strict=True))
                for juror in (GULNAR, VIKTOR) for key, values in SCORES[juror.address].items()}
    expected[VIKTOR.address, work(demo, "kk-html-only")]["creativity"] = "9"
    assert demo.jury.scores == expected
    assert not any(juror == SARAH.address for juror, _ in demo.jury.scores)


def test_the_docx_sheet_is_read_and_echoed_in_kazakh(demo: DemoResult) -> None:
    text = answer_text(demo, "kk-docx-sheet")
    [answer] = juror_email(demo, "kk-docx-sheet").answers
    assert header_text(answer, "Subject").startswith(
        "«Шаңырақ» креативті хабы: бағаларыңыз қабылданды [J-")
    first = work(demo, "kk-colons")
    assert (f"{first}: Хаб тақырыбына сәйкестігі — 8; Шығармашылық тәсіл және түпнұсқалық — 9;"
            " Визуалды контенттің сапасы — 8; Нысаналы аудиторияға ықпалы — 7; Бірлік пен "
            "келісім құндылықтарын насихаттаудағы өзектілігі — 9") in text
    assert all(f"  {number}: " in text for number in demo.jury.numbers.values())
    assert "пікір: Ақкөлдің түнгі көрінісі ерекше әсер қалдырды" in text
    assert "Есепке алынбағандар" not in text  # the quoted sheet was not read
    assert "Барлық жұмыстарыңыз толық бағаланды." in text


def test_the_correction_replaces_one_score_and_the_audit_keeps_the_old_one(
    demo: DemoResult,
) -> None:
    number = work(demo, "kk-html-only")
    assert demo.jury.changes == [Change(VIKTOR.address, number, "creativity", "6", "9")]
    first = answer_text(demo, "ru-text")
    assert (f"{number}: Соответствие теме хаба — 8; Творческий подход и оригинальность — 6;"
            ) in first
    assert "комментарий: сильная съёмка с дрона, звук слабее" in first
    assert "Не учтено" not in first  # the example line and works of the quoted sheet
    correction = answer_text(demo, "ru-correction")
    assert f"{number}: Творческий подход и оригинальность — 9\n" in correction
    assert "Все ваши работы оценены полностью." in correction


def test_the_late_reply_changes_nothing_and_is_told_so(
    demo: DemoResult, capsys: pytest.CaptureFixture[str],
) -> None:
    [late] = juror_email(demo, "en-late").answers
    assert header_text(late, "Subject").startswith(
        "Shanyraq creative hub: the scoring deadline has passed [J-")
    assert "Its scores and changes were not recorded" in answer_text(demo, "en-late")
    capsys.readouterr()
    assert cli.main(["--config", str(demo.config_path), "jury", "status",
                     "--format", "json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert [(row["juror"], row["assigned"], row["scored"], row["left"], row["failed"],
             row["late"]) for row in status] == [
        (GULNAR.address, 6, 6, 0, 0, 0), (VIKTOR.address, 6, 6, 0, 0, 0),
        (SARAH.address, 6, 0, 6, 0, 1)]


def test_the_ranking_is_the_one_worked_out_by_hand(demo: DemoResult) -> None:
    rows = [(row["place"], row["application"], tuple(row["criteria"].values()), row["total"],
             row["prize"]) for row in demo.jury.ranking]
    assert rows == [(place, work(demo, key), means, total, prize)
                    for place, key, means, total, prize in RANKING]
    assert all(row["jurors"] == 2 and row["flags"] == [] for row in demo.jury.ranking)
    names = {row.number: (row.entrant, row.settlement) for row in demo.applications}
    assert all((row["name"], row["settlement"]) == names[row["application"]]
               for row in demo.jury.ranking)
    # The table above is these scores' means, and the story's claims hold: without the
    # correction Айгерім's work would be third, and Sarah's scores would change the order.
    on_time = [GULNAR.address, VIKTOR.address]
    assert by_hand(on_time) == [(key, total) for _, key, _, total, _ in RANKING]
    assert [key for key, _ in by_hand(on_time, corrected=False)][2] == "kk-html-only"
    assert by_hand([*on_time, SARAH.address])[0][0] != RANKING[0][1]


def test_what_the_ranking_shows_is_said_in_words(demo: DemoResult) -> None:
    config = load_config(demo.config_path).jury
    assert config is not None
    first, tied = work(demo, "kk-html-only"), work(demo, "kk-colons")
    arrived = juror_email(demo, "en-late").arrived
    assert arrived is not None
    late = f"{arrived.astimezone(load_zone(TIMEZONE)):%H:%M:%S}"
    assert what_the_ranking_shows(demo.jury, config) == [
        f"Sarah Whitfield's reply came at {late}, after the deadline: none of its scores "
        "counts, and each work is ranked on 2 jurors' sheets, not 3.",
        f"Виктор Пак's correction shows: his creativity for {first} is 9, not 6, so its mean "
        f"is 8.5 and {first} stands at place 1.",
        f"{tied} and {work(demo, 'ru-no-subscribers')} both total 41; creativity parts them "
        "(8.5 and 7.5), as jury.tie_break says.",
    ]


# -- the organizers -------------------------------------------------------------------------

# The ranking table's header cells, first and last, as the protocol's templates write them.
TABLE_HEADINGS = {"kk": ("Р/с №", "Орны"), "ru": ("№ п/п", "Место")}


def test_the_digest_is_in_the_organizers_mailbox_as_baiqau_wrote_it(demo: DemoResult) -> None:
    digest = demo.paperwork.digest
    assert digest.problem == ""
    assert digest.message is not None  # read back from the organizer's INBOX over IMAP
    assert digest.mailbox == ORGANIZER_ADDRESS == header_text(digest.message, "To")
    assert digest.state == "sent"
    assert digest.subject == digest.written_subject
    assert digest.subject.startswith("«Шаңырақ» креативті хабы: күнделікті шолу, ")
    [token] = find_tokens(digest.subject, ORGANIZER)
    assert digest.subject.endswith(f"[{token}]")
    assert digest.message["Content-Language"] == "kk"  # the contest's default language


def test_the_digest_has_plain_text_html_and_the_chart_the_html_shows(demo: DemoResult) -> None:
    digest = demo.paperwork.digest
    assert digest.message is not None
    assert digest.parts == ["text/plain", "text/html", "image/png"]
    plain, html = digest.body("plain"), digest.body("html")
    # What the organizer needs, in Kazakh: the applications, the three reviews with the lines
    # to settle them, each juror's progress with Sarah's late reply.
    assert "ӨТІНІМДЕР: барлығы 13" in plain
    reviews = [row.number for row in demo.applications if row.status == "review"]
    assert len(reviews) == 3
    for number in reviews:
        assert f"baiqau application accept {number}" in plain
        assert number in html
    assert "Гүлнар Әбілқасымова <gulnar.abilkassymova@example.org>: 6 жұмыстың 6 бағаланды" in plain
    assert "кешіккен хаттар: 1" in plain
    assert "<table" in html and "Гүлнар Әбілқасымова" in html
    [chart] = [part for part in digest.message.walk() if part.get_content_type() == "image/png"]
    assert chart.get_content_disposition() == "inline"
    assert f"cid:{str(chart['Content-ID']).strip('<>')}" in html
    assert digest.chart_shown
    png = chart.get_content()
    assert isinstance(png, bytes) and png.startswith(b"\x89PNG\r\n\x1a\n")


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_protocols_ranking_table_is_the_demos_results(demo: DemoResult,
                                                           language: str) -> None:
    [files] = [files for files in demo.paperwork.protocols if files.language == language]
    assert files.docx == demo.folder / f"protocol-{language}.docx"
    document = docx.Document(str(files.docx))
    first, last = TABLE_HEADINGS[language]
    [table] = [table for table in document.tables
               if table.rows[0].cells[0].text == first and table.rows[0].cells[-1].text == last]
    [_, *rows] = [[cell.text for cell in row.cells] for row in table.rows]

    def shown(value: float) -> str:  # as the protocol writes a score: 8,50
        return f"{value:.2f}".replace(".", ",")

    assert rows == [[str(index), row["name"], row["settlement"],
                     *(shown(row["criteria"][key]) for key in CRITERIA), shown(row["total"]),
                     str(row["place"])]
                    for index, row in enumerate(demo.jury.ranking, start=1)]
    # And the ranking is the one worked out by hand, Kazakh names and places intact.
    assert [row[1] for row in rows] == [application(demo, key).entrant
                                        for _, key, _, _, _ in RANKING]
    assert rows[0][1:3] == ["Тұрсынбекова Айгерім Серікқызы", "Ақкөл қаласы"]


@pytest.mark.office
def test_the_protocol_is_rendered_to_pdf_and_a_png_per_page(demo: DemoResult) -> None:
    assert demo.paperwork.skipped == ""
    for files in demo.paperwork.protocols:
        assert files.pdf == files.docx.with_suffix(".pdf") and files.pdf.is_file()
        assert files.pdf.read_bytes().startswith(b"%PDF")
        assert len(files.pages) >= 2  # the heading and method, the table, the signatures
        assert [page.name for page in files.pages] == [
            f"protocol-{files.language}-{number}.png"
            for number in range(1, len(files.pages) + 1)]
        assert all(page.read_bytes().startswith(b"\x89PNG") for page in files.pages)


def test_without_libreoffice_the_protocol_stays_a_docx_and_the_demo_says_why(
    tmp_path: Path,
) -> None:
    documents = [ProtocolFiles("kk", tmp_path / "protocol-kk.docx")]
    protocols, skipped = Rendering(documents, tmp_path, soffice=None).finish("pdftoppm")
    assert protocols == documents
    assert skipped.startswith("LibreOffice (soffice) is not installed")
    printed = io.StringIO()
    show_protocols(Console(file=printed, width=100), protocols, skipped)
    assert "Not rendered: LibreOffice (soffice) is not installed" in printed.getvalue()
    # And the demo's last lines still say where the DOCX is.
    where = io.StringIO()
    show_where(Console(file=where, width=100), Paperwork(
        DigestArrival(ORGANIZER_ADDRESS, "", "", "", None), protocols, skipped))
    assert (f"The results protocol in Kazakh (not rendered, as said above):\n"
            f"  {tmp_path / 'protocol-kk.docx'}\n") in where.getvalue()


def test_the_demo_prints_where_the_digest_and_the_protocol_are(
    demo_run: tuple[DemoResult, str],
) -> None:
    demo, printed = demo_run
    lines = printed.splitlines()
    said = lines.index(f"The organizers' digest is in the INBOX of {ORGANIZER_ADDRESS}, "
                       "subject:")
    assert lines[said + 1] == f"  {demo.paperwork.digest.subject}"
    for files in demo.paperwork.protocols:
        for path in [files.docx, *([files.pdf] if files.pdf else []), *files.pages]:
            assert path.is_file()
            assert f"  {path}" in lines
    assert max(len(line) for line in lines) <= 100


def test_who_signs_the_protocol_and_for_whom_is_config_tomls(demo: DemoResult) -> None:
    with (ROOT / "config.toml").open("rb") as file:
        shanyraq = tomllib.load(file)["reports"]
    reports = load_config(demo.config_path).reports
    assert {language.value: text for language, text in reports.organizer.items()} == \
        shanyraq["organizer"]
    assert {language.value: text for language, text in reports.place.items()} == \
        shanyraq["place"]
    assert [(signature.name, {language.value: text for language, text in
                              signature.role.items()}) for signature in reports.signatures] == \
        [(signature["name"], signature["role"]) for signature in shanyraq["signatures"]]
