"""The voting part of `baiqau status`: voters by state, ballots out, votes counted, and
the ballots that counted nothing (forged ones among them), newest first. Counts only:
nothing here says who voted, let alone for whom."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from sqlalchemy import func
from sqlmodel import Session, col, select

from hub.models import BallotOutcome, BallotReply, Vote, Voter, VoterState

NOT_COUNTED_SHOWN = 10


def print_voting(session: Session, console: Console) -> None:
    states = dict(session.exec(select(Voter.state, func.count())
                               .group_by(col(Voter.state))).all())
    ballots = session.exec(select(func.count()).select_from(Voter)
                           .where(col(Voter.ballot_sent_at).is_not(None))).one()
    votes = session.exec(select(func.count()).select_from(Vote)).one()
    outcomes = dict(session.exec(select(BallotReply.outcome, func.count())
                                 .group_by(col(BallotReply.outcome))).all())
    voters = Table(title="Voting")
    for state in VoterState:
        voters.add_column(state.value, justify="right")
    voters.add_column("ballots sent", justify="right")
    voters.add_column("votes counted", justify="right", style="bold")
    voters.add_row(*(str(states.get(state, 0)) for state in VoterState), str(ballots),
                   str(votes))
    console.print(voters)
    refused = Table(title="Ballots that counted nothing")
    for outcome in BallotOutcome:
        refused.add_column(outcome.value, justify="right")
    refused.add_row(*(str(outcomes.get(outcome, 0)) for outcome in BallotOutcome))
    console.print(refused)
    forged = session.exec(select(BallotReply).where(
        BallotReply.outcome == BallotOutcome.FORGED).order_by(col(BallotReply.id).desc())
        .limit(NOT_COUNTED_SHOWN)).all()
    if forged:
        table = Table(title=f"Forged ballots (newest {NOT_COUNTED_SHOWN}): nothing recorded")
        for name in ("#", "from", "why"):
            table.add_column(name)
        for reply in forged:
            table.add_row(str(reply.inbound_id), reply.sender, reply.detail)
        console.print(table)
