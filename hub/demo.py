"""`python -m hub.demo` (./scripts/demo): a whole contest round on this machine alone.

Why: an organizer or a new engineer should see baiqau work before giving it a real
mailbox's password, on a fresh Debian machine, with no root and no system packages. So
the mail server is mail-devel inside this process (`hub.demo_mail`), the database is
the default SQLite file, and everything lands in a fresh folder (demo-var/).

Nothing on baiqau's side is faked: the entrants' emails (`hub.demo_letters`) go over
SMTP into the contest mailbox, and baiqau runs as `baiqau --config demo-var/config.toml
poll --once` runs, through `hub.cli.main`: IMAP to fetch, SQLite to keep, SMTP to
answer. What each entrant got is read back from their own mailbox over IMAP.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from string import Template

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from sqlmodel import Session, col, select

from hub import cli
from hub.config import Config, load_config
from hub.db import make_engine
from hub.demo_letters import (
    CONTEST_ADDRESS,
    ORGANIZER_ADDRESS,
    DemoEmail,
    first_round,
    second_round,
)
from hub.demo_mail import Check, DemoMailServer, MailServerError, check_imap, header_text
from hub.models import InboundMessage, MessageKind, MessageState, OutboundMessage

DEFAULT_FOLDER = Path("demo-var")
MARKER = ".baiqau-demo"  # what makes a folder the demo's to wipe
PASSWORD_ENV = "BAIQAU_DEMO_PASSWORD"  # the name of a variable, not a password
SHOWN_ANSWERS = ("kk-application", "ru-application")

CONFIG = Template("""\
# Written by `python -m hub.demo`; the demo folder is wiped at its next run.
# The Shanyraq contest of config.toml, on a mail server inside the demo's process.

[contest]
timezone = "Asia/Almaty"
default_language = "kk"
organizers = ["$organizer"]

[contest.name]
kk = "«Шаңырақ» креативті хабы"
ru = "Креативный хаб «Шаңырақ»"
en = "Shanyraq creative hub"

[intake]
opens = 2026-03-13T00:00:00
closes = 2026-04-13T23:59:59
results = 2026-04-23

[mailbox]
host = "$host"
port = $imap_port
security = "none"
username = "$contest"
password_env = "$password_env"
timeout_seconds = 10
# Below the 2 MB default, so the demo's one larger video goes the way a real 25 MB video
# goes: streamed to disk in chunks of partial FETCH.
large_message_bytes = 65536
fetch_chunk_bytes = 16384

[smtp]
host = "$host"
port = $smtp_port
security = "none"
username = "$contest"
password_env = "$password_env"
from_address = "$contest"
from_name = "«Шаңырақ» креативті хабы"
timeout_seconds = 10

