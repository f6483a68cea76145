"""Is this reply really the juror's (or the voter's)? Their address, their token, and
(optionally) DKIM.

A voter's ballot is proven exactly as a juror's sheet (`jury.voting.votes`): the same
question is asked of any token holder, under the `require_dkim` and `authserv_id` of the
jury's section or the voting's.

A From header costs a forger nothing, so a reply counts only when it comes from the
juror's address AND carries that juror's token from the sheet. With
`jury.require_dkim`, it must also pass DKIM or DMARC according to the topmost
Authentication-Results header written by our own mail server (`jury.authserv_id`);
any Authentication-Results below it, or from another server, was written by someone
we cannot trust. The header is parsed with `authres` (RFC 8601), not a regex.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from email.message import Message
from enum import StrEnum
from typing import Generic, Protocol, TypeVar

import authres

from hub.tokens import token_hash


class TokenHolder(Protocol):
    """A juror or a voter: an address, the hash of their token, and whether it counts."""

    @property
    def email(self) -> str: ...

    @property
    def token_hash(self) -> str: ...

    @property
    def active(self) -> bool: ...


class DkimPolicy(Protocol):
    """The jury's or the voting's section: whether DKIM is required, and our server."""

    @property
    def require_dkim(self) -> bool: ...

    @property
    def authserv_id(self) -> str: ...


H = TypeVar("H", bound=TokenHolder)


class Verdict(StrEnum):
    JUROR = "juror"  # the juror's address with the juror's token (and DKIM when required)
    NO_TOKEN = "no_token"  # a juror's address, no token of any juror
    OTHER_TOKEN = "other_token"  # a juror's address with another juror's token
    UNKNOWN_TOKEN = "unknown_token"  # a juror's address, a token of no juror (another contest)
    STOLEN_TOKEN = "stolen_token"  # a stranger's address with a juror's token
    STRANGER = "stranger"  # a stranger's address with a token of no juror
    NO_DKIM = "no_dkim"  # the juror's address and token, but DKIM/DMARC did not pass


@dataclass(frozen=True)
class Identity(Generic[H]):
    verdict: Verdict
    juror: H | None  # whose reply it is (JUROR, NO_DKIM), or whose address it came from
    detail: str
    token_owner: H | None = None  # STOLEN_TOKEN: whose token a stranger's email carried

    @property
    def proven(self) -> bool:
        return self.verdict is Verdict.JUROR

    @property
    def from_a_juror(self) -> bool:
        """The sender's address is a juror's: the real juror may read an answer there."""
        return self.juror is not None


def identify(sender: str, tokens: Sequence[str], jurors: Sequence[H],
             headers: Message, jury: DkimPolicy) -> Identity[H]:
    by_address = {juror.email: juror for juror in jurors if juror.active}
    by_hash = {juror.token_hash: juror for juror in jurors if juror.active}
    owner = by_address.get(sender.lower())
    holders = [by_hash[token_hash(token)] for token in tokens if token_hash(token) in by_hash]
    if owner is None:
        if holders:
            return Identity(Verdict.STOLEN_TOKEN, None,
                            f"the token of {holders[0].email} from {sender}", holders[0])
        return Identity(Verdict.STRANGER, None, f"a token of no juror from {sender}")
    if owner in holders:
        if jury.require_dkim and not dkim_passed(headers, jury.authserv_id, sender):
            return Identity(Verdict.NO_DKIM, owner,
                            f"no DKIM or DMARC pass from {jury.authserv_id}")
        return Identity(Verdict.JUROR, owner, "the juror's address and token")
    if holders:
        return Identity(Verdict.OTHER_TOKEN, owner, f"the token of {holders[0].email}")
    if tokens:
        return Identity(Verdict.UNKNOWN_TOKEN, owner, "a token of no juror of this contest")
    return Identity(Verdict.NO_TOKEN, owner, "no token")


def dkim_passed(headers: Message, authserv_id: str, sender: str) -> bool:
    """Whether our own server's topmost Authentication-Results says DKIM (for the From
    domain) or DMARC passed."""
    domain = sender.rpartition("@")[2].lower()
    for value in headers.get_all("Authentication-Results") or []:
        try:
            parsed = authres.AuthenticationResultsHeader.parse(
                f"Authentication-Results: {value}")
        except Exception:  # authres raises its own and ValueError on a malformed header
            continue
        if str(parsed.authserv_id).lower() != authserv_id.lower():
            continue
        # The topmost of ours decides; anything below it came with the message.
        return any(_passes(result, domain) for result in parsed.results)
    return False


def _passes(result: object, domain: str) -> bool:
    method = str(getattr(result, "method", "")).lower()
    if str(getattr(result, "result", "")).lower() != "pass":
        return False
    if method == "dmarc":
        return True
    if method == "dkim":
        signer = str(getattr(result, "header_d", "") or "").lower()
        # Aligned, as DMARC's relaxed mode has it: the signer is the From domain or a
        # parent of it (mail.ru signs for mail.ru, not for a stranger's domain).
        return bool(signer) and (domain == signer or domain.endswith("." + signer))
    return False
