"""The protocol's snapshot: every fact a results protocol states, as canonical JSON, hashed.

A protocol is written from a snapshot, never from the database directly, so the document
is a function of the snapshot, the language and the day it is printed. The snapshot
holds no words of either language and not the day: the same data gives the same JSON,
byte for byte, and so the same SHA-256, in a Kazakh protocol and a Russian one, today and
next week. It is read in one database transaction, so no reply recorded meanwhile can put
half of itself into the counts and the other half into the table.

What it holds (`version` says which shape):

- `rows`: the ranking's rows exactly as `baiqau results --format json` prints them;
- `method`: how the rows were computed (`jury.ranking.Method`), numbers as decimal text;
- `applications`: how many were received, accepted, rejected by the rules or the
  organizers, left incomplete (`needs_fix`) or undecided (`review`); the count of every
  reason code among those not accepted; the organizers' own rejections with their note;
- `jury`: the deadline, the criteria (key, names, weight), every juror of the config with
  the accepted works assigned to them and the works their complete sheets count for;
- `contest`, `intake`, `prizes`, `signatures`: the config values the protocol prints.

Canonical: keys sorted, no whitespace, UTF-8 without escapes (`ensure_ascii=False`), so
`sha256sum` of a written snapshot file gives the hash in the protocol's footer.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property
from operator import itemgetter
from typing import Any

from sqlalchemy import select as select_columns  # sqlmodel's select takes 4 at most
from sqlmodel import Session, col

from hub.config import Config
from hub.models import Application, ApplicationStatus
from jury.ranking import Method, Ranking
from reports.results import Counted, collector_held, rank_counted, read_counted

VERSION = 1
ORGANIZER_DECISION = "organizer_decision"  # a rejection the organizers decided, by hand


@dataclass(frozen=True)
class Snapshot:
    data: dict[str, Any]

    @cached_property
    def text(self) -> str:
        return json.dumps(self.data, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                          allow_nan=False)

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def take_snapshot(session: Session, config: Config) -> Snapshot:
    """Everything the protocol states, read from the database in one transaction."""
    if config.jury is None:
        raise ValueError("this contest has no [jury] section: there is no protocol to write")
    with collector_held():
        counted = read_counted(session)
        ranking = rank_counted(counted, config)
        return snapshot_of(config, ranking, counted, application_counts(session))


def snapshot_of(config: Config, ranking: Ranking, counted: Counted,
                applications: dict[str, Any]) -> Snapshot:
    jury = config.jury
    assert jury is not None  # take_snapshot checked
    scored = works_scored(counted, [criterion.key for criterion in jury.criteria])
    return Snapshot({
        "version": VERSION,
        "contest": {"name": language_texts(config.contest.name),
                    "timezone": config.contest.timezone,
                    "organizer": language_texts(config.reports.organizer),
                    "place": language_texts(config.reports.place)},
        "intake": {"opens": _moment(config.intake.opens),
                   "closes": _moment(config.intake.closes)},
        "applications": applications,
        "jury": {
            "deadline": _moment(jury.deadline) if jury.deadline else None,
            "criteria": [{"key": criterion.key, "name": language_texts(criterion.name),
                          "weight": str(ranking.method.weights[criterion.key])}
                         for criterion in jury.criteria],
            "jurors": [{"name": juror.name,
                        "assigned": counted.assigned.get(juror.email.lower(), 0),
                        "scored": scored.get(juror.email.lower(), 0)}
                       for juror in jury.jurors],
        },
        "method": _method(ranking.method),
        "rows": ranking.as_rows(),
        "prizes": [{"key": prize.key, "place": prize.place, "amount": prize.amount,
                    "currency": prize.currency, "name": language_texts(prize.name)}
                   for prize in config.prizes],
        "signatures": [{"name": signature.name, "role": language_texts(signature.role)}
                       for signature in config.reports.signatures],
    })


def application_counts(session: Session) -> dict[str, Any]:
    """Received, accepted and not, by status and by reason code; the organizers' rejections."""
    statuses: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    decided = []
    for status, codes, by_hand, number, name, note in session.execute(
            select_columns(col(Application.status), col(Application.reason_codes),
                           col(Application.decided_by_organizer), col(Application.number),
                           col(Application.name), col(Application.decision_note))
            .order_by(col(Application.id))).all():
        statuses[status] += 1
        if status == ApplicationStatus.ACCEPTED:
            continue
        if status == ApplicationStatus.REJECTED and by_hand:
            # The organizers' decision replaces the rules' findings: its note says why.
            reasons[ORGANIZER_DECISION] += 1
            decided.append({"number": number, "name": name, "note": note})
            continue
        reasons.update(codes.split() or ["other"])
    return {"received": statuses.total(),
            **{status.value: statuses[status.value] for status in ApplicationStatus},
            "reasons": dict(reasons), "decided": decided}


def works_scored(counted: Counted, keys: list[str]) -> Counter[str]:
    """Juror's address -> the works whose every criterion they scored (the sheets that count)."""
    # The (juror, application) of each score, picked in C: 450,000 scores for 9 jurors.
    criteria: dict[tuple[str, str], int] = Counter(map(itemgetter(0, 1), counted.scores))
    return Counter(juror for (juror, _), count in criteria.items() if count == len(keys))


def _method(method: Method) -> dict[str, Any]:
    return {"aggregate": method.aggregate.value, "normalize": method.normalize.value,
            "weights": {key: str(weight) for key, weight in method.weights.items()},
            "score_range": [str(value) for value in method.score_range],
            "quorum": method.quorum, "spread_flag": str(method.spread_flag),
            "order": list(method.order), "decimals": method.decimals,
            "rounding": method.rounding}


def language_texts(texts: dict[Any, str]) -> dict[str, str]:
    return {str(getattr(language, "value", language)): text for language, text in texts.items()}


def _moment(moment: datetime | date) -> str:
    return moment.isoformat()
