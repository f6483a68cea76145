"""The migrations make the schema the models describe, on both databases, and older
databases are brought along with their rows."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from postgres import PostgresServer
from sqlalchemy import inspect
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


def test_a_database_from_before_migrations_keeps_its_rows(engine: Engine) -> None:
    SQLModel.metadata.create_all(engine)  # how baiqau made its tables before
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

