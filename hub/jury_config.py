"""The jury's part of config.toml: criteria, jurors, the score range, the ranking rules,
and the prizes (regulation sections 6 and 8).

Every mistake names its key, as the rest of the config does: a jury without criteria, a
range that is empty, a juror listed twice or a deadline before the sheets go out stops
the start (exit 2), not the first juror's reply.
"""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import Field, field_validator, model_validator

from hub.sections import Language, Section

DEFAULT_EMAIL_BYTES = 20 * 1024 * 1024
KEY = re.compile(r"^[a-z][a-z0-9_]*$")


class Aggregate(StrEnum):
    MEAN = "mean"
    MEDIAN = "median"


class Normalize(StrEnum):
    NONE = "none"
    ZSCORE = "zscore"


class Criterion(Section):
    """One criterion of regulation 6.1; `key` is what exports and replies use."""

    key: str
    name: dict[Language, str] = Field(min_length=1)
    weight: Annotated[float, Field(gt=0)] = 1.0

    @field_validator("key")
    @classmethod
    def _plain_key(cls, value: str) -> str:
        if not KEY.fullmatch(value):
            raise ValueError("a key is lower-case Latin letters, digits and _ (like 'theme')")
        return value


class JurorConfig(Section):
    name: str = Field(min_length=1)
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+$")
    language: Language = Language.KK


class JuryConfig(Section):
    opens: datetime | None = None  # sheets go out (contest's time zone)
    deadline: datetime | None = None  # scores after this are refused
    score_min: float = 0
    score_max: float = 10
    score_step: Annotated[float, Field(gt=0)] = 1
    blind: bool = False
    reviews_per_work: Annotated[int, Field(ge=0)] = 0  # 0: every juror scores every work
    aggregate: Aggregate = Aggregate.MEAN
    normalize: Normalize = Normalize.NONE
    quorum: Annotated[int, Field(ge=1)] = 2
    spread_flag: Annotated[float, Field(ge=0)] = 12
    tie_break: list[str] = Field(default_factory=lambda: ["total", "earliest"])
    remind_before_hours: list[Annotated[float, Field(gt=0)]] = Field(
        default_factory=lambda: [72.0, 24.0])
    max_email_bytes: Annotated[int, Field(ge=1024 * 1024)] = DEFAULT_EMAIL_BYTES
    public_storage_url: str = ""  # where var/works/ is served, for works too large to mail
    require_dkim: bool = False
    authserv_id: str = ""  # our own server's name in Authentication-Results
    criteria: list[Criterion] = Field(default_factory=list)
    jurors: list[JurorConfig] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> JuryConfig:
        if not self.criteria:
            raise ValueError("jury.criteria: at least one criterion is needed ([[jury.criteria]])")
        keys = [criterion.key for criterion in self.criteria]
        if len(set(keys)) != len(keys):
            raise ValueError(f"jury.criteria: a key is used twice ({', '.join(keys)})")
        if self.score_min >= self.score_max:
            raise ValueError(f"jury.score_min ({self.score_min:g}) must be below "
                             f"jury.score_max ({self.score_max:g})")
        span = Decimal(str(self.score_max)) - Decimal(str(self.score_min))
        if span % Decimal(str(self.score_step)) != 0:
            raise ValueError(f"jury.score_step ({self.score_step:g}) does not divide the range "
                             f"{self.score_min:g} to {self.score_max:g}")
        emails = [juror.email.lower() for juror in self.jurors]
        twice = sorted({email for email in emails if emails.count(email) > 1})
        if twice:
            raise ValueError(f"jury.jurors: {', '.join(twice)} is listed twice")
        names = [juror.name.casefold() for juror in self.jurors]
        if len(set(names)) != len(names):
            raise ValueError("jury.jurors: two jurors have the same name; "
                             "`baiqau jury recuse` names jurors by name or address")
        if self.opens and self.deadline and self.deadline <= self.opens:
            raise ValueError(f"jury.deadline ({self.deadline}) is not after "
                             f"jury.opens ({self.opens})")
        if self.reviews_per_work > len(self.jurors):
            raise ValueError(f"jury.reviews_per_work ({self.reviews_per_work}) is more than "
                             f"the {len(self.jurors)} juror(s) in jury.jurors")
        for rule in self.tie_break:
            if rule in ("total", "earliest"):
                continue
            if rule.startswith("criterion:") and rule.removeprefix("criterion:") in keys:
                continue
            raise ValueError(f"jury.tie_break: {rule!r} is not 'total', 'earliest' or "
                             f"'criterion:KEY' with a key of jury.criteria ({', '.join(keys)})")
        if self.require_dkim and not self.authserv_id:
            raise ValueError("jury.authserv_id: required with jury.require_dkim = true "
                             "(the name our mail server writes in Authentication-Results)")
        return self

    def criterion(self, key: str) -> Criterion:
        return next(criterion for criterion in self.criteria if criterion.key == key)

    @property
    def score_range(self) -> tuple[float, float]:
        return self.score_min, self.score_max


class PrizeConfig(Section):
    """A prize of regulation 8: a place's (with an amount), or an incentive prize that the
    organizers award (`baiqau results award A-0012 --prize KEY`)."""

    key: str
    place: Annotated[int, Field(ge=1)] | None = None
    amount: Annotated[int, Field(ge=0)] | None = None
    currency: str = "KZT"
    name: dict[Language, str] = Field(default_factory=dict)

    @field_validator("key")
    @classmethod
    def _plain_key(cls, value: str) -> str:
        if not KEY.fullmatch(value):
            raise ValueError("a key is lower-case Latin letters, digits and _ (like 'first')")
        return value

    @model_validator(mode="after")
    def _says_what_it_is(self) -> PrizeConfig:
        if self.amount is None and not self.name:
            raise ValueError(f"prizes.{self.key}: give an amount or a name "
                             "({ kk = \"...\", ru = \"...\", en = \"...\" })")
        return self


def check_prizes(prizes: list[PrizeConfig]) -> None:
    keys = [prize.key for prize in prizes]
    if len(set(keys)) != len(keys):
        raise ValueError(f"prizes: a key is used twice ({', '.join(keys)})")
    places = [prize.place for prize in prizes if prize.place is not None]
    if len(set(places)) != len(places):
        raise ValueError("prizes: two prizes for the same place")
