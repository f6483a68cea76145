"""The entrant's name and phone: missing or unreadable is fixable by a reply."""

from __future__ import annotations

import pytest

from intake.findings import NAME_MISSING, PHONE_INVALID, PHONE_MISSING, Finding, failed, passed
from intake.rules.name import check_name
from intake.rules.phone import check_phone


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Сейітқали Әйгерім Нұрланқызы", passed("name", "Сейітқали Әйгерім Нұрланқызы")),
        ("Ким Виктория", passed("name", "Ким Виктория")),
        ("  Жақсылықова   Әсем  ", passed("name", "Жақсылықова Әсем")),
        ("Мамыр-Оспан Ә.", passed("name", "Мамыр-Оспан Ә.")),
        ("Нұрлан Серікұлы", passed("name", "Нұрлан Серікұлы")),
        ("Aigerim Seitkali", passed("name", "Aigerim Seitkali")),
        # One word does not say who the entrant is; a hyphenated name is one word.
        ("Әйгерім", failed("name", NAME_MISSING, "Әйгерім")),
        ("Иванов-Петров", failed("name", NAME_MISSING, "Иванов-Петров")),
        ("—", failed("name", NAME_MISSING, "—")),
        ("12 34", failed("name", NAME_MISSING, "12 34")),
        ("", failed("name", NAME_MISSING)),
        (None, failed("name", NAME_MISSING)),
    ],
)
def test_the_name(written: str | None, expected: Finding) -> None:
    assert check_name(written) == [expected]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("8 (702) 487-92-11", passed("phone", "+77024879211")),
        ("+7 777 123 45 67", passed("phone", "+77771234567")),
        ("+7 7172 55 55 55", passed("phone", "+77172555555")),
        # Valid abroad: passes, and the country is shown to the organizers.
        ("8 916 123 45 67", passed("phone", "+79161234567 (RU)")),
        ("+996 555 123 456", passed("phone", "+996555123456 (KG)")),
        ("12345", failed("phone", PHONE_INVALID, "12345")),
        ("тел.  нет", failed("phone", PHONE_INVALID, "тел. нет")),
        ("  ", failed("phone", PHONE_MISSING)),
        (None, failed("phone", PHONE_MISSING)),
    ],
)
def test_the_phone(written: str | None, expected: Finding) -> None:
    assert check_phone(written) == [expected]
