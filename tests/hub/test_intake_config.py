"""`[intake] fields` and `rules`: the defaults are the Shanyraq form, the press-secretary
example loads, and a name intake does not know stops the start naming the key."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from datetime import date, datetime
from pathlib import Path

import pytest
from contest import ROOT

from hub.config import ConfigError, load_config, parse_config
from hub.intake_config import DEFAULT_FIELDS, DEFAULT_RULES, FIELDS, RULES
from intake.form.fields import WORK_LINKS, WORKS_FIELD, FormReading
from intake.rules import check_rules_config

EXAMPLE = ROOT / "examples" / "press-secretary.toml"


def shipped() -> dict[str, object]:
    with (ROOT / "config.toml").open("rb") as file:
        return tomllib.load(file)


def with_intake(**changes: object) -> dict[str, object]:
    raw = shipped()
    raw["intake"] = {**raw["intake"], **changes}  # type: ignore[dict-item]
    return raw


def test_the_shipped_config_keeps_the_shanyraq_form_and_rules() -> None:
    config = load_config(ROOT / "config.toml")
    assert tuple(config.intake.fields) == DEFAULT_FIELDS
    assert tuple(config.intake.rules) == DEFAULT_RULES
    assert "same_organization" not in config.intake.rules


def test_the_press_secretary_example_loads_with_the_seeds_contest() -> None:
    config = load_config(EXAMPLE)
    assert config.contest.name["ru"] == "«Лучший пресс-секретарь Алматинской области - 2023»"
    assert config.contest.name["kk"] == "«Алматы облысының үздік баспасөз хатшысы – 2023»"
    assert config.intake.fields == ["full_name", "position", "organization", "phone", "email"]
    assert config.intake.rules == ["window", "name", "position", "organization", "phone",
                                   "duplicate", "same_organization"]
    # Applications until voting opens on 19 June; results on 28 June (the seed's stages).
    assert config.intake.closes == datetime(2023, 6, 18, 23, 59, 59)
    assert config.intake.results == date(2023, 6, 28)
    assert config.jury is None
    assert [(p.key, p.place, p.amount) for p in config.prizes] == [
        ("winner", 1, 400000), ("bonus", None, 500000)]
    assert config.reports.signatures[0].name == "Е. Рамазанов"
    assert config.reports.organizer["ru"] == "ИА Информационный хаб Казахстана «NewsHub.kz»"
    check_rules_config(config.intake, config.contest.timezone)  # no gazetteer needed


def test_the_example_votes_on_the_seeds_dates_with_the_seeds_thresholds() -> None:
    voting = load_config(EXAMPLE).voting
    assert voting is not None
    # «с 19 июня по 26 июня», results 28 June; bloggers by the seed's rule 5.
    assert (voting.opens, voting.closes, voting.results) == (
        datetime(2023, 6, 19), datetime(2023, 6, 26, 23, 59, 59), date(2023, 6, 28))
    assert voting.min_followers == {"instagram": 50000, "facebook": 10000, "youtube": 150000}
    assert voting.ballot_key_env == "BAIQAU_BALLOT_KEY"
    assert "BAIQAU_BALLOT_KEY=" not in EXAMPLE.read_text(encoding="utf-8").replace(
        "export BAIQAU_BALLOT_KEY='...'", "")  # the key itself never sits in the file


@pytest.mark.parametrize(("changes", "message"), [
    ({"fields": ["full_name", "job"]}, "intake.fields: unknown field 'job'"),
    ({"rules": ["window", "one_per_org"]}, "intake.rules: unknown rule 'one_per_org'"),
    ({"rules": ["window", "window"]}, "intake.rules: a rule is listed twice"),
    ({"fields": ["full_name", "phone"], "rules": ["window", "same_organization"]},
     "intake.rules: the rule 'same_organization' reads the field 'organization'"),
    ({"fields": ["full_name", "phone"]},  # the default rules need the Shanyraq fields
     "intake.rules: the rule 'region' reads the field 'settlement'"),
])
def test_an_unknown_or_unusable_name_is_refused_naming_the_key(
        changes: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError) as error:
        parse_config(with_intake(**changes))
    assert message in str(error.value)


def test_an_unknown_field_is_exit_2_naming_the_key(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        'fields = ["full_name",', 'fields = ["full_name", "age",')
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "baiqau", "--config", str(path), "status"],
                            capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert result.returncode == 2
    assert "intake.fields: unknown field 'age'" in result.stderr


def test_the_config_names_are_the_ones_intake_knows() -> None:
    from intake.rules import _RULES  # the registry the names choose from

    assert tuple(_RULES) == RULES
    readable = {WORKS_FIELD if name == WORK_LINKS else name for name in FormReading().as_dict()}
    assert set(FIELDS) == readable - {"sources"}
