"""What every section of config.toml is made of: a strict model, and the languages
baiqau writes in. Shared by `hub.config` and the sections of each part (`hub.jury_config`)."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class Language(StrEnum):
    KK = "kk"
    RU = "ru"
    EN = "en"


class Section(BaseModel):
    # A key that is not known is a typo until proven otherwise.
    model_config = ConfigDict(extra="forbid", frozen=True)
