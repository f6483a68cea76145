"""The jury's scheduled work in `baiqau run`: sheets from `jury.opens`, reminders on time.

Both are safe to run as often as the service likes: sheets send only what a juror has
not had (so a work an organizer accepts after the opening reaches its jurors at the next
run), and a reminder's moment is in its dedup key. Neither raises: a failure is logged
and the next run tries again.
"""

from __future__ import annotations

import logging

from hub.clock import contest_moment
from hub.context import Context
from jury.reminders import send_reminders
from jury.sheets import send_sheets

log = logging.getLogger(__name__)
EVERY_SECONDS = 300.0


def jury_job(context: Context) -> None:
    jury = context.config.jury
    if jury is None or not jury.jurors:
        return
    now = context.clock.now()
    try:
        opens = None if jury.opens is None else contest_moment(
            jury.opens, context.config.contest.timezone)
        if opens is not None and now >= opens:
            sheets = send_sheets(context)
            if sheets.emails:
                log.info("jury: %d sheet email(s) to %d juror(s)", sheets.emails, sheets.jurors)
        reminders = send_reminders(context)
        if reminders.sent:
            log.info("jury: %d reminder(s) (%s before the deadline)", reminders.sent,
                     reminders.moment)
    except Exception:
        log.exception("jury round failed; the next round will try again")
