"""What the demo prints: its setup, each round's mail, and tables of what became of it all.

Kept apart from the story so that the story reads as what happens, and so that how it
looks on a terminal (rich's tables, panels and colours) can change without touching what
the demo does. Nothing here talks to the mail server or the database: everything shown
is handed in, already read back by `baiqau.demo.results`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from baiqau.demo.letters import CONTEST_ADDRESS, ORGANIZER_ADDRESS, DemoEmail
from baiqau.demo.mailserver import Check, DemoMailServer, header_text
from baiqau.demo.results import (
    MAX_AGE,
    MIN_AGE,
    PASSWORD_ENV,
    TIMEZONE,
    ApplicationRow,
    IntakeDates,
    Outcome,
    expected_text,
)
from hub.models import MessageKind

# Two answers shown in full: each asks for something, so the reader sees the instructions.
SHOWN_ANSWERS = ("kk-no-works", "ru-no-subscribers")
STATUS_STYLES = {"accepted": "green", "needs_fix": "yellow", "rejected": "red",
                 "review": "cyan"}


def show_setup(console: Console, server: DemoMailServer, config_path: Path,
               dates: IntakeDates) -> None:
    console.rule("[bold]baiqau demo: the «Шаңырақ» creative hub takes applications")
    console.print(f"Mail server (mail-devel, in this process): IMAP {server.host}:"
                  f"{server.imap_port}, SMTP {server.host}:{server.smtp_port}")
    console.print(f"Contest mailbox: {CONTEST_ADDRESS} (password in ${PASSWORD_ENV})")
    console.print(f"Config: {relative(config_path)}; SQLite and raw mail: "
                  f"{relative(config_path.parent / 'var')}/")
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


def show_sent(console: Console, emails: Sequence[DemoEmail], command: str = "") -> None:
    """The emails of a round, once they are sent, and the command that takes them in."""
    sent = Table(box=None, show_header=False, pad_edge=False)
    sent.add_column(style="dim")
    sent.add_column(no_wrap=True, max_width=24, overflow="ellipsis")
    sent.add_column()
    for email in emails:
        sent.add_row("•", email.label, email.note)
    console.print(f"Sent {len(emails)} email{'s' if len(emails) != 1 else ''} over SMTP "
                  f"to {CONTEST_ADDRESS}:")
    console.print(sent)
    if command:
        console.print(Text(f"$ {command}", style="bold"))
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
            status.append(f"\n✗ expected {expected_text(row.expected)}", style="bold red")
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


def show_answers(console: Console, outcomes: Sequence[Outcome]) -> None:
    console.rule("Two answers, as their entrants received them (read back over IMAP)")
    by_key = {outcome.email.key: outcome for outcome in outcomes}
    for key in SHOWN_ANSWERS:
        outcome = by_key[key]
        if outcome.answers:
            title = f"to №{outcome.number}, in {outcome.sender_name}'s INBOX"
            console.print(Panel(as_mail_client_shows(outcome.answers[0]), title=title,
                                title_align="left"))


def as_mail_client_shows(message: EmailMessage) -> Text:
    """The headers a mail client shows, then the plain text."""
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


def relative(path: Path) -> Path:
    """`path` as the demo shows it: from the current folder when it is under it."""
    try:
        return path.resolve().relative_to(Path.cwd())
    except ValueError:
        return path
