"""The count of a voting contest: what `baiqau results` and the protocol are made from.

Only totals leave this module: votes per participant and turnout. Nothing here (or in
anything built from it) may pair a voter with a choice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from hub.config import Config
from hub.models import Application, Participant, Vote, Voter, VoterState, VotingAudit
from jury.voting.moments import contest_day
from jury.voting.participants import accepted_entrants


@dataclass(frozen=True)
class BallotEntry:
    """One participant as the ballot shows them, with the votes counted for them."""

    number: int  # the participant's number on the ballot: 1, 2, 3 ...
    application: str  # the application's number, A-0003
    name: str
    position: str
    organization: str
    votes: int  # counted votes: struck voters' votes are not among them
    disqualified: str | None = None  # the organizers' reason, or None


@dataclass(frozen=True)
class VotingCount:
    """The whole count, as of one moment; a pure value, so the same data gives the same
    protocol byte for byte."""

    entries: tuple[BallotEntry, ...]  # in ballot order
    voters_registered: int  # every registration, verified or not
    voters_verified: int
    votes_counted: int  # votes that count: one per voter, in time, not struck
    votes_removed: int  # votes of voters struck off as fake
    turnout_by_day: tuple[tuple[date, int], ...]  # counted votes per day, contest zone


def count_votes(session: Session, config: Config, now: datetime) -> VotingCount:
    """The count as the database holds it at `now`: a pure function of the rows, so the
    same data gives the same count. Before ballots go out (no numbers fixed yet) the
    accepted applications stand in the order they will be numbered, with no votes.

    It needs no ballot key: totals come from the `vote` table without asking whose.
    """
    numbered = list(session.exec(select(Participant).order_by(col(Participant.number))).all())
    votes = dict(session.exec(select(Vote.participant_id, func.count())
                              .group_by(col(Vote.participant_id))).all())
    applications = dict(session.exec(select(Application.id, Application.number)).all())
    if numbered:
        entries = tuple(BallotEntry(
            number=row.number, application=applications.get(row.application_id, ""),
            name=row.name, position=row.position, organization=row.organization,
            votes=int(votes.get(row.id or 0, 0)), disqualified=row.disqualified)
            for row in numbered)
    else:
        entries = tuple(BallotEntry(number=index, application=entrant.number,
                                    name=entrant.name, position=entrant.position,
                                    organization=entrant.organization, votes=0)
                        for index, entrant in enumerate(accepted_entrants(session), start=1))
    states = dict(session.exec(select(Voter.state, func.count())
                               .group_by(col(Voter.state))).all())
    removed = session.exec(select(func.coalesce(func.sum(VotingAudit.votes_removed), 0))).one()
    today = contest_day(now, config.contest.timezone)
    by_day = sorted((day, int(count)) for day, count in session.exec(
        select(col(Vote.day), func.count()).group_by(col(Vote.day))).all() if day <= today)
    return VotingCount(
        entries=entries,
        voters_registered=int(sum(states.values())),
        voters_verified=int(states.get(VoterState.VERIFIED, 0)),
        votes_counted=sum(count for _, count in by_day),
        votes_removed=int(removed),
        turnout_by_day=tuple(by_day),
    )
