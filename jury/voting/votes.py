"""A ballot by email: proven the voter's, read, counted once, answered, and then forgotten.

Only a reply from the voter's address with the voter's token (and DKIM, when asked)
counts, exactly as for jurors (`jury.authentication`). A forged ballot records nothing:
the address it claims, if a voter's, gets a notice; a stranger gets nothing.

What the database keeps of a counted vote is the participant, the day, and
HMAC(ballot key, voter nonce) (`hub.models.voting`). The ballot's row is concealed here
(`conceal`: sender, subject, Message-ID erased; a keyed hash of the Message-ID kept, so
a replay is recognised), the answer is erased from the outbox once sent, and the raw
copy and the server's copy go after the acknowledgement (`hub.mail.erasure`). Nothing
here logs a choice; a refusal's log line names the outcome and the sealed id only.
"""

from __future__ import annotations

import logging
import secrets
from datetime import date

from sqlmodel import Session, select

from hub.config import Language
from hub.db import as_utc
from hub.mail.handling import Handling
from hub.mail.htmltext import html_to_text
from hub.mail.letter import Letter
from hub.mail.outbox import Answer
from hub.mail.pipeline import conceal
from hub.mail.router import Route, RouteContext
from hub.models import (
    BallotOutcome,
    BallotReply,
    InboundMessage,
    MessageKind,
    Participant,
    Vote,
    Voter,
    VoterState,
)
from hub.texts import render
from hub.tokens import VOTER, find_tokens, make_token
from jury.authentication import identify
from jury.quoting import own_text
from jury.voting.choice import read_choice
from jury.voting.keys import ballot_key, keyed, voting_of
from jury.voting.lookups import VoterLookups
from jury.voting.moments import closes_at, contest_day, opens_at
from jury.voting.registration_form import is_registration
from jury.voting.texts import ANSWER_TITLE, closes_text, contest_name, markers, opens_text

log = logging.getLogger(__name__)
VOTE_ID_BITS = 62  # positive in a signed 64-bit column


def detect_vote(letter: Letter, context: RouteContext) -> Route | None:
    if context.config.voting is None:
        return None
    text = letter.text_plain or html_to_text(letter.text_html)
    if find_tokens(f"{letter.subject}\n{text}", VOTER):
        return Route(MessageKind.VOTE, "carries a ballot token", secret=True)
    voter = context.lookups.of(VoterLookups).voter(context.session, letter.sender)
    if voter is not None and not is_registration(letter.subject, own_text(text)):
        return Route(MessageKind.VOTE, "from a voter's address", secret=True)
    return None


def voter_hash(key: bytes, voter: Voter) -> str:
    return keyed(key, "voter", voter.token_nonce)


def has_voted(session: Session, key: bytes, voter: Voter) -> bool:
    return session.exec(select(Vote.id).where(
        Vote.voter_hash == voter_hash(key, voter))).first() is not None


def new_vote_id(session: Session) -> int:
    while True:
        candidate = secrets.randbits(VOTE_ID_BITS) or 1
        if session.get(Vote, candidate) is None:
            return candidate


