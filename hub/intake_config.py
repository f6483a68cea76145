"""The intake part of config.toml: the window, the rule values, and which fields and rules
this contest's application form has.

One reader and one set of rule modules serve every contest: the Shanyraq hub asks for a
settlement, a birth year, social links and works; the press-secretary contest asks for a
position and an organization instead. `fields` and `rules` choose, by name, from what
intake knows; the names are listed here because the config is checked before intake is
loaded (and `hub` may not import it). tests/intake/test_form_config.py keeps these lists
and intake's in step. A name that is not known stops the start (exit 2) naming the key.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import Field, field_validator, model_validator

from hub.sections import Section

# The fields a form can have, in form order. `works` is section 2 of the Shanyraq form: the
# attached files and the links to works.
FIELDS = (
    "settlement", "full_name", "birthplace", "birth_year", "birth_date", "address",
    "position", "organization", "phone", "email", "social_links", "subscribers", "works",
)
# The checks intake can run, in the order they are reported.
RULES = (
    "window", "region", "name", "position", "organization", "age", "phone",
    "social_links", "subscribers", "works", "duplicate", "same_organization",
)
# What the Shanyraq contest has always used: a config without `fields` or `rules` keeps it.
DEFAULT_FIELDS = (
    "settlement", "full_name", "birthplace", "birth_year", "birth_date", "address", "phone",
    "social_links", "subscribers", "works",
)
DEFAULT_RULES = (
    "window", "region", "name", "age", "phone", "social_links", "subscribers", "works",
    "duplicate",
)
# The fields a rule reads: a rule without its field would fail every application.
RULE_NEEDS: dict[str, tuple[str, ...]] = {
    "region": ("settlement",),
    "name": ("full_name",),
    "position": ("position",),
    "organization": ("organization",),
    "age": ("birth_year", "birth_date"),
    "phone": ("phone",),
    "social_links": ("social_links",),
    "subscribers": ("subscribers",),
    "works": ("works",),
    "same_organization": ("organization",),
}


class IntakeConfig(Section):
    """The regulation's rules for applications (Shanyraq: sections 3, 5 and 7)."""

    opens: datetime | date  # in the contest's time zone; a date means its first minute
    closes: datetime | date  # a date means its last second
    results: date | None = None
    fields: list[str] = Field(default_factory=lambda: list(DEFAULT_FIELDS))
    rules: list[str] = Field(default_factory=lambda: list(DEFAULT_RULES))
    min_age: Annotated[int, Field(ge=0, le=150)] = 18
    max_age: Annotated[int, Field(ge=0, le=150)] = 35
    min_subscribers: Annotated[int, Field(ge=0)] = 5000
    min_works: Annotated[int, Field(ge=0)] = 1
    max_works: Annotated[int, Field(ge=1)] = 3
    max_attachment_bytes: Annotated[int, Field(ge=1)] = 25 * 1024 * 1024
    region: str = "akmola"  # the gazetteer intake/places/data/<region>.toml
    require_social_links: bool = True

    @field_validator("fields")
    @classmethod
    def _known_fields(cls, value: list[str]) -> list[str]:
        return _known("intake.fields", "field", value, FIELDS)

    @field_validator("rules")
    @classmethod
    def _known_rules(cls, value: list[str]) -> list[str]:
        return _known("intake.rules", "rule", value, RULES)

    @model_validator(mode="after")
    def _rules_have_their_fields(self) -> IntakeConfig:
        for rule in self.rules:
            needs = RULE_NEEDS.get(rule, ())
            if needs and not any(name in self.fields for name in needs):
                raise ValueError(
                    f"intake.rules: the rule {rule!r} reads the field {needs[0]!r}, "
                    f"which intake.fields does not list"
                )
        return self

    def has_field(self, name: str) -> bool:
        return name in self.fields

    def has_rule(self, name: str) -> bool:
        return name in self.rules


def _known(key: str, what: str, names: list[str], known: tuple[str, ...]) -> list[str]:
    unknown = [name for name in names if name not in known]
    if unknown:
        raise ValueError(f"{key}: unknown {what} {unknown[0]!r} "
                         f"(known: {', '.join(known)})")
    if len(set(names)) != len(names):
        raise ValueError(f"{key}: a {what} is listed twice")
    return names
