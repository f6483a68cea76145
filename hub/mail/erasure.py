"""Erasing what a secret ballot leaves behind once it is handled and acknowledged.

A ballot's own email pairs its sender with a choice. The pipeline keeps it like any
other message until it is handled (nothing is lost), the handler conceals its row
(`hub.mail.pipeline.conceal`), and the poller expunges it from the server instead of
moving it. Then its raw copy and decoded parts are deleted here, and SQLite's
write-ahead log, which still holds the row's earlier bytes, is checkpointed and
truncated. A quarantined ballot keeps its raw copy until it is reprocessed: a person
must be able to handle it again.
"""

from __future__ import annotations

import logging
import shutil

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from hub.db import session_scope
from hub.models import InboundMessage, MessageState
from hub.storage import RawStore

log = logging.getLogger(__name__)
DONE = (MessageState.HANDLED, MessageState.IGNORED)
CHUNK = 500  # paths per look-up, well under SQLite's limit on bound values


def erase_secret(engine: Engine, store: RawStore) -> int:
    """Delete the raw copies of handled, acknowledged secret ballots; how many."""
    with session_scope(engine) as session:
        rows = session.exec(
            select(InboundMessage).where(col(InboundMessage.secret).is_(True),
                                         col(InboundMessage.state).in_(DONE),
                                         col(InboundMessage.acked_at).is_not(None),
                                         InboundMessage.acked_folder == "",  # expunged
                                         InboundMessage.raw_path != "")
        ).all()
        kept = _still_needed(session, [row.raw_path for row in rows])
        erased = 0
        for row in rows:
            if row.raw_path not in kept:
                store.path(row.raw_path).unlink(missing_ok=True)
                shutil.rmtree(store.parts_dir(row.sha256), ignore_errors=True)
            row.raw_path = ""
            erased += 1
    if erased:
        log.info("erased the raw copies of %d secret ballot(s)", erased)
        forget_old_pages(engine)
    return erased


def _still_needed(session: Session, paths: list[str]) -> set[str]:
    """The raw copies among `paths` that another row still needs: a message that is not
    a handled secret ballot (the same bytes came twice). Asked for all of them at once,
    in chunks: `raw_path` has no index, and a look-up per ballot read the whole table
    again for each one (5,000 ballots, 5,000 scans)."""
    wanted = sorted(set(paths))
    needed: set[str] = set()
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        needed.update(session.exec(
            select(InboundMessage.raw_path).where(
                col(InboundMessage.raw_path).in_(chunk),
                (col(InboundMessage.secret).is_(False))
                | col(InboundMessage.state).not_in(DONE))
        ).all())
    return needed


def forget_old_pages(engine: Engine) -> None:
    """On SQLite, move the write-ahead log into the database and empty it: the log keeps
    earlier versions of the rows just concealed. Best effort: a reader holding an old
    snapshot keeps the log for now, and the next erasure tries again."""
    if engine.dialect.name != "sqlite":
        return
    with engine.connect() as connection:
        connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
