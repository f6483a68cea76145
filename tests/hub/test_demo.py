"""The demo (./scripts/demo) runs a whole contest round on its in-process mail server.

It is the first thing a newcomer runs, so it has to keep working: every email ends with
the kind and state it should have, every person gets one answer per email baiqau handled,
machine mail gets none, and Kazakh letters survive SMTP, SQLite and IMAP both ways. The
demo runs once in this process for the assertions, and once as the command people type.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.console import Console

from hub.demo import PASSWORD_ENV, DemoError, DemoResult, Outcome, prepare_folder, run_demo
from hub.demo_mail import header_text
from hub.models import MessageKind, MessageState

ROOT = Path(__file__).resolve().parents[2]
APPLICATION, AMENDMENT = MessageKind.APPLICATION, MessageKind.AMENDMENT
MACHINE = MessageKind.MACHINE
HANDLED, IGNORED = MessageState.HANDLED, MessageState.IGNORED

# key: (kind, state, language of the one answer, or None for no answer)
EXPECTED = {
    "kk-application": (APPLICATION, HANDLED, "kk"),
    "ru-application": (APPLICATION, HANDLED, "ru"),
    "kk-large-video": (APPLICATION, HANDLED, "kk"),
    "ru-cp1251": (APPLICATION, HANDLED, "ru"),
    "kk-html-only": (APPLICATION, HANDLED, "kk"),
    "en-application": (APPLICATION, HANDLED, "en"),
    "kk-second-email": (AMENDMENT, HANDLED, "kk"),
    "ru-photos": (APPLICATION, HANDLED, "ru"),
    "kk-drone-video": (APPLICATION, HANDLED, "kk"),
    "kk-reply": (AMENDMENT, HANDLED, "kk"),
    "ooo-autoreply": (MACHINE, IGNORED, None),
    "bounce": (MACHINE, IGNORED, None),
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


def test_every_email_gets_its_kind_and_state(demo: DemoResult) -> None:
    assert {o.email.key: (o.kind, o.state) for o in demo.outcomes} == {
        key: (kind.value, state.value) for key, (kind, state, _) in EXPECTED.items()}
    numbers = [o.number for o in demo.outcomes]
    assert numbers == list(range(1, len(EXPECTED) + 1))  # stored in the order they came


def test_each_handled_email_gets_one_answer_in_its_language_machine_mail_none(
    demo: DemoResult,
) -> None:
    languages = {o.email.key: [header_text(a, "Content-Language") for a in o.answers]
                 for o in demo.outcomes}
    assert languages == {key: [language] if language else []
                         for key, (_, _, language) in EXPECTED.items()}


def test_each_person_received_exactly_one_message_per_handled_email(demo: DemoResult) -> None:
    handled: dict[str, int] = {}
    for item in demo.outcomes:
        handled.setdefault(item.email.sender, 0)
        handled[item.email.sender] += item.state == HANDLED
    # Counted over the whole INBOX, so an answer that lost its threading counts too.
    assert demo.inbox_sizes == handled
    assert demo.inbox_sizes["mailer-daemon@mx.example.org"] == 0
    assert demo.organizer_mail == 0  # nothing was quarantined, so no notices


def test_kazakh_letters_survive_the_round_trip(demo: DemoResult) -> None:
    first = outcome(demo, "kk-application")
    [answer] = first.answers
    assert header_text(answer, "From") == "«Шаңырақ» креативті хабы <shanyraq-hub@example.org>"
    assert header_text(answer, "Subject") == (
        f"««Шаңырақ» креативті хабы»: хатыңыз келіп түсті (№ {first.number})")
    text = body(first)
    assert "Сәлеметсіз бе, Әсем Құрманғалиқызы!" in text
    assert "Көкшетау_шаһарының_көктемі.mp4" in text
    assert "Әсем_портрет.jpg" in text
    assert set("әғқңөұүһі") <= set(text)  # every Kazakh letter made the trip


def test_baiqau_reads_every_sender_and_subject_as_they_were_written(demo: DemoResult) -> None:
    # windows-1251 headers included; the bounce is from a name, not a person.
    assert [(o.sender_name, o.subject) for o in demo.outcomes] == [
        ("Mail Delivery System" if o.email.key == "bounce" else o.email.label, o.email.subject)
        for o in demo.outcomes]
    assert outcome(demo, "ru-cp1251").sender_name == "Ольга Нестеренко"


def test_files_are_listed_whichever_way_the_message_was_fetched(demo: DemoResult) -> None:
    # The large video is over the demo's large_message_bytes: fetched in partial FETCHes.
    assert "Бурабай_күзі_толық_нұсқа.mp4" in body(outcome(demo, "kk-large-video"))
    photos = body(outcome(demo, "ru-photos"))
    assert all(f"Фотосерия_Әжемнің_үйі_{n}.jpg" in photos for n in (1, 2, 3))
    assert "Ролик_Шаңырақ_Степногорск.mp4" in body(outcome(demo, "ru-application"))


def test_why_each_kind_was_chosen(demo: DemoResult) -> None:
    first = outcome(demo, "kk-application")
    assert outcome(demo, "kk-second-email").reason == (
        f"a later email from the sender of #{first.number}")
    assert outcome(demo, "kk-reply").reason == "a reply to one of our answers"
    assert outcome(demo, "ooo-autoreply").reason == "Auto-Submitted: auto-replied"
    assert outcome(demo, "bounce").reason == "delivery or feedback report"


def test_the_contest_mailbox_is_emptied_into_the_processed_folder(demo: DemoResult) -> None:
    assert demo.contest_folders == {
        "INBOX": 0, "baiqau-processed": len(EXPECTED), "baiqau-quarantine": 0}


def test_every_answer_arrives_with_the_subject_baiqau_wrote(demo: DemoResult) -> None:
    assert [(o.email.key, o.changed_subjects) for o in demo.outcomes if o.changed_subjects] == []


def test_the_demo_refuses_to_wipe_a_folder_it_did_not_make(tmp_path: Path) -> None:
    (tmp_path / "thesis.docx").write_text("three years of work")
    with pytest.raises(DemoError, match="not made by the demo"):
        prepare_folder(tmp_path)
    assert (tmp_path / "thesis.docx").exists()


def test_the_command_runs_twice_in_the_same_folder_and_exits_0(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if key != PASSWORD_ENV}
    command = [sys.executable, "-m", "hub.demo", "--dir", str(tmp_path / "demo-var")]
    for _ in range(2):  # the second run wipes what the first left
        done = subprocess.run(command, capture_output=True, text=True, timeout=120,
                              cwd=ROOT, env={**env, "COLUMNS": "100"})
        assert done.returncode == 0, done.stdout + done.stderr
    assert "no answer (machine mail)" in done.stdout
    assert "Сәлеметсіз бе, Әсем Құрманғалиқызы!" in done.stdout
    assert "Inbound messages" in done.stdout  # `baiqau status` ran
    assert "Traceback" not in done.stderr
