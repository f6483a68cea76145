"""The contest's config.toml: read, validated at start-up, and handed around typed.

A wrong or missing key is a `ConfigError` naming the key and what it expected, so an
organizer who mistypes `port = "993x"` learns that before the first poll, not at 3 a.m.
Passwords never live in the file: each server section names an environment variable.
"""

from __future__ import annotations

import os
import re
import ssl
import tomllib
from enum import StrEnum
from pathlib import Path
from typing import Annotated

from pydantic import Field, ValidationError, field_validator, model_validator

from hub.intake_config import IntakeConfig as IntakeConfig  # re-exported: intake reads it
from hub.jury_config import JuryConfig, PrizeConfig, check_prizes
from hub.reports_config import Organizer, ReportsConfig
from hub.sections import Language as Language  # re-exported: every part names languages by it
from hub.sections import Section
from hub.voting_config import VotingConfig

DEFAULT_CONFIG_PATH = Path("config.toml")
CONFIG_ENV = "BAIQAU_CONFIG"


class ConfigError(Exception):
    """The config file is missing, unreadable, or has a wrong or missing key."""


class Security(StrEnum):
    SSL = "ssl"
    STARTTLS = "starttls"
    NONE = "none"


class ContestConfig(Section):
    name: dict[Language, str] = Field(description="the contest's name per language")
    timezone: str = "Asia/Almaty"
    default_language: Language = Language.KK
    organizers: list[Organizer] = Field(min_length=1, description="who gets the digests")
    application_prefix: str = "A"

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        from hub.clock import load_zone

        load_zone(value)
        return value

    def language_of(self, organizer: Organizer) -> Language:
        return organizer.language or self.default_language

    @property
    def organizer_addresses(self) -> list[str]:
        return [organizer.email.lower() for organizer in self.organizers]


class ServerConfig(Section):
    host: str
    port: Annotated[int, Field(ge=1, le=65535)]
    security: Security = Security.SSL
    username: str = ""
    password_env: str = ""
    timeout_seconds: Annotated[float, Field(gt=0)] = 60.0
    # Certificates to trust for this server, for a private server with its own CA;
    # without it, the system's trusted CAs (right for mail.ru, Gmail, Yandex).
    ca_file: Path | None = None

    def tls_context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=str(self.ca_file) if self.ca_file else None)

    def password(self) -> str:
        """The password from the environment variable the config names ('' if none)."""
        if not self.password_env:
            return ""
        value = os.environ.get(self.password_env)
        if value is None:
            raise ConfigError(
                f"environment variable {self.password_env} is not set "
                f"(named by password_env for {self.host})"
            )
        return value


class MailboxConfig(ServerConfig):
    folder: str = "INBOX"
    processed_folder: str = "baiqau-processed"
    quarantine_folder: str = "baiqau-quarantine"
    use_idle: bool = True
    poll_interval_seconds: Annotated[float, Field(gt=0)] = 60.0
    idle_seconds: Annotated[float, Field(gt=0, le=1740)] = 300.0
    fetch_batch: Annotated[int, Field(ge=1, le=1000)] = 100
    large_message_bytes: Annotated[int, Field(ge=64 * 1024)] = 2 * 1024 * 1024
    fetch_chunk_bytes: Annotated[int, Field(ge=16 * 1024)] = 1024 * 1024


class SmtpConfig(ServerConfig):
    from_address: str
    from_name: str = ""


class OutboxConfig(Section):
    max_answers_per_sender_per_day: Annotated[int, Field(ge=1)] = 10
    max_attempts: Annotated[int, Field(ge=1)] = 8
    retry_base_seconds: Annotated[float, Field(gt=0)] = 30.0
    retry_max_seconds: Annotated[float, Field(gt=0)] = 3600.0
    # SMTP connections sending at once. Providers limit how many one account may open
    # (Gmail and mail.ru allow a few); 1 sends strictly in queue order.
    connections: Annotated[int, Field(ge=1, le=10)] = 3
    loop_marker: str = "baiqau"


class DatabaseConfig(Section):
    url: str = "sqlite:///var/baiqau.db"


class StorageConfig(Section):
    path: Path = Path("var")


class Config(Section):
    contest: ContestConfig
    intake: IntakeConfig
    mailbox: MailboxConfig
    smtp: SmtpConfig
    outbox: OutboxConfig = OutboxConfig()
    database: DatabaseConfig = DatabaseConfig()
    storage: StorageConfig = StorageConfig()
    jury: JuryConfig | None = None  # a contest decided by a jury (regulation 6)
    voting: VotingConfig | None = None  # a contest decided by voters' secret ballots (seed 000)
    reports: ReportsConfig = ReportsConfig()
    prizes: list[PrizeConfig] = Field(default_factory=list)  # regulation 8
    source: Path | None = Field(default=None, exclude=True)

    @model_validator(mode="after")
    def _prizes_are_distinct(self) -> Config:
        check_prizes(self.prizes)
        return self

    def resolve(self, path: Path) -> Path:
        """A path from the config, taken relative to the config file's folder."""
        if path.is_absolute() or self.source is None:
            return path
        return self.source.parent / path

    @property
    def storage_path(self) -> Path:
        return self.resolve(self.storage.path)

    @property
    def database_url(self) -> str:
        url = self.database.url
        prefix = "sqlite:///"
        if url.startswith(prefix) and not url.startswith(prefix + "/") and ":memory:" not in url:
            return prefix + str(self.resolve(Path(url[len(prefix):])))
        return url


def config_path(explicit: str | Path | None = None) -> Path:
    """Where the config is: the --config flag, else $BAIQAU_CONFIG, else ./config.toml."""
    if explicit:
        return Path(explicit)
    return Path(os.environ.get(CONFIG_ENV) or DEFAULT_CONFIG_PATH)


def load_config(path: str | Path | None = None) -> Config:
    source = config_path(path)
    try:
        with source.open("rb") as file:
            raw = tomllib.load(file)
    except FileNotFoundError:
        raise ConfigError(f"{source}: no such config file") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{source}: not valid TOML: {error}") from None
    return parse_config(raw, source)


def parse_config(raw: dict[str, object], source: Path | None = None) -> Config:
    try:
        return Config.model_validate({**raw, "source": source})
    except ValidationError as error:
        raise ConfigError(_describe(error, source)) from None


def _describe(error: ValidationError, source: Path | None) -> str:
    where = f"{source}: " if source else ""
    lines = [f"{where}{error.error_count()} problem(s) in the config:"]
    for problem in error.errors():
        key = ".".join(str(part) for part in problem["loc"])
        if problem["type"] == "missing":
            lines.append(f"  {key}: missing; it is required")
        elif problem["type"] == "extra_forbidden":
            lines.append(f"  {key}: unknown key (a typo?)")
        elif problem["type"] == "value_error" and _names_a_key(str(problem["msg"])):
            # A check across keys says which keys itself ("jury.score_min (10) must be...").
            lines.append(f"  {str(problem['msg']).removeprefix('Value error, ')}")
        else:
            given = problem.get("input")
            lines.append(f"  {key}: {problem['msg']} (got {given!r})")
    return "\n".join(lines)


def _names_a_key(message: str) -> bool:
    return bool(re.match(r"Value error, [a-z_]+(\.[a-z_]+)*(: | \()", message))
