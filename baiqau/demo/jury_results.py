"""What the jury phase did, read back: for `baiqau.demo.run`, `baiqau.demo.jury_show` and
the test.

As with the applications, the demo looks where a juror and an organizer would look: each
juror's sheet and answers in their own INBOX over IMAP, what baiqau made of each reply and
which scores stand in its database, and the ranking in what `baiqau results --format json`
wrote.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path

from sqlmodel import Session, col, select

from baiqau.demo.jurors import (
    CRITERIA,
    GULNAR,
    JURORS,
    ON_TIME,
    SCORES,
    Juror,
    JuryDates,
    scores_after_correction,
)
from baiqau.demo.letters import DemoEmail
from baiqau.demo.mailserver import DemoMailServer
from baiqau.demo.results import ApplicationRow, DemoError, Outcome
from hub.config import Config
from hub.db import as_utc, make_engine
from hub.models import Application, InboundMessage, JuryReply, Score, ScoreChange
from hub.models import Juror as JurorRow
from jury.ranking import RowDict


@dataclass(frozen=True)
class JurorEmail:
    """One email a juror sent: what baiqau made of it, and what the juror got back."""

    email: DemoEmail
    juror: Juror
    on_time: bool  # sent before the deadline, in the story
    number: int | None  # baiqau's number for it
    kind: str
    state: str
    arrived: datetime | None  # INTERNALDATE: the server's clock, which decides lateness
    outcome: str  # recorded | nothing | late | forged, or "not stored"
    scores_recorded: int
    answers: list[EmailMessage]  # in the juror's INBOX, answering this email

    @property
    def problem(self) -> str:
        wanted = "recorded" if self.on_time else "late"
        if self.outcome == "late" and self.on_time:
            return ("late, though sent before the deadline: this machine took longer than "
                    "the demo allows for the sheets and the replies; run it again")
        if self.outcome != wanted:
            return f"{self.outcome}, expected {wanted}"
        if len(self.answers) != 1:
            return f"{len(self.answers)} answers arrived"
        return ""


@dataclass(frozen=True)
class Change:
    """A score that replaced an earlier one, from baiqau's audit of scores."""

    juror: str  # address
    number: str
    criterion: str
    old: str
    new: str


@dataclass(frozen=True)
class JuryResult:
    dates: JuryDates
    numbers: dict[str, str]  # entrant email key -> work number, for every accepted work
    sheets: dict[str, EmailMessage]  # juror address -> their sheet, as it arrived
    emails: list[JurorEmail]
    scores: dict[tuple[str, str], dict[str, str]]  # (juror, number) -> criterion -> value
    changes: list[Change]
    inbox_sizes: dict[str, int]  # juror address -> every message in their INBOX
    ranking: list[RowDict] = field(default_factory=list)  # `baiqau results`, once it ran

    @property
    def problems(self) -> list[str]:
        found = [f"{item.juror.name}'s {item.email.key}: {item.problem}"
                 for item in self.emails if item.problem]
        if self.scores != expected_scores(self.numbers):
            found.append("the scores baiqau recorded are not the ones the jurors sent on time")
        if self.ranking and (
                {row["application"] for row in self.ranking} != set(self.numbers.values())
                or any(row["place"] is None for row in self.ranking)):
            found.append("the ranking does not rank every accepted work")
        return found


def expected_scores(numbers: Mapping[str, str]) -> dict[tuple[str, str], dict[str, str]]:
    """What should stand: the on-time jurors' scores with the correction, Sarah's none."""
    return {(juror.address, numbers[work]): dict(zip(CRITERIA, map(str, values), strict=True))
            for juror in ON_TIME
            for work, values in scores_after_correction(juror.address).items()}


# -- reading back -----------------------------------------------------------------------------


