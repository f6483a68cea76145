"""The organizers' digest: one email each, in their language, with what needs them.

Every morning at `[reports] digest_at` (scheduled by `baiqau run`) and on `baiqau
digest`, which always sends at once. A digest with nothing new still goes out and says
so: silence must never mean that the service stopped. HTML with a plain-text
alternative and a small chart inside (no external resources, so mail.ru, Gmail and
Outlook show it as sent). During a vote (`count_votes` given) it also shows the turnout
(`reports.voting_digest`) and its chart is votes per day, never anything per participant.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from hub.clock import FIRST_SECOND, LAST_SECOND, contest_moment, load_zone
from hub.config import Config
from hub.context import Context
from hub.db import as_utc, session_scope
from hub.humanize import format_date, format_moment
from hub.mail.outbox import Answer, OutboundAttachment, queue_answer
from hub.models import OutboundMessage
from hub.reports_config import Organizer
from hub.sections import Language
from hub.storage import sync_files
from hub.texts import render, render_html
from hub.tokens import load_key, organizer_token
from jury.voting.count import VotingCount
from reports.digest_facts import DigestFacts, gather
from reports.reviews import reasons_of
from reports.voting_digest import voting_values

log = logging.getLogger(__name__)
PURPOSE = "digest"
CHART_TITLE = {Language.KK: "Күн сайынғы өтінімдер", Language.RU: "Заявки по дням",
               Language.EN: "Applications per day"}
CHART_DAY = {Language.KK: "күн", Language.RU: "день", Language.EN: "day"}
CHART_SCORES = {Language.KK: "бағалар", Language.RU: "оценки", Language.EN: "scores"}
CHART_APPLICATIONS = {Language.KK: "өтінімдер", Language.RU: "заявки",
                      Language.EN: "applications"}


# A voting contest's count as of a moment: `jury.voting.count.count_votes`.
CountVotes = Callable[[Session, Config, datetime], VotingCount]


@dataclass
class DigestReport:
    sent_to: list[str]


def send_digest(context: Context, *, to: str | None = None, daily: bool = False,
                count_votes: CountVotes | None = None) -> DigestReport:
    """Queue a digest for each organizer (or for `to` only). `daily`: the scheduled one,
    at most once a day per organizer; otherwise at once, whatever was sent before.
    `count_votes`: a voting contest's count, whose turnout the digest then shows."""
    config, now = context.config, context.clock.now()
    zone = load_zone(config.contest.timezone)
    organizers = list(config.contest.organizers)
    if to is not None:
        organizers = [next((o for o in organizers if o.email.lower() == to.lower()),
                           Organizer(email=to))]
    sent = []
    with session_scope(context.engine) as session:
        voting = count_votes(session, config, now) if count_votes is not None else None
        for organizer in organizers:
            address = organizer.email.lower()
            since = _last_digest(session, address)
            facts = gather(session, config, zone, now, since, voting)
            for review in facts.reviews:
                review.reasons = reasons_of(review.findings_json,
                                            config.contest.language_of(organizer))
            key = (f"digest:{address}:{now.astimezone(zone).date().isoformat()}" if daily
                   else f"digest:{address}:{now.isoformat()}")
            queue_answer(session, _digest(context, organizer, facts, key), config=config,
                         clock=context.clock)
            sent.append(address)
    return DigestReport(sent_to=sent)


def digest_due(config: Config, now: datetime) -> bool:
    """Whether today's scheduled digest time has come (in the contest's zone)."""
    if not config.reports.digest_at:
        return False
    zone = load_zone(config.contest.timezone)
    hour, minute = (int(part) for part in config.reports.digest_at.split(":"))
    local = now.astimezone(zone)
    return (local.hour, local.minute) >= (hour, minute)


def _last_digest(session: Session, address: str) -> datetime | None:
    moment = session.exec(
        select(OutboundMessage.created_at)
        .where(OutboundMessage.purpose == PURPOSE, OutboundMessage.to_address == address)
        .order_by(col(OutboundMessage.created_at).desc()).limit(1)
    ).first()
    return as_utc(moment)


def _digest(context: Context, organizer: Organizer, facts: DigestFacts, key: str) -> Answer:
    config = context.config
    language = config.contest.language_of(organizer)
    zone = load_zone(config.contest.timezone)
    chart = _chart(context, facts, language, key)
    values = _values(config, facts, language, zone)
    values["token"] = organizer_token(load_key(config.storage_path), organizer.email)
    text = render("digest", language, **values)
    html = render_html("digest", language, chart=chart.content_id, **values)
    return Answer(dedup_key=key, to_address=organizer.email.lower(), subject=text.subject,
                  body_text=text.body, body_html=html, purpose=PURPOSE,
                  language=language.value, rate_limited=False, attachments=(chart,))


def _values(config: Config, facts: DigestFacts, language: Language,
            zone: ZoneInfo) -> dict[str, object]:
    lang = language.value

    def moment(value: datetime | date | None, day_at: time = FIRST_SECOND) -> str:
        if value is None:
            return ""
        return format_moment(contest_moment(value, zone, day_at=day_at), lang, zone,
                             with_zone=True)

    jury = config.jury
    return {
        "contest": config.contest.name.get(language) or next(iter(config.contest.name.values())),
        "now": moment(facts.now), "since": moment(facts.since),
        "statuses": [{"status": status, "count": count,
                      "new": facts.new_by_status.get(status, 0)}
                     for status, count in facts.by_status.items()],
        "total": sum(facts.by_status.values()),
        "new_total": sum(facts.new_by_status.values()),
        "reviews": facts.reviews, "reviews_waiting": facts.reviews_waiting,
        "quarantined": facts.quarantined,
        "undelivered": facts.undelivered,
        "jurors": [progress.as_dict() for progress in facts.jurors],
        "forged": facts.forged_replies,
        "forged_decisions": facts.forged_decisions,
        "anything_new": facts.anything_new,
        "closes": moment(config.intake.closes, LAST_SECOND),
        "jury_deadline": moment(jury.deadline) if jury and jury.deadline else "",
        "results": format_date(config.intake.results, lang) if config.intake.results else "",
        "voting": voting_values(facts.voting, facts.now.astimezone(zone).date())
        if facts.voting is not None else None,
    }


def _chart(context: Context, facts: DigestFacts, language: Language,
           key: str) -> OutboundAttachment:
    # matplotlib takes a second to import: only the digest pays it, not every command.
    from reports.chart import daily_chart
    from reports.voting_digest import turnout_chart

    if facts.voting is not None:
        # While people vote, the votes per day are what the organizers follow.
        today = facts.now.astimezone(load_zone(context.config.contest.timezone)).date()
        png = turnout_chart(facts.voting, today, language)
    else:
        png = daily_chart(CHART_TITLE[language], facts.days, facts.applications_per_day,
                          CHART_DAY[language], scores=facts.scores_per_day,
                          scores_label=CHART_SCORES[language],
                          counts_label=CHART_APPLICATIONS[language]
                          if facts.scores_per_day else "")
    digest = hashlib.sha256(key.encode() + png).hexdigest()[:20]
    relpath = f"digest/{digest}.png"
    target = context.config.storage_path / relpath
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists():
        # Durable before the email that shows it is queued: the outbox reads it later.
        temporary = target.with_suffix(".tmp")
        temporary.write_bytes(png)
        sync_files(target.parent, [temporary])
        os.replace(temporary, target)
        sync_files(target.parent, [target.parent])
    return OutboundAttachment(relpath, "chart.png", "image/png",
                              content_id=f"chart-{digest}@baiqau")
