"""An entrant's email becomes an application (or a change to theirs), checked and answered.

One person, one application (regulation 3.3): the first email from an address opens it
with a number (A-0012); every later email from that address, or a reply carrying the
number, changes it. Each change is merged in, the whole application is checked again
against the rules, and the entrant gets the result in their language, quoting back
what was read. After intake closes, changes are refused politely and the application
stays as it was.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict
from datetime import datetime

from sqlalchemy import insert
from sqlmodel import Session

from hub.clock import load_zone
from hub.config import Language
from hub.db import as_utc
from hub.humanize import format_moment
from hub.mail.handling import Handling
from hub.mail.language import detect_language
from hub.mail.outbox import Answer
from hub.models import Application, ApplicationStatus, InboundMessage, MessageKind, Work
from hub.texts import render
from intake.answer import answer_context
from intake.colleagues import colleague_detail
from intake.findings import Finding, Outcome, decide
from intake.form.fields import FormField, FormReading
from intake.lookups import ApplicantLookups
from intake.people import person_keys
from intake.reading import read_email
from intake.rules import Submission, check_application
from intake.rules.window import intake_closes
from intake.works.store import current_works, keep_works

log = logging.getLogger(__name__)


def handle_application(handling: Handling) -> None:
    session, message, config = handling.session, handling.message, handling.context.config
    now = handling.context.clock.now()
    arrived = as_utc(message.internaldate) or now
    lookups = handling.lookups.of(ApplicantLookups)
    application = lookups.application_of(session, message.sender)
    reading = read_email(handling.letter, config.intake.fields)
    works: list[Work] = []
    if application is None:
        application = _open(session, handling, reading.text, arrived, now)
        earlier = FormReading()
    else:
        if arrived > intake_closes(config.intake, load_zone(config.contest.timezone)):
            _refuse_late_change(handling, application)
            return
        if application.decided_by_organizer and application.status is ApplicationStatus.REJECTED:
            _repeat_decision(handling, application)
            return
        earlier = FormReading.from_dict(json.loads(application.fields_json))
        works = current_works(session, application)
    message.application_id = application.id
    tagged = _tagged(reading.form, message)
    form = earlier.updated_by(tagged)
    if config.intake.has_field(FormField.EMAIL) and not form.email:
        # The contact address the form asks for is, failing another, the one that wrote.
        form.put(FormField.EMAIL, message.sender, f"#{message.id} sender")
    replace = "too_many_works" in application.reason_codes.split()
    works, refused = keep_works(session, handling.context.store, application, message,
                                handling.letter, reading.works, kept=works, replace=replace,
                                max_bytes=config.intake.max_attachment_bytes)
    application.fields_json = json.dumps(form.as_dict(), ensure_ascii=False)
    application.name = form.full_name or application.name or handling.letter.sender_name
    application.phone_key, application.person_key = person_keys(form)
    application.last_arrived_at = arrived
    application.updated_at = now
    duplicate = handling.lookups.of(ApplicantLookups).duplicate_of(session, application)
    application.duplicate_of = duplicate.number if duplicate else ""
    colleague = None
    if config.intake.has_rule("same_organization"):
        colleague = lookups.same_organization_as(session, application)
    findings = check_application(
        Submission(reading=form, arrived_at=arrived,
                   works=[*works, *refused],
                   duplicate_of=application.duplicate_of or None,
                   first_arrived_at=as_utc(application.first_arrived_at),
                   same_organization_as=colleague_detail(colleague) if colleague else None),
        config.intake, config.contest.timezone)
    findings = _with_cleared_reviews(findings, application)
    _record(application, findings)
    _answer(handling, application, form, findings, arrived, works)


def _open(session: Session, handling: Handling, text: str, arrived: datetime,
          now: datetime) -> Application:
    config = handling.context.config
    language = detect_language(f"{handling.letter.subject}\n{text}",
                               config.contest.default_language)
    values = Application(email=handling.message.sender, language=language.value,
                         first_arrived_at=arrived, created_at=now,
                         updated_at=now).model_dump(exclude={"id"})
    # The id gives the number, so the row is inserted now; on its own, because a flush
    # would also write every change the batch has pending, once per application.
    with session.no_autoflush:
        application = session.scalars(insert(Application).returning(Application),
                                      [values]).one()
    application.number = f"{config.contest.application_prefix}-{application.id:04d}"
    handling.lookups.of(ApplicantLookups).opened(application)
    log.info("%s: opens application %s", handling.message.message_id, application.number)
    return application


def _tagged(form: FormReading, message: InboundMessage) -> FormReading:
    """The email's reading, its sources naming the email they came from ("#12 body")."""
    tagged = FormReading()
    for name in form.filled():
        tagged.put(name, form.get(name), f"#{message.id} {form.source_of(name) or ''}".strip())
    return tagged


