"""The jury as the database knows it: jurors brought in line with config.toml, and the
accepted works they score.

The config is the truth about who judges. A juror added to it gets a row (and a token)
at the next start; one taken out of it stays in the database, inactive: their replies
are no longer a juror's, and their scores no longer count in the ranking, but nothing
they did is deleted, so the audit still shows it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from hub.jury_config import JuryConfig
from hub.models import Application, ApplicationStatus, Juror, Work
from hub.tokens import make_token, new_nonce, token_hash


def sync_jurors(session: Session, jury: JuryConfig, key: bytes, now: datetime) -> list[Juror]:
    """Make the juror rows match the config; returns the active jurors in config order."""
    rows = {row.email: row for row in session.exec(select(Juror)).all()}
    active: list[Juror] = []
    for configured in jury.jurors:
        email = configured.email.lower()
        row = rows.pop(email, None)
        if row is None:
            nonce = new_nonce()
            row = Juror(email=email, name=configured.name, language=configured.language.value,
                        token_nonce=nonce, token_hash=token_hash(make_token(key, nonce)),
                        created_at=now)
        row.name = configured.name
        row.language = configured.language.value
        row.active = True
        session.add(row)
        active.append(row)
    for gone in rows.values():
        gone.active = False
        session.add(gone)
    session.flush()
    return active


def juror_by_email(session: Session, email: str) -> Juror | None:
    return session.exec(select(Juror).where(Juror.email == email.lower())).first()


def find_juror(session: Session, who: str) -> Juror | None:
    """A juror by address, or by name (case and spacing aside), active or not."""
    found = juror_by_email(session, who)
    if found is not None:
        return found
    wanted = " ".join(who.split()).casefold()
    for juror in session.exec(select(Juror)).all():
        if " ".join(juror.name.split()).casefold() == wanted:
            return juror
    return None


@dataclass(frozen=True)
class Entry:
    """An accepted work as the jury sees it."""

    application_id: int
    number: str
    name: str
    settlement: str
    work_links: tuple[str, ...]
    files: tuple[Work, ...]


def accepted_entries(session: Session) -> list[Entry]:
    applications = session.exec(
        select(Application).where(Application.status == ApplicationStatus.ACCEPTED)
        .order_by(col(Application.id))
    ).all()
    entries = []
    for application in applications:
        assert application.id is not None
        works = session.exec(
            select(Work).where(Work.application_id == application.id,
                               col(Work.withdrawn).is_(False))
            .order_by(col(Work.id))
        ).all()
        fields = json.loads(application.fields_json or "{}")
        entries.append(Entry(
            application_id=application.id,
            number=application.number,
            name=application.name or str(fields.get("full_name") or ""),
            settlement=str(fields.get("settlement") or ""),
            work_links=tuple(work.url for work in works if work.is_link and work.url),
            files=tuple(work for work in works if not work.is_link and work.path),
        ))
    return entries
