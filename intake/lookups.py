"""Intake's questions about earlier mail: whose application is this, and is it a copy.

Asked one at a time by `ApplicantLookups`, or once for a whole batch of messages by
`BatchApplicantLookups`, which then learns what the batch does (a message handled, an
application opened) so the tenth message of a batch finds the application the third
one opened. The pipeline makes the batch kind on its fast path; see `hub.mail.lookups`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from hub.mail.lookups import KindLookups
from hub.models import Application, InboundMessage, MessageKind
from hub.organizations import organization_key
from intake.colleagues import earlier_colleagues, is_earlier_colleague, organization_of
from intake.people import find_duplicate, looks_like_same_person, same_person

APPLICANT_KINDS = (MessageKind.APPLICATION, MessageKind.AMENDMENT)


class ApplicantLookups(KindLookups):
    """Each question asked of the database when it comes up."""

    @classmethod
    def for_batch(cls, session: Session, messages: Sequence[InboundMessage],
                  now: datetime) -> ApplicantLookups:
        return BatchApplicantLookups(session, messages)

    def earlier_applicant_message(self, session: Session, sender: str,
                                  message_id: int | None) -> int | None:
        """The id of the first application or amendment from this sender, other than this."""
        return session.exec(
            select(InboundMessage.id)
            .where(InboundMessage.sender == sender,
                   col(InboundMessage.kind).in_(APPLICANT_KINDS),
                   col(InboundMessage.id) != message_id)
            .order_by(col(InboundMessage.id))
            .limit(1)
        ).first()

    def application_of(self, session: Session, email: str) -> Application | None:
        """The application this address opened (one person, one application)."""
        return session.exec(
            select(Application).where(Application.email == email)
            .order_by(col(Application.id)).limit(1)
        ).first()

    def duplicate_of(self, session: Session, application: Application) -> Application | None:
        """The earliest application of what looks like the same person from another
        address (intake.people)."""
        return find_duplicate(session, application)

    def same_organization_as(self, session: Session,
                             application: Application) -> Application | None:
        """The earliest application before this one from the same organization, from
        another address (intake.colleagues)."""
        return next(iter(earlier_colleagues(session, application)), None)

    def opened(self, application: Application) -> None:
        """`application` was opened in this transaction."""


class BatchApplicantLookups(ApplicantLookups):
    """The same questions, answered for a whole batch from a few queries."""

    def __init__(self, session: Session, messages: Sequence[InboundMessage]) -> None:
        senders = sorted({m.sender for m in messages if m.sender})
        self._senders = set(senders)
        self._applicant: dict[str, int] = {}
        self._applications: dict[str, Application] = {}
        self._senders_applications: list[Application] = []  # every one, for duplicates
        if not senders:
            return
        for sender, first_id in session.exec(
            select(InboundMessage.sender, func.min(InboundMessage.id))
            .where(col(InboundMessage.sender).in_(senders),
                   col(InboundMessage.kind).in_(APPLICANT_KINDS))
            .group_by(col(InboundMessage.sender))
        ).all():
            if first_id is not None:
                self._applicant[sender] = first_id
        for application in session.exec(
            select(Application).where(col(Application.email).in_(senders))
            .order_by(col(Application.id).desc())
        ).all():
            self._applications[application.email] = application  # the earliest wins
            self._senders_applications.append(application)

    def earlier_applicant_message(self, session: Session, sender: str,
                                  message_id: int | None) -> int | None:
        if sender not in self._senders:
            return super().earlier_applicant_message(session, sender, message_id)
        first = self._applicant.get(sender)
        if first is not None and first == message_id:
            # This very message was classified before (a reprocess): ask for another.
            return super().earlier_applicant_message(session, sender, message_id)
        return first

    def application_of(self, session: Session, email: str) -> Application | None:
        if email not in self._senders:
            return super().application_of(session, email)
        return self._applications.get(email)

    def duplicate_of(self, session: Session, application: Application) -> Application | None:
        # Without the flush a query would first make of every change pending in the
        # batch: the database is asked about the applications of other senders only,
        # and the batch's own are compared in memory, where they are up to date.
        with session.no_autoflush:
            stored = [row for row in same_person(session, application)
                      if row.email not in self._senders]
        in_batch = [row for row in self._senders_applications
                    if looks_like_same_person(application, row)]
        return min([*stored, *in_batch], key=lambda row: row.id or 0, default=None)

    def same_organization_as(self, session: Session,
                             application: Application) -> Application | None:
        # As for duplicates: the batch's own applications are compared in memory.
        with session.no_autoflush:
            stored = earlier_colleagues(session, application, frozenset(self._senders))
        key = organization_key(organization_of(application))
        in_batch = [row for row in self._senders_applications
                    if is_earlier_colleague(application, row, key)]
        return min([*stored, *in_batch], key=lambda row: row.id or 0, default=None)

    def handled(self, message: InboundMessage) -> None:
        if message.kind in APPLICANT_KINDS and message.sender and message.id is not None:
            first = self._applicant.get(message.sender)
            if first is None or message.id < first:
                self._applicant[message.sender] = message.id

    def opened(self, application: Application) -> None:
        self._applications.setdefault(application.email, application)
        self._senders_applications.append(application)