def accepted_works(outcomes: Sequence[Outcome],
                   applications: Sequence[ApplicationRow]) -> dict[str, str]:
    """The work number of each entrant the jury's story scores, all of them accepted."""
    accepted = {row.number for row in applications if row.status == "accepted"}
    numbers = {outcome.email.key: outcome.application for outcome in outcomes
               if outcome.email.key in SCORES[GULNAR.address]}
    if set(numbers.values()) != accepted or len(numbers) != len(SCORES[GULNAR.address]):
        raise DemoError(f"the jury's story scores {sorted(numbers.values())}, but the "
                        f"accepted works are {sorted(accepted)}")
    return numbers


def read_sheets(server: DemoMailServer) -> dict[str, EmailMessage]:
    """Each juror's sheet, from their INBOX over IMAP, as their mail client shows it."""
    sheets = {}
    for juror in JURORS:
        received = server.received(juror.address)
        if len(received) != 1:
            raise DemoError(f"{juror.name} has {len(received)} messages instead of the one "
                               "sheet; see baiqau's log above (more with --verbose)")
        sheets[juror.address] = received[0]
    return sheets


def read_jury(config: Config, server: DemoMailServer, dates: JuryDates,
              numbers: dict[str, str], sheets: dict[str, EmailMessage],
              on_time: Sequence[DemoEmail], late: Sequence[DemoEmail]) -> JuryResult:
    inboxes = {juror.address: server.received(juror.address) for juror in JURORS}
    jurors = {juror.address: juror for juror in JURORS}
    engine = make_engine(config.database_url)
    try:
        with Session(engine) as session:
            messages = {row.message_id: row for row in session.exec(select(InboundMessage))}
            replies = {row.inbound_id: row for row in session.exec(select(JuryReply))}
            sent = [(email, True) for email in on_time] + [(email, False) for email in late]
            emails = [_juror_email(email, jurors[email.sender], in_time,
                                   messages.get(email.message_id), replies, inboxes)
                      for email, in_time in sent]
            addresses = {row.id: row.email for row in session.exec(select(JurorRow))}
            works = {row.id: row.number for row in session.exec(select(Application))}
            scores: dict[tuple[str, str], dict[str, str]] = {}
            for score in session.exec(select(Score).order_by(col(Score.id))):
                key = (addresses[score.juror_id], works[score.application_id])
                scores.setdefault(key, {})[score.criterion] = score.value
            changes = [Change(addresses[row.juror_id], works[row.application_id], row.criterion,
                              row.old_value, row.new_value)
                       for row in session.exec(select(ScoreChange).order_by(col(ScoreChange.id)))
                       if row.old_value is not None and row.new_value is not None]
    finally:
        engine.dispose()
    # The score rows keep the criteria in the order they were written: the config's.
    scores = {key: {criterion: values[criterion] for criterion in CRITERIA
                    if criterion in values} for key, values in sorted(scores.items())}
    return JuryResult(dates=dates, numbers=numbers, sheets=sheets, emails=emails,
                      scores=scores, changes=changes,
                      inbox_sizes={address: len(mail) for address, mail in inboxes.items()})


def _juror_email(email: DemoEmail, juror: Juror, on_time: bool, row: InboundMessage | None,
                 replies: dict[int, JuryReply],
                 inboxes: dict[str, list[EmailMessage]]) -> JurorEmail:
    answers = [mail for mail in inboxes[juror.address]
               if mail["In-Reply-To"] == email.message_id]
    reply = replies.get(row.id) if row is not None and row.id is not None else None
    return JurorEmail(
        email=email, juror=juror, on_time=on_time,
        number=row.id if row is not None else None,
        kind=row.kind.value if row is not None else "not stored",
        state=row.state.value if row is not None else "not stored",
        arrived=as_utc(row.internaldate) if row is not None else None,
        outcome=reply.outcome.value if reply is not None else "not stored",
        scores_recorded=reply.scores_recorded if reply is not None else 0,
        answers=answers)


def read_ranking(path: Path) -> list[RowDict]:
    """The rows `baiqau results --format json --output PATH` wrote."""
    rows: list[RowDict] = json.loads(path.read_text(encoding="utf-8"))
    return rows
