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
from hub.models import InboundMessage, OutboundMessage

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
