"""Dates, times, counts and sizes as the letters write them, in Kazakh, Russian and English."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from hub.clock import load_zone
from hub.config import IntakeConfig
from hub.humanize import (
    EN_MONTHS,
    KK_MONTHS,
    RU_MONTHS_GENITIVE,
    format_count,
    format_date,
    format_moment,
    format_size,
    rules_context,
    work_kind_name,
    zone_name,
)

ALMATY = load_zone("Asia/Almaty")
# 23:59 on the closing day in Akmola region is 18:59 UTC: Kazakhstan is UTC+5 since 2024.
CLOSE = datetime(2026, 4, 13, 18, 59, 59, tzinfo=UTC)


def test_the_closing_minute_in_each_language() -> None:
    assert format_moment(CLOSE, "kk", ALMATY) == "13 сәуір 2026, 23:59"
    assert format_moment(CLOSE, "ru", ALMATY) == "13 апреля 2026, 23:59"
    assert format_moment(CLOSE, "en", ALMATY) == "13 April 2026, 23:59"


def test_the_zone_is_named_when_asked() -> None:
    assert format_moment(CLOSE, "kk", ALMATY, with_zone=True) == (
        "13 сәуір 2026, 23:59 (Астана уақыты)")
    assert format_moment(CLOSE, "ru", ALMATY, with_zone=True) == (
        "13 апреля 2026, 23:59 (по времени Астаны)")
    assert format_moment(CLOSE, "en", ALMATY, with_zone=True) == (
        "13 April 2026, 23:59 (Astana time)")
    moscow = load_zone("Europe/Moscow")
    assert format_moment(CLOSE, "en", moscow, with_zone=True) == (
        "13 April 2026, 21:59 (UTC+03:00)")
    assert zone_name(CLOSE, "kk", load_zone("Asia/Qostanay")) == "Астана уақыты"


def test_the_moment_is_read_in_the_contests_zone_not_utc() -> None:
    # 20:30 UTC on 13 April is already 14 April in Kazakhstan.
    late = datetime(2026, 4, 13, 20, 30, tzinfo=UTC)
    assert format_moment(late, "kk", ALMATY) == "14 сәуір 2026, 01:30"


def test_kazakhstan_was_utc_plus_6_before_march_2024() -> None:
    # The pinned tzdata knows the change; an old host database would say +6 in 2026 too.
    before = datetime(2024, 2, 1, 12, 0, tzinfo=UTC)
    assert format_moment(before, "en", ALMATY) == "1 February 2024, 18:00"
    assert zone_name(before, "en", ALMATY) == "UTC+06:00"


@pytest.mark.parametrize("month", range(1, 13))
def test_every_month_in_every_language(month: int) -> None:
    day = date(2026, month, 1)
    assert format_date(day, "kk") == f"1 {KK_MONTHS[month - 1]} 2026"
    assert format_date(day, "ru") == f"1 {RU_MONTHS_GENITIVE[month - 1]} 2026"
    assert format_date(day, "en") == f"1 {EN_MONTHS[month - 1]} 2026"


def test_month_names_are_the_ones_people_write() -> None:
    assert KK_MONTHS == ("қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде",
                         "тамыз", "қыркүйек", "қазан", "қараша", "желтоқсан")
    assert format_date(date(2026, 3, 13), "ru") == "13 марта 2026"
    assert format_date(date(2026, 5, 9), "ru") == "9 мая 2026"
    assert format_date(date(2026, 12, 31), "kk") == "31 желтоқсан 2026"


def test_a_naive_moment_or_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        format_moment(datetime(2026, 4, 13, 23, 59), "kk", ALMATY)
    with pytest.raises(ValueError, match="unknown language"):
        format_date(date(2026, 4, 13), "de")


def test_work_kinds() -> None:
    assert [work_kind_name(kind, "kk") for kind in ("video", "photo", "multimedia")] == [
        "бейне", "фото", "мультимедиялық жоба"]
    assert [work_kind_name(kind, "ru") for kind in ("video", "photo", "multimedia")] == [
        "видео", "фото", "мультимедийный проект"]
    assert [work_kind_name(kind, "en") for kind in ("video", "photo", "multimedia")] == [
        "video", "photo", "multimedia project"]
    assert work_kind_name("unsupported", "kk") == "жұмыс"


def test_counts_and_sizes() -> None:
    assert format_count(5000, "kk") == "5 000"
    assert format_count(4999, "ru") == "4 999"
    assert format_count(12500, "en") == "12,500"
    assert format_count(35, "kk") == "35"
    assert format_size(26214400, "kk") == "25 МБ"
    assert format_size(31457280, "ru") == "30 МБ"
    assert format_size(31_000_000, "kk") == "29,6 МБ"
    assert format_size(31_000_000, "en") == "29.6 MB"
    assert format_size(1000, "en") == "0.1 MB"
    assert format_size(0, "en") == "0 MB"


def test_rules_context_states_the_config() -> None:
    intake = IntakeConfig(opens=datetime(2026, 3, 13, 0, 0),
                          closes=datetime(2026, 4, 13, 23, 59, 59), results=date(2026, 4, 23))
    assert rules_context(intake, "kk", ALMATY, region="Ақмола облысы") == {
        "min_age": 18,
        "max_age": 35,
        "min_subscribers": 5000,
        "max_works": 3,
        "max_attachment": "25 МБ",
        "opens": "13 наурыз 2026, 00:00 (Астана уақыты)",
        "region": "Ақмола облысы",
    }
    by_date = IntakeConfig(opens=date(2026, 3, 13), closes=date(2026, 4, 13))
    values = rules_context(by_date, "ru", ALMATY)
    assert values["opens"] == "13 марта 2026, 00:00 (по времени Астаны)"
    assert "region" not in values
