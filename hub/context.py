"""What every part of baiqau needs at hand: the config, the database, the clock, the store."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import Engine

from hub.clock import Clock, default_clock
from hub.config import Config
from hub.db import make_engine
from hub.schema import upgrade
from hub.storage import RawStore


@dataclass(frozen=True)
class Context:
    config: Config
    engine: Engine
    clock: Clock
    store: RawStore


def open_context(config: Config, clock: Clock | None = None) -> Context:
    engine = make_engine(config.database_url)
    upgrade(engine)
    storage = config.storage_path
    storage.mkdir(parents=True, exist_ok=True)
    return Context(config=config, engine=engine, clock=clock or default_clock(),
                   store=RawStore(storage))
