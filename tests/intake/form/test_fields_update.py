"""A later email corrects the earlier one; a stored reading comes back as it was."""

from __future__ import annotations

from datetime import date

from intake.form.fields import FormReading


def reading(source: str, **values: object) -> FormReading:
    result = FormReading()
    for name, value in values.items():
        result.put(name, value, source)  # type: ignore[arg-type]
    return result


def test_a_reading_survives_the_database() -> None:
    first = reading("body", full_name="Әсем Құрманғалиқызы", birth_date=date(1999, 5, 12),
                    birth_year=1999, subscribers=12500, social_links=["https://t.me/asem"])
    assert FormReading.from_dict(first.as_dict()) == first


def test_a_later_email_wins_and_links_add_up() -> None:
    first = reading("body", settlement="Астана", phone="8 702 487 92 11",
                    social_links=["https://instagram.com/asem"])
    later = reading("email #7", settlement="Щучинск",
                    social_links=["https://tiktok.com/@asem"])
    updated = first.updated_by(later)
    assert updated.settlement == "Щучинск"
    assert updated.source_of("settlement") == "email #7"
    assert updated.phone == "8 702 487 92 11"
    assert updated.social_links == ["https://instagram.com/asem", "https://tiktok.com/@asem"]


def test_a_corrected_birth_year_drops_the_old_date() -> None:
    first = reading("body", birth_date=date(1989, 1, 2), birth_year=1989)
    updated = first.updated_by(reading("email #3", birth_year=1995))
    assert (updated.birth_year, updated.birth_date) == (1995, None)
