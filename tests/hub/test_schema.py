"""The migrations make the schema the models describe, on both databases, and older
databases are brought along with their rows."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, select

from hub import schema
from hub.config import ConfigError
from hub.db import make_engine
from hub.models import FolderCursor


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


def test_a_database_from_before_migrations_keeps_its_rows(
    engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    _made_before_migrations(engine)
    assert "juror" not in inspect(engine).get_table_names()
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

revision = "9001"
down_revision = "{head}"
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
    (copy / "versions" / "9001_a_test_column.py").write_text(
        SECOND.replace("{head}", schema.head() or ""), encoding="utf-8")
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
    head = schema.head()
    with Session(engine) as session:
        session.add(FolderCursor(folder="INBOX", uidvalidity=7, last_uid=42))
        session.commit()

    request.getfixturevalue("second_migration")
    caplog.set_level(logging.INFO)
    schema.upgrade(engine)

    assert caplog.messages == [f"database upgraded from schema {head} to 9001"]
    with engine.connect() as connection:
        assert schema.current(connection) == "9001"
        row = connection.execute(text("SELECT last_uid, note FROM folder_cursor")).one()
    assert tuple(row) == (42, None)


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


def test_the_newest_migration_read_without_alembic_is_alembics() -> None:
    # Every command's start trusts this reading when the database is marked with it.
    assert schema.plain_head() is not None
    assert schema.plain_head() == schema.head()


def test_a_database_marked_at_another_revision_is_not_taken_as_up_to_date(
        tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'baiqau.db'}")
    assert not schema._at_head(engine)  # no tables at all
    with engine.begin() as connection:
        command.upgrade(schema._alembic_config(connection), schema.FIRST)
    assert schema.head() != schema.FIRST
    assert not schema._at_head(engine)
    schema.upgrade(engine)  # Alembic takes it from there to the newest
    with engine.connect() as connection:
        assert schema.current(connection) == schema.head()
    assert schema._at_head(engine)


def test_a_database_from_a_newer_baiqau_is_refused_by_name(engine: Engine) -> None:
    schema.upgrade(engine)
    with engine.begin() as connection:  # as a later baiqau's migration 0099 would leave it
        connection.execute(text("UPDATE alembic_version SET version_num = '0099'"))

    with pytest.raises(ConfigError) as error:
        schema.upgrade(engine)

    assert str(error.value) == (
        f"database.url: the database is at schema 0099, which this baiqau does not know "
        f"(its newest is {schema.head()}): a newer baiqau has used it. Run that one, or "
        "point database.url at a copy made before it")
    with engine.connect() as connection:
        assert schema.current(connection) == "0099"  # left as it was
