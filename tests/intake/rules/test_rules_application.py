"""check_application end to end: realistic Kazakh and Russian forms, every finding, the status."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from hub.config import ConfigError, IntakeConfig
from intake.findings import (
    AGE_UNCLEAR,
    ATTACHMENT_TOO_LARGE,
    BIRTH_YEAR_MISSING,
    DUPLICATE_APPLICATION,
    FEW_SUBSCRIBERS,
    LATE,
    NAME_MISSING,
    NO_WORKS,
    OUTSIDE_REGION,
    PHONE_INVALID,
    REGION_UNCLEAR,
    SETTLEMENT_MISSING,
    SOCIAL_LINKS_MISSING,
    SUBSCRIBERS_MISSING,
    TOO_EARLY,
    TOO_MANY_WORKS,
    TOO_OLD,
    Finding,
    Outcome,
    Status,
    decide,
    failed,
    passed,
    review,
)
from intake.form.fields import FormReading
from intake.rules import (
    MULTIMEDIA,
    PHOTO,
    VIDEO,
    Submission,
    Work,
    check_application,
    check_rules_config,
)

ZONE = "Asia/Almaty"
# The regulation's own rules and dates, as the shipped config.toml has them.
CONFIG = IntakeConfig(opens=datetime(2026, 3, 13, 0, 0), closes=datetime(2026, 4, 13, 23, 59, 59))
LIMIT = CONFIG.max_attachment_bytes
ON_TIME = datetime(2026, 4, 2, 9, 15, tzinfo=UTC)  # 14:15 in Akmola region

AIGERIM = FormReading(
    settlement="Ақмола облысы, Бурабай ауданы, Щучинск қ.",
    full_name="Сейітқали Әйгерім Нұрланқызы",
    birthplace="Көкшетау қ.",
    birth_year=1998,
    address="Щучинск қ., Абылай хан көшесі 12, 5 пәтер",
    phone="8 (702) 487-92-11",
    social_links=["https://www.instagram.com/aigerim.shortvideo",
                  "https://www.tiktok.com/@aigerim_vlog"],
    subscribers=12_400,
)
AIGERIM_WORKS = [
    Work(VIDEO, "Бірлік_шаңырағы.mp4", 18_000_000),
    Work(VIDEO, "https://www.youtube.com/watch?v=Xb2kq9LmN0s", is_link=True),
    Work(PHOTO, "Бурабай_таңы.jpg", 3_200_000),
]

VIKTORIA = FormReading(
    settlement="г. Степногорск",
    full_name="Ким Виктория Олеговна",
    birthplace="г. Степногорск",
    birth_year=2001,
    birth_date=date(2001, 11, 3),
    address="г. Степногорск, 4 мкр., д. 12, кв. 40",
    phone="+7 777 123 45 67",
    social_links=["https://instagram.com/vika.kim.stp"],
    subscribers=4_999,
)
VIKTORIA_WORKS = [Work(VIDEO, f"ролик_{n}.mp4", 9_000_000) for n in range(1, 5)]


def check(reading: FormReading, works: list[Work], arrived: datetime = ON_TIME,
          duplicate_of: str | None = None) -> tuple[list[Finding], Status]:
    submission = Submission(reading, arrived, works, duplicate_of)
    findings = check_application(submission, CONFIG, ZONE)
    return findings, decide(findings)


def test_a_complete_kazakh_application_is_accepted() -> None:
    findings, status = check(AIGERIM, AIGERIM_WORKS)
    assert findings == [
        passed("window", "2026-04-02T14:15:00+05:00"),
        passed("region", "Щучинск"),
        passed("name", "Сейітқали Әйгерім Нұрланқызы"),
        passed("age", "1998 (27–28)"),
        passed("phone", "+77024879211"),
        passed("social_links", "2"),
        passed("subscribers", "12400"),
        passed("works", "3"),
        passed("duplicate"),
    ]
    assert status is Status.ACCEPTED


def test_a_russian_application_with_4999_subscribers_and_four_works_needs_fixing() -> None:
    findings, status = check(VIKTORIA, VIKTORIA_WORKS)
    assert findings == [
        passed("window", "2026-04-02T14:15:00+05:00"),
        passed("region", "Степногорск"),
        passed("name", "Ким Виктория Олеговна"),
        passed("age", "2001-11-03 (24)"),
        passed("phone", "+77771234567"),
        passed("social_links", "1"),
        failed("subscribers", FEW_SUBSCRIBERS, "4999 < 5000"),
        failed("works", TOO_MANY_WORKS, "4 > 3"),
        passed("duplicate"),
    ]
    assert status is Status.NEEDS_FIX
    # 5,000 and three works mend it.
    mended = replace(VIKTORIA, subscribers=5_000)
    assert check(mended, VIKTORIA_WORKS[:3])[1] is Status.ACCEPTED


def test_a_bare_email_lists_everything_missing_at_once() -> None:
    reading = FormReading(full_name="Дәурен", phone="8 70 12")
    findings, status = check(reading, [Work(VIDEO, "үлкен_фильм.mov", LIMIT + 1)])
    assert findings == [
        passed("window", "2026-04-02T14:15:00+05:00"),
        failed("region", SETTLEMENT_MISSING),
        failed("name", NAME_MISSING, "Дәурен"),
        failed("age", BIRTH_YEAR_MISSING),
        failed("phone", PHONE_INVALID, "8 70 12"),
        failed("social_links", SOCIAL_LINKS_MISSING),
        failed("subscribers", SUBSCRIBERS_MISSING),
        failed("works", NO_WORKS, "0"),
        failed("works", ATTACHMENT_TOO_LARGE, f"үлкен_фильм.mov: {LIMIT + 1} > {LIMIT}"),
        passed("duplicate"),
    ]
    assert status is Status.NEEDS_FIX


def test_an_astana_resident_after_the_close_is_rejected_for_both() -> None:
    reading = replace(VIKTORIA, settlement="г. Астана", address="г. Астана, пр. Мәңгілік Ел 40",
                      subscribers=31_000)
    late = datetime(2026, 4, 13, 19, 0, 0, tzinfo=UTC)  # 00:00:00 on 14 April in Almaty
    findings, status = check(reading, VIKTORIA_WORKS[:2], late)
    assert [f for f in findings if f.outcome is not Outcome.PASS] == [
        failed("window", LATE, "2026-04-14T00:00:00+05:00", fixable=False),
        failed("region", OUTSIDE_REGION, "Астана", fixable=False),
    ]
    assert status is Status.REJECTED


def test_a_sure_rejection_beats_something_to_mend() -> None:
    reading = replace(AIGERIM, birth_year=1988, subscribers=None)
    findings, status = check(reading, AIGERIM_WORKS)
    assert [f for f in findings if f.outcome is not Outcome.PASS] == [
        failed("age", TOO_OLD, "1988 (37–38)", fixable=False),
        failed("subscribers", SUBSCRIBERS_MISSING),
    ]
    assert status is Status.REJECTED


def test_at_the_last_second_and_one_second_later() -> None:
    last_second = datetime(2026, 4, 13, 18, 59, 59, tzinfo=UTC)
    findings, status = check(AIGERIM, AIGERIM_WORKS, last_second)
    assert findings[0] == passed("window", "2026-04-13T23:59:59+05:00")
    assert status is Status.ACCEPTED
    next_day = datetime(2026, 4, 13, 19, 0, 0, tzinfo=UTC)
    findings, status = check(AIGERIM, AIGERIM_WORKS, next_day)
    assert findings[0] == failed("window", LATE, "2026-04-14T00:00:00+05:00", fixable=False)
    assert status is Status.REJECTED


def test_too_early_is_sent_again_later() -> None:
    early = datetime(2026, 3, 12, 18, 59, 59, tzinfo=UTC)
    findings, status = check(AIGERIM, AIGERIM_WORKS, early)
    assert findings[0] == failed("window", TOO_EARLY, "2026-03-12T23:59:59+05:00")
    assert status is Status.NEEDS_FIX


def test_a_birth_year_alone_at_the_edge_and_a_duplicate_go_to_a_person() -> None:
    reading = replace(AIGERIM, birth_year=1990)
    findings, status = check(reading, AIGERIM_WORKS, duplicate_of="A-0003")
    assert [f for f in findings if f.outcome is not Outcome.PASS] == [
        review("age", AGE_UNCLEAR, "1990 (35–36)"),
        review("duplicate", DUPLICATE_APPLICATION, "A-0003"),
    ]
    assert status is Status.REVIEW


def test_a_village_known_by_its_district_is_in_the_region() -> None:
    reading = replace(AIGERIM, settlement="Ақмола облысы, Зеренді ауданы, Қызылтаң ауылы",
                      address="Қызылтаң ауылы, Бейбітшілік көшесі 7")
    findings, status = check(reading, AIGERIM_WORKS)
    # The village is not in the gazetteer, but its district is, and wholly in the region.
    assert findings[1] == passed("region", "Зеренді ауданы")
    assert status is Status.ACCEPTED


def test_an_unknown_village_goes_to_a_person_unless_something_is_to_mend() -> None:
    village = replace(AIGERIM, settlement="с. Жаңаауыл", address="Жаңаауыл, Орталық 4")
    findings, status = check(village, AIGERIM_WORKS)
    assert findings[1] == review("region", REGION_UNCLEAR, "с. Жаңаауыл")
    assert status is Status.REVIEW
    findings, status = check(replace(village, phone=None), AIGERIM_WORKS)
    assert status is Status.NEEDS_FIX


def test_a_russian_number_and_a_multimedia_project_are_fine() -> None:
    reading = replace(VIKTORIA, phone="8 916 123 45 67", subscribers=8_200)
    works = [Work(MULTIMEDIA, "Бірлік.pptx", 12_000_000)]
    findings, status = check(reading, works)
    assert passed("phone", "+79161234567 (RU)") in findings
    assert status is Status.ACCEPTED


def test_the_rules_follow_the_config() -> None:
    relaxed = IntakeConfig(opens=date(2026, 3, 13), closes=date(2026, 4, 13), min_age=16,
                           max_age=40, min_subscribers=0, max_works=5,
                           require_social_links=False)
    reading = replace(VIKTORIA, birth_year=1987, birth_date=None, social_links=[],
                      subscribers=None)
    submission = Submission(reading, ON_TIME, VIKTORIA_WORKS)
    findings = check_application(submission, relaxed, ZONE)
    assert decide(findings) is Status.ACCEPTED
    assert passed("age", "1987 (38–39)") in findings


def test_check_rules_config() -> None:
    check_rules_config(CONFIG, ZONE)
    with pytest.raises(ConfigError, match="no gazetteer for 'karaganda'"):
        check_rules_config(CONFIG.model_copy(update={"region": "karaganda"}), ZONE)
    with pytest.raises(ConfigError, match=r"contest\.timezone"):
        check_rules_config(CONFIG, "Asia/Atlantis")
    with pytest.raises(ConfigError, match="min_age"):
        check_rules_config(CONFIG.model_copy(update={"min_age": 36}), ZONE)
    with pytest.raises(ConfigError, match="min_works"):
        check_rules_config(CONFIG.model_copy(update={"min_works": 4}), ZONE)
    with pytest.raises(ConfigError, match="opens is after"):
        check_rules_config(CONFIG.model_copy(update={"opens": date(2026, 5, 1)}), ZONE)


def test_an_unknown_region_fails_loudly_when_checking_too() -> None:
    submission = Submission(AIGERIM, ON_TIME, AIGERIM_WORKS)
    with pytest.raises(ConfigError):
        check_application(submission, CONFIG.model_copy(update={"region": "mars"}), ZONE)
