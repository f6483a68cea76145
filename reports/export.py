"""Exports for people and scripts: JSON (one array) or CSV (a header row, then rows).

The column names are part of baiqau's interface; add columns, never rename one.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any, TextIO

from sqlalchemy import func
from sqlmodel import col, select

from hub.context import Context
from hub.db import as_utc, session_scope
from hub.models import Application, InboundMessage, OutboundMessage, Work

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
                "internaldate": _iso(message.internaldate),
                "stored_at": _iso(message.stored_at),
                "handled_at": _iso(message.handled_at),
                "acknowledged_to": message.acked_folder if message.acked_at else "",
                "size": message.size,
                "raw_path": message.raw_path,
                "answers": answers.get(message.id, 0),
            })
        return rows


def export_messages(context: Context, fmt: str, out: TextIO) -> None:
    write_rows(message_rows(context), MESSAGE_COLUMNS, fmt, out)


FORM_FIELDS = ["settlement", "full_name", "birthplace", "birth_year", "birth_date", "address",
               "phone", "social_links", "subscribers", "work_links"]
APPLICATION_COLUMNS = [
    "number", "status", "reason_codes", "email", "name", "language", *FORM_FIELDS,
    "field_sources", "works_count", "works", "duplicate_of", "decided_by_organizer",
    "decision_note", "first_arrived_at", "last_arrived_at", "findings",
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
                "field_sources": fields.get("sources", {}),
                "works_count": len(kept),
                "works": kept,
                "duplicate_of": application.duplicate_of,
                "decided_by_organizer": application.decided_by_organizer,
                "decision_note": application.decision_note,
                "first_arrived_at": _iso(application.first_arrived_at),
                "last_arrived_at": _iso(application.last_arrived_at),
                "findings": json.loads(application.findings_json),
            })
        return rows


def export_applications(context: Context, fmt: str, out: TextIO) -> None:
    rows = application_rows(context)
    if fmt == "csv":
        # One cell per column: lists and objects become JSON text (codes: spaces).
        rows = [{key: _cell(key, value) for key, value in row.items()} for row in rows]
    write_rows(rows, APPLICATION_COLUMNS, fmt, out)


def _cell(key: str, value: Any) -> Any:
    if key == "reason_codes":
        return " ".join(value)
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def write_rows(rows: Iterable[dict[str, Any]], columns: list[str], fmt: str, out: TextIO) -> None:
    if fmt == "json":
        json.dump(list(rows), out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)


def _iso(moment: datetime | None) -> str:
    moment = as_utc(moment)
    return moment.isoformat() if moment else ""
