"""`python -m hub.demo` (./scripts/demo): a contest's intake on this machine alone.

Why: an organizer or a new engineer should see baiqau work before giving it a real
mailbox's password, on a fresh Debian machine, with no root and no system packages. So
the mail server is mail-devel inside this process (`hub.demo_mail`), the database is
the default SQLite file, and everything lands in a fresh folder (demo-var/).

Nothing on baiqau's side is faked: the entrants' emails (`hub.demo_letters`) go over
SMTP into the contest mailbox, and baiqau runs as `baiqau --config demo-var/config.toml
poll --once` runs, through `hub.cli.main`: IMAP to fetch, SQLite to keep, SMTP to
answer. What each entrant got is read back from their own mailbox over IMAP.

Thirteen applications go in, valid and flawed, and two rounds later the demo shows what
became of each: its number, status and reason codes read from baiqau's database, every
email and the answer its sender received, two answers in full, and `baiqau status`. The
intake window is set around the demo's own clock (the mail server stamps each message
with the real time of its arrival), so every run is inside it.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path
from string import Template

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from sqlmodel import Session, col, select

from hub import cli
from hub.clock import load_zone
from hub.config import Config, load_config
from hub.db import make_engine
from hub.demo_letters import (
    CONTEST_ADDRESS,
    ORGANIZER_ADDRESS,
    DemoEmail,
    Expected,
    first_round,
    second_round,
)
from hub.demo_mail import Check, DemoMailServer, MailServerError, check_imap, header_text
from hub.models import (
    Application,
    InboundMessage,
    MessageKind,
    MessageState,
    OutboundMessage,
    Work,
)

DEFAULT_FOLDER = Path("demo-var")
MARKER = ".baiqau-demo"  # what makes a folder the demo's to wipe
PASSWORD_ENV = "BAIQAU_DEMO_PASSWORD"  # the name of a variable, not a password
# Two answers shown in full: each asks for something, so the reader sees the instructions.
SHOWN_ANSWERS = ("kk-no-works", "ru-no-subscribers")
ORGANIZER_NOTICE = "organizer-review"  # the purpose of baiqau's notices to organizers

# The regulation's rules (config.toml's [intake]); only the dates are the demo's own.
TIMEZONE = "Asia/Almaty"
MIN_AGE, MAX_AGE = 18, 35
OPENED_DAYS_AGO, CLOSES_IN_DAYS, RESULTS_DAYS_AFTER = 20, 10, 10

CONFIG = Template("""\
# Written by `python -m hub.demo`; the demo folder is wiped at its next run.
# The Shanyraq contest of config.toml, on a mail server inside the demo's process.

[contest]
timezone = "$timezone"
default_language = "kk"
organizers = ["$organizer"]

[contest.name]
kk = "«Шаңырақ» креативті хабы"
ru = "Креативный хаб «Шаңырақ»"
en = "Shanyraq creative hub"

# The regulation's rules. The dates are this run's, wall-clock time in the contest's zone:
# the mail server stamps each message with the moment it really arrives.
[intake]
opens = $opens
closes = $closes
results = $results
min_age = $min_age
max_age = $max_age
min_subscribers = 5000
min_works = 1
max_works = 3
max_attachment_bytes = 26214400
region = "akmola"
require_social_links = true

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
class IntakeDates:
    """The demo's intake window, naive wall-clock times in the contest's zone."""

    opens: datetime
    closes: datetime
    results: date

    @classmethod
    def around(cls, now: datetime) -> IntakeDates:
        """Opened 20 days before `now` (aware), closes 10 days after, results 10 days later.

        One day a year the close would fall on 31 December, when every birthday of the
        year is past and no birth year leaves the age in doubt; the demo's entrant born
        on the boundary needs that doubt, so the close moves on a day then.
        """
        local = now.astimezone(load_zone(TIMEZONE)).replace(tzinfo=None, microsecond=0)
        closes = local + timedelta(days=CLOSES_IN_DAYS)
        if (closes.month, closes.day) == (12, 31):
            closes += timedelta(days=1)
        return cls(opens=local - timedelta(days=OPENED_DAYS_AGO), closes=closes,
                   results=(closes + timedelta(days=RESULTS_DAYS_AFTER)).date())


