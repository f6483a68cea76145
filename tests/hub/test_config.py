"""config.toml is checked at start-up, and every problem names its key."""

from __future__ import annotations

import tomllib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from contest import ROOT

from hub.clock import load_zone
from hub.config import ConfigError, load_config, parse_config


def shipped() -> dict[str, object]:
    with (ROOT / "config.toml").open("rb") as file:
        return tomllib.load(file)


def test_the_shipped_config_is_valid_and_carries_the_regulation() -> None:
    config = load_config(ROOT / "config.toml")
    assert config.contest.name["kk"] == "«Шаңырақ» креативті хабы"
    assert config.intake.opens == datetime(2026, 3, 13, 0, 0)
    assert config.intake.closes == datetime(2026, 4, 13, 23, 59, 59)
    assert config.mailbox.security.value == "ssl"
    assert config.smtp.password_env == "BAIQAU_SMTP_PASSWORD"


def test_a_wrong_value_names_the_key_and_what_it_expected() -> None:
    raw = shipped()
    raw["mailbox"] = {**raw["mailbox"], "port": "993x", "security": "tls"}  # type: ignore[dict-item]
    with pytest.raises(ConfigError) as error:
        parse_config(raw, Path("config.toml"))
    text = str(error.value)
    assert "config.toml: 2 problem(s) in the config:" in text
    assert "mailbox.port: Input should be a valid integer" in text
    assert "(got '993x')" in text
    assert "mailbox.security: Input should be 'ssl', 'starttls' or 'none'" in text


def test_a_missing_key_and_a_typo_are_named() -> None:
    raw = shipped()
    smtp = dict(raw["smtp"])  # type: ignore[call-overload]
    del smtp["from_address"]
    smtp["from_adress"] = "x@example.test"
    raw["smtp"] = smtp
    with pytest.raises(ConfigError) as error:
        parse_config(raw)
    assert "smtp.from_address: missing; it is required" in str(error.value)
    assert "smtp.from_adress: unknown key (a typo?)" in str(error.value)


def test_an_unknown_time_zone_is_refused() -> None:
    raw = shipped()
    raw["contest"] = {**raw["contest"], "timezone": "Asia/Akmola"}  # type: ignore[dict-item]
    with pytest.raises(ConfigError, match=r"contest\.timezone: Value error, unknown time zone"):
        parse_config(raw)


def test_a_missing_password_variable_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BAIQAU_IMAP_PASSWORD", raising=False)
    config = load_config(ROOT / "config.toml")
    with pytest.raises(ConfigError, match="BAIQAU_IMAP_PASSWORD is not set"):
        config.mailbox.password()


def test_a_missing_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such config file"):
        load_config(tmp_path / "nothing.toml")


def test_kazakhstan_is_utc_plus_5_since_march_2024() -> None:
    almaty = load_zone("Asia/Almaty")
    # Akmola region: UTC+6 until 1 March 2024, UTC+5 after (tzdata 2024a).
    assert datetime(2024, 2, 1, tzinfo=almaty).utcoffset() == timedelta(hours=6)
    assert datetime(2026, 4, 13, 23, 59, tzinfo=almaty).utcoffset() == timedelta(hours=5)
    close = datetime(2026, 4, 13, 23, 59, 59, tzinfo=almaty)
    assert close.astimezone(UTC) == datetime(2026, 4, 13, 18, 59, 59, tzinfo=UTC)
