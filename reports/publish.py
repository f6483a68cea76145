"""Publishing the results: each winner told their place and prize, every other accepted
entrant thanked (with their place when `[reports] tell_places`), each exactly once, in
their language, after the jury's deadline.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, col, select

from hub.clock import contest_moment
from hub.config import Config
from hub.context import Context
from hub.jury_config import PrizeConfig
from hub.mail.outbox import Answer, queue_answer
from hub.models import Application, InboundMessage, OutboundMessage
from hub.sections import Language
from hub.texts import render
from jury.ranking import Ranking


class NotYet(Exception):
    """The jury's deadline has not passed: results are not final."""


@dataclass
class Letter:
    number: str
    email: str
    name: str
    language: Language
    place: int | None
    prize: PrizeConfig | None


@dataclass
class Publication:
    winners: list[Letter] = field(default_factory=list)
    others: list[Letter] = field(default_factory=list)


def check_final(config: Config, now: datetime) -> None:
    jury = config.jury
    if jury is None or jury.deadline is None:
        raise NotYet("the contest has no jury.deadline: results cannot be called final")
    if now <= contest_moment(jury.deadline, config.contest.timezone):
        raise NotYet(f"the jury's deadline ({jury.deadline}) has not passed: "
                     "results are published once scores are final")


def plan(session: Session, config: Config, ranking: Ranking) -> Publication:
    prizes = {prize.key: prize for prize in config.prizes}
    applications = {row.number: row for row in session.exec(select(Application)).all()}
    publication = Publication()
    for row in ranking.rows:
        application = applications[row.application]
        letter = Letter(number=row.application, email=application.email,
                        name=application.name or row.name,
                        language=Language(application.language
                                          or config.contest.default_language),
                        place=row.place, prize=prizes.get(row.prize) if row.prize else None)
        (publication.winners if letter.prize else publication.others).append(letter)
    return publication


def queue_results(session: Session, context: Context, publication: Publication) -> int:
    """Queue every letter; the dedup key is the application's, so a second run adds none."""
    config = context.config
    sent_before = set(session.exec(select(OutboundMessage.dedup_key).where(
        col(OutboundMessage.purpose) == "results")).all())
    queued = 0
    for letter, winner in [*((item, True) for item in publication.winners),
                           *((item, False) for item in publication.others)]:
        contest = config.contest.name.get(letter.language) or next(
            iter(config.contest.name.values()))
        prize = letter.prize
        text = render("results", letter.language, contest=contest, name=letter.name,
                      number=letter.number, winner=winner,
                      incentive=bool(prize and prize.place is None),
                      place=letter.place if winner or config.reports.tell_places else None,
                      prize_name=(prize.name.get(letter.language) or "") if prize else "",
                      amount=_amount(prize) if prize else "")
        last = session.exec(
            select(InboundMessage.message_id)
            .join(Application, col(Application.id) == col(InboundMessage.application_id))
            .where(Application.number == letter.number)
            .order_by(col(InboundMessage.id).desc()).limit(1)).first() or ""
        key = f"results:{letter.number}"
        if key in sent_before:
            continue
        queue_answer(session, Answer(
            dedup_key=key, to_address=letter.email,
            to_name=letter.name, subject=text.subject, body_text=text.body,
            purpose="results", language=letter.language.value, in_reply_to=last,
            references=last, rate_limited=False,
        ), config=config, clock=context.clock)
        queued += 1
    return queued


def _amount(prize: PrizeConfig) -> str:
    if prize.amount is None:
        return ""
    digits = f"{prize.amount:,}".replace(",", "\u00a0")
    return f"{digits} ₸" if prize.currency == "KZT" else f"{digits} {prize.currency}"
