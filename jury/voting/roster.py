"""What organizers do to voters and participants: load a roster, verify, reject, strike
off, disqualify. Each is written to `voting_audit`, and none of them ever prints or
records a choice: striking a voter removes their vote, if any, from the count, and the
audit says only that one vote was removed.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import delete, text
from sqlmodel import Session, select

from hub.config import Language
from hub.context import Context
from hub.mail.outbox import Answer, queue_answer
from hub.models import Participant, Vote, Voter, VoterState, VotingAudit
from hub.texts import render
from jury.voting.ballots import send_ballots_in
from jury.voting.keys import ballot_key, voting_of
from jury.voting.moments import is_open, opens_at
from jury.voting.organizations import conflicts
from jury.voting.participants import members
from jury.voting.registration import below_threshold
from jury.voting.registration_form import normal_phone, platform_of, read_followers
from jury.voting.texts import closes_text, contest_name, opens_text
from jury.voting.votes import voter_hash

# A roster's columns; Russian headers are read too.
COLUMNS = {"email": ("email", "e-mail", "почта", "адрес"),
           "name": ("name", "фио", "аты-жөні"),
           "phone": ("phone", "телефон"),
           "outlet": ("outlet", "сми", "бақ", "издание"),
           "account": ("account", "аккаунт", "блог"),
           "followers": ("followers", "подписчики", "жазылушылар"),
           "language": ("language", "язык", "тіл")}


class RosterError(Exception):
    """An organizer's command cannot be done as asked (the message says why)."""


@dataclass
class Outcome:
    done: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (address, why)
    ballots: int = 0


def find_voter(session: Session, address: str) -> Voter:
    voter = session.exec(select(Voter).where(Voter.email == address.strip().lower())).first()
    if voter is None:
        raise RosterError(f"no voter {address!r} (see baiqau voters list)")
    return voter


def import_voters(session: Session, context: Context, path: Path) -> Outcome:
    """Add a roster (CSV with a header row): new voters are registered, waiting for
    verification as if they had written; known addresses are left as they are."""
    outcome = Outcome()
    now = context.clock.now()
    with path.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
    for number, row in enumerate(rows, start=2):
        values = _columns(row)
        address = values.get("email", "").lower()
        if "@" not in address:
            outcome.refused.append((f"line {number}", "no email address"))
            continue
        if session.exec(select(Voter).where(Voter.email == address)).first() is not None:
            outcome.refused.append((address, "already registered"))
            continue
        language = values.get("language", "") or context.config.contest.default_language.value
        if language not in {item.value for item in Language}:
            outcome.refused.append((address, f"language {language!r} is not kk, ru or en"))
            continue
        account = values.get("account", "")
        voter = Voter(email=address, name=values.get("name", ""),
                      phone=normal_phone(values.get("phone", "")) or values.get("phone", ""),
                      outlet=values.get("outlet", ""), blog_account=account,
                      blog_platform=platform_of(account), language=language,
                      followers=read_followers(values.get("followers", "")) if
                      values.get("followers") else None, source="import", registered_at=now)
        session.add(voter)
        session.flush()
        session.add(VotingAudit(action="import", voter_id=voter.id, note=str(path.name),
                                done_at=now))
        outcome.done.append(address)
    return outcome


def _columns(row: dict[str, str | None]) -> dict[str, str]:
    found: dict[str, str] = {}
    for header, value in row.items():
        name = (header or "").strip().casefold()
        for key, names in COLUMNS.items():
            if name in names:
                found[key] = " ".join((value or "").split())
    return found


