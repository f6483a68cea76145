"""The messages and applications exports: JSON (one array), or a table for CSV and XLSX.

The column names are part of baiqau's interface; add columns, never rename one. How each
format is written is `reports.tables`.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from functools import partial
from typing import Any

from sqlalchemy import func
from sqlmodel import col, select

from hub.context import Context
from hub.db import as_utc, session_scope
from hub.models import Application, InboundMessage, OutboundMessage, Work
from reports.tables import Cell, Export, Table, json_text

MESSAGE_COLUMNS = [
    "id", "message_id", "sender", "sender_name", "subject", "kind", "kind_reason", "state",
    "error", "internaldate", "stored_at", "handled_at", "acknowledged_to", "size",
    "raw_path", "answers",
]


def message_rows(context: Context) -> list[dict[str, Any]]:
    with session_scope(context.engine) as session:
        answers = dict(session.exec(
            select(OutboundMessage.inbound_id, func.count())
            .where(col(OutboundMessage.purpose) != "quarantine-notice")
            .group_by(col(OutboundMessage.inbound_id))
        ).all())
        rows = []
        for message in session.exec(select(InboundMessage).order_by(col(InboundMessage.id))):
            rows.append({
                "id": message.id,
                "message_id": message.message_id,
                "sender": message.sender,
                "sender_name": message.sender_name,
                "subject": message.subject,
                "kind": message.kind.value,
                "kind_reason": message.kind_reason,
                "state": message.state.value,
                "error": message.error,
                "internaldate": _moment(message.internaldate),
                "stored_at": _moment(message.stored_at),
                "handled_at": _moment(message.handled_at),
                "acknowledged_to": message.acked_folder if message.acked_at else "",
                "size": message.size,
                "raw_path": message.raw_path,
                "answers": answers.get(message.id, 0),
            })
        return rows


def export_messages(context: Context) -> Export:
    rows = message_rows(context)
    return Export(json=partial(json_text, rows),
                  table=partial(Table.of, "messages", MESSAGE_COLUMNS, rows))


FORM_FIELDS = ["settlement", "full_name", "birthplace", "birth_year", "birth_date", "address",
               "phone", "social_links", "subscribers", "work_links",
               # the press-secretary contest's form (`[intake] fields`); null where not asked
               "position", "organization"]
APPLICATION_COLUMNS = [
    "number", "status", "reason_codes", "email", "name", "language", *FORM_FIELDS,
    "contact_email", "field_sources", "works_count", "works", "duplicate_of",
    "decided_by_organizer", "decision_note", "first_arrived_at", "last_arrived_at", "findings",
]


def application_rows(context: Context) -> list[dict[str, Any]]:
    with session_scope(context.engine) as session:
        works: dict[int, list[dict[str, Any]]] = {}
        for work in session.exec(select(Work).where(col(Work.withdrawn).is_(False))
                                 .order_by(col(Work.id))):
            works.setdefault(work.application_id, []).append({
                "kind": work.kind, "title": work.title, "is_link": work.is_link,
                "url": work.url, "size": work.size, "sha256": work.sha256, "path": work.path,
            })
        rows = []
        for application in session.exec(select(Application).order_by(col(Application.id))):
            fields = json.loads(application.fields_json)
            kept = works.get(application.id or 0, [])
            rows.append({
                "number": application.number,
                "status": application.status.value,
                "reason_codes": application.reason_codes.split(),
                "email": application.email,
                "name": application.name,
                "language": application.language,
                **{name: fields.get(name) for name in FORM_FIELDS},
                # The form's e-mail field; `email` is the address the application came from.
                "contact_email": fields.get("email"),
                "field_sources": fields.get("sources", {}),
                "works_count": len(kept),
                "works": kept,
                "duplicate_of": application.duplicate_of,
                "decided_by_organizer": application.decided_by_organizer,
                "decision_note": application.decision_note,
                "first_arrived_at": _moment(application.first_arrived_at),
                "last_arrived_at": _moment(application.last_arrived_at),
                "findings": json.loads(application.findings_json),
            })
        return rows


def export_applications(context: Context) -> Export:
    rows = application_rows(context)
    return Export(json=partial(json_text, rows),
                  table=partial(Table.of, "applications", APPLICATION_COLUMNS, rows,
                                _application_cell))


def _application_cell(key: str, value: Any) -> Cell:
    """One cell per column: the codes joined by spaces, other lists and objects as JSON
    text, and the birth date a date (Excel sorts it as one), if it reads as one."""
    if key == "reason_codes":
        return " ".join(value)
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    if key == "birth_date" and isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    cell: Cell = value
    return cell


def _moment(moment: datetime | None) -> datetime | str:
    """A moment in UTC; a missing one is "", as the JSON has always given it."""
    return as_utc(moment) or ""
