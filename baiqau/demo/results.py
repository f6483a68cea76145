"""What the demo found, and how it reads it back: for `baiqau.demo.run` and `baiqau.demo.show`.

The demo tells the truth only if it looks where an entrant and an organizer would look,
not at its own bookkeeping. So what became of each email and application is read back
after each round from baiqau's own database, and what each sender received from their
own INBOX over IMAP. The intake's rules and dates live here too, because the story
writes them into config.toml and the tables show them. The jury phase is read back the
same way by `baiqau.demo.jury_results`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from baiqau.demo.letters import CONTEST_ADDRESS, DemoEmail, Expected
from baiqau.demo.mailserver import Check, DemoMailServer, header_text
from hub.clock import load_zone
from hub.config import Config
from hub.db import make_engine
from hub.models import Application, InboundMessage, MessageState, OutboundMessage, Work

if TYPE_CHECKING:  # jury_results reads back with this module's DemoError: no cycle at run time
    from baiqau.demo.jury_results import JuryResult
    from baiqau.demo.organizers import Paperwork

PASSWORD_ENV = "BAIQAU_DEMO_PASSWORD"  # the name of a variable, not a password
ORGANIZER_NOTICE = "organizer-review"  # the purpose of baiqau's notices to organizers

# The regulation's rules (config.toml's [intake]); only the dates are the demo's own.
TIMEZONE = "Asia/Almaty"
MIN_AGE, MAX_AGE = 18, 35
OPENED_DAYS_AGO, CLOSES_IN_DAYS, RESULTS_DAYS_AFTER = 20, 10, 10


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
    jury: JuryResult
    paperwork: Paperwork  # the organizer's digest and the protocol

    @property
    def problems(self) -> list[str]:
        found = [f"№{o.number} {o.email.key}: {o.problem}" for o in self.outcomes if o.problem]
        found += [f"{row.number} ({row.entrant}): {status_text(row)}, expected "
                  f"{expected_text(row.expected)}"
                  for row in self.applications if not row.as_expected]
        found += self.jury.problems
        found += self.paperwork.problems
        found += [f"`baiqau` exited {code}" for code in self.exit_codes if code]
        return found


def status_text(row: ApplicationRow) -> str:
    return " ".join([row.status, *row.reasons, f"{row.works} works"])


def expected_text(expected: Expected | None) -> str:
    if expected is None:
        return "nothing (no email of the demo's made it)"
    return " ".join([expected.status, *expected.reasons, f"{expected.works} works"])


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
