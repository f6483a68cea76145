"""The command line's contract: commands, exports and exit codes, as a script sees them."""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from contest import ROOT, Contest, new_message
from openpyxl import load_workbook

from baiqau.cli import EXIT_FAILED, EXIT_LOCKED, EXIT_OK, EXIT_USAGE
from hub.lock import ServiceLock
from reports.export import MESSAGE_COLUMNS


def two_messages(contest: Contest) -> str:
    entrant = contest.entrant()
    contest.send(new_message(entrant.address, contest.mailbox.address, "Өтінім: Әсем",
                             "Сәлеметсіз бе!", name="Әсем"), entrant.address)
    contest.send(new_message(entrant.address, contest.mailbox.address, "Auto", "Away",
                             headers={"Auto-Submitted": "auto-replied"}), entrant.address)
    return entrant.address


def test_poll_once_handles_everything_and_says_so(contest: Contest) -> None:
    two_messages(contest)
    result = contest.cli("poll", "--once")
    assert result.returncode == EXIT_OK, result.stderr
    assert "fetched 2 new message(s) (0 already stored); handled 1, ignored 1, " \
           "quarantined 0; acknowledged 2" in result.stdout
    assert "outbox: sent 1, to retry 0, failed 0" in result.stdout


def test_export_messages_as_json_and_csv(contest: Contest, tmp_path: Path) -> None:
    sender = two_messages(contest)
    contest.round()
    result = contest.cli("export", "messages", "--format", "json")
    assert result.returncode == EXIT_OK, result.stderr
    exported = json.loads(result.stdout)
    assert [row["kind"] for row in exported] == ["application", "machine"]
    first = exported[0]
    assert set(first) == set(MESSAGE_COLUMNS)
    assert (first["sender"], first["sender_name"], first["subject"]) == \
        (sender, "Әсем", "Өтінім: Әсем")
    assert (first["state"], first["answers"], first["acknowledged_to"]) == \
        ("handled", 1, "baiqau-processed")
    assert exported[1]["kind_reason"] == "Auto-Submitted: auto-replied"
    assert exported[1]["answers"] == 0

    target = tmp_path / "messages.csv"
    result = contest.cli("export", "messages", "--format", "csv", "--output", str(target))
    assert result.returncode == EXIT_OK, result.stderr
    assert target.read_bytes().startswith(b"\xef\xbb\xbfid,message_id,")  # Excel: UTF-8
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert list(rows[0]) == MESSAGE_COLUMNS
    assert rows[0]["subject"] == "Өтінім: Әсем"


def test_xlsx_goes_to_a_pipe_but_never_to_a_terminal(contest: Contest, tmp_path: Path) -> None:
    two_messages(contest)
    contest.round()
    command = [sys.executable, "-m", "baiqau", "--config", str(contest.config_path),
               "export", "messages", "--format", "xlsx"]
    piped = subprocess.run(command, capture_output=True, cwd=ROOT, timeout=120)
    assert (piped.returncode, piped.stderr) == (EXIT_OK, b"")
    target = tmp_path / "messages.xlsx"
    assert contest.cli(*command[5:], "-o", str(target)).returncode == EXIT_OK

    def rows(data: bytes) -> list[tuple[object, ...]]:
        return list(load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))

    assert rows(piped.stdout) == rows(target.read_bytes())
    assert rows(piped.stdout)[1][4] == "Өтінім: Әсем"

    leader, follower = pty.openpty()
    process = subprocess.Popen(command, cwd=ROOT, stdout=follower, stderr=subprocess.PIPE)
    os.close(follower)
    screen = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the other side closed: the process is done
            break
        if not chunk:
            break
        screen += chunk
    os.close(leader)
    assert process.stderr is not None
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=60) == EXIT_USAGE
    assert screen == b""
    assert stderr == ("baiqau export: an XLSX workbook is a binary file and is not written "
                      "to a terminal; give a file: -o messages.xlsx (or redirect stdout)\n")


def test_results_of_a_contest_without_a_jury_leave_no_file(contest: Contest,
                                                            tmp_path: Path) -> None:
    target = tmp_path / "results.xlsx"
    result = contest.cli("export", "results", "--format", "xlsx", "-o", str(target))
    assert result.returncode == EXIT_FAILED
    assert "this contest has no [jury] section" in result.stderr
    assert not target.exists()


def test_status_shows_messages_outbox_and_cursor(contest: Contest) -> None:
    two_messages(contest)
    contest.round()
    result = contest.cli("status")
    assert result.returncode == EXIT_OK
    for expected in ("Inbound messages", "application", "machine", "Outbox",
                     "Mailbox cursor", "INBOX"):
        assert expected in result.stdout


FORM = """Сәлеметсіз бе! «Шаңырақ» байқауына өтінімімді жіберемін.

Ақмола облысы, елді мекен: Щучинск қаласы
Тегі, аты, әкесінің аты: {name}
Туған жері және жылы: Көкшетау, 1999
Тұрақты тұратын мекенжайы: Щучинск, Абай көшесі 12
Байланыс телефоны: {phone}
Әлеуметтік желілердегі парақшаларына сілтемелер: https://instagram.com/{page}
Жазылушылар саны: {subscribers}
Бейне: https://youtu.be/{video}
"""


def apply(contest: Contest, name: str, phone: str, page: str, subscribers: str,
          video: str) -> None:
    entrant = contest.entrant()
    form = FORM.format(name=name, phone=phone, page=page, subscribers=subscribers, video=video)
    contest.send(new_message(entrant.address, contest.mailbox.address, "Өтінім", form),
                 entrant.address)


