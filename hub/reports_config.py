"""The organizers' part of config.toml: who they are, their digest, the protocol's heading
and signatures, and what the results mail tells entrants.

An organizer is an address, or an address with the language their digest is written in:
`organizers = ["a@x.kz", {email = "b@y.kz", language = "ru"}]`; a plain address reads
the contest's default language.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import Field, field_validator, model_validator

from hub.sections import Language, Section

_CLOCK = re.compile(r"^(?:[01]\d|2[0-3]):[0-5]\d$")


class Organizer(Section):
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+$")
    language: Language | None = None  # None: the contest's default language

    @model_validator(mode="before")
    @classmethod
    def _from_address(cls, value: Any) -> Any:
        return {"email": value} if isinstance(value, str) else value


class Signature(Section):
    """A line to sign the protocol: the person and their role in the contest."""

    name: str = Field(min_length=1)
    role: dict[Language, str] = Field(default_factory=dict)


class ReportsConfig(Section):
    digest_at: str = "09:00"  # the organizers' daily digest, in the contest's zone; "" is off
    organizer: dict[Language, str] = Field(default_factory=dict)  # who runs the contest
    place: dict[Language, str] = Field(default_factory=dict)  # where the protocol is signed
    tell_places: bool = False  # the results mail tells every entrant their place
    signatures: list[Signature] = Field(default_factory=list)

    @field_validator("digest_at")
    @classmethod
    def _clock_time(cls, value: str) -> str:
        if value and not _CLOCK.match(value):
            raise ValueError("a time of day as HH:MM (like '09:00'), or '' for no digest")
        return value
