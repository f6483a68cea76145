"""The voting's scheduled work in `baiqau run`: ballots from `voting.opens` (to every
verified voter without one), and one reminder a day before the close to verified voters
who have not voted.

Both are safe to run as often as the service likes: a ballot marks its voter sent, a
reminder its voter reminded, in the transaction that queues it. Neither raises.
"""

from __future__ import annotations

import logging

from sqlmodel import col, select

from hub.context import Context
from hub.db import session_scope
from hub.models import Voter, VoterState
from hub.tokens import load_key
from jury.voting.ballots import queue_ballot, send_ballots
from jury.voting.keys import ballot_key
from jury.voting.moments import closes_at, is_open, reminder_at
from jury.voting.participants import ballot
from jury.voting.votes import has_voted

log = logging.getLogger(__name__)
EVERY_SECONDS = 300.0


def send_reminders(context: Context) -> int:
    """Queue the reminders due now; how many."""
    config, now = context.config, context.clock.now()
    voting = config.voting
    if voting is None:
        return 0
    zone = config.contest.timezone
    if not reminder_at(voting, zone) <= now < closes_at(voting, zone):
        return 0
    key, token_key = ballot_key(config), load_key(config.storage_path)
    sent = 0
    with session_scope(context.engine) as session:
        participants = ballot(session)
        for voter in session.exec(select(Voter).where(
                Voter.state == VoterState.VERIFIED, col(Voter.ballot_sent_at).is_not(None),
                col(Voter.reminded_at).is_(None)).order_by(col(Voter.id))).all():
            if not has_voted(session, key, voter):
                queue_ballot(session, context, voter, token_key, participants, now=now,
                             reminder=True)
                sent += 1
            # Marked either way: whether a voter had voted by now is not kept.
            voter.reminded_at = now
            session.add(voter)
    return sent


def voting_job(context: Context) -> None:
    if context.config.voting is None:
        return
    try:
        if is_open(context.config, context.clock.now()):
            ballots = send_ballots(context)
            if ballots.sent:
                log.info("voting: %d ballot(s) queued", ballots.sent)
        reminders = send_reminders(context)
        if reminders:
            log.info("voting: %d reminder(s) queued", reminders)
    except Exception:
        log.exception("voting round failed; the next round will try again")