@dataclass(frozen=True)
class Outcome:
    """One email the demo sent: what baiqau recorded, and what its sender received."""

    email: DemoEmail
    number: int | None  # baiqau's number for it, quoted in the answer
    application: str  # the number of the application it opened or changed ('' for none)
    sender_name: str  # as baiqau read it from From
    subject: str  # as baiqau read it
    kind: str
    state: str
    reason: str
    written: list[str]  # the subjects of the answers baiqau wrote to its sender
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
class ApplicationRow:
    """One application as baiqau's database has it after a round."""

    number: str
    entrant: str  # the name as read from the form, else from From
    settlement: str  # as the entrant wrote it
    status: str
    reasons: tuple[str, ...]  # reason codes, in the order the rules gave them
    works: int  # works that count (kept, not withdrawn)
    messages: tuple[int, ...]  # baiqau's numbers of the emails that made it
    expected: Expected | None  # what the regulation says it should be (the demo's letters)

    @property
    def as_expected(self) -> bool:
        wanted = self.expected
        return wanted is not None and (self.status, self.reasons, self.works) == (
            wanted.status, wanted.reasons, wanted.works)


@dataclass(frozen=True)
class DemoResult:
    folder: Path
    config_path: Path
    dates: IntakeDates
    checks: list[Check]
    exit_codes: list[int]  # of each `baiqau` command run
    outcomes: list[Outcome]
    first_statuses: dict[str, str]  # application number -> status after round 1
    applications: list[ApplicationRow]  # as they stand at the end
    contest_folders: dict[str, int]  # messages per folder of the contest mailbox
    inbox_sizes: dict[str, int]  # every message in each sender's INBOX, threaded or not
    organizer_notices: list[str]  # subjects of what reached the organizer's INBOX

    @property
    def problems(self) -> list[str]:
        found = [f"№{o.number} {o.email.key}: {o.problem}" for o in self.outcomes if o.problem]
        found += [f"{row.number} ({row.entrant}): {_status_text(row)}, expected "
                  f"{_expected_text(row.expected)}"
                  for row in self.applications if not row.as_expected]
        found += [f"`baiqau` exited {code}" for code in self.exit_codes if code]
        return found


# -- the story ----------------------------------------------------------------------


def run_demo(folder: Path, console: Console) -> DemoResult:
    """Run the whole demo in `folder` (wiped first), narrating on `console`."""
    prepare_folder(folder)
    with DemoMailServer() as server:
        os.environ[PASSWORD_ENV] = server.password
        dates = IntakeDates.around(_now())
        config_path = write_config(folder, server, dates)
        config = load_config(config_path)
        show_setup(console, server, config_path, dates)
        checks = check_imap(server)
        show_checks(console, checks)

        first = first_round(dates.closes.date(), MAX_AGE)
        codes = [mail_round(console, server, config_path, "Round 1: entrants apply", first)]
        first_statuses = {row.number: row.status for row in read_applications(config, first)}
        second = second_round(answers_by_key(server, first))
        codes.append(mail_round(console, server, config_path,
                                "Round 2: mail that baiqau's answers brought back", second))

        emails = [*first, *second]
        received = received_by(server, emails)
        outcomes = collect_outcomes(config, emails, received)
        applications = read_applications(config, emails)
        folders = contest_folders(server, config)
        notices = [header_text(mail, "Subject") for mail in server.received(ORGANIZER_ADDRESS)]
        show_outcomes(console, outcomes, folders, notices)
        show_applications(console, applications, first_statuses)
        show_answers(console, outcomes)
    # The server is gone: status needs only the database.
    console.rule(f"$ {command_line(config_path, 'status')}")
    codes.append(baiqau(config_path, "status"))
    inbox_sizes = {sender: len(mail) for sender, mail in received.items()}
    return DemoResult(folder, config_path, dates, checks, codes, outcomes, first_statuses,
                      applications, folders, inbox_sizes, notices)


def _now() -> datetime:
    # The mail server stamps INTERNALDATE with the system clock: so does the demo.
    return datetime.now().astimezone()


def prepare_folder(folder: Path) -> None:
    """Make `folder` empty, refusing to empty one that the demo did not make."""
    if folder.exists():
        if any(folder.iterdir()) and not (folder / MARKER).exists():
            raise DemoError(f"{folder} is not empty and was not made by the demo; "
                            "not wiping it (choose another with --dir)")
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    (folder / MARKER).write_text("Made by `python -m hub.demo`, which wipes it at every run.\n")


