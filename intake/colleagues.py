"""Recognising a second participant from one organization (seed 000: one per organization).

The organization is the one read from the application's form (`fields_json`), compared
by `hub.organizations.organization_key`, so «ГУ "Аппарат акима Алматинской области"»
and «Алматы облысы әкімінің аппараты» are one body. Only an *earlier* application counts
(the first to apply is not sent to review when the second arrives or when it is amended),
from another address (one address is one application already), and not one an organizer
rejected (a rejected participant leaves the place free).

The key is not stored: computing it for the few hundred applications a contest of this
kind gets costs less than a column and a migration, and a better table of words then
applies to every application at once.
"""

from __future__ import annotations

import json

from sqlmodel import Session, col, select

from hub.models import Application, ApplicationStatus
from hub.organizations import organization_key

# How `FormReading.as_dict` (json.dumps) writes an organization that was read: a cheap
# filter in SQL, so a contest whose form has no organization reads no rows at all.
_HAS_ORGANIZATION = '"organization": "'


def organization_of(application: Application) -> str:
    """The organization as read from the form, '' when none was."""
    value = json.loads(application.fields_json or "{}").get("organization")
    return value if isinstance(value, str) else ""


def colleague_detail(other: Application) -> str:
    """The `same_organization` finding's detail: "A-0003 (Аппарат акима ...)"."""
    written = organization_of(other)
    return f"{other.number} ({written})" if written else other.number


def is_earlier_colleague(application: Application, other: Application, key: str) -> bool:
    """Whether `other` came first, from another address, stands, and has the same body."""
    if other is application or other.email == application.email:
        return False
    if other.id is None or application.id is None or other.id >= application.id:
        return False
    if other.status is ApplicationStatus.REJECTED:
        return False
    return bool(key) and organization_key(organization_of(other)) == key


def earlier_colleagues(session: Session, application: Application,
                       skip_emails: frozenset[str] = frozenset()) -> list[Application]:
    """The stored applications from the same organization that came before this one."""
    key = organization_key(organization_of(application))
    if not key or application.id is None:
        return []
    rows = session.exec(
        select(Application)
        .where(col(Application.id) < application.id,
               col(Application.email) != application.email,
               col(Application.status) != ApplicationStatus.REJECTED,
               col(Application.fields_json).contains(_HAS_ORGANIZATION))
        .order_by(col(Application.id))
    ).all()
    return [row for row in rows
            if row.email not in skip_emails and is_earlier_colleague(application, row, key)]
