"""The real Shanyraq jury of config.toml (five criteria, 0 to 10 in whole points), and a
reader of replies with it, for the tests of `jury`'s readers."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from hub.jury_config import Criterion, JuryConfig
from jury.reading import ScoreReading, ScoreRules
from jury.scoretext import read_scores

CONFIG = Path(__file__).resolve().parents[2] / "config.toml"
KNOWN = frozenset({"A-0012", "A-0013", "A-0014", "A-0015"})

Read = Callable[..., ScoreReading]


@pytest.fixture(scope="session")
def jury() -> JuryConfig:
    with CONFIG.open("rb") as file:
        return JuryConfig.model_validate(tomllib.load(file)["jury"])


@pytest.fixture(scope="session")
def criteria(jury: JuryConfig) -> list[Criterion]:
    return list(jury.criteria)


@pytest.fixture(scope="session")
def rules(jury: JuryConfig) -> ScoreRules:
    return ScoreRules.of(jury)


@pytest.fixture(scope="session")
def half_rules(jury: JuryConfig) -> ScoreRules:
    return ScoreRules.of(jury.model_copy(update={"score_step": 0.5}))


@pytest.fixture
def read(criteria: list[Criterion], rules: ScoreRules) -> Read:
    """read(text) with the contest's criteria and scale; step=0.5 for half points."""
    def reader(text: str, *, step: float = 1, known: frozenset[str] = KNOWN) -> ScoreReading:
        scale = ScoreRules(rules.minimum, rules.maximum, Decimal(str(step)))
        return read_scores(text, criteria, scale, known)
    return reader
