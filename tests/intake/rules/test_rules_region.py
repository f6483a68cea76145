"""Residency: the settlement line, the address standing in for it, and the region's data."""

from __future__ import annotations

from pathlib import Path

import pytest

from hub.config import ConfigError
from intake.findings import (
    OUTSIDE_REGION,
    REGION_UNCLEAR,
    SETTLEMENT_MISSING,
    Finding,
    failed,
    passed,
    review,
)
from intake.form.fields import FormReading
from intake.rules import region as region_module
from intake.rules.region import check_region, region_gazetteer

AKMOLA = region_gazetteer("akmola")


def check(settlement: str | None, address: str | None = None) -> list[Finding]:
    return check_region(FormReading(settlement=settlement, address=address), AKMOLA)


@pytest.mark.parametrize(
    ("settlement", "expected"),
    [
        ("Көкшетау", passed("region", "Көкшетау")),
        ("г. Кокшетау", passed("region", "Көкшетау")),
        ("Ақмола облысы, Бурабай ауданы, Щучинск қ.", passed("region", "Щучинск")),
        ("Косшы", passed("region", "Қосшы")),
        ("Бурабай ауданы", passed("region", "Бурабай ауданы")),
        ("Астана", failed("region", OUTSIDE_REGION, "Астана", fixable=False)),
        ("Нур-Султан", failed("region", OUTSIDE_REGION, "Астана", fixable=False)),
        ("г. Алматы", failed("region", OUTSIDE_REGION, "Алматы", fixable=False)),
        ("с. Жаңаауыл", review("region", REGION_UNCLEAR, "с. Жаңаауыл")),
        ("Ақсу", review("region", REGION_UNCLEAR, "Ақсу")),
        ("Ақмола облысы", failed("region", SETTLEMENT_MISSING, "Ақмола облысы")),
        (None, failed("region", SETTLEMENT_MISSING)),
        ("   ", failed("region", SETTLEMENT_MISSING)),
    ],
)
def test_the_settlement_line(settlement: str | None, expected: Finding) -> None:
    assert check(settlement) == [expected]


def test_the_address_stands_in_for_a_missing_settlement() -> None:
    assert check(None, "г. Кокшетау, ул. Абая 5, кв. 12") == [
        passed("region", "address: Көкшетау")
    ]
    assert check("Ақмола облысы", "Астана қ., Сығанақ көшесі 12") == [
        failed("region", OUTSIDE_REGION, "address: Астана", fixable=False)
    ]


def test_an_address_that_names_no_known_place_does_not_stand_in() -> None:
    assert check(None, "ул. Абая 5, кв. 12") == [failed("region", SETTLEMENT_MISSING)]
    assert check("", "Жаңаауыл ауылы, Орталық 4") == [failed("region", SETTLEMENT_MISSING)]


def test_an_address_that_agrees_changes_nothing() -> None:
    assert check("Көкшетау", "Көкшетау қ., Абай көшесі 5") == [passed("region", "Көкшетау")]
    # A street address the gazetteer cannot read is not a contradiction.
    assert check("Көкшетау", "Абая 5") == [passed("region", "Көкшетау")]


def test_settlement_and_address_on_either_side_of_the_border_go_to_a_person() -> None:
    assert check("Көкшетау", "Астана қ., Сығанақ көшесі 12") == [
        review("region", REGION_UNCLEAR, "Көкшетау; address: Астана")
    ]
    assert check("Астана", "Косшы, Республики 3") == [
        review("region", REGION_UNCLEAR, "Астана; address: Қосшы")
    ]


def test_an_unclear_settlement_shows_the_reviewer_what_the_address_says() -> None:
    assert check("с. Жаңаауыл", "г. Кокшетау, ул. Абая 5") == [
        review("region", REGION_UNCLEAR, "с. Жаңаауыл; address: Көкшетау")
    ]


def test_a_region_without_data_fails_at_start_up() -> None:
    with pytest.raises(ConfigError, match="no gazetteer for 'mars'"):
        region_gazetteer("mars")
    with pytest.raises(ConfigError, match="not a region name"):
        region_gazetteer("../../etc/passwd")


def test_a_broken_gazetteer_is_a_config_error(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "steppe.toml").write_text("[region\nkk = ", encoding="utf-8")
    (tmp_path / "tundra.toml").write_text('[region]\nkk = "Тундра"\n', encoding="utf-8")
    monkeypatch.setattr(region_module, "DATA_DIR", tmp_path)
    with pytest.raises(ConfigError, match="broken"):
        region_gazetteer("steppe")
    with pytest.raises(ConfigError, match="broken"):
        region_gazetteer("tundra")
