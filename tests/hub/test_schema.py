"""The migrations make the schema the models describe, on both databases, and older
databases are brought along with their rows."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
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


def test_a_database_from_before_migrations_keeps_its_rows(
    engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    SQLModel.metadata.create_all(engine)  # how baiqau made its tables before
    with Session(engine) as session:
        session.add(FolderCursor(folder="INBOX", uidvalidity=7, last_uid=42,
                                 polled_at=datetime(2026, 3, 1, tzinfo=UTC)))
        session.commit()

    caplog.set_level(logging.INFO)
    schema.upgrade(engine)

    assert caplog.messages == [
        f"database upgraded from schema 0001 (made before migrations) to {schema.head()}"]

    with engine.connect() as connection:
        assert schema.current(connection) == schema.head()
    assert differences(engine) == []
    with Session(engine) as session:
        cursor = session.exec(select(FolderCursor)).one()
    assert (cursor.uidvalidity, cursor.last_uid) == (7, 42)



SECOND = """\"""A column for a test: a migration that comes after the contest has rows.\"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("folder_cursor") as batch:
        batch.add_column(sa.Column("note", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("folder_cursor") as batch:
        batch.drop_column("note")
"""


@pytest.fixture
def second_migration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """baiqau's migrations and one more after them, as the next release would bring."""
    copy = tmp_path / "migrations"
    shutil.copytree(schema.MIGRATIONS, copy, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "versions" / "0002_a_test_column.py").write_text(SECOND, encoding="utf-8")
    monkeypatch.setattr(schema, "MIGRATIONS", copy)
    schema.head.cache_clear()
    yield
    monkeypatch.undo()
    schema.head.cache_clear()


def test_starting_says_nothing_unless_the_database_changes(
    engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    """Alembic's own lines ("Context impl SQLiteImpl.") come at DEBUG only; a new database
    and one already up to date give no line at the default level."""
    caplog.set_level(logging.INFO)
    schema.upgrade(engine)
    schema.upgrade(engine)
    assert caplog.records == []

    caplog.set_level(logging.DEBUG)
    schema.upgrade(engine)
    alembic = [(r.levelname, r.getMessage()) for r in caplog.records
               if r.name.startswith("alembic")]
    assert alembic and all(level == "DEBUG" for level, _ in alembic)
    assert any(message.startswith("Context impl ") for _, message in alembic)


def test_a_new_migration_on_a_database_with_rows_is_one_line(
    engine: Engine, caplog: pytest.LogCaptureFixture, request: pytest.FixtureRequest
) -> None:
    schema.upgrade(engine)
    with Session(engine) as session:
        session.add(FolderCursor(folder="INBOX", uidvalidity=7, last_uid=42))
        session.commit()

    request.getfixturevalue("second_migration")
    caplog.set_level(logging.INFO)
    schema.upgrade(engine)

    assert caplog.messages == ["database upgraded from schema 0001 to 0002"]
    with engine.connect() as connection:
        assert schema.current(connection) == "0002"
        row = connection.execute(text("SELECT last_uid, note FROM folder_cursor")).one()
    assert tuple(row) == (42, None)
