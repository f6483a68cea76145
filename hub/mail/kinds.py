"""A kind of contest mail, as the pipeline learns it: how to recognise it, how to handle it.

Applications, jury replies, votes and organizers' decisions all arrive in the one
contest mailbox. `hub.mail` knows none of them by name: each kind's package describes
itself as a `MailKind`, and the composition root (`baiqau.service`) hands the list to
the pipeline. The order of that list is the order the router asks the detectors in, so
a kind that claims specific mail (a juror's reply carrying a token) comes before one
that takes whatever a person sends (a new application).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from hub.mail.handling import Handler
from hub.mail.lookups import KindLookups
from hub.mail.router import Detector
from hub.models import MessageKind


@dataclass(frozen=True)
class MailKind:
    name: str
    detectors: Sequence[Detector]
    handlers: Mapping[MessageKind, Handler]
    # The kind's questions about earlier mail, asked once per batch on the fast path.
    lookups: Sequence[type[KindLookups]] = field(default_factory=tuple)
    # Asked of mail from an organizer's address, which no other detector sees (an
    # organizer writing to the contest address is never an entrant).
    organizer_detectors: Sequence[Detector] = field(default_factory=tuple)
