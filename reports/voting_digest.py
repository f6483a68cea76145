"""The organizers' digest during a vote: turnout per day and the totals, from a `VotingCount`.

What it shows: voters registered, verified, who voted (votes counted), votes removed
(struck voters'), verified voters yet to vote, and votes per day (a chart, and a line a
day in the plain text). What it never shows is anything per participant: not who voted
for whom (the count cannot say), and not the running tally either. A tally mailed every
morning, beside the day's turnout, would let an organizer who knows that one journalist
voted yesterday read that journalist's choice from the difference; the results wait for
`baiqau results` after the close.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hub.sections import Language
from jury.voting.count import VotingCount

CHART_DAYS = 30  # the digest's chart spans at most this many days, as the applications'
CHART_TITLE = {Language.KK: "Дауыс беру: күн сайынғы дауыстар",
               Language.RU: "Голосование: голоса по дням",
               Language.EN: "Voting: votes per day"}
CHART_DAY = {Language.KK: "күн", Language.RU: "день", Language.EN: "day"}
CHART_VOTES = {Language.KK: "есептелген дауыстар", Language.RU: "учтённые голоса",
               Language.EN: "votes counted"}


def turnout_days(count: VotingCount, today: date) -> tuple[list[date], list[int]]:
    """Every day from the first vote to `today` (the last `CHART_DAYS` of them) with its
    counted votes, a day without votes as 0, so a quiet day shows as a gap, not as
    nothing. Before the first vote: today alone, with 0."""
    per_day = dict(count.turnout_by_day)
    first = min(per_day, default=today)
    last = max([today, *per_day])
    first = max(first, last - timedelta(days=CHART_DAYS - 1))
    days = [first + timedelta(days=offset) for offset in range((last - first).days + 1)]
    return days, [per_day.get(day, 0) for day in days]


def voting_values(count: VotingCount, today: date) -> dict[str, Any]:
    """The digest templates' `voting`: totals and turnout per day, no participant."""
    days, votes = turnout_days(count, today)
    return {
        "registered": count.voters_registered,
        "verified": count.voters_verified,
        "voted": count.votes_counted,
        "removed": count.votes_removed,
        "waiting": max(count.voters_verified - count.votes_counted, 0),
        # Of the verified voters, in whole percent (rounded down: 99.6 % is not "all").
        "turnout": count.votes_counted * 100 // count.voters_verified
        if count.voters_verified else 0,
        "today": votes[-1] if days and days[-1] == today else 0,
        "days": [{"day": f"{day:%d.%m}", "votes": number}
                 for day, number in zip(days, votes, strict=True) if number],
    }


def turnout_chart(count: VotingCount, today: date, language: Language) -> bytes:
    """Votes counted per day as a bar chart (PNG) with its words in `language`."""
    # matplotlib takes a second to import: only the digest pays it.
    from reports.chart import daily_chart

    days, votes = turnout_days(count, today)
    return daily_chart(CHART_TITLE[language], days, votes, CHART_DAY[language],
                       counts_label=CHART_VOTES[language])
