"""The database's schema, kept up to date by Alembic migrations in hub/migrations/.

A contest's database outlives the version of baiqau that made it: the jury and the
votes come later, and their tables and columns must reach a database that already
holds the contest's applications. Every start brings the database to the newest
migration (`upgrade`); a database already there costs one small query. A database made
before baiqau had migrations (by `create_all`, with the tables of the first migration)
is recognised and marked as being at that migration, then brought up to date.

Alembic announces its machinery at INFO on every start ("Context impl SQLiteImpl.",
"Will assume non-transactional DDL.", "Running upgrade ..."). Before every command's
output that is noise to an organizer, so those lines are passed on at DEBUG (`baiqau -v`
shows them); `upgrade` says itself, in one INFO line, when a database that already held
the contest really changed.

For a developer changing hub/models.py:

    .venv/bin/python -m hub.schema new "what changed"

writes hub/migrations/versions/NNNN_what_changed.py by comparing the models with a
database at the newest migration. Read it before committing it; the test in
tests/hub/test_schema.py fails while the models and the migrations disagree.
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect
from sqlalchemy.engine import Connection, Engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# The migration whose tables a database made by create_all (before migrations) has.
FIRST = "0001"

log = logging.getLogger(__name__)


class _AtDebug(logging.Filter):
    """Alembic's INFO lines as DEBUG lines, kept only where DEBUG is wanted."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.INFO:
            record.levelno, record.levelname = logging.DEBUG, "DEBUG"
        return logging.getLogger(record.name).isEnabledFor(record.levelno)


# A filter on a logger sees only that logger's own records: this is the one that talks.
logging.getLogger("alembic.runtime.migration").addFilter(_AtDebug())


def _alembic_config(connection: Connection | None = None) -> AlembicConfig:
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


@cache
def head() -> str | None:
    """The newest migration's revision (read once per process)."""
    return ScriptDirectory.from_config(_alembic_config()).get_current_head()


def current(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine) -> None:
    """Bring the database to the newest migration; a new database gets every table."""
    with engine.connect() as connection:
        before = current(connection)
        if before == head():
            return
    with engine.begin() as connection:
        config = _alembic_config(connection)
        tables = set(inspect(connection).get_table_names())
        if "alembic_version" not in tables and "inbound_message" in tables:
            command.stamp(config, FIRST)  # made by create_all, before migrations
            before = f"{FIRST} (made before migrations)"
        command.upgrade(config, "head")
    if before is None:
        log.debug("new database made at schema %s", head())
    else:
        log.info("database upgraded from schema %s to %s", before, head())


def new_migration(message: str) -> Path:
    """Write the migration from the newest one to the models as they are now."""
    number = len(list((MIGRATIONS / "versions").glob("[0-9]*.py"))) + 1
    with tempfile.TemporaryDirectory(prefix="baiqau-schema-") as folder:
        engine = create_engine(f"sqlite:///{folder}/schema.db")
        try:
            if head() is not None:
                upgrade(engine)
            with engine.begin() as connection:
                # Alembic names the file after the revision and the message:
                # versions/0002_what_changed.py.
                script = command.revision(_alembic_config(connection), message=message,
                                          autogenerate=True, rev_id=f"{number:04d}")
        finally:
            engine.dispose()
    assert script is not None and not isinstance(script, list)
    return Path(script.path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m hub.schema",
                                     description="baiqau's database migrations")
    commands = parser.add_subparsers(dest="command", required=True)
    new = commands.add_parser("new", help="write a migration for the models as they are now")
    new.add_argument("message", help="what changed, in a few words")
    args = parser.parse_args(argv)
    if args.command == "new":
        print(new_migration(args.message))
    return 0


if __name__ == "__main__":
    sys.exit(main())
