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
import ast
import logging
import sys
import tempfile
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import Connection, Engine

from hub.config import ConfigError

if TYPE_CHECKING:
    from alembic.config import Config as AlembicConfig

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


# A filter on a logger sees only that logger's own records: these are the ones that talk
# (the plugins' logger names each plugin Alembic sets up, on every upgrade).
for _talker in ("alembic.runtime.migration", "alembic.runtime.plugins"):
    logging.getLogger(_talker).addFilter(_AtDebug())


def _alembic_config(connection: Connection | None = None) -> AlembicConfig:
    from alembic.config import Config as AlembicConfig

    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


@cache
def head() -> str | None:
    """The newest migration's revision (read once per process)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config()).get_current_head()


def current(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def plain_head() -> str | None:
    """The newest migration as the files in versions/ say it, read without Alembic: the
    one revision no other revises. None unless they form one plain line, each file with
    its `revision` and `down_revision` as plain strings; then only Alembic decides.

    Every command starts by checking the schema, and Alembic's own check imports Alembic,
    Mako and Pygments and runs every migration file: 0.3 s of `baiqau results`, which
    is asked to answer in under 2 s (bench/judging.py)."""
    return _plain_head(MIGRATIONS)


@cache
def _plain_head(migrations: Path) -> str | None:
    revises: dict[str, str | None] = {}
    for path in sorted((migrations / "versions").glob("*.py")):
        found: dict[str, object] = {}
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if (isinstance(node, ast.Assign) and len(node.targets) == 1
                    and isinstance(node.targets[0], ast.Name)
                    and node.targets[0].id in ("revision", "down_revision")):
                try:
                    found[node.targets[0].id] = ast.literal_eval(node.value)
                except ValueError:
                    return None
        revision, down = found.get("revision"), found.get("down_revision")
        if not isinstance(revision, str) or not (down is None or isinstance(down, str)):
            return None
        if revision in revises or down in revises.values():
            return None  # a revision twice, or a branch
        revises[revision] = down
    heads = set(revises) - {down for down in revises.values() if down is not None}
    return heads.pop() if len(heads) == 1 else None


def _at_head(engine: Engine) -> bool:
    """Whether the database is marked as being at the newest migration, asked in plain
    SQL; False whenever in doubt (then `upgrade` asks Alembic)."""
    newest = plain_head()
    if newest is None:
        return False
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return False
        marks = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    return [tuple(mark) for mark in marks] == [(newest,)]


def _known(revision: str) -> bool:
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    try:
        ScriptDirectory.from_config(_alembic_config()).get_revision(revision)
    except CommandError:
        return False
    return True


def upgrade(engine: Engine) -> None:
    """Bring the database to the newest migration; a new database gets every table."""
    # With `baiqau -v` Alembic checks, so that its lines are there for whoever debugs.
    if not logging.getLogger("alembic.runtime.migration").isEnabledFor(logging.DEBUG) \
            and _at_head(engine):
        return
    from alembic import command

    with engine.connect() as connection:
        before = current(connection)
        if before == head():
            return
    if before is not None and not _known(before):
        raise ConfigError(
            f"database.url: the database is at schema {before}, which this baiqau does not "
            f"know (its newest is {head()}): a newer baiqau has used it. Run that one, or "
            "point database.url at a copy made before it")
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
    from alembic import command

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
