"""An organizer's decision on an application, and the letter that tells the entrant.

Reviews exist because some things only a person can settle (a birthday the form does not
give, a village not in the list, one person from two addresses). The organizer decides
from the command line; the entrant is told in their language, threaded onto their mail.
"""

from __future__ import annotations

import json

from sqlmodel import Session, col, select

from hub.config import Language
from hub.context import Context
from hub.db import session_scope
from hub.mail.outbox import Answer, queue_answer
from hub.models import Application, ApplicationStatus, Decision, InboundMessage
from hub.texts import render


class UnknownApplication(LookupError):
    """No application has that number."""


def find(session: Session, number: str) -> Application:
    application = session.exec(
        select(Application).where(Application.number == number.strip().upper())
    ).first()
    if application is None:
        raise UnknownApplication(f"no application {number}")
    return application


COMMAND_LINE = "command line"


def accept(context: Context, number: str, note: str = "") -> Application:
    """Accept, letting every review finding of the last check pass from now on."""
    with session_scope(context.engine) as session:
        return accept_in(session, context, find(session, number), note, by=COMMAND_LINE)


def reject(context: Context, number: str, note: str) -> Application:
    with session_scope(context.engine) as session:
        return reject_in(session, context, find(session, number), note, by=COMMAND_LINE)


def accept_in(session: Session, context: Context, application: Application, note: str, *,
              by: str, inbound_id: int | None = None) -> Application:
    """`accept` inside the caller's transaction (a decision by reply)."""
    reviews = [code for code in application.reason_codes.split()
               if code in _review_codes(application)]
    application.cleared_reviews = " ".join(
        sorted({*application.cleared_reviews.split(), *reviews}))
    return _decide(context, session, application, ApplicationStatus.ACCEPTED, note, by,
                   inbound_id)


def reject_in(session: Session, context: Context, application: Application, note: str, *,
              by: str, inbound_id: int | None = None) -> Application:
    return _decide(context, session, application, ApplicationStatus.REJECTED, note, by,
                   inbound_id)


def _review_codes(application: Application) -> set[str]:
    findings = json.loads(application.findings_json)
    return {item["code"] for item in findings if item.get("outcome") == "review"}


def _decide(context: Context, session: Session, application: Application,
            status: ApplicationStatus, note: str, by: str,
            inbound_id: int | None) -> Application:
    application.status = status
    application.decided_by_organizer = True
    application.decision_note = note
    application.updated_at = context.clock.now()
    session.add(Decision(application_id=application.id or 0, status=status.value, note=note,
                         decided_by=by, inbound_id=inbound_id,
                         decided_at=application.updated_at))
    session.flush()
    _tell_entrant(context, session, application)
    return application


def _tell_entrant(context: Context, session: Session, application: Application) -> None:
    config = context.config
    language = Language(application.language or config.contest.default_language)
    text = render("decision", language, contest=config.contest.name.get(language, ""),
                  number=application.number, name=application.name,
                  decision=application.status.value, note=application.decision_note)
    last = session.exec(
        select(InboundMessage).where(InboundMessage.application_id == application.id)
        .order_by(col(InboundMessage.id).desc()).limit(1)
    ).first()
    queue_answer(session, Answer(
        # One letter per decision: a later change of mind is a new decision.
        dedup_key=f"decision:{application.number}:{application.status.value}:"
                  f"{application.updated_at.isoformat()}",
        to_address=application.email, to_name=application.name, subject=text.subject,
        body_text=text.body, purpose="decision", language=language.value,
        in_reply_to=last.message_id if last else "",
        references=last.message_id if last else "",
        rate_limited=False,
    ), config=config, clock=context.clock)
