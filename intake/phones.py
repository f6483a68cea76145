"""Entrants' phone numbers, normalised to E.164 and classified with the `phonenumbers` library.

Kazakhstan and Russia share the country code +7: +7 7xx is Kazakhstan, +7 9xx is Russia. A
number typed as "8 702 487 92 11", "+7 (702) 487-92-11", "87024879211" or "7024879211" is
the same +77024879211; a Russian number is valid but reported as foreign, for the organizers
to judge; anything else is invalid, and an empty field is missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

import phonenumbers
from phonenumbers import (
    Leniency,
    NumberParseException,
    PhoneNumber,
    PhoneNumberFormat,
    PhoneNumberType,
)

DEFAULT_REGION = "KZ"


class PhoneKind(StrEnum):
    KZ_MOBILE = "kz_mobile"
    KZ_LANDLINE = "kz_landline"
    KZ_OTHER = "kz_other"  # a valid Kazakh number that is not a person's: toll-free, VoIP
    FOREIGN = "foreign"  # valid, but another country's (Russia's +7 9xx among them)
    INVALID = "invalid"
    MISSING = "missing"


@dataclass(frozen=True)
class PhoneResult:
    text: str  # what was given
    kind: PhoneKind
    e164: str | None = None  # "+77024879211" for any valid number
    region: str | None = None  # the number's country, ISO 3166: "KZ", "RU", "KG"

    @property
    def valid(self) -> bool:
        return self.e164 is not None

    @property
    def kazakhstani(self) -> bool:
        return self.region == DEFAULT_REGION and self.valid


_KZ_KINDS = {
    PhoneNumberType.MOBILE: PhoneKind.KZ_MOBILE,
    PhoneNumberType.FIXED_LINE: PhoneKind.KZ_LANDLINE,
    PhoneNumberType.FIXED_LINE_OR_MOBILE: PhoneKind.KZ_LANDLINE,
}
# A letter O typed for a zero between digits: "87O2 487 92 11".
_LETTER_O = re.compile(r"(?<=\d)[OoОо](?=[\d\s\-)])|(?<=[\d\s(-])[OoОо](?=\d)")


def normalise_phone(text: str, region: str = DEFAULT_REGION) -> PhoneResult:
    """The first valid number in `text` (a Kazakh one preferred), normalised to E.164."""
    given = text or ""
    if not given.strip():
        return PhoneResult(given, PhoneKind.MISSING)
    cleaned = _LETTER_O.sub("0", given)
    numbers = _numbers_in(cleaned, region)
    if not numbers:
        return PhoneResult(given, PhoneKind.INVALID)
    kazakh = [number for number in numbers if _region(number) == DEFAULT_REGION]
    chosen = (kazakh or numbers)[0]
    e164 = phonenumbers.format_number(chosen, PhoneNumberFormat.E164)
    country = _region(chosen)
    if country == DEFAULT_REGION:
        kind = _KZ_KINDS.get(phonenumbers.number_type(chosen), PhoneKind.KZ_OTHER)
    else:
        kind = PhoneKind.FOREIGN
    return PhoneResult(given, kind, e164, country)


def _numbers_in(text: str, region: str) -> list[PhoneNumber]:
    # The matcher finds numbers inside other words ("8 701 123 45 67 (WhatsApp)", two
    # numbers with a slash); a bare number the matcher misses is parsed whole.
    found = [
        match.number
        for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=Leniency.VALID)
    ]
    if found:
        return found
    try:
        number = phonenumbers.parse(text, region)
    except NumberParseException:
        return []
    return [number] if phonenumbers.is_valid_number(number) else []


def _region(number: PhoneNumber) -> str | None:
    country: str | None = phonenumbers.region_code_for_number(number)
    return country
