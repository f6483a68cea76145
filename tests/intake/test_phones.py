"""Phone numbers as entrants type them, normalised to E.164 and classified."""

from __future__ import annotations

import pytest

from intake.phones import PhoneKind, normalise_phone


@pytest.mark.parametrize(
    "text",
    [
        "8 702 487 9211",
        "+7 (702) 487-92-11",
        "87024879211",
        "7024879211",
        "77024879211",
        "+7 702 487 92 11",
        "8(702)4879211",
        "8-702-487-92-11",
        "+7\u00a0702\u00a0487\u00a092\u00a011",
        "87O2 487 92 11",
        "8 702 487 92 11 (WhatsApp)",
        "тел.: 8 702 487 92 11",
    ],
)
def test_one_kazakh_mobile_number_in_every_shape(text: str) -> None:
    result = normalise_phone(text)
    assert result.e164 == "+77024879211"
    assert result.kind is PhoneKind.KZ_MOBILE
    assert result.region == "KZ"
    assert result.valid and result.kazakhstani
    assert result.text == text


@pytest.mark.parametrize(
    ("text", "e164"),
    [
        ("8 (7162) 25-12-34", "+77162251234"),  # Kokshetau
        ("+7 7172 55 55 55", "+77172555555"),  # Astana
        ("8 71645 2 12 34", "+77164521234"),  # Stepnogorsk
    ],
)
def test_kazakh_landlines(text: str, e164: str) -> None:
    result = normalise_phone(text)
    assert (result.kind, result.e164, result.region) == (PhoneKind.KZ_LANDLINE, e164, "KZ")


@pytest.mark.parametrize(
    ("text", "e164"),
    [
        ("+7 747 123 45 67", "+77471234567"),  # Tele2/Altel
        ("8 775 000 11 22", "+77750001122"),  # Kcell
        ("8 708 555 44 33", "+77085554433"),  # Altel
    ],
)
def test_other_kazakh_mobile_ranges(text: str, e164: str) -> None:
    assert normalise_phone(text).e164 == e164
    assert normalise_phone(text).kind is PhoneKind.KZ_MOBILE


def test_a_russian_number_is_valid_but_foreign() -> None:
    result = normalise_phone("+7 916 123 45 67")
    assert (result.kind, result.e164, result.region) == (PhoneKind.FOREIGN, "+79161234567", "RU")
    assert result.valid
    assert not result.kazakhstani


def test_a_russian_number_typed_with_an_eight_is_still_russian() -> None:
    result = normalise_phone("8 916 123 45 67")
    assert (result.kind, result.e164, result.region) == (PhoneKind.FOREIGN, "+79161234567", "RU")


def test_another_country() -> None:
    result = normalise_phone("+996 555 123 456")
    assert (result.kind, result.e164, result.region) == (PhoneKind.FOREIGN, "+996555123456", "KG")


def test_of_two_numbers_the_kazakh_one_is_taken() -> None:
    result = normalise_phone("8 916 123 45 67 / 8 702 487 92 11")
    assert result.e164 == "+77024879211"


@pytest.mark.parametrize("text", ["12345", "8 702 487", "abc", "нет номера", "0000000000",
                                  "+7 (000) 000-00-00", "8 702 487 92 11 22 33 44"])
def test_garbage_is_invalid(text: str) -> None:
    result = normalise_phone(text)
    assert (result.kind, result.e164, result.region) == (PhoneKind.INVALID, None, None)
    assert not result.valid


@pytest.mark.parametrize("text", ["", "   ", "\n"])
def test_nothing_is_missing(text: str) -> None:
    assert normalise_phone(text).kind is PhoneKind.MISSING