# No [database] and no [storage]: the defaults, var/baiqau.db and var/, next to this file.
""")


class DemoError(Exception):
    """The demo could not go on (its folder, or baiqau did not answer someone)."""


@dataclass(frozen=True)
class Outcome:
    """One email the demo sent: what baiqau recorded, and what its sender received."""

    email: DemoEmail
    number: int | None  # baiqau's number for it, quoted in the answer
    sender_name: str  # as baiqau read it from From
    subject: str  # as baiqau read it
    kind: str
    state: str
    reason: str
    written: list[str]  # the subjects of the answers baiqau wrote to it, from its outbox
    answers: list[EmailMessage]  # what arrived in the sender's INBOX, over IMAP

    @property
    def problem(self) -> str:
        """What went wrong for this email, or '' when baiqau did the right thing."""
        if self.state == MessageState.HANDLED and len(self.answers) != 1:
            return f"handled, but {len(self.answers)} answers arrived"
        if self.state == MessageState.IGNORED and self.answers:
            return "ignored, but answered"
        if self.state not in (MessageState.HANDLED, MessageState.IGNORED):
            return f"left {self.state}"
        return ""

    @property
    def changed_subjects(self) -> list[tuple[str, str]]:
        """(written, received) for each answer whose subject changed on the way."""
        received = [header_text(answer, "Subject") for answer in self.answers]
        return [(wrote, got) for wrote, got in zip(self.written, received, strict=False)
                if wrote != got]


@dataclass(frozen=True)
class DemoResult:
    folder: Path
    config_path: Path
    checks: list[Check]
    exit_codes: list[int]  # of each `baiqau` command run
    outcomes: list[Outcome]
    contest_folders: dict[str, int]  # messages per folder of the contest mailbox
    inbox_sizes: dict[str, int]  # every message in each sender's INBOX, threaded or not
    organizer_mail: int  # quarantine notices; there should be none

    @property
    def problems(self) -> list[str]:
        found = [f"№{o.number} {o.email.key}: {o.problem}" for o in self.outcomes if o.problem]
        found += [f"`baiqau` exited {code}" for code in self.exit_codes if code]
        return found


# -- the story ----------------------------------------------------------------------


def run_demo(folder: Path, console: Console) -> DemoResult:
    """Run the whole demo in `folder` (wiped first), narrating on `console`."""
    prepare_folder(folder)
    with DemoMailServer() as server:
        os.environ[PASSWORD_ENV] = server.password
        config_path = write_config(folder, server)
        config = load_config(config_path)
        show_setup(console, server, config_path)
        checks = check_imap(server)
        show_checks(console, checks)

        first = first_round()
        codes = [mail_round(console, server, config_path, "Round 1: entrants apply", first)]
        second = second_round(answers_by_key(server, first))
        codes.append(mail_round(console, server, config_path,
                                "Round 2: mail that baiqau's answers brought back", second))

        received = received_by(server, [*first, *second])
        outcomes = collect_outcomes(config, [*first, *second], received)
        folders = contest_folders(server, config)
        organizer_mail = len(server.messages(ORGANIZER_ADDRESS))
        show_outcomes(console, outcomes, folders)
        show_answers(console, outcomes)
    # The server is gone: status needs only the database.
    console.rule(f"$ {command_line(config_path, 'status')}")
    codes.append(baiqau(config_path, "status"))
    inbox_sizes = {sender: len(mail) for sender, mail in received.items()}
    return DemoResult(folder, config_path, checks, codes, outcomes, folders, inbox_sizes,
                      organizer_mail)


def prepare_folder(folder: Path) -> None:
    """Make `folder` empty, refusing to empty one that the demo did not make."""
    if folder.exists():
        if any(folder.iterdir()) and not (folder / MARKER).exists():
            raise DemoError(f"{folder} is not empty and was not made by the demo; "
                            "not wiping it (choose another with --dir)")
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    (folder / MARKER).write_text("Made by `python -m hub.demo`, which wipes it at every run.\n")


def write_config(folder: Path, server: DemoMailServer) -> Path:
    path = folder / "config.toml"
    path.write_text(CONFIG.substitute(
        host=server.host, imap_port=server.imap_port, smtp_port=server.smtp_port,
        contest=CONTEST_ADDRESS, organizer=ORGANIZER_ADDRESS, password_env=PASSWORD_ENV,
    ), encoding="utf-8")
    return path


def mail_round(console: Console, server: DemoMailServer, config_path: Path, title: str,
               emails: Sequence[DemoEmail]) -> int:
    """Send `emails` as their senders' programs would, then one `baiqau poll --once`."""
    console.rule(title)
    sent = Table(box=None, show_header=False, pad_edge=False)
    sent.add_column(style="dim")
    sent.add_column(no_wrap=True, max_width=24, overflow="ellipsis")
    sent.add_column()
    for email in emails:
        server.submit(email.raw, email.envelope_sender, [CONTEST_ADDRESS])
        sent.add_row("•", email.label, email.note)
    console.print(f"Sent {len(emails)} emails over SMTP to {CONTEST_ADDRESS}:")
    console.print(sent)
    console.print(Text(f"$ {command_line(config_path, 'poll', '--once')}", style="bold"))
    return baiqau(config_path, "poll", "--once")


def baiqau(config_path: Path, *args: str) -> int:
    """One `baiqau` command, run in this process exactly as the command line runs it."""
    sys.stdout.flush()
    code = cli.main(["--config", str(config_path), *args])
    sys.stdout.flush()
    return code


