"""The voting contest's rows: voters, the participants on the ballot, the votes, what
became of every ballot that counted nothing, and what the organizers did.

The ballot is secret (seed 000, rule 6), and these tables are laid out so that a copy
of the database does not say who voted for whom:

- a `vote` row holds the participant and the day, and its voter only as
  HMAC(ballot key, the voter's nonce); the key lives in an environment variable, never
  here, so without it the hash names nobody;
- a vote's id is random and is SQLite's rowid (INTEGER PRIMARY KEY), so the table is
  stored in random order, not in the order people voted (PostgreSQL keeps its heap in
  insertion order whatever the key: see the README on what that leaves);
- the voter row has no vote time and no "voted" flag;
- `ballot_reply` records only ballots that counted nothing (forged, late, a second vote,
  ...), never a counted one, and never a choice;
- `voting_audit` records what organizers did to voters and participants, never a choice.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import BigInteger, Column, Integer, Text
from sqlmodel import Field, SQLModel

from hub.models.columns import utc_column

# SQLite makes a column its rowid only when it is exactly INTEGER PRIMARY KEY; a BIGINT key
# would get a hidden rowid counting up in voting order. PostgreSQL's INTEGER is 32 bits.
VOTE_ID = BigInteger().with_variant(Integer(), "sqlite")


class VoterState(StrEnum):
    REGISTERED = "registered"  # waits for an organizer's verification
    VERIFIED = "verified"  # may vote
    REJECTED = "rejected"  # not a journalist or a blogger above the threshold
    STRUCK = "struck"  # struck off as fake: their vote, if any, was removed from the count


class BallotOutcome(StrEnum):
    """What became of a message that claimed to be a ballot and counted nothing."""

    FORGED = "forged"  # not proven the voter's (address, token or DKIM)
    LATE = "late"  # after voting.closes
    EARLY = "early"  # before voting.opens
    SECOND = "second"  # the voter had voted already
    NOT_ALLOWED = "not_allowed"  # the voter is not (or no longer) verified
    UNREADABLE = "unreadable"  # no single participant could be read
    DISQUALIFIED = "disqualified"  # a vote for a participant taken off the ballot
    REPLAY = "replay"  # a copy of a ballot already handled


class Voter(SQLModel, table=True):
    """A journalist or blogger who registered (by email or the organizers' roster)."""

    __tablename__ = "voter"

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(index=True, unique=True)  # lower-cased; ballots come from here only
    name: str = ""
    phone: str = ""
    outlet: str = ""  # the media outlet, as stated
    blog_platform: str = ""  # instagram | facebook | youtube | ... ("" for a journalist)
    blog_account: str = ""
    followers: int | None = None
    language: str = "ru"
    state: VoterState = Field(default=VoterState.REGISTERED, index=True)
    reason: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    source: str = "email"  # email | import
    # As jurors' tokens (hub.tokens): the token's SHA-256 and the nonce it is made from.
    token_hash: str = Field(default="", index=True)
    token_nonce: str = ""
    registered_at: datetime = Field(sa_column=utc_column(nullable=False))
    ballot_sent_at: datetime | None = Field(default=None, sa_column=utc_column())
    reminded_at: datetime | None = Field(default=None, sa_column=utc_column())

    @property
    def active(self) -> bool:
        """Holds a ballot token (jury.authentication asks this of every token holder)."""
        return bool(self.token_hash)


class Participant(SQLModel, table=True):
    """An accepted application as it stands on the ballot, numbered when ballots first
    go out (application-number order) and never renumbered."""

    __tablename__ = "participant"

    id: int | None = Field(default=None, primary_key=True)
    number: int = Field(index=True, unique=True)
    application_id: int = Field(foreign_key="application.id", index=True, unique=True)
    name: str
    position: str = ""
    organization: str = ""
    disqualified: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    disqualified_at: datetime | None = Field(default=None, sa_column=utc_column())


class Vote(SQLModel, table=True):
    """One counted vote. Its voter is only HMAC(ballot key, voter nonce); see the module."""

    __tablename__ = "vote"

    # Random, never sequential: assigned by jury.voting, not by the database.
    id: int = Field(sa_column=Column(VOTE_ID, primary_key=True, autoincrement=False))
    voter_hash: str = Field(index=True, unique=True)  # one vote per voter
    participant_id: int = Field(foreign_key="participant.id", index=True)
    day: date  # the contest zone's day it arrived, for turnout; no time of day


class BallotReply(SQLModel, table=True):
    """A message that claimed to be a ballot and counted nothing, and why."""

    __tablename__ = "ballot_reply"

    id: int | None = Field(default=None, primary_key=True)
    inbound_id: int = Field(foreign_key="inbound_message.id", index=True, unique=True)
    voter_id: int | None = Field(default=None, foreign_key="voter.id", index=True)
    sender: str = ""
    outcome: BallotOutcome = Field(index=True)
    detail: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    received_at: datetime | None = Field(default=None, sa_column=utc_column())


class VotingAudit(SQLModel, table=True):
    """What organizers did: verify, force, reject, strike, disqualify. Never a choice."""

    __tablename__ = "voting_audit"

    id: int | None = Field(default=None, primary_key=True)
    action: str = Field(index=True)  # verify | force | reject | strike | disqualify | import
    voter_id: int | None = Field(default=None, foreign_key="voter.id", index=True)
    participant_id: int | None = Field(default=None, foreign_key="participant.id")
    note: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    votes_removed: int = 0  # a strike: 1 when the voter had voted, never for whom
    done_by: str = "command line"
    done_at: datetime = Field(sa_column=utc_column(nullable=False))


class BallotKeyCheck(SQLModel, table=True):
    """Proof that the ballot key given now is the one the votes were recorded with:
    HMAC(key, a fixed text). A wrong key would count a second vote as a first."""

    __tablename__ = "ballot_key_check"

    id: int | None = Field(default=None, primary_key=True)
    fingerprint: str
    made_at: datetime = Field(sa_column=utc_column(nullable=False))
