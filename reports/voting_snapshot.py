"""The voting protocol's snapshot: every fact it states, from a `VotingCount` and the config.

As the jury's (`reports.snapshot`): canonical JSON without words of either language and
without the day it is printed, so the Kazakh and the Russian protocol, today's and next
week's, carry the same SHA-256 in their footer, and `sha256sum` of the written snapshot
gives it. Its `rows` are `baiqau results --format json`'s. Voters appear only as totals:
the count holds nothing else.

What it holds (`version` 1, `kind` "voting"): `contest` (name, zone, organizer, place),
`voting` (opens, closes: ISO moments on the contest's wall clock, or null), `count`
(participants, disqualified, voters registered and verified, votes counted and removed),
`rows`, `prizes`, `signatures`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time

from hub.config import ContestConfig
from hub.jury_config import PrizeConfig
from hub.reports_config import ReportsConfig
from jury.voting.count import VotingCount
from reports.snapshot import Snapshot, language_texts
from reports.voting_results import voting_rows

VERSION = 1


def voting_snapshot(count: VotingCount, *, contest: ContestConfig, reports: ReportsConfig,
                    prizes: Sequence[PrizeConfig], opens: datetime | date | None = None,
                    closes: datetime | date | None = None) -> Snapshot:
    """Everything the voting protocol states; `opens` and `closes` are `[voting]`'s (a date
    means its first minute, or its last second, as the intake's dates do)."""
    rows = voting_rows(count)
    return Snapshot({
        "version": VERSION,
        "kind": "voting",
        "contest": {"name": language_texts(contest.name), "timezone": contest.timezone,
                    "organizer": language_texts(reports.organizer),
                    "place": language_texts(reports.place)},
        "voting": {"opens": _moment(opens, time(0, 0)),
                   "closes": _moment(closes, time(23, 59, 59))},
        "count": {"participants": len(count.entries),
                  "disqualified": sum(1 for row in rows if row["place"] is None),
                  "voters_registered": count.voters_registered,
                  "voters_verified": count.voters_verified,
                  "votes_counted": count.votes_counted,
                  "votes_removed": count.votes_removed},
        "rows": rows,
        "prizes": [{"key": prize.key, "place": prize.place, "amount": prize.amount,
                    "currency": prize.currency, "name": language_texts(prize.name)}
                   for prize in prizes],
        "signatures": [{"name": signature.name, "role": language_texts(signature.role)}
                       for signature in reports.signatures],
    })


def _moment(moment: datetime | date | None, default: time) -> str | None:
    if moment is None:
        return None
    if not isinstance(moment, datetime):
        moment = datetime.combine(moment, default)
    return moment.isoformat()