def command_line(config_path: Path, *args: str) -> str:
    return " ".join(["baiqau", "--config", str(_relative(config_path)), *args])


# -- reading back what happened ---------------------------------------------------------


def received_by(server: DemoMailServer, emails: Sequence[DemoEmail]
                ) -> dict[str, list[EmailMessage]]:
    """Each sender's INBOX, read over IMAP as their mail client reads it."""
    return {sender: server.received(sender) for sender in {email.sender for email in emails}}


def answers_to(email: DemoEmail, received: dict[str, list[EmailMessage]]) -> list[EmailMessage]:
    # An answer names the email it answers in In-Reply-To, as every mail client expects.
    return [mail for mail in received.get(email.sender, [])
            if mail["In-Reply-To"] == email.message_id]


def answers_by_key(server: DemoMailServer, emails: Sequence[DemoEmail]
                   ) -> dict[str, EmailMessage]:
    received = received_by(server, emails)
    found = {email.key: answers_to(email, received) for email in emails}
    missing = [key for key, answers in found.items() if len(answers) != 1]
    if missing:
        raise DemoError(f"baiqau did not answer {', '.join(missing)} exactly once; "
                        "see its log above (more with --verbose)")
    return {key: answers[0] for key, answers in found.items()}


def collect_outcomes(config: Config, emails: Sequence[DemoEmail],
                     received: dict[str, list[EmailMessage]]) -> list[Outcome]:
    rows, written = baiqau_records(config)
    return [_outcome(email, rows.get(email.message_id), written, answers_to(email, received))
            for email in emails]


def _outcome(email: DemoEmail, row: InboundMessage | None, written: dict[int, list[str]],
             answers: list[EmailMessage]) -> Outcome:
    if row is None or row.id is None:
        return Outcome(email=email, number=None, sender_name=email.label, subject=email.subject,
                       kind="not stored", state="not stored", reason="", written=[],
                       answers=answers)
    return Outcome(email=email, number=row.id, sender_name=row.sender_name or row.sender,
                   subject=row.subject, kind=row.kind.value, state=row.state.value,
                   reason=row.kind_reason, written=written.get(row.id, []), answers=answers)


def baiqau_records(config: Config) -> tuple[dict[str, InboundMessage], dict[int, list[str]]]:
    """From baiqau's own database: every message by Message-ID, and the subjects of the
    answers it wrote, by the number of the message they answer."""
    engine = make_engine(config.database_url)
    try:
        with Session(engine) as session:
            rows = session.exec(select(InboundMessage)).all()
            answers = session.exec(select(OutboundMessage).order_by(col(OutboundMessage.id))).all()
    finally:
        engine.dispose()
    written: dict[int, list[str]] = {}
    for answer in answers:
        if answer.inbound_id is not None:
            written.setdefault(answer.inbound_id, []).append(answer.subject)
    return {row.message_id: row for row in rows}, written


def contest_folders(server: DemoMailServer, config: Config) -> dict[str, int]:
    box = config.mailbox
    folders = (box.folder, box.processed_folder, box.quarantine_folder)
    return {name: len(server.messages(CONTEST_ADDRESS, name)) for name in folders}


# -- showing it -------------------------------------------------------------------------


def show_setup(console: Console, server: DemoMailServer, config_path: Path) -> None:
    console.rule("[bold]baiqau demo: the «Шаңырақ» creative hub, one contest round")
    console.print(f"Mail server (mail-devel, in this process): IMAP {server.host}:"
                  f"{server.imap_port}, SMTP {server.host}:{server.smtp_port}")
    console.print(f"Contest mailbox: {CONTEST_ADDRESS} (password in ${PASSWORD_ENV})")
    console.print(f"Config: {_relative(config_path)}; SQLite and raw mail: "
                  f"{_relative(config_path.parent / 'var')}/")


def show_checks(console: Console, checks: Sequence[Check]) -> None:
    line = Text("IMAP features baiqau uses, tried on the server: ")
    for check in checks:
        line.append(f"{check.name} {'✓' if check.ok else '✗'}  ",
                    style="green" if check.ok else "bold red")
    console.print(line)
    for check in checks:
        if not check.ok:
            console.print(Text(f"  {check.name}: {check.detail}", style="red"))


