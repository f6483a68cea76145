"""What the tests of `hub` share: a database of each kind baiqau runs on."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from postgres import PostgresServer
from sqlalchemy.engine import Engine

from hub.db import make_engine


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An empty database, once on SQLite and once on PostgreSQL (the test's own server)."""
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'baiqau.db'}")
    else:
        server: PostgresServer = request.getfixturevalue("postgres")
        engine = make_engine(server.new_database())
    yield engine
    engine.dispose()
