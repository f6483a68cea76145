"""The organizers' digest during a vote: turnout per day and the totals, never who voted for
whom and never a participant's running tally."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime

from contest import Contest, body_text
from dovecot import Dovecot
from sqlmodel import Session
from test_digest import chart_of, html_of
from votingcounts import SEED, seed_count

from hub.clock import FakeClock
from hub.config import Config
from hub.mail.rounds import outbox_round
from hub.sections import Language
from jury.voting.count import VotingCount
from reports.digest import send_digest
from reports.voting_digest import turnout_chart, turnout_days, voting_values

TODAY = date(2023, 6, 22)
NOW = datetime(2023, 6, 22, 4, 30, tzinfo=UTC)  # 10:30 in Almaty (UTC+6 in 2023)


def midway() -> VotingCount:
    """The seed's count as it stood on the morning of the 22nd."""
    count = seed_count()
    return replace(count, turnout_by_day=count.turnout_by_day[:3], votes_counted=139)


def test_every_day_from_the_first_vote_to_today_a_quiet_day_as_zero() -> None:
    days, votes = turnout_days(midway(), TODAY)
    assert days == [date(2023, 6, day) for day in range(19, 23)]
    assert votes == [61, 48, 30, 0]  # the 22nd has no votes yet
    days, votes = turnout_days(seed_count(), date(2023, 6, 28))
    assert (days[0], days[-1], len(days)) == (date(2023, 6, 19), date(2023, 6, 28), 10)
    assert votes[4] == 22 and votes[3] == 0 and votes[-1] == 0
    # A month later the chart keeps its last 30 days.
    days, votes = turnout_days(seed_count(), date(2023, 8, 1))
    assert len(days) == 30 and days[-1] == date(2023, 8, 1) and sum(votes) == 0
    quiet = replace(seed_count(), turnout_by_day=())
    assert turnout_days(quiet, TODAY) == ([TODAY], [0])


def test_the_totals_and_the_days_for_the_templates() -> None:
    values = voting_values(seed_count(), date(2023, 6, 26))
    assert values == {
        "registered": 260, "verified": 249, "voted": 242, "removed": 3, "waiting": 7,
        "turnout": 97, "today": 4,
        "days": [{"day": "19.06", "votes": 61}, {"day": "20.06", "votes": 48},
                 {"day": "21.06", "votes": 30}, {"day": "23.06", "votes": 22},
                 {"day": "24.06", "votes": 15}, {"day": "25.06", "votes": 9},
                 {"day": "26.06", "votes": 4}]}
    nobody = VotingCount(entries=(), voters_registered=0, voters_verified=0,
                         votes_counted=0, votes_removed=0, turnout_by_day=())
    assert voting_values(nobody, TODAY)["turnout"] == 0


def test_the_chart_draws_every_kazakh_letter_and_the_same_bytes_again() -> None:
    with warnings.catch_warnings():
        # matplotlib warns "Glyph ... missing from font(s)" for a letter it draws as a box.
        warnings.simplefilter("error")
        kk = turnout_chart(seed_count(), TODAY, Language.KK)
        ru = turnout_chart(seed_count(), TODAY, Language.RU)
    assert kk.startswith(b"\x89PNG") and ru.startswith(b"\x89PNG") and kk != ru
    assert turnout_chart(seed_count(), TODAY, Language.KK) == kk
    fewer = replace(seed_count(), turnout_by_day=seed_count().turnout_by_day[:2])
    assert turnout_chart(fewer, TODAY, Language.KK) != kk


def counted(count: VotingCount) -> Callable[[Session, Config, datetime], VotingCount]:
    """What `jury.voting.count.count_votes` gives, for a digest to show."""
    def count_votes(session: Session, config: Config, now: datetime) -> VotingCount:
        assert isinstance(session, Session) and config.contest.name and now == NOW
        return count
    return count_votes


def test_the_digest_during_a_vote_shows_turnout_and_no_participant(
        contest_factory: Callable[..., Contest], dovecot: Dovecot) -> None:
    first, second = dovecot.new_account("organizer-kk"), dovecot.new_account("organizer-ru")
    contest = contest_factory(clock=FakeClock(NOW), overrides={"contest": {
        "organizers": [first.address, {"email": second.address, "language": "ru"}]}})
    count = midway()
    report = send_digest(contest.context, count_votes=counted(count))
    assert len(report.sent_to) == 2
    outbox_round(contest.context)
    [kazakh] = contest.received(first)
    [russian] = contest.received(second)

    text = body_text(kazakh)
    for line in ["ДАУЫС БЕРУ", "Тіркелген дауыс берушілер: 260", "Тексеруден өткендер: 249",
                 "Дауыс бергендер: 139 (55%), бүгін: 0", "Әлі дауыс бермегендер: 110",
                 "Алып тасталған дауыстар: 3",
                 "Күн сайынғы дауыстар: 19.06 — 61; 20.06 — 48; 21.06 — 30",
                 "Дауыс беру жасырын"]:
        assert line in text, line
    text = body_text(russian)
    for line in ["ГОЛОСОВАНИЕ", "Зарегистрировалось голосующих: 260",
                 "Проголосовали: 139 (55%), сегодня: 0", "Снято голосов: 3",
                 "Голоса по дням: 19.06 — 61; 20.06 — 48; 21.06 — 30"]:
        assert line in text, line
    html = html_of(russian)
    assert "Голосование: голоса по дням" in html and "<b>249</b>" in html
    # Not a participant's name, nor their count: only totals leave the count.
    for message in (kazakh, russian):
        everything = body_text(message) + html_of(message)
        for name, _, organization, _ in SEED:
            assert name not in everything and organization not in everything
    assert chart_of(kazakh) == turnout_chart(count, TODAY, Language.KK)
    assert chart_of(russian) == turnout_chart(count, TODAY, Language.RU)


def test_a_digest_without_a_vote_says_nothing_of_one(
        contest_factory: Callable[..., Contest], dovecot: Dovecot) -> None:
    contest = contest_factory(clock=FakeClock(NOW))
    send_digest(contest.context)
    outbox_round(contest.context)
    [digest] = contest.received(contest.organizer)
    assert "ДАУЫС БЕРУ" not in body_text(digest)
    assert "Күн сайынғы өтінімдер" in html_of(digest)
    assert chart_of(digest) != turnout_chart(seed_count(), TODAY, Language.KK)
