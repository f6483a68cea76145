"""Which mail is an entrant's: a reply quoting its number, a reply to one of our answers,
a later email from the same address, or a person's first email to the contest.

These are intake's detectors for the router (`hub.mail.router`). They come last among
the kinds' detectors, and the last of them takes any person's mail that nothing else
claimed: in a creative contest, a stranger writing to the contest address is most
likely applying, and the answer tells them what the form needs.
"""

from __future__ import annotations

import re

from sqlmodel import select

from hub.config import Config
from hub.mail.letter import Letter
from hub.mail.router import Route, RouteContext, is_reply_to_us
from hub.models import Application, MessageKind
from intake.lookups import ApplicantLookups


def number_pattern(config: Config) -> re.Pattern[str]:
    prefix = re.escape(config.contest.application_prefix)
    return re.compile(rf"(?<![\w-]){prefix}-(\d{{4,}})(?!\d)", re.IGNORECASE)


def detect_number_in_subject(letter: Letter, context: RouteContext) -> Route | None:
    """A reply that quotes its application's number changes that application.

    Only from the application's own address: a number is no password, and a stranger
    quoting it must not change someone else's application.
    """
    found = number_pattern(context.config).search(letter.subject)
    if found is None:
        return None
    number = f"{context.config.contest.application_prefix}-{found.group(1)}"
    application = context.session.exec(
        select(Application).where(Application.number == number)
    ).first()
    if application is None or application.email != letter.sender:
        return None
    return Route(MessageKind.AMENDMENT, f"quotes application {number} in the subject")


def detect_reply(letter: Letter, context: RouteContext) -> Route | None:
    """A reply to one of our answers changes the sender's application."""
    if is_reply_to_us(letter, context.session):
        return Route(MessageKind.AMENDMENT, "a reply to one of our answers")
    return None


def detect_later_email(letter: Letter, context: RouteContext) -> Route | None:
    """One person, one application (regulation 3.3): a later email from the same address
    changes the application its first email opened."""
    earlier = context.lookups.of(ApplicantLookups).earlier_applicant_message(
        context.session, letter.sender, context.message.id)
    if earlier is not None:
        return Route(MessageKind.AMENDMENT, f"a later email from the sender of #{earlier}")
    return None


def detect_first_email(letter: Letter, context: RouteContext) -> Route | None:
    return Route(MessageKind.APPLICATION, "a person's first email to the contest")


DETECTORS = (detect_number_in_subject, detect_reply, detect_later_email, detect_first_email)
