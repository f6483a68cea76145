"""Recognising one person behind two addresses: by phone, or by name and birth year.

The regulation allows one application per person (3.3). A second address is no proof
of a second person, nor the same name of the same one, so a match is for an organizer
to look at (`duplicate_application` review), never a rejection by itself.
"""

from __future__ import annotations

import re

from sqlmodel import Session, col, or_, select

from hub.folding import fold
from hub.models import Application
from intake.form.fields import FormReading
from intake.phones import normalise_phone

_NOT_LETTERS = re.compile(r"[^\w]+")


def person_keys(form: FormReading) -> tuple[str, str]:
    """(the phone in E.164, the folded full name with the birth year); '' where unknown."""
    phone = normalise_phone(form.phone).e164 if form.phone else None
    year = form.birth_date.year if form.birth_date else form.birth_year
    person = ""
    if form.full_name and year:
        words = sorted(_NOT_LETTERS.sub(" ", fold(form.full_name)).split())
        person = f"{' '.join(words)} {year}"
    return phone or "", person


def find_duplicate(session: Session, application: Application) -> Application | None:
    """The earliest other application, from another address, of what looks like this person."""
    return min(same_person(session, application), key=lambda row: row.id or 0, default=None)


def same_person(session: Session, application: Application) -> list[Application]:
    """Every other application, from another address, with this one's phone or person key."""
    keys = []
    if application.phone_key:
        keys.append(col(Application.phone_key) == application.phone_key)
    if application.person_key:
        keys.append(col(Application.person_key) == application.person_key)
    if not keys:
        return []
    return list(session.exec(
        select(Application)
        .where(or_(*keys), col(Application.id) != application.id,
               col(Application.email) != application.email)
    ).all())


def looks_like_same_person(one: Application, other: Application) -> bool:
    """`same_person`'s test, for applications in memory."""
    if one is other or one.email == other.email:
        return False
    return bool((one.phone_key and one.phone_key == other.phone_key)
                or (one.person_key and one.person_key == other.person_key))