def handle_vote(handling: Handling) -> None:
    session, message, letter = handling.session, handling.message, handling.letter
    config = handling.context.config
    voting = voting_of(config)
    key = ballot_key(config)
    now = handling.context.clock.now()
    arrived = as_utc(message.internaldate) or now
    text = letter.text_plain or html_to_text(letter.text_html)
    tokens = find_tokens(f"{letter.subject}\n{text}", VOTER)
    sealed = "sealed:" + keyed(key, "message-id", letter.message_id or message.sha256)
    replayed = session.exec(select(InboundMessage.id).where(
        InboundMessage.message_id == sealed, InboundMessage.id != message.id)).first()
    conceal(message, sealed)
    reply = BallotReply(inbound_id=message.id or 0, sender=letter.sender,
                        outcome=BallotOutcome.FORGED, received_at=arrived)
    if replayed is not None:
        # The same ballot again (a resend, a replay): it was answered the first time.
        reply.outcome, reply.detail = BallotOutcome.REPLAY, f"a copy of message #{replayed}"
        session.add(reply)
        return
    lookups = handling.lookups.of(VoterLookups)
    identity = identify(letter.sender, tokens, lookups.holders(session, letter.sender, tokens),
                        letter.headers, voting)
    voter = identity.juror
    reply.voter_id = voter.id if voter is not None else None
    if not identity.proven:
        reply.detail = identity.verdict.value
        session.add(reply)
        log.warning("%s: a ballot that proves nothing (%s)", sealed, identity.verdict.value)
        if voter is not None:  # to the voter's own address: the real voter reads it there
            _answer(handling, voter, sealed, identity.verdict.value)
        elif identity.token_owner is not None:
            _warn_owner(handling, identity.token_owner,
                        contest_day(arrived, config.contest.timezone))
        elif not tokens:
            _unverified(handling, reply, sealed)
        return
    assert voter is not None
    zone = config.contest.timezone
    outcome: BallotOutcome | None = None
    if voter.state is not VoterState.VERIFIED:
        outcome = BallotOutcome.NOT_ALLOWED
    elif arrived < opens_at(voting, zone):
        outcome = BallotOutcome.EARLY
    elif arrived >= closes_at(voting, zone):
        outcome = BallotOutcome.LATE
    elif has_voted(session, key, voter):
        outcome = BallotOutcome.SECOND
    participant: Participant | None = None
    if outcome is None:
        participants = lookups.ballot(session)
        number = read_choice(own_text(text), letter.subject, participants)
        participant = next((row for row in participants if row.number == number), None)
        if participant is None:
            outcome = BallotOutcome.UNREADABLE
        elif participant.disqualified is not None:
            outcome = BallotOutcome.DISQUALIFIED
    if outcome is not None:
        reply.outcome, reply.detail = outcome, ""
        session.add(reply)
        log.info("%s: a ballot not counted (%s)", sealed, outcome.value)
        _answer(handling, voter, sealed, outcome.value)
        return
    assert participant is not None and participant.id is not None
    session.add(Vote(id=new_vote_id(session), voter_hash=voter_hash(key, voter),
                     participant_id=participant.id, day=contest_day(arrived, zone)))
    session.flush()  # a second ballot in the same batch must see this one
    shown = participant if voting.confirm_choice else None
    _answer(handling, voter, sealed, "recorded", shown)


def _unverified(handling: Handling, reply: BallotReply, sealed: str) -> None:
    """A vote from a registered voter who holds no ballot (not verified yet, or rejected):
    identify() knows only voters with a token, so it is a stranger's there, but the voter
    is told at their own address why it cannot count rather than met with silence."""
    known = handling.lookups.of(VoterLookups).voter(handling.session, handling.letter.sender)
    if known is None or known.state is VoterState.VERIFIED:
        return
    reply.outcome, reply.voter_id, reply.detail = BallotOutcome.NOT_ALLOWED, known.id, \
        known.state.value
    _answer(handling, known, sealed,
            "not_verified" if known.state is VoterState.REGISTERED else "not_allowed")


def _warn_owner(handling: Handling, voter: Voter, day: date) -> None:
    """A stranger's email carried this voter's ballot token: the voter is told at their
    own address (the stranger gets nothing). Often it is the voter, replying from another
    mailbox, who would otherwise take silence for a vote counted; if not, their code is
    out and the organizers should know. One such notice a voter a day, so a forger
    cannot flood the voter's mailbox. It names no choice, the forger's or anyone's."""
    _answer(handling, voter, f"token-elsewhere:{voter.id}:{day.isoformat()}",
            "stolen_token", other=handling.letter.sender, threaded=False)


def _answer(handling: Handling, voter: Voter, sealed: str, outcome: str,
            participant: Participant | None = None, *, other: str = "",
            threaded: bool = True) -> None:
    """Every answer to a ballot goes to the voter's own address and is erased once sent.
    `threaded`: in reply to the ballot's email, which the voter sent."""
    config = handling.context.config
    language = Language(voter.language)
    lookups = handling.lookups.of(VoterLookups)
    token = make_token(lookups.key(config.storage_path), voter.token_nonce, VOTER) \
        if voter.token_nonce else ""
    count = len(lookups.ballot(handling.session))
    text = render("vote_answer", language, contest=contest_name(config, language),
                  token=token, outcome=outcome, count=count,
                  participant={"number": participant.number, "name": participant.name}
                  if participant is not None else None,
                  closes=closes_text(config, language), opens=opens_text(config, language),
                  other=other,
                  **(markers(token, ANSWER_TITLE) if token else {"begin": "", "end": ""}))
    letter = handling.letter
    handling.answer(Answer(
        dedup_key=f"vote-answer:{sealed}", to_address=voter.email, to_name=voter.name,
        subject=text.subject, body_text=text.body, purpose="vote-answer",
        language=language.value, in_reply_to=letter.message_id if threaded else "",
        references=" ".join(ref for ref in [*letter.references, letter.message_id] if ref)
        if threaded else "",
        rate_limited=False, secret=True,
    ))