def test_status_puts_applications_and_waiting_reviews_first(contest: Contest) -> None:
    empty = contest.cli("status")
    assert empty.returncode == EXIT_OK, empty.stderr
    assert re.search(r"accepted ┃ needs_fix ┃ review ┃ rejected ┃ all", empty.stdout)
    assert re.search(r"│\s+0 │\s+0 │\s+0 │\s+0 │\s+0 │", empty.stdout)  # every status, 0
    assert "Waiting for an organizer's decision: none" in empty.stdout

    apply(contest, "Құрманғалиқызы Әсем Серікқызы", "8 702 487 92 11", "asem.kz", "12 500",
          "dQw4w9WgXcQ")
    # The same person from a second address: only an organizer can tell which to keep.
    apply(contest, "Құрманғалиқызы Әсем Серікқызы", "8 702 487 92 11", "asem.kz", "12 500",
          "abcdefghijk")
    apply(contest, "Ковалёв Дмитрий Сергеевич", "+7 701 555 12 34", "dkovalev", "",
          "zyxwvutsrqp")  # no subscriber count: the entrant can mend it
    contest.round()

    result = contest.cli("status")
    assert result.returncode == EXIT_OK, result.stderr
    out = result.stdout
    assert re.search(r"│\s+1 │\s+1 │\s+1 │\s+0 │\s+3 │", out), out
    assert out.index("Applications") < out.index("Inbound messages")
    waiting = out[out.index("Waiting for an organizer's decision: 1"):out.index("Inbound")]
    heads = [line for line in waiting.splitlines() if line.startswith("  A-")]
    assert len(heads) == 1
    assert heads[0].startswith("  A-0002  Құрманғалиқызы Әсем Серікқызы <entrant-")
    assert "possibly a second application: A-0001 [duplicate_application]" in waiting
    assert "      baiqau application accept A-0002\n" in waiting
    assert '      baiqau application reject A-0002 --reason "..."\n' in waiting
    assert "baiqau application show NUMBER" in waiting


def test_commands_start_without_alembics_chatter(contest: Contest) -> None:
    """Every start checks the schema; at the default level that says nothing, with -v
    Alembic's lines are there for whoever is debugging."""
    result = contest.cli("status")
    assert result.returncode == EXIT_OK, result.stderr
    assert "Context impl" not in result.stderr
    assert result.stderr == ""

    verbose = contest.cli("-v", "status")
    assert verbose.returncode == EXIT_OK, verbose.stderr
    assert "DEBUG alembic.runtime.migration: Context impl SQLiteImpl." in verbose.stderr


def test_a_bad_config_exits_2_naming_the_key(contest: Contest) -> None:
    text = contest.config_path.read_text(encoding="utf-8")
    contest.config_path.write_text(text.replace("security = \"none\"", "security = \"tls\"", 1),
                                   encoding="utf-8")
    result = contest.cli("status")
    assert result.returncode == EXIT_USAGE
    assert "mailbox.security: Input should be 'ssl', 'starttls' or 'none'" in result.stderr


def test_an_unreachable_mailbox_exits_1(contest_factory: Callable[..., Contest]) -> None:
    contest = contest_factory(overrides={"mailbox": {"port": 1, "timeout_seconds": 2}})
    result = contest.cli("poll", "--once")
    assert result.returncode == EXIT_FAILED
    assert "mailbox 127.0.0.1:1" in result.stderr


def test_a_second_baiqau_on_the_same_contest_exits_3(contest: Contest) -> None:
    with ServiceLock(contest.config.storage_path):
        result = contest.cli("poll", "--once")
    assert result.returncode == EXIT_LOCKED
    assert "another baiqau holds" in result.stderr


def test_reprocess_needs_something_to_do(contest: Contest) -> None:
    result = contest.cli("reprocess")
    assert result.returncode == EXIT_USAGE
    assert "give message numbers or --quarantined" in result.stderr


def test_every_command_has_help(contest: Contest) -> None:
    for command in ("run", "poll", "status", "reprocess", "export"):
        result = contest.cli(command, "--help")
        assert result.returncode == EXIT_OK
        assert f"usage: baiqau {command}" in result.stdout


def test_poll_shows_progress_on_a_terminal(contest: Contest) -> None:
    """On a terminal a long poll shows its progress; in a pipe (cron, CI) it stays quiet."""
    with contest.dovecot.imap(contest.mailbox.address) as client:
        for number in range(40):
            message = new_message(f"e{number}@example.test", contest.mailbox.address,
                                  f"Өтінім {number}", "Сәлем")
            client.append("INBOX", message.as_bytes(
                policy=message.policy.clone(linesep="\r\n")))
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "baiqau", "--config", str(contest.config_path), "poll", "--once"],
        cwd=ROOT, stdin=follower, stdout=follower, stderr=follower, env=dict(os.environ),
    )
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the other side closed: the process is done
            break
        if not chunk:
            break
        seen += chunk
    os.close(leader)
    assert process.wait(timeout=60) == 0
    screen = seen.decode("utf-8", "replace")
    assert "fetching and storing" in screen and "handling" in screen
    assert "40/40" in screen
    assert "fetched 40 new message(s)" in screen

    quiet = contest.cli("poll", "--once")
    assert "fetching and storing" not in quiet.stdout + quiet.stderr


def test_rules_that_cannot_run_stop_the_start(contest: Contest) -> None:
    text = contest.config_path.read_text(encoding="utf-8")
    contest.config_path.write_text(text.replace("[intake]\n", '[intake]\nregion = "atlantis"\n'),
                                   encoding="utf-8")
    result = contest.cli("poll", "--once")
    assert result.returncode == EXIT_USAGE
    assert "intake.region: no gazetteer for 'atlantis'" in result.stderr
