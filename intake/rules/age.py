"""Age: between the configured ages (18 to 35, regulation 3.1), taken on the day intake closes.

The regulation says "aged 18 to 35" without a reference day; the day intake closes is the
common reading for a contest, and the one that treats every entrant alike whatever day
they applied. Both ends are inclusive: a 35-year-old qualifies until the 36th birthday.

From a full birth date the age is exact. Someone born on 29 February turns a year older on
1 March in a year without that day. From a year alone the age is one of two values: the
rule passes when both are in range, fails when neither is, and leaves it to a person
(`age_unclear`) when only one is. A birth date after the closing day cannot be true; it is
taken as a typo and asked for again (`birth_year_missing`), not rejected as too young.
"""

from __future__ import annotations

from datetime import date

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

RULE = "age"


def age_on(born: date, day: date) -> int:
    """Completed years on `day` of someone born on `born`."""
    # Comparing (month, day) pairs makes a 29 February birthday fall on 1 March in a
    # common year: (3, 1) is the first pair after (2, 29).
    before_birthday = (day.month, day.day) < (born.month, born.day)
    return day.year - born.year - int(before_birthday)


def check_age(reading: FormReading, min_age: int, max_age: int, on: date) -> list[Finding]:
    """The entrant's age on day `on`, from the birth date, else from the birth year."""
    born = reading.birth_date
    if born is not None and reading.birth_year in (None, born.year):
        if born > on:
            return [failed(RULE, BIRTH_YEAR_MISSING, born.isoformat())]
        age = age_on(born, on)
        return [_judge(age, age, min_age, max_age, f"{born.isoformat()} ({age})")]
    # A year that disagrees with the date wins, as it does when readings are merged.
    year = reading.birth_year
    if year is None:
        return [failed(RULE, BIRTH_YEAR_MISSING)]
    if year > on.year:
        return [failed(RULE, BIRTH_YEAR_MISSING, str(year))]
    # Born on 1 January is the oldest the year allows, born on 31 December the youngest.
    oldest = age_on(date(year, 1, 1), on)
    youngest = max(age_on(date(year, 12, 31), on), 0)
    ages = str(oldest) if oldest == youngest else f"{youngest}–{oldest}"
    return [_judge(youngest, oldest, min_age, max_age, f"{year} ({ages})")]


def _judge(youngest: int, oldest: int, min_age: int, max_age: int, detail: str) -> Finding:
    if oldest < min_age:
        return failed(RULE, TOO_YOUNG, detail, fixable=False)
    if youngest > max_age:
        return failed(RULE, TOO_OLD, detail, fixable=False)
    if youngest >= min_age and oldest <= max_age:
        return passed(RULE, detail)
    return review(RULE, AGE_UNCLEAR, detail)
