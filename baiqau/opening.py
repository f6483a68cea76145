"""Opening a contest for a command: every part's own config checked, then the database;
for a command that only reads and reports, the database alone (`open_reader`).

Apart from `baiqau.service`, which names every kind of mail and scheduled job and so
imports intake, the jury's mail and the scheduler: a command that only reads the database
(`baiqau results`, the exports) would spend half a second importing them for nothing
(bench/judging.py).
"""

from __future__ import annotations

from hub.config import Config
from hub.context import Context, open_context


def open_service(config: Config, *, handles_votes: bool = False) -> Context:
    """The context for any command, once every part's own config is checked.

    `handles_votes`: the command may record or remove votes (run, poll, reprocess,
    ballots, strike), so a voting contest needs its ballot key, the right one (exit 2).
    """
    from intake.rules import check_rules_config

    # The rules' own needs (a gazetteer for the region, a sane window and age range)
    # are config too: a mistake there stops the start, not the first application.
    check_rules_config(config.intake, config.contest.timezone)
    if not (handles_votes and config.voting is not None):
        return open_context(config)
    # Only here the ORM: a command that reads (`baiqau results`) goes without it.
    from hub.db import session_scope
    from jury.voting.keys import ballot_key, check_ballot_key

    key = ballot_key(config)
    context = open_context(config)
    with session_scope(context.engine) as session:
        check_ballot_key(session, key, context.clock.now())
    return context


def open_reader(config: Config) -> Context:
    """The context for a command that only reads the database and reports on it
    (`baiqau results`, `baiqau export`): it handles no mail, so none of intake's rules
    run and their config is left to the commands that do (`run`, `poll`, `reprocess`
    stop at their start on a mistake there). Loading them is a tenth of a second of
    `baiqau results` (the region's gazetteer alone is 0.05 s), and an organizer asking
    for the results is not refused over the intake's gazetteer.
    """
    return open_context(config)
