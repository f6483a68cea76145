"""The migrations make the schema the models describe, on both databases, and older
databases are brought along with their rows."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from postgres import PostgresServer
from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, select

from hub import schema
from hub.db import make_engine
from hub.models import FolderCursor


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Engine:
    if request.param == "sqlite":
        return make_engine(f"sqlite:///{tmp_path / 'baiqau.db'}")
    server: PostgresServer = request.getfixturevalue("postgres")
    return make_engine(server.new_database())


def differences(engine: Engine) -> list[object]:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, SQLModel.metadata))


def test_a_new_database_gets_the_schema_of_the_models(engine: Engine) -> None:
    schema.upgrade(engine)

    # A model changed without its migration (python -m hub.schema new) fails here.
    assert differences(engine) == []
    assert set(inspect(engine).get_table_names()) == {
        *SQLModel.metadata.tables, "alembic_version"}
    with engine.connect() as connection:
        assert schema.current(connection) == schema.head()
    # A second start finds it up to date.
    schema.upgrade(engine)
    with engine.connect() as connection:
        assert schema.current(connection) == schema.head()


def _made_before_migrations(engine: Engine) -> None:
    """The tables baiqau's create_all made before migrations: those of the first one,
    with no mark of which migration they are at."""
    with engine.begin() as connection:
        command.upgrade(schema._alembic_config(connection), schema.FIRST)
        connection.execute(text("DROP TABLE alembic_version"))


def test_a_database_from_before_migrations_keeps_its_rows(engine: Engine) -> None:
    _made_before_migrations(engine)
    assert "juror" not in inspect(engine).get_table_names()
    with Session(engine) as session:
        session.add(FolderCursor(folder="INBOX", uidvalidity=7, last_uid=42,
                                 polled_at=datetime(2026, 3, 1, tzinfo=UTC)))
        session.commit()

    schema.upgrade(engine)

    with engine.connect() as connection:
        assert schema.current(connection) == schema.head()
    assert differences(engine) == []
    with Session(engine) as session:
        cursor = session.exec(select(FolderCursor)).one()
    assert (cursor.uidvalidity, cursor.last_uid) == (7, 42)



def test_a_contest_database_gains_the_jury_and_keeps_its_outbox(engine: Engine) -> None:
    """A contest that took applications before the jury existed upgrades with its mail:
    queued answers get no attachments, and the jury's tables appear."""
    with engine.begin() as connection:
        command.upgrade(schema._alembic_config(connection), schema.FIRST)
        connection.execute(text(
            "INSERT INTO outbound_message (dedup_key, message_id, purpose, language, "
            "to_address, to_name, subject, body_text, in_reply_to, \"references\", state, "
            "attempts, created_at, claim_token, last_error) VALUES ('receipt:1', '<m@x>', "
            "'receipt', 'kk', 'a@x.kz', '', 'Өтінім', 'мәтін', '', '', 'SENT', 1, "
            "'2026-03-20 10:00:00+00:00', '', '')"))

    schema.upgrade(engine)

    assert differences(engine) == []
    with engine.connect() as connection:
        rows = connection.execute(text(
            "SELECT subject, attachments_json FROM outbound_message")).all()
    assert [tuple(row) for row in rows] == [("Өтінім", "[]")]
    assert {"juror", "jury_assignment", "score", "score_change", "jury_reply"} <= set(
        inspect(engine).get_table_names())
