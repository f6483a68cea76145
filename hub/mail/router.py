"""The router's first question: what is this message, and should a person get an answer?

Machine mail is recognised first and never answered (RFC 3834): auto-replies, bounces
and delivery reports, complaint reports, mailing lists, and our own answers coming
back. Then each kind's detectors get their turn, in the order the composition root
registered the kinds (`hub.mail.kinds`): jury replies and votes before applications,
whose last detector takes any person's first email. A message no detector claims is
`other`, kept for a person and never answered.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from sqlmodel import Session, col, select

from hub.config import Config
from hub.mail.letter import Letter
from hub.mail.lookups import Lookups
from hub.models import InboundMessage, MessageKind, OutboundMessage


@dataclass(frozen=True)
class Route:
    kind: MessageKind
    reason: str
    # A secret ballot: if handling it fails, the quarantine says nothing of its content.
    secret: bool = False


@dataclass(frozen=True)
class RouteContext:
    session: Session
    config: Config
    message: InboundMessage
    lookups: Lookups = field(default_factory=Lookups)


# A detector claims a message for its kind (a jury reply, a vote) or passes with None.
Detector = Callable[[Letter, RouteContext], Route | None]

MACHINE_SENDERS = re.compile(
    r"^(mailer-daemon|postmaster|no-?reply|do-?not-?reply|bounces?|mail-?daemon)([+\-.].*)?@",
    re.IGNORECASE,
)
BULK_PRECEDENCE = {"bulk", "junk", "list", "auto_reply"}
REPORT_TYPES = re.compile(r"multipart/report|message/delivery-status|message/feedback-report",
                          re.IGNORECASE)
AUTO_REPLY_HEADERS = ("X-Autoreply", "X-Autorespond", "X-Autoresponder")


def machine_reason(letter: Letter, config: Config) -> str | None:
    """Why this message came from a machine, or None when a person seems to have sent it."""
    own = config.smtp.from_address.lower()
    if own in letter.header("X-Loop").lower() or letter.sender == own:
        return "our own mail came back (X-Loop)"
    auto = letter.header("Auto-Submitted").strip().lower()
    if auto and auto.split(";")[0].strip() != "no":
        return f"Auto-Submitted: {auto}"
    precedence = letter.header("Precedence").strip().lower()
    if precedence in BULK_PRECEDENCE:
        return f"Precedence: {precedence}"
    for name in ("List-Id", "List-Unsubscribe", "List-Post"):
        if letter.header(name):
            return f"mailing list ({name})"
    for name in AUTO_REPLY_HEADERS:
        if letter.header(name):
            return f"auto-reply ({name})"
    suppress = letter.header("X-Auto-Response-Suppress").lower()
    if any(word in suppress for word in ("all", "oof", "autoreply")):
        return f"X-Auto-Response-Suppress: {suppress}"
    return_path = letter.header("Return-Path").strip()
    if letter.header_count("Return-Path") and return_path in ("<>", ""):
        return "empty Return-Path (a bounce)"
    if REPORT_TYPES.search(letter.header("Content-Type")):
        return "delivery or feedback report"
    if not letter.sender:
        return None
    if MACHINE_SENDERS.match(letter.sender):
        return f"robot sender {letter.sender}"
    return None


def is_reply_to_us(letter: Letter, session: Session) -> bool:
    ids = [*letter.references, letter.in_reply_to]
    ids = [value for value in ids if value]
    if not ids:
        return False
    found = session.exec(
        select(OutboundMessage.id).where(col(OutboundMessage.message_id).in_(ids)).limit(1)
    ).first()
    return found is not None


def classify(letter: Letter, context: RouteContext, detectors: Sequence[Detector] = (),
             organizer_detectors: Sequence[Detector] = ()) -> Route:
    reason = machine_reason(letter, context.config)
    if reason is not None:
        return Route(MessageKind.MACHINE, reason)
    if not letter.sender:
        return Route(MessageKind.OTHER, "no usable sender address in From")
    if letter.sender in context.config.contest.organizer_addresses:
        # Organizers write to the contest address too (a forward, a test, a decision by
        # reply to their digest); they are never entrants, and what no organizer detector
        # claims waits for a person in `baiqau export messages`.
        for detect in organizer_detectors:
            route = detect(letter, context)
            if route is not None:
                return route
        return Route(MessageKind.OTHER, "from an organizer")
    for detect in detectors:
        route = detect(letter, context)
        if route is not None:
            return route
    return Route(MessageKind.OTHER, "no kind of contest mail claimed it")