def verify(session: Session, context: Context, addresses: Sequence[str], *,
           force: bool) -> Outcome:
    """Verify voters; a participant's own press office, or a blogger under the threshold,
    is refused with the reason unless `force` (which the audit records)."""
    outcome = Outcome()
    now = context.clock.now()
    team = members(session)
    verified = []
    for address in addresses:
        voter = find_voter(session, address)
        if voter.state is VoterState.VERIFIED:
            outcome.refused.append((voter.email, "already verified"))
            continue
        if voter.state is VoterState.STRUCK:
            outcome.refused.append((voter.email, "struck off; a struck voter stays struck"))
            continue
        reasons = conflicts(voter.email, voter.outlet, team)
        low = below_threshold(context.config, voter)
        if low is not None:
            reasons.append(f"{low['followers']} followers on {low['platform']}, under "
                           f"voting.min_followers.{low['platform']} = {low['threshold']}")
        if reasons and not force:
            outcome.refused.append((voter.email, "; ".join(reasons)))
            continue
        voter.state, voter.reason = VoterState.VERIFIED, ""
        session.add(voter)
        session.add(VotingAudit(action="force" if reasons else "verify", voter_id=voter.id,
                                note="; ".join(reasons), done_at=now))
        verified.append(voter)
        outcome.done.append(voter.email)
    session.flush()
    if verified and is_open(context.config, now):
        outcome.ballots = send_ballots_in(session, context, verified).sent
    for voter in verified:
        if voter.ballot_sent_at is None:
            _tell(session, context, voter, "verified")
    return outcome


def reject(session: Session, context: Context, address: str, reason: str) -> Voter:
    voter = find_voter(session, address)
    if voter.state is not VoterState.REGISTERED:
        raise RosterError(f"{voter.email} is {voter.state.value}; only a registration that "
                          "waits can be rejected (a verified voter is struck off)")
    voter.state, voter.reason = VoterState.REJECTED, reason
    session.add(voter)
    session.add(VotingAudit(action="reject", voter_id=voter.id, note=reason,
                            done_at=context.clock.now()))
    _tell(session, context, voter, "rejected")
    return voter


def strike(session: Session, context: Context, address: str, reason: str) -> int:
    """Strike a voter off as fake; returns the votes removed (0 or 1), never for whom."""
    voter = find_voter(session, address)
    if voter.state is VoterState.STRUCK:
        raise RosterError(f"{voter.email} is struck off already")
    removed = 0
    if voter.token_nonce:
        key = ballot_key(context.config)
        if session.connection().dialect.name == "sqlite":
            # The deleted row's bytes are zeroed, not left in the page's free space.
            session.execute(text("PRAGMA secure_delete=ON"))
        result = session.execute(delete(Vote).where(
            Vote.voter_hash == voter_hash(key, voter)))  # type: ignore[arg-type]
        removed = int(result.rowcount)  # type: ignore[attr-defined]
    voter.state, voter.reason = VoterState.STRUCK, reason
    session.add(voter)
    session.add(VotingAudit(action="strike", voter_id=voter.id, note=reason,
                            votes_removed=removed, done_at=context.clock.now()))
    _tell(session, context, voter, "struck")
    return removed


def disqualify(session: Session, context: Context, number: int, reason: str) -> Participant:
    participant = session.exec(select(Participant).where(Participant.number == number)).first()
    if participant is None:
        raise RosterError(f"no participant №{number} on the ballot (numbers are fixed when "
                          "ballots first go out: baiqau ballots send)")
    if participant.disqualified is not None:
        raise RosterError(f"participant №{number} is disqualified already")
    now = context.clock.now()
    participant.disqualified, participant.disqualified_at = reason, now
    session.add(participant)
    session.add(VotingAudit(action="disqualify", participant_id=participant.id, note=reason,
                            done_at=now))
    return participant


def _tell(session: Session, context: Context, voter: Voter, decision: str) -> None:
    config = context.config
    language = Language(voter.language)
    voting = voting_of(config)
    before = context.clock.now() < opens_at(voting, config.contest.timezone)
    text = render("voter_decision", language, contest=contest_name(config, language),
                  name=voter.name, decision=decision, reason=voter.reason,
                  opens=opens_text(config, language) if before else "",
                  closes=closes_text(config, language))
    queue_answer(session, Answer(
        dedup_key=f"voter-{decision}:{voter.id}", to_address=voter.email, to_name=voter.name,
        subject=text.subject, body_text=text.body, purpose=f"voter-{decision}",
        language=language.value, rate_limited=False,
    ), config=config, clock=context.clock)
