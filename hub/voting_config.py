"""The voting contest's part of config.toml (seed 000): when voting runs, who may vote, and
where the ballot key comes from.

Like the jury's section, every mistake names its key and stops the start (exit 2): a
close before the opening, a results date before the close, DKIM asked for without the
name of our own mail server. The ballot key itself is never in the file: `ballot_key_env`
names the environment variable that holds it (`jury.voting.keys` reads it).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated

from pydantic import Field, field_validator, model_validator

from hub.sections import Section

PLATFORM = re.compile(r"^[a-z][a-z0-9_]*$")
ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# Seed 000, rule 5: bloggers vote with at least this many followers.
SEED_FOLLOWERS = {"instagram": 50_000, "facebook": 10_000, "youtube": 150_000}


class VotingConfig(Section):
    opens: datetime  # ballots go out (contest's time zone)
    closes: datetime  # a vote that arrives after this is refused
    results: date | None = None  # the results are published on this day
    ballot_key_env: str = "BAIQAU_BALLOT_KEY"
    confirm_choice: bool = True  # false: a vote is confirmed without naming the participant
    min_followers: dict[str, Annotated[int, Field(ge=0)]] = Field(
        default_factory=lambda: dict(SEED_FOLLOWERS))
    remind_before_hours: Annotated[float, Field(gt=0)] = 24.0
    require_dkim: bool = False
    authserv_id: str = ""  # our own server's name in Authentication-Results

    @field_validator("ballot_key_env")
    @classmethod
    def _variable_name(cls, value: str) -> str:
        if not ENV_NAME.fullmatch(value):
            raise ValueError("the name of an environment variable, like BAIQAU_BALLOT_KEY")
        return value

    @field_validator("min_followers")
    @classmethod
    def _platforms(cls, value: dict[str, int]) -> dict[str, int]:
        for platform in value:
            if not PLATFORM.fullmatch(platform):
                raise ValueError(f"{platform!r}: a platform is lower-case Latin letters "
                                 "(instagram, facebook, youtube)")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> VotingConfig:
        if (self.opens.tzinfo is None) != (self.closes.tzinfo is None):
            raise ValueError("voting.closes: give voting.opens and voting.closes both with "
                             "or both without a UTC offset")
        if self.closes <= self.opens:
            raise ValueError(f"voting.closes ({self.closes}) is not after "
                             f"voting.opens ({self.opens})")
        if self.results is not None and self.results < self.closes.date():
            raise ValueError(f"voting.results ({self.results}) is before "
                             f"voting.closes ({self.closes})")
        if self.require_dkim and not self.authserv_id:
            raise ValueError("voting.authserv_id: required with voting.require_dkim = true "
                             "(the name our mail server writes in Authentication-Results)")
        return self