def show_outcomes(console: Console, outcomes: Sequence[Outcome],
                  folders: dict[str, int]) -> None:
    console.rule("What happened to each email")
    table = Table(show_lines=True, expand=True)
    table.add_column("№", justify="right", no_wrap=True)
    table.add_column("from", ratio=3, overflow="fold")
    table.add_column("subject", ratio=4, overflow="fold")
    table.add_column("kind · state", ratio=3)
    table.add_column("answer the sender received", ratio=5, overflow="fold")
    for outcome in outcomes:
        table.add_row(str(outcome.number or "—"), outcome.sender_name, outcome.subject,
                      _kind_cell(outcome), _answer_cell(outcome))
    console.print(table)
    console.print("Contest mailbox now: " + ", ".join(
        f"{name} {count}" for name, count in folders.items()))
    for outcome in outcomes:
        for wrote, got in outcome.changed_subjects:
            console.print(Text(f"warning: №{outcome.number}: baiqau wrote the subject "
                               f"«{wrote}», the entrant got «{got}»", style="yellow"))


def _kind_cell(outcome: Outcome) -> Text:
    cell = Text(f"{outcome.kind} · {outcome.state}")
    # Why it is an application goes without saying; why it is anything else does not.
    if outcome.kind != MessageKind.APPLICATION:
        cell.append(f"\n{outcome.reason}", style="dim")
    return cell


def _answer_cell(outcome: Outcome) -> Text:
    if not outcome.answers:
        if outcome.kind == MessageKind.MACHINE:
            return Text("no answer (machine mail)", style="dim")
        return Text("no answer", style="bold red")
    cell = Text()
    for answer in outcome.answers:
        cell.append(f"[{header_text(answer, 'Content-Language') or '?'}] ", style="cyan")
        cell.append(header_text(answer, "Subject"))
    return cell


def show_answers(console: Console, outcomes: Sequence[Outcome]) -> None:
    console.rule("Two answers, as their entrants received them (read back over IMAP)")
    for outcome in outcomes:
        if outcome.email.key in SHOWN_ANSWERS and outcome.answers:
            title = f"to №{outcome.number}, in {outcome.sender_name}'s INBOX"
            console.print(Panel(_as_mail_client_shows(outcome.answers[0]), title=title,
                                title_align="left"))


def _as_mail_client_shows(message: EmailMessage) -> Text:
    text = Text()
    for name in ("From", "To", "Subject", "Date", "In-Reply-To", "Auto-Submitted",
                 "Content-Language"):
        if value := header_text(message, name):
            text.append(f"{name}: ", style="bold")
            text.append(f"{value}\n")
    body = message.get_body(preferencelist=("plain",))
    content = body.get_content() if body is not None else ""
    text.append("\n" + str(content).rstrip())
    return text


def _relative(path: Path) -> Path:
    try:
        return path.resolve().relative_to(Path.cwd())
    except ValueError:
        return path


# -- the command ----------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m hub.demo",
        description="Run a whole baiqau contest round on an in-process mail server.")
    parser.add_argument("--dir", type=Path, default=DEFAULT_FOLDER,
                        help="the demo's folder, wiped first (default: %(default)s)")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="show baiqau's and the mail server's log")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # Before hub.cli does the same: its INFO log would drown the tables.
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    console = Console()
    started = time.monotonic()
    try:
        result = run_demo(args.dir, console)
    except (DemoError, MailServerError) as error:
        console.print(Text(f"demo: {error}", style="bold red"))
        return 1
    seconds = time.monotonic() - started
    for problem in result.problems:
        console.print(Text(f"problem: {problem}", style="bold red"))
    console.print(f"Done in {seconds:.1f} s. Everything stays in {_relative(result.folder)}/; "
                  "look around with, for example:")
    console.print(f"  baiqau --config {_relative(result.config_path)} export messages "
                  "--format csv")
    return 1 if result.problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
