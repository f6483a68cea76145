"""The database engine and sessions, made from the config's URL.

SQLite gets two settings it needs to be a safe single-file store for a mail service
(WAL and a busy timeout); everything else is plain SQLAlchemy, so PostgreSQL works by
changing `[database] url`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine

if TYPE_CHECKING:
    from sqlmodel import Session

# The ORM (sqlmodel, `hub.models`) is imported by whoever uses a session or a table, not
# here: opening the database is all `baiqau results` asks of this module, and it reads
# with SQLAlchemy Core alone (a third of a second less to start).


def make_engine(url: str) -> Engine:
    connect_args: dict[str, Any] = {}
    if url.startswith("sqlite"):
        # The scheduler sends mail from a worker thread.
        connect_args["check_same_thread"] = False
        path = url.removeprefix("sqlite:///")
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args=connect_args)
    if url.startswith("sqlite"):
        event.listen(engine, "connect", _tune_sqlite)
        event.listen(engine, "begin", _begin_sqlite)
    return engine


def _begin_sqlite(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN")


def _tune_sqlite(dbapi_connection: Any, _record: Any) -> None:
    # pysqlite begins transactions on its own terms, which breaks SAVEPOINT (a handler's
    # rows would survive its rejection); SQLAlchemy's documented fix is to switch that
    # off and emit BEGIN ourselves (see _begin_sqlite).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    # WAL lets `baiqau status` read while the poller writes; synchronous=FULL because a
    # committed row is our promise that the message is safe before we acknowledge it.
    cursor.execute("PRAGMA journal_mode=WAL")
    # NORMAL: a commit is safe from a killed process (it is in the WAL, in the kernel)
    # but not yet from a power cut. `make_durable` closes that gap at the two moments
    # it matters, before baiqau tells the outside world: before a message is
    # acknowledged on the server and before answers go to SMTP.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    # Deleted and overwritten bytes are zeroed where that costs no extra I/O: a secret
    # ballot's concealed row must not linger in the file's free space.
    cursor.execute("PRAGMA secure_delete=FAST")
    cursor.close()


def make_durable(engine: Engine) -> None:
    """Make every committed transaction survive a power cut (fsync of SQLite's WAL).

    PostgreSQL's commits are durable already; for SQLite, committed transactions
    live in the -wal file until a checkpoint, which fsyncs the WAL before it copies
    it. One fsync here stands in for one per commit.
    """
    if engine.dialect.name != "sqlite":
        return
    database = engine.url.database
    if not database or database == ":memory:":
        return
    wal = Path(f"{database}-wal")
    try:
        fd = os.open(wal, os.O_RDONLY)
    except FileNotFoundError:
        return  # checkpointed: the data is in the database file, synced by the checkpoint
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One transaction: committed when the block ends, rolled back if it raises."""
    from sqlmodel import Session

    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def as_utc(moment: datetime | None) -> datetime | None:
    """SQLite hands timestamps back naive; they were written in UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)
