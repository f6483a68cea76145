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


def test_the_shipped_config_carries_the_jury_and_the_prizes_of_the_regulation() -> None:
    config = load_config(ROOT / "config.toml")
    jury = config.jury
    assert jury is not None
    # 6.1: five criteria, in the regulation's order, named in the three languages.
    assert [criterion.key for criterion in jury.criteria] == [
        "theme", "creativity", "visual", "impact", "relevance"]
    assert jury.criterion("creativity").name["kk"] == "Шығармашылық тәсіл және түпнұсқалық"
    assert jury.deadline == datetime(2026, 4, 21, 18, 0)
    # 8: three places with amounts, three incentive prizes with names.
    assert [(prize.place, prize.amount) for prize in config.prizes if prize.place] == [
        (1, 100000), (2, 75000), (3, 50000)]
    assert {prize.key for prize in config.prizes if prize.place is None} == {
        "oven", "dishes", "speaker"}


def _with_jury(**changes: object) -> dict[str, object]:
    raw = shipped()
    raw["jury"] = {**raw["jury"], **changes}  # type: ignore[dict-item]
    return raw


@pytest.mark.parametrize(("changes", "message"), [
    ({"criteria": []}, "jury.criteria: at least one criterion is needed"),
    ({"score_min": 10, "score_max": 5}, "jury.score_min (10) must be below jury.score_max (5)"),
    ({"score_step": 3}, "jury.score_step (3) does not divide the range 0 to 10"),
    ({"jurors": [{"name": "Әлия", "email": "a@x.kz"}, {"name": "Бек", "email": "A@x.kz"}]},
     "jury.jurors: a@x.kz is listed twice"),
    ({"deadline": datetime(2026, 4, 1, 9, 0)}, "jury.deadline (2026-04-01 09:00:00) is not after"),
    ({"tie_break": ["total", "criterion:charm"]}, "jury.tie_break: 'criterion:charm' is not"),
    ({"reviews_per_work": 2}, "jury.reviews_per_work (2) is more than the 0 juror(s)"),
    ({"require_dkim": True}, "jury.authserv_id: required with jury.require_dkim = true"),
])
def test_a_bad_jury_names_its_key(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError) as error:
        parse_config(_with_jury(**changes), Path("config.toml"))
    assert message in str(error.value)
    assert "Value error" not in str(error.value)


def test_two_prizes_for_one_place_are_refused() -> None:
    raw = shipped()
    raw["prizes"] = [*raw["prizes"], {"key": "also_first", "place": 1, "amount": 1}]  # type: ignore[list-item]
    with pytest.raises(ConfigError, match="prizes: two prizes for the same place"):
        parse_config(raw)


def test_organizers_may_name_their_language_and_the_reports_have_real_values() -> None:
    raw = shipped()
    raw["contest"] = {**raw["contest"],  # type: ignore[dict-item]
                      "organizers": ["a@x.kz", {"email": "b@y.kz", "language": "ru"}]}
    config = parse_config(raw)
    assert config.contest.organizer_addresses == ["a@x.kz", "b@y.kz"]
    assert [config.contest.language_of(o).value for o in config.contest.organizers] == [
        "kk", "ru"]
    shipped_config = load_config(ROOT / "config.toml")
    assert shipped_config.reports.digest_at == "09:00"
    assert shipped_config.reports.place["kk"] == "Көкшетау қаласы"
    assert [s.name for s in shipped_config.reports.signatures] == [
        "Шакшақов Қ. Ғ.", "Оспанов А. Н."]


def test_a_digest_time_that_is_no_time_is_refused() -> None:
    raw = shipped()
    raw["reports"] = {**raw["reports"], "digest_at": "9am"}  # type: ignore[dict-item]
    with pytest.raises(ConfigError, match=r"reports\.digest_at: Value error, a time of day"):
        parse_config(raw)