def _with_cleared_reviews(findings: list[Finding], application: Application) -> list[Finding]:
    """Review findings an organizer already let pass do not send the application back."""
    cleared = set(application.cleared_reviews.split())
    return [
        Finding(f.rule, Outcome.PASS, "", f.detail)
        if f.outcome is Outcome.REVIEW and f.code in cleared else f
        for f in findings
    ]


def _record(application: Application, findings: list[Finding]) -> None:
    if application.decided_by_organizer and application.status is ApplicationStatus.REJECTED:
        return  # an organizer's rejection stands
    application.status = decide(findings)
    application.findings_json = json.dumps([asdict(f) for f in findings], ensure_ascii=False)
    application.reason_codes = " ".join(f.code for f in findings if f.outcome is not Outcome.PASS)


def _answer(handling: Handling, application: Application, form: FormReading,
            findings: list[Finding], arrived: datetime, works: list[Work]) -> None:
    config = handling.context.config
    language = Language(application.language or config.contest.default_language)
    values = answer_context(config, language, application, form, findings, arrived, works)
    _reply(handling, language, "application", f"application:{handling.message.sha256}",
           values | {"amendment": handling.message.kind is MessageKind.AMENDMENT})
    if application.status is ApplicationStatus.REVIEW:
        _tell_organizers(handling, application, values)


def _refuse_late_change(handling: Handling, application: Application) -> None:
    config = handling.context.config
    language = Language(application.language or config.contest.default_language)
    zone = load_zone(config.contest.timezone)
    _reply(handling, language, "after_close", f"after-close:{handling.message.sha256}", {
        "number": application.number,
        "name": application.name,
        "status": application.status.value,
        "closes": format_moment(intake_closes(config.intake, zone), language.value, zone,
                                with_zone=True),
    })
    handling.message.application_id = application.id


def _repeat_decision(handling: Handling, application: Application) -> None:
    """An organizer's rejection stands; the entrant is reminded of it and why."""
    language = Language(application.language or handling.context.config.contest.default_language)
    _reply(handling, language, "decision", f"decision-stands:{handling.message.sha256}", {
        "number": application.number, "name": application.name,
        "decision": application.status.value, "note": application.decision_note,
    })
    handling.message.application_id = application.id


def _reply(handling: Handling, language: Language, template: str, dedup_key: str,
           values: dict[str, object]) -> None:
    handling.reply(template, dedup_key=dedup_key, purpose=template, language=language,
                   **values)


def _tell_organizers(handling: Handling, application: Application,
                     values: dict[str, object]) -> None:
    config = handling.context.config
    language = config.contest.default_language
    text = render("organizer_review", language, contest=config.contest.name.get(language, ""),
                  number=application.number, name=application.name, email=application.email,
                  reviews=values["reviews"], status=application.status.value)
    for organizer in config.contest.organizer_addresses:
        handling.answer(Answer(
            dedup_key=f"review:{application.number}:{application.reason_codes}:{organizer}",
            to_address=organizer, subject=text.subject, body_text=text.body,
            purpose="organizer-review", language=language.value, rate_limited=False,
        ))
