"""Column types every table shares."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, DateTime


def utc_column(*, nullable: bool = True, index: bool = False) -> Column[datetime]:
    """A moment, stored with its time zone (UTC in, UTC out, on SQLite and PostgreSQL)."""
    return Column(DateTime(timezone=True), nullable=nullable, index=index)
