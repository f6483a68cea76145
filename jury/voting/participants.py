"""The participants on the ballot: accepted applications, numbered 1..n in application-number
order when ballots first go out, and never renumbered (a voter's "3" must mean the same
participant on the last day as on the first).

Position and organization are read from the application's form (`fields_json` keys
`position` and `organization`, which intake reads for a voting contest). The floors keep
jury and intake apart, so the JSON is parsed here, in one place.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from hub.models import Application, ApplicationStatus, Participant
from jury.voting.organizations import Member


@dataclass(frozen=True)
class Entrant:
    """What the ballot shows of an application."""

    application_id: int
    number: str  # A-0003
    name: str
    position: str
    organization: str
    email: str


def entrant_of(application: Application) -> Entrant:
    fields = json.loads(application.fields_json or "{}")
    assert application.id is not None

    def field(key: str) -> str:
        value = fields.get(key)
        return " ".join(str(value).split()) if value else ""

    return Entrant(application_id=application.id, number=application.number,
                   name=application.name or field("full_name"), position=field("position"),
                   organization=field("organization"), email=application.email)


def accepted_entrants(session: Session) -> list[Entrant]:
    """Accepted applications in application-number order (A-0002 before A-0010)."""
    rows = session.exec(select(Application).where(
        Application.status == ApplicationStatus.ACCEPTED)).all()
    return sorted((entrant_of(row) for row in rows), key=lambda entrant: _order(entrant.number))


def _order(number: str) -> tuple[int, str]:
    digits = number.rpartition("-")[2]
    return (int(digits), number) if digits.isdigit() else (0, number)


def fix_numbers(session: Session, now: datetime) -> list[Participant]:
    """The ballot: numbered once; an application accepted later is added at the end."""
    rows = list(session.exec(select(Participant).order_by(col(Participant.number))).all())
    known = {row.application_id for row in rows}
    for entrant in accepted_entrants(session):
        if entrant.application_id in known:
            continue
        row = Participant(number=len(rows) + 1, application_id=entrant.application_id,
                          name=entrant.name, position=entrant.position,
                          organization=entrant.organization)
        session.add(row)
        rows.append(row)
    session.flush()
    return rows


def ballot(session: Session) -> list[Participant]:
    """The participants as numbered (empty before ballots first go out)."""
    return list(session.exec(select(Participant).order_by(col(Participant.number))).all())


def members(session: Session) -> list[Member]:
    """Everyone whose press office may not vote: the numbered participants, or before
    ballots go out the accepted applications, numbered as they will be."""
    numbered = ballot(session)
    emails = dict(session.exec(select(Application.id, Application.email)).all())
    if numbered:
        return [Member(row.number, row.name, row.organization, emails.get(row.application_id, ""))
                for row in numbered]
    return [Member(index, entrant.name, entrant.organization, entrant.email)
            for index, entrant in enumerate(accepted_entrants(session), start=1)]


def by_number(participants: Sequence[Participant]) -> dict[int, Participant]:
    return {row.number: row for row in participants}
