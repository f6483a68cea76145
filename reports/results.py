"""The contest's results: the recorded scores read into the jury's ranking, and shown.

What counts is decided here once, for `baiqau results`, the protocol and the results mail
alike: accepted applications only, the scores of jurors still in the config (a juror taken
out of it no longer counts), and the organizers' incentive prizes. The ranking itself is
`jury.ranking.rank`, a pure function of these.
"""

from __future__ import annotations

import csv
import gc
import json
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import TextIO

from sqlmodel import Session, col, select

from hub.config import Config
from hub.jury_config import JuryConfig
from hub.models import (
    Application,
    ApplicationStatus,
    Assignment,
    AssignmentState,
    Juror,
    PrizeAward,
    Score,
)
from jury.ranking import Entry, Ranking, RowDict, rank
from jury.ranking import Score as RankedScore

CSV_COLUMNS = ["place", "application", "name", "settlement", "total", "jurors", "flags",
               "prize"]


def load_ranking(session: Session, config: Config) -> Ranking:
    if config.jury is None:
        raise ValueError("this contest has no [jury] section: there is nothing to rank")
    with _collector_held():
        return _load_ranking(session, config, config.jury)


@contextmanager
def _collector_held() -> Iterator[None]:
    """Python's cycle collector held off while the rows are read and ranked.

    A contest of 10,000 works makes a million small objects here and no cycles, and each
    full collection walks every object made so far (and all that the imports made): a
    quarter of the time spent here, an eighth of `baiqau results` (bench/judging.py).
    Objects no longer used are still freed at once, by their reference counts.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _load_ranking(session: Session, config: Config, jury: JuryConfig) -> Ranking:
    # Columns, not ORM objects: a contest of 10,000 works has 450,000 scores, and making
    # each an object took 15 s of `baiqau results` (bench/judging.py); the columns take 1.
    applications = session.exec(
        select(Application.id, Application.number, Application.name, Application.fields_json)
        .where(Application.status == ApplicationStatus.ACCEPTED)
        .order_by(col(Application.first_arrived_at), col(Application.id))
    ).all()
    entries = [Entry(application=number, name=name, settlement=_settlement(fields),
                     arrival=index)
               for index, (_, number, name, fields) in enumerate(applications)]
    numbers = {row_id: number for row_id, number, _, _ in applications}
    active = dict(session.exec(
        select(Juror.id, Juror.email).where(col(Juror.active).is_(True))).all())
    assigned = {(juror_id, application_id) for juror_id, application_id in session.exec(
        select(Assignment.juror_id, Assignment.application_id)
        .where(Assignment.state == AssignmentState.ASSIGNED)).all()}
    values = _Decimals()
    # On the session's connection, past the ORM's result handling: a third less time.
    rows = session.connection().execute(
        select(Score.juror_id, Score.application_id, Score.criterion, Score.value)
        .order_by(col(Score.id)))
    scores = [RankedScore(active[juror_id], numbers[application_id], criterion, values[value])
              for juror_id, application_id, criterion, value in rows
              if juror_id in active and application_id in numbers
              and (juror_id, application_id) in assigned]
    awards = {numbers[application_id]: prize for prize, application_id in session.exec(
        select(PrizeAward.prize, PrizeAward.application_id)).all()
        if application_id in numbers}
    return rank(entries, scores, jury, config.prizes, awards)


def _settlement(fields_json: str) -> str:
    return str(json.loads(fields_json or "{}").get("settlement") or "")


class _Decimals(dict[str, Decimal]):
    """Score text -> its Decimal, each distinct text ("0" to "10") read once."""

    def __missing__(self, text: str) -> Decimal:
        value = self[text] = Decimal(text)
        return value


def write_results(ranking: Ranking, fmt: str, out: TextIO) -> None:
    rows = ranking.as_rows()
    if fmt == "json":
        out.write(ranking.to_json())
        out.write("\n")
    elif fmt == "csv":
        keys = list(ranking.method.weights)
        writer = csv.writer(out)
        writer.writerow([*CSV_COLUMNS[:4], *keys, *CSV_COLUMNS[4:]])
        for row in rows:
            writer.writerow([_cell(row["place"]), row["application"], row["name"],
                             row["settlement"], *(_cell(row["criteria"][key]) for key in keys),
                             _cell(row["total"]), row["jurors"], " ".join(row["flags"]),
                             _cell(row["prize"])])
    else:
        print_table(rows, list(ranking.method.weights), out)


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def print_table(rows: list[RowDict], keys: list[str], out: TextIO) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Results")
    for column in ("place", "application", "name", "settlement", *keys, "total", "jurors",
                   "flags", "prize"):
        table.add_column(column)
    for row in rows:
        table.add_row(_cell(row["place"]) or "—", row["application"], row["name"],
                      row["settlement"], *(_cell(row["criteria"][key]) for key in keys),
                      _cell(row["total"]), str(row["jurors"]), " ".join(row["flags"]),
                      _cell(row["prize"]))
    # Piped to a file, the table keeps its columns instead of folding names at 80.
    Console(file=out, width=None if out.isatty() else 200).print(table)
