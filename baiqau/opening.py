"""Opening a contest for a command: every part's own config checked, then the database.

Apart from `baiqau.service`, which names every kind of mail and scheduled job and so
imports intake, the jury's mail and the scheduler: a command that only reads the database
(`baiqau results`, the exports) would spend half a second importing them for nothing
(bench/judging.py).
"""

from __future__ import annotations

from hub.config import Config
from hub.context import Context, open_context
from intake.rules import check_rules_config


def open_service(config: Config) -> Context:
    """The context for any command, once every part's own config is checked."""
    # The rules' own needs (a gazetteer for the region, a sane window and age range)
    # are config too: a mistake there stops the start, not the first application.
    check_rules_config(config.intake, config.contest.timezone)
    return open_context(config)
