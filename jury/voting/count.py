"""The count of a voting contest: what `baiqau results` and the protocol are made from.

Only totals leave this module: votes per participant and turnout. Nothing here (or in
anything built from it) may pair a voter with a choice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


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
