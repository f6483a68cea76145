"""The ballot key: what links a vote to its voter, held outside the database.

The organizers put it in the environment variable `voting.ballot_key_env` names
(`BAIQAU_BALLOT_KEY`). Every link between a voter and anything secret is an HMAC under
it: the vote's `voter_hash`, and the Message-ID kept of a ballot email. A copy of the
database without the key pairs nobody with anything, so long as the key cannot be
guessed: it is stretched with scrypt, and a short one is refused.

The database keeps an HMAC of a fixed text under the key, so that a mistyped key stops
the command (exit 2) instead of counting a second vote as a first.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from datetime import datetime
from functools import cache

from sqlmodel import Session, select

from hub.config import Config, ConfigError
from hub.models import BallotKeyCheck
from hub.voting_config import VotingConfig

MIN_LENGTH = 20
_SALT = b"baiqau ballot key"
_CHECK = b"baiqau: this is the contest's ballot key"


def voting_of(config: Config) -> VotingConfig:
    if config.voting is None:
        raise ConfigError("voting: this contest's config has no [voting] section")
    return config.voting


def ballot_key(config: Config) -> bytes:
    """The key from the environment, stretched; ConfigError (exit 2) if it is missing."""
    voting = voting_of(config)
    value = os.environ.get(voting.ballot_key_env, "")
    if not value:
        raise ConfigError(
            f"voting.ballot_key_env: the environment variable {voting.ballot_key_env} is not "
            "set; voting does not start without the ballot key (make one with: python3 -c "
            "'import secrets; print(secrets.token_urlsafe(32))', and keep it safe: without "
            "it no vote can be matched to its voter again)")
    if len(value) < MIN_LENGTH:
        raise ConfigError(f"voting.ballot_key_env: {voting.ballot_key_env} holds "
                          f"{len(value)} characters; a ballot key has at least {MIN_LENGTH}")
    return _stretch(value)


@cache
def _stretch(value: str) -> bytes:
    # scrypt makes each guess at a weak key cost milliseconds, once per process for us.
    return hashlib.scrypt(value.encode("utf-8"), salt=_SALT, n=2**14, r=8, p=1, dklen=32)


def keyed(key: bytes, purpose: str, value: str) -> str:
    """HMAC-SHA256 of `value` for one purpose ("voter", "message-id"), as hex."""
    return hmac.new(key, f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()


def check_ballot_key(session: Session, key: bytes, now: datetime) -> None:
    """Refuse (ConfigError) a key other than the one this contest's votes were recorded
    with; remember the key's fingerprint the first time."""
    fingerprint = hmac.new(key, _CHECK, hashlib.sha256).hexdigest()
    known = session.exec(select(BallotKeyCheck)).first()
    if known is None:
        session.add(BallotKeyCheck(fingerprint=fingerprint, made_at=now))
        session.flush()
        return
    if not hmac.compare_digest(known.fingerprint, fingerprint):
        raise ConfigError("voting.ballot_key_env: this is not the ballot key this contest's "
                          "votes were recorded with; give the same key as before")
