"""Reminders to jurors with works left, at `jury.remind_before_hours` before the deadline.

Each reminder lists exactly the works still owed (and, for a work scored in part, the
criteria missing). A reminder's moment is in its dedup key, so none is sent twice for
the same moment, however often `baiqau run` or `baiqau jury remind` asks. A service that
was down past a moment sends only the latest moment due, not a pile of late ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session

from hub.clock import contest_moment, load_zone
from hub.config import Language
from hub.context import Context
from hub.db import session_scope
from hub.humanize import format_moment
from hub.jury_config import JuryConfig
from hub.mail.outbox import Answer, queue_answer
from hub.texts import render
from hub.tokens import load_key, make_token
from jury.progress import JurorProgress, jury_progress
from jury.sheetmarks import sheet_begin, sheet_end
from jury.sheets import jury_of

REMINDER_TITLE = "baiqau reminder"


@dataclass
class ReminderReport:
    sent: int = 0
    moment: str = ""  # which moment they were for: "24" (hours before), "now", ""


def deadline_of(jury: JuryConfig, timezone: str) -> datetime | None:
    """The jury's deadline as a moment in the contest's zone, or None without one."""
    return None if jury.deadline is None else contest_moment(jury.deadline, timezone)


def due_moment(jury: JuryConfig, timezone: str, now: datetime) -> float | None:
    """The latest reminder moment passed before the deadline (hours before it), if any."""
    deadline = deadline_of(jury, timezone)
    if deadline is None or now >= deadline:
        return None
    passed = [hours for hours in jury.remind_before_hours
              if now >= deadline - timedelta(hours=hours)]
    return min(passed) if passed else None


def send_reminders(context: Context, *, now_for_everyone: bool = False) -> ReminderReport:
    """Queue the reminders due now (or, with `now_for_everyone`, one at once to every
    juror with work left)."""
    config, now = context.config, context.clock.now()
    jury = jury_of(config)
    if now_for_everyone:
        moment = now.strftime("now-%Y%m%dT%H%M%S")
    else:
        hours = due_moment(jury, config.contest.timezone, now)
        if hours is None:
            return ReminderReport()
        moment = f"{hours:g}h"
    key = load_key(config.storage_path)
    report = ReminderReport(moment=moment)
    with session_scope(context.engine) as session:
        for progress in jury_progress(session, jury):
            if not progress.left:
                continue
            _queue_reminder(session, context, progress, make_token(key, progress.juror.token_nonce),
                            moment)
            report.sent += 1
    return report


def _queue_reminder(session: Session, context: Context, progress: JurorProgress, token: str,
                    moment: str) -> None:
    config = context.config
    jury = jury_of(config)
    juror = progress.juror
    language = Language(juror.language)
    names = {criterion.key: criterion.name.get(language) or next(iter(criterion.name.values()))
             for criterion in jury.criteria}
    every = len(jury.criteria)
    works = [{"number": number,
              "missing": [] if len(progress.missing[number]) == every
              else [names[key] for key in progress.missing[number]]}
             for number in progress.left]
    deadline = deadline_of(jury, config.contest.timezone)
    zone = load_zone(config.contest.timezone)
    contest = config.contest.name.get(language) or next(iter(config.contest.name.values()))
    text = render("jury_reminder", language, contest=contest, juror=juror.name, token=token,
                  works=works, scored=progress.scored, assigned=len(progress.assigned),
                  deadline=format_moment(deadline, language.value, zone, with_zone=True)
                  if deadline else "", begin=sheet_begin(token, REMINDER_TITLE),
                  end=sheet_end(token, REMINDER_TITLE))
    queue_answer(session, Answer(
        dedup_key=f"jury-reminder:{juror.id}:{moment}", to_address=juror.email,
        to_name=juror.name, subject=text.subject, body_text=text.body,
        purpose="jury-reminder", language=language.value, rate_limited=False,
    ), config=config, clock=context.clock)
