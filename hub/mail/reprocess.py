"""Putting stored messages back in line to be handled again, after a fix.

Only the state changes: the raw message is read again from disk, so reprocessing
needs nothing from the mail server and gives the same result as a first handling.
Answers already sent are not sent again: their dedup keys are spent.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import or_
from sqlalchemy.engine import Engine
from sqlmodel import col, select

from hub.db import session_scope
from hub.models import InboundMessage, MessageState


@dataclass(frozen=True)
class Marked:
    id: int
    message_id: str
    was_quarantined: bool


def mark_for_reprocess(engine: Engine, ids: Sequence[int], *, quarantined: bool) -> list[Marked]:
    with session_scope(engine) as session:
        query = select(InboundMessage)
        if quarantined and ids:
            query = query.where(or_(
                col(InboundMessage.state) == MessageState.QUARANTINED,
                col(InboundMessage.id).in_(ids),
            ))
        elif quarantined:
            query = query.where(InboundMessage.state == MessageState.QUARANTINED)
        else:
            query = query.where(col(InboundMessage.id).in_(ids))
        # A secret ballot's raw copy is erased once handled: nothing is left to read.
        query = query.where(InboundMessage.raw_path != "")
        marked = []
        for message in session.exec(query.order_by(col(InboundMessage.id))).all():
            assert message.id is not None
            marked.append(Marked(message.id, message.message_id,
                                 message.state is MessageState.QUARANTINED))
            message.state = MessageState.STORED
            message.error = ""
        return marked
