"""Ballots out: each verified voter gets one, in their language, with the participants
and their own token `[V-XXXXXX]` in the subject and the body (as a juror's sheet).

The participants are numbered the first time ballots go out (`participants.fix_numbers`).
A voter is marked sent in the transaction that queues their ballot, so nobody gets two
and nobody is forgotten; a voter verified later gets theirs at the next send (or at once
from `baiqau voters verify`). The reminder is the same ballot, saying the close is near.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from hub.config import Language
from hub.context import Context
from hub.db import session_scope
from hub.mail.outbox import Answer, queue_answer
from hub.models import Participant, Voter, VoterState
from hub.texts import render
from hub.tokens import VOTER, load_key, make_token, new_nonce, token_hash
from jury.voting.participants import fix_numbers
from jury.voting.texts import BALLOT_TITLE, closes_text, contest_name, markers


@dataclass
class BallotReport:
    sent: int = 0
    participants: int = 0


def issue_token(voter: Voter, key: bytes) -> None:
    """Give a newly verified voter a token (kept as its hash and nonce, as a juror's)."""
    if not voter.token_nonce:
        voter.token_nonce = new_nonce()
        voter.token_hash = token_hash(make_token(key, voter.token_nonce, VOTER))


def send_ballots(context: Context) -> BallotReport:
    with session_scope(context.engine) as session:
        return send_ballots_in(session, context)


def send_ballots_in(session: Session, context: Context,
                    voters: list[Voter] | None = None) -> BallotReport:
    """Queue a ballot for every verified voter without one (or for `voters` only)."""
    now = context.clock.now()
    participants = fix_numbers(session, now)
    report = BallotReport(participants=len(participants))
    key = load_key(context.config.storage_path)
    if voters is None:
        voters = list(session.exec(
            select(Voter).where(Voter.state == VoterState.VERIFIED,
                                col(Voter.ballot_sent_at).is_(None))
            .order_by(col(Voter.id))).all())
    for voter in voters:
        if voter.state is not VoterState.VERIFIED or voter.ballot_sent_at is not None:
            continue
        issue_token(voter, key)
        queue_ballot(session, context, voter, key, participants, now=now)
        voter.ballot_sent_at = now
        session.add(voter)
        report.sent += 1
    return report


def queue_ballot(session: Session, context: Context, voter: Voter, key: bytes,
                 participants: list[Participant], *, now: datetime,
                 reminder: bool = False) -> None:
    config = context.config
    language = Language(voter.language)
    token = make_token(key, voter.token_nonce, VOTER)
    text = render("ballot", language, contest=contest_name(config, language),
                  voter=voter.name or voter.email, token=token, reminder=reminder,
                  participants=[{"number": row.number, "name": row.name,
                                 "position": row.position, "organization": row.organization}
                                for row in participants if row.disqualified is None],
                  closes=closes_text(config, language), **markers(token, BALLOT_TITLE))
    purpose = "vote-reminder" if reminder else "ballot"
    queue_answer(session, Answer(
        dedup_key=f"{purpose}:{voter.id}", to_address=voter.email, to_name=voter.name,
        subject=text.subject, body_text=text.body, purpose=purpose, language=language.value,
        rate_limited=False,
    ), config=config, clock=context.clock)
