"""The jury's questions about earlier mail, asked once per batch of messages: who are the
jurors, which works are accepted, what each juror has been given and has scored, and the
contest's token key.

A reply needs all of it, and asking again for each one cost more than reading the reply
(on 10,000 works, 150 ms a reply for the numbers and the juror's sheet, 270 ms for the
juror's progress). The pipeline makes one `JurorLookups` per batch on its fast path and
one per message on its careful path (`hub.mail.lookups`); either way the answers are kept
only inside one transaction.

What the batch itself changes is kept up to date: a reply's scores are added to its
juror's standing as they are written (`scored`). A recusal changes assignments (with
`reviews_per_work`, another juror's too), and mail of another kind may accept a work or
send sheets, so after either everything but the jurors is asked again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path

from sqlmodel import Session, select

from hub.mail.lookups import KindLookups
from hub.models import Application, ApplicationStatus, InboundMessage, Juror, MessageKind
from hub.tokens import load_key
from jury.progress import Standing, standing_of


class JurorLookups(KindLookups):
    """Every juror of the contest, the accepted works and each juror's standing, read once
    and kept for the batch."""

    def __init__(self) -> None:
        self._jurors: list[Juror] | None = None
        self._accepted: dict[str, int] | None = None
        self._standings: dict[int, Standing] = {}
        self._key: bytes | None = None

    @classmethod
    def for_batch(cls, session: Session, messages: Sequence[InboundMessage],
                  now: datetime) -> JurorLookups:
        return cls()

    def jurors(self, session: Session) -> list[Juror]:
        if self._jurors is None:
            self._jurors = list(session.exec(select(Juror)).all())
        return self._jurors

    def active_addresses(self, session: Session) -> set[str]:
        return {juror.email for juror in self.jurors(session) if juror.active}

    def accepted(self, session: Session) -> dict[str, int]:
        """Number -> application id of every accepted work."""
        if self._accepted is None:
            self._accepted = {number: application_id for number, application_id in session.exec(
                select(Application.number, Application.id)
                .where(Application.status == ApplicationStatus.ACCEPTED)
            ).all() if number is not None and application_id is not None}
        return self._accepted

    def standing(self, session: Session, juror_id: int) -> Standing:
        """What the juror has been given and has scored, as this transaction has it."""
        standing = self._standings.get(juror_id)
        if standing is None:
            standing = self._standings[juror_id] = standing_of(session, juror_id)
        return standing

    def scored(self, juror_id: int, application_id: int, criteria: Iterable[str]) -> None:
        """The juror's scores for these criteria of the work were written."""
        standing = self._standings.get(juror_id)
        if standing is not None:
            standing.add(application_id, criteria)

    def key(self, storage: Path) -> bytes:
        """The contest's token key (a file read once, not for every echo)."""
        if self._key is None:
            self._key = load_key(storage)
        return self._key

    def changed(self) -> None:
        """Assignments or applications changed: ask again."""
        self._accepted = None
        self._standings.clear()

    def handled(self, message: InboundMessage) -> None:
        if message.kind != MessageKind.JURY_REPLY:
            self.changed()
