"""The voting's questions about earlier mail: which senders of a batch are voters, and the
ballot (asked once per batch; a contest has thousands of voters, a batch a hundred)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from sqlmodel import Session, col, select

from hub.mail.lookups import KindLookups
from hub.models import InboundMessage, Participant, Voter
from hub.tokens import load_key, token_hash


class VoterLookups(KindLookups):
    def __init__(self, senders: Sequence[str] | None = None) -> None:
        self._senders = set(senders) if senders is not None else None
        self._by_address: dict[str, Voter] = {}
        self._loaded = False
        self._ballot: list[Participant] | None = None
        self._key: bytes | None = None

    @classmethod
    def for_batch(cls, session: Session, messages: Sequence[InboundMessage],
                  now: datetime) -> VoterLookups:
        return cls(sorted({message.sender for message in messages if message.sender}))

    def _load(self, session: Session) -> None:
        if self._loaded or self._senders is None:
            return
        self._by_address = {voter.email: voter for voter in session.exec(
            select(Voter).where(col(Voter.email).in_(sorted(self._senders)))).all()}
        self._loaded = True

    def voter(self, session: Session, address: str) -> Voter | None:
        self._load(session)
        if self._senders is not None and address in self._senders:
            return self._by_address.get(address)
        return session.exec(select(Voter).where(Voter.email == address.lower())).first()

    def holders(self, session: Session, sender: str, tokens: Sequence[str]) -> list[Voter]:
        """The voters a ballot could be from: the sender's address, and each token's owner."""
        found = {}
        owner = self.voter(session, sender)
        if owner is not None:
            found[owner.id] = owner
        # Most ballots carry the sender's own token: their voter, already found by
        # address, needs no second look-up (one SELECT a vote, most of identify's time).
        hashes = [digest for digest in (token_hash(token) for token in tokens)
                  if owner is None or digest != owner.token_hash]
        if hashes:
            for voter in session.exec(select(Voter).where(col(Voter.token_hash).in_(hashes))):
                found.setdefault(voter.id, voter)
        return list(found.values())

    def ballot(self, session: Session) -> list[Participant]:
        if self._ballot is None:
            self._ballot = list(session.exec(
                select(Participant).order_by(col(Participant.number))).all())
        return self._ballot

    def key(self, storage: Path) -> bytes:
        """The contest's token key (a file read once a batch, not for every answer)."""
        if self._key is None:
            self._key = load_key(storage)
        return self._key