def write_config(folder: Path, server: DemoMailServer, dates: IntakeDates) -> Path:
    path = folder / "config.toml"
    path.write_text(CONFIG.substitute(
        host=server.host, imap_port=server.imap_port, smtp_port=server.smtp_port,
        contest=CONTEST_ADDRESS, organizer=ORGANIZER_ADDRESS, password_env=PASSWORD_ENV,
        timezone=TIMEZONE, opens=dates.opens.isoformat(), closes=dates.closes.isoformat(),
        results=dates.results.isoformat(), min_age=MIN_AGE, max_age=MAX_AGE,
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
    rows, written, numbers = baiqau_records(config)
    return [_outcome(email, rows.get(email.message_id), written, numbers,
                     answers_to(email, received))
            for email in emails]


def _outcome(email: DemoEmail, row: InboundMessage | None, written: dict[int, list[str]],
             numbers: dict[int, str], answers: list[EmailMessage]) -> Outcome:
    if row is None or row.id is None:
        return Outcome(email=email, number=None, application="", sender_name=email.label,
                       subject=email.subject, kind="not stored", state="not stored",
                       reason="", written=[], answers=answers)
    application = numbers.get(row.application_id or 0, "")
    return Outcome(email=email, number=row.id, application=application,
                   sender_name=row.sender_name or row.sender, subject=row.subject,
                   kind=row.kind.value, state=row.state.value, reason=row.kind_reason,
                   written=written.get(row.id, []), answers=answers)


def baiqau_records(config: Config
                   ) -> tuple[dict[str, InboundMessage], dict[int, list[str]], dict[int, str]]:
    """From baiqau's own database: every message by Message-ID, the subjects of the
    answers it wrote to each sender, by the number of the message they answer, and the
    applications' numbers by their row id."""
    engine = make_engine(config.database_url)
    try:
        with Session(engine) as session:
            rows = session.exec(select(InboundMessage)).all()
            answers = session.exec(select(OutboundMessage).order_by(col(OutboundMessage.id))).all()
            numbers = {app.id: app.number for app in session.exec(select(Application)).all()
                       if app.id is not None}
    finally:
        engine.dispose()
    written: dict[int, list[str]] = {}
    for answer in answers:
        # Organizers' notices also name the message that caused them; they are not answers.
        if answer.inbound_id is not None and answer.purpose != ORGANIZER_NOTICE:
            written.setdefault(answer.inbound_id, []).append(answer.subject)
    return {row.message_id: row for row in rows}, written, numbers


def read_applications(config: Config, emails: Sequence[DemoEmail]) -> list[ApplicationRow]:
    """Every application in baiqau's database, with what the demo's letters expected.

    What an application should be is what the last of its emails expected, the emails
    being known to the demo by Message-ID and to baiqau by the application they changed.
    """
    expected = {email.message_id: email.expected for email in emails}
    engine = make_engine(config.database_url)
    try:
        with Session(engine) as session:
            applications = session.exec(select(Application).order_by(col(Application.id))).all()
            messages = session.exec(select(InboundMessage).order_by(col(InboundMessage.id))).all()
            works = session.exec(select(Work).where(col(Work.withdrawn).is_(False))).all()
    finally:
        engine.dispose()
    rows = []
    for application in applications:
        mine = [message for message in messages if message.application_id == application.id]
        wanted = [expected.get(message.message_id) for message in mine]
        fields = json.loads(application.fields_json)
        rows.append(ApplicationRow(
            number=application.number,
            entrant=application.name or application.email,
            settlement=str(fields.get("settlement") or ""),
            status=application.status.value,
            reasons=tuple(application.reason_codes.split()),
            works=sum(1 for work in works if work.application_id == application.id),
            messages=tuple(message.id for message in mine if message.id is not None),
            expected=next((item for item in reversed(wanted) if item is not None), None),
        ))
    return rows


def contest_folders(server: DemoMailServer, config: Config) -> dict[str, int]:
    box = config.mailbox
    folders = (box.folder, box.processed_folder, box.quarantine_folder)
    return {name: len(server.messages(CONTEST_ADDRESS, name)) for name in folders}


# -- showing it -------------------------------------------------------------------------

STATUS_STYLES = {"accepted": "green", "needs_fix": "yellow", "rejected": "red",
                 "review": "cyan"}


def show_setup(console: Console, server: DemoMailServer, config_path: Path,
               dates: IntakeDates) -> None:
    console.rule("[bold]baiqau demo: the «Шаңырақ» creative hub takes applications")
    console.print(f"Mail server (mail-devel, in this process): IMAP {server.host}:"
                  f"{server.imap_port}, SMTP {server.host}:{server.smtp_port}")
    console.print(f"Contest mailbox: {CONTEST_ADDRESS} (password in ${PASSWORD_ENV})")
    console.print(f"Config: {_relative(config_path)}; SQLite and raw mail: "
                  f"{_relative(config_path.parent / 'var')}/")
    console.print(f"Intake, set around this run ({TIMEZONE}): opened {_moment(dates.opens)}, "
                  f"closes {_moment(dates.closes)},\n  results {dates.results.isoformat()}; "
                  f"entrants {MIN_AGE}–{MAX_AGE} years old on the closing day, Akmola region")


def _moment(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


def show_checks(console: Console, checks: Sequence[Check]) -> None:
    line = Text("IMAP features baiqau uses, tried on the server: ")
    for check in checks:
        line.append(f"{check.name} {'✓' if check.ok else '✗'}  ",
                    style="green" if check.ok else "bold red")
    console.print(line)
    for check in checks:
        if not check.ok:
            console.print(Text(f"  {check.name}: {check.detail}", style="red"))


def show_outcomes(console: Console, outcomes: Sequence[Outcome], folders: dict[str, int],
                  notices: Sequence[str]) -> None:
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
    console.print(f"The organizer's INBOX ({ORGANIZER_ADDRESS}): {len(notices)} "
                  "notice(s) of applications for a person to decide")
    for notice in notices:
        console.print(Text(f"  • {notice}", style="dim"))
    for outcome in outcomes:
        for wrote, got in outcome.changed_subjects:
            console.print(Text(f"warning: №{outcome.number}: baiqau wrote the subject "
                               f"«{wrote}», the entrant got «{got}»", style="yellow"))


def _kind_cell(outcome: Outcome) -> Text:
    cell = Text(f"{outcome.kind} · {outcome.state}")
    if outcome.application:
        cell.append(f"\n{outcome.application}", style="bold")
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


def show_applications(console: Console, applications: Sequence[ApplicationRow],
                      first_statuses: dict[str, str]) -> None:
    console.rule("What happened to each application (from baiqau's database)")
    table = Table()
    table.add_column("number", no_wrap=True)
    table.add_column("entrant", overflow="fold")
    table.add_column("settlement", overflow="fold")
    table.add_column("status", min_width=11, max_width=11)  # "needs_fix →" / "accepted"
    # As wide as the longest code (duplicate_application): codes are not cut in two.
    table.add_column("reason codes", min_width=21)
    table.add_column("works", justify="right", no_wrap=True)
    for row in applications:
        status = Text()
        before = first_statuses.get(row.number)
        if before is not None and before != row.status:
            status.append(before, style=STATUS_STYLES.get(before, ""))
            status.append(" → ")
        status.append(row.status, style=STATUS_STYLES.get(row.status, ""))
        if not row.as_expected:
            status.append(f"\n✗ expected {_expected_text(row.expected)}", style="bold red")
        table.add_row(row.number, row.entrant, row.settlement or "—", status,
                      " ".join(row.reasons) or "—", str(row.works))
    console.print(table)
    counts: dict[str, int] = {}
    for row in applications:
        counts[row.status] = counts.get(row.status, 0) + 1
    summary = f"{len(applications)} applications: " + ", ".join(
        f"{counts[status]} {status}" for status in STATUS_STYLES if status in counts)
    wrong = sum(1 for row in applications if not row.as_expected)
    console.print(summary + (f"; {wrong} NOT as the regulation says (✗)." if wrong
                             else "; each as the regulation says."))


def _status_text(row: ApplicationRow) -> str:
    return " ".join([row.status, *row.reasons, f"{row.works} works"])


def _expected_text(expected: Expected | None) -> str:
    if expected is None:
        return "nothing (no email of the demo's made it)"
    return " ".join([expected.status, *expected.reasons, f"{expected.works} works"])


def show_answers(console: Console, outcomes: Sequence[Outcome]) -> None:
    console.rule("Two answers, as their entrants received them (read back over IMAP)")
    by_key = {outcome.email.key: outcome for outcome in outcomes}
    for key in SHOWN_ANSWERS:
        outcome = by_key[key]
        if outcome.answers:
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
        description="Run a contest's intake with baiqau on an in-process mail server.")
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
