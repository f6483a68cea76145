"""Alembic's entry point for baiqau's schema. `hub.schema` runs it; see there."""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

from hub import models  # noqa: F401  (registers the tables on SQLModel.metadata)

connection: Connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    # SQLite cannot ALTER most of a table; batch mode copies it instead, and the same
    # migration runs unchanged on PostgreSQL.
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
