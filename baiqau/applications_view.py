"""Applications for people: `baiqau application list` and `show`, as terminal tables."""

from __future__ import annotations

import json
from collections.abc import Sequence

from rich.console import Console
from rich.table import Table
from sqlmodel import Session, col, select

from hub.db import as_utc
from hub.intake_config import DEFAULT_FIELDS
from hub.models import Application, ApplicationStatus, InboundMessage, OutboundMessage, Work

FIELD_NAMES = {
    "settlement": "settlement", "full_name": "full name", "birthplace": "birthplace",
    "birth_year": "birth year", "birth_date": "birth date", "address": "address",
    "phone": "phone", "social_links": "social links", "subscribers": "subscribers",
    "work_links": "work links", "position": "position", "organization": "organization",
    "email": "email",
}


def _asked(key: str, form_fields: Sequence[str]) -> bool:
    """Whether the contest's form (`[intake] fields`) has this field."""
    return ("works" if key == "work_links" else key) in form_fields


def _shown(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return "" if value is None else str(value)


def print_list(session: Session, status: ApplicationStatus | None, console: Console) -> None:
    query = select(Application).order_by(col(Application.id))
    if status is not None:
        query = query.where(Application.status == status)
    table = Table(title="Applications")
    for name in ("number", "status", "name", "email", "reasons", "works", "last email (UTC)"):
        table.add_column(name)
    for application in session.exec(query):
        works = session.exec(select(Work).where(Work.application_id == application.id,
                                                col(Work.withdrawn).is_(False))).all()
        last = as_utc(application.last_arrived_at)
        table.add_row(application.number, application.status.value, application.name,
                      application.email, application.reason_codes, str(len(works)),
                      last.strftime("%Y-%m-%d %H:%M") if last else "")
    console.print(table)


def print_application(session: Session, application: Application, console: Console,
                      form_fields: Sequence[str] = DEFAULT_FIELDS) -> None:
    console.print(f"[bold]{application.number}[/bold]  {application.status.value}  "
                  f"{application.name} <{application.email}>  language {application.language}")
    if application.decided_by_organizer:
        console.print(f"decided by an organizer: {application.decision_note or '(no note)'}")
    if application.duplicate_of:
        console.print(f"looks like the same person as {application.duplicate_of}")

    fields = json.loads(application.fields_json)
    sources = fields.get("sources", {})
    read = Table(title="What was read", show_lines=False)
    for name in ("field", "value", "from"):
        read.add_column(name)
    for key, label in FIELD_NAMES.items():
        if not _asked(key, form_fields):
            continue
        read.add_row(label, _shown(fields.get(key)) or "[dim]not found[/dim]",
                     sources.get(key, ""))
    console.print(read)

    works = Table(title="Works")
    for name in ("#", "kind", "title", "size", "kept as"):
        works.add_column(name)
    for number, work in enumerate(session.exec(
            select(Work).where(Work.application_id == application.id,
                               col(Work.withdrawn).is_(False)).order_by(col(Work.id))), 1):
        works.add_row(str(number), work.kind, work.title,
                      "" if work.size is None else f"{work.size:,}", work.path or work.url)
    console.print(works)

    checks = Table(title="Checks")
    for name in ("rule", "outcome", "code", "detail"):
        checks.add_column(name)
    for finding in json.loads(application.findings_json):
        checks.add_row(finding["rule"], finding["outcome"], finding["code"], finding["detail"])
    console.print(checks)

    mail = Table(title="Emails")
    for name in ("#", "direction", "when (UTC)", "subject", "state"):
        mail.add_column(name)
    messages = session.exec(select(InboundMessage).where(
        InboundMessage.application_id == application.id).order_by(col(InboundMessage.id))).all()
    for message in messages:
        arrived = as_utc(message.internaldate)
        mail.add_row(str(message.id), "in", arrived.strftime("%Y-%m-%d %H:%M") if arrived else "",
                     message.subject, message.kind.value)
        for answer in session.exec(select(OutboundMessage).where(
                OutboundMessage.inbound_id == message.id)):
            mail.add_row("", "out", "", answer.subject, answer.state.value)
    console.print(mail)
