"""The jury's question about earlier mail: who are the jurors (asked once per batch)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlmodel import Session, select

from hub.mail.lookups import KindLookups
from hub.models import InboundMessage, Juror


class JurorLookups(KindLookups):
    """Every juror of the contest, read once and kept for the batch."""

    def __init__(self) -> None:
        self._jurors: list[Juror] | None = None

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
