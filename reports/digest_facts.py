"""What the organizers' digest says, gathered from the database in one pass.

Applications by status and what is new since the organizer's last digest; every
application waiting for a person, with why; quarantined messages and answers that could
not be sent; during judging, each juror's progress and the replies that proved nothing;
the next dates. Read from the tables, so the digest needs no part's code but the jury's
progress, which `reports` may read. During a vote, the count (`jury.voting.count`) is
handed in by whoever calls: reading it needs the voting tables and the ballot key, which
are the voting core's business, not the digest's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func
from sqlmodel import Session, col, select

from hub.config import Config
from hub.db import as_utc
from hub.models import (
    FORGED_DECISION,
    Application,
    ApplicationStatus,
    InboundMessage,
    JuryReply,
    MessageKind,
    MessageState,
    OutboundMessage,
    OutboundState,
    ReplyOutcome,
    Score,
)
from jury.progress import JurorProgress, jury_progress
from jury.voting.count import VotingCount

STATUSES = (ApplicationStatus.ACCEPTED, ApplicationStatus.NEEDS_FIX,
            ApplicationStatus.REVIEW, ApplicationStatus.REJECTED)
CHART_DAYS = 30


REVIEWS_SHOWN = 50  # more than that is a list to read with `baiqau application list`


@dataclass
class Review:
    number: str
    name: str
    email: str
    codes: list[str]
    findings_json: str
    reasons: list[str] = field(default_factory=list)


@dataclass
class DigestFacts:
    now: datetime
    since: datetime | None  # the organizer's previous digest
    by_status: dict[str, int]
    new_by_status: dict[str, int]
    reviews: list[Review]  # the first REVIEWS_SHOWN
    reviews_waiting: int  # all of them
    quarantined: list[tuple[int, str, str, str]]  # id, Message-ID, sender, last error line
    undelivered: list[tuple[str, str, str]]  # to, subject, error
    jurors: list[JurorProgress]
    forged_replies: int
    forged_decisions: int  # mail with a digest token that proved nothing
    days: list[date]
    applications_per_day: list[int]
    scores_per_day: list[int]
    voting: VotingCount | None = None  # a voting contest's count, totals only

    @property
    def anything_new(self) -> bool:
        return bool(sum(self.new_by_status.values()) or self.reviews or self.quarantined
                    or self.undelivered or self.forged_replies or self.forged_decisions)


def gather(session: Session, config: Config, zone: ZoneInfo, now: datetime,
           since: datetime | None, voting: VotingCount | None = None) -> DigestFacts:
    by_status = {status.value: 0 for status in STATUSES}
    by_status.update({ApplicationStatus(status).value: count for status, count in session.exec(
        select(Application.status, func.count()).group_by(col(Application.status))).all()})
    new_by_status = {status.value: 0 for status in STATUSES}
    if since is not None:
        new_by_status.update({
            ApplicationStatus(status).value: count for status, count in session.exec(
                select(Application.status, func.count())
                .where(col(Application.created_at) > since)
                .group_by(col(Application.status))).all()})
    else:
        new_by_status = dict(by_status)
    reviews = [Review(row.number, row.name, row.email, row.reason_codes.split(),
                      row.findings_json)
               for row in session.exec(
                   select(Application).where(Application.status == ApplicationStatus.REVIEW)
                   .order_by(col(Application.id)).limit(REVIEWS_SHOWN)).all()]
    quarantined = [(row.id or 0, row.message_id, row.sender,
                    (row.error.strip().splitlines() or [""])[-1][:200])
                   for row in session.exec(
                       select(InboundMessage)
                       .where(InboundMessage.state == MessageState.QUARANTINED)
                       .order_by(col(InboundMessage.id))).all()]
    undelivered = [(row.to_address, row.subject, row.last_error[:200])
                   for row in session.exec(
                       select(OutboundMessage)
                       .where(OutboundMessage.state == OutboundState.FAILED)
                       .order_by(col(OutboundMessage.id))).all()]
    jurors = jury_progress(session, config.jury) if config.jury else []
    forged = session.exec(select(func.count()).select_from(JuryReply).where(
        JuryReply.outcome == ReplyOutcome.FORGED)).one()
    forged_decisions = session.exec(select(func.count()).select_from(InboundMessage).where(
        InboundMessage.kind == MessageKind.DECISION,
        col(InboundMessage.kind_reason).startswith(FORGED_DECISION))).one()
    today = now.astimezone(zone).date()
    days = [today - timedelta(days=offset) for offset in range(CHART_DAYS - 1, -1, -1)]
    arrivals = _per_day(session.exec(select(Application.first_arrived_at)).all(), zone)
    scored = _per_day(session.exec(select(Score.recorded_at)).all(), zone)
    return DigestFacts(
        now=now, since=since, by_status=by_status, new_by_status=new_by_status,
        reviews=reviews, reviews_waiting=by_status[ApplicationStatus.REVIEW.value],
        quarantined=quarantined, undelivered=undelivered, jurors=jurors,
        forged_replies=int(forged), forged_decisions=int(forged_decisions), days=days,
        applications_per_day=[arrivals.get(day, 0) for day in days],
        scores_per_day=[scored.get(day, 0) for day in days] if jurors else [],
        voting=voting,
    )


def _per_day(moments: Sequence[datetime | None], zone: ZoneInfo) -> Counter[date]:
    counted: Counter[date] = Counter()
    for moment in moments:
        utc = as_utc(moment)
        if utc is not None:
            counted[utc.astimezone(zone).date()] += 1
    return counted
