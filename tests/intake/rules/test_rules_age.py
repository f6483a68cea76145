"""Age on the day intake closes: exact from a date, in, out or unclear from a year alone."""

from __future__ import annotations

from datetime import date

import pytest

from intake.findings import (
    AGE_UNCLEAR,
    BIRTH_YEAR_MISSING,
    TOO_OLD,
    TOO_YOUNG,
    Finding,
    failed,
    passed,
    review,
)
from intake.form.fields import FormReading
from intake.rules.age import age_on, check_age

CLOSE = date(2026, 4, 13)


def by_date(born: date, on: date = CLOSE) -> list[Finding]:
    return check_age(FormReading(birth_date=born, birth_year=born.year), 18, 35, on)


def by_year(year: int, on: date = CLOSE) -> list[Finding]:
    return check_age(FormReading(birth_year=year), 18, 35, on)


@pytest.mark.parametrize(
    ("born", "expected"),
    [
        # 18 exactly on the closing day: in.
        (date(2008, 4, 13), passed("age", "2008-04-13 (18)")),
        (date(2008, 4, 14), failed("age", TOO_YOUNG, "2008-04-14 (17)", fixable=False)),
        (date(2008, 4, 12), passed("age", "2008-04-12 (18)")),
        # 36 on the closing day: out; 35 until the day after.
        (date(1990, 4, 13), failed("age", TOO_OLD, "1990-04-13 (36)", fixable=False)),
        (date(1990, 4, 14), passed("age", "1990-04-14 (35)")),
        (date(1990, 12, 31), passed("age", "1990-12-31 (35)")),
        (date(1998, 7, 2), passed("age", "1998-07-02 (27)")),
    ],
)
def test_age_from_a_full_date(born: date, expected: Finding) -> None:
    assert by_date(born) == [expected]


def test_a_date_alone_without_a_year_field_is_enough() -> None:
    reading = FormReading(birth_date=date(2001, 11, 3))
    assert check_age(reading, 18, 35, CLOSE) == [passed("age", "2001-11-03 (24)")]


def test_born_on_29_february() -> None:
    leapling = date(2008, 2, 29)
    # In a common year the birthday is taken as 1 March: 17 on 28 February, 18 on 1 March.
    assert by_date(leapling, date(2026, 2, 28)) == [
        failed("age", TOO_YOUNG, "2008-02-29 (17)", fixable=False)
    ]
    assert by_date(leapling, date(2026, 3, 1)) == [passed("age", "2008-02-29 (18)")]
    # In a leap year it falls on its own day.
    assert age_on(date(2004, 2, 29), date(2024, 2, 28)) == 19
    assert age_on(date(2004, 2, 29), date(2024, 2, 29)) == 20
    # Closing on 29 February, someone born on 1 March is not yet a year older.
    assert age_on(date(1990, 3, 1), date(2024, 2, 29)) == 33


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (1991, passed("age", "1991 (34–35)")),
        (1990, review("age", AGE_UNCLEAR, "1990 (35–36)")),
        (1989, failed("age", TOO_OLD, "1989 (36–37)", fixable=False)),
        (2007, passed("age", "2007 (18–19)")),
        (2008, review("age", AGE_UNCLEAR, "2008 (17–18)")),
        (2009, failed("age", TOO_YOUNG, "2009 (16–17)", fixable=False)),
        (2026, failed("age", TOO_YOUNG, "2026 (0)", fixable=False)),
    ],
)
def test_age_from_a_year_alone(year: int, expected: Finding) -> None:
    assert by_year(year) == [expected]


def test_a_year_is_exact_when_intake_closes_on_31_december() -> None:
    new_years_eve = date(2026, 12, 31)
    assert by_year(1991, new_years_eve) == [passed("age", "1991 (35)")]
    assert by_year(1990, new_years_eve) == [failed("age", TOO_OLD, "1990 (36)", fixable=False)]
    assert by_year(2008, new_years_eve) == [passed("age", "2008 (18)")]


def test_a_year_on_1_january_leaves_only_the_december_birthdays_unclear() -> None:
    new_year = date(2026, 1, 1)
    # Born in 2008: 18 only if born on 1 January; 17 otherwise.
    assert by_year(2008, new_year) == [review("age", AGE_UNCLEAR, "2008 (17–18)")]


def test_a_year_that_disagrees_with_the_date_wins() -> None:
    reading = FormReading(birth_date=date(1990, 5, 12), birth_year=1991)
    assert check_age(reading, 18, 35, CLOSE) == [passed("age", "1991 (34–35)")]


def test_no_birth_year_is_fixable() -> None:
    assert check_age(FormReading(), 18, 35, CLOSE) == [failed("age", BIRTH_YEAR_MISSING)]


def test_a_birth_after_the_close_is_a_typo_asked_for_again() -> None:
    assert by_year(2027) == [failed("age", BIRTH_YEAR_MISSING, "2027")]
    assert by_date(date(2026, 4, 14)) == [failed("age", BIRTH_YEAR_MISSING, "2026-04-14")]


def test_the_limits_come_from_the_config() -> None:
    reading = FormReading(birth_year=2010)
    assert check_age(reading, 14, 29, CLOSE) == [passed("age", "2010 (15–16)")]
