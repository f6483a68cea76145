"""The contest's results: the recorded scores read into the jury's ranking, and shown.

What counts is decided here once, for `baiqau results`, the protocol and the results mail
alike: accepted applications only, the scores of jurors still in the config (a juror taken
out of it no longer counts), and the organizers' incentive prizes. The ranking itself is
`jury.ranking.rank`, a pure function of these.
"""

from __future__ import annotations

import gc
import json
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from typing import TextIO

from sqlalchemy import select as select_columns
from sqlmodel import Session, col, select

from hub.config import Config
from hub.models import (
    Application,
    ApplicationStatus,
    Assignment,
    AssignmentState,
    Juror,
    PrizeAward,
    Score,
)
from jury.ranking import Entry, Ranking, RankingError, RowDict, rank, rank_sheets
from jury.ranking import Score as RankedScore
from reports.tables import Cell, Export, Table, write_csv

CSV_COLUMNS = ["place", "application", "name", "settlement", "total", "jurors", "flags",
               "prize"]


@dataclass(frozen=True)
class Counted:
    """What the ranking is computed from: the accepted entries in order of arrival, the
    scores that count, the incentive prizes awarded, and each juror's assigned works."""

    entries: list[Entry]
    scores: list[RankedScore]
    awards: dict[str, str]  # application number -> incentive prize key
    assigned: dict[str, int]  # active juror's address -> accepted works assigned to them


@dataclass(frozen=True)
class _Basis:
    """Everything but the scores: what counts, by the database's ids."""

    entries: list[Entry]
    numbers: dict[int, str]  # accepted application id -> number
    active: dict[int, str]  # active juror id -> address
    assigned: set[tuple[int, int]]  # (juror id, application id) still assigned
    awards: dict[str, str]

    def counted(self, scores: list[RankedScore]) -> Counted:
        load = Counter(self.active[juror] for juror, application in self.assigned
                       if juror in self.active and application in self.numbers)
        return Counted(self.entries, scores, self.awards,
                       {email: load[email] for email in self.active.values()})


def _basis(session: Session) -> _Basis:
    # Columns, not ORM objects: a contest of 10,000 works has 150,000 scores, and building
    # an object for each took 10 s of the protocol's 10 s budget.
    applications = session.exec(
        select(Application.id, Application.number, Application.name, Application.fields_json)
        .where(Application.status == ApplicationStatus.ACCEPTED)
        .order_by(col(Application.first_arrived_at), col(Application.id))
    ).all()
    entries = [Entry(application=number, name=name,
                     settlement=str(json.loads(fields or "{}").get("settlement") or ""),
                     arrival=index)
               for index, (_, number, name, fields) in enumerate(applications)]
    numbers = {key: number for key, number, _, _ in applications if key is not None}
    active = {key: email for key, email in session.exec(
        select(Juror.id, Juror.email).where(col(Juror.active).is_(True))).all()
        if key is not None}
    assigned = {(juror, application) for juror, application in session.exec(
        select(Assignment.juror_id, Assignment.application_id)
        .where(Assignment.state == AssignmentState.ASSIGNED)).all()}
    awards = {numbers[application]: prize for prize, application in session.exec(
        select(PrizeAward.prize, PrizeAward.application_id)).all() if application in numbers}
    return _Basis(entries, numbers, active, assigned, awards)


def read_counted(session: Session) -> Counted:
    basis = _basis(session)
    # (juror id, application id) -> (address, number) for each work that counts: one
    # lookup a score, not three.
    counting = {(juror, application): (basis.active[juror], basis.numbers[application])
                for juror, application in basis.assigned
                if juror in basis.active and application in basis.numbers}
    get = counting.get
    values: dict[str, Decimal] = {}  # a few distinct scores ("7", "7.5"), read once each
    scores = [RankedScore(juror=pair[0], application=pair[1], criterion=criterion,
                          value=values.get(value) or values.setdefault(value, Decimal(value)))
              for juror, application, criterion, value in _score_rows(session)
              if (pair := get((juror, application))) is not None]
    return basis.counted(scores)


def _read_sheets(session: Session, basis: _Basis,
                 ) -> dict[tuple[str, str], dict[str, Decimal]] | None:
    """The scores that count, gathered per sheet: (number, address) -> criterion -> score,
    in one pass over the rows, with no object made per score. None if a sheet has a
    criterion twice (the database's unique key forbids it): `read_counted` then says so."""
    counts = {(juror, application): (basis.numbers[application], basis.active[juror])
              for juror, application in basis.assigned
              if juror in basis.active and application in basis.numbers}
    values: dict[str, Decimal] = {}
    sheets: dict[tuple[str, str], dict[str, Decimal]] = {}
    for juror, application, criterion, value in _score_rows(session):
        key = counts.get((juror, application))
        if key is None:
            continue
        sheet = sheets.get(key)
        if sheet is None:
            sheet = sheets[key] = {}
        elif criterion in sheet:
            return None
        found = values.get(value)
        sheet[criterion] = found if found is not None else values.setdefault(value,
                                                                             Decimal(value))
    return sheets


def _score_rows(session: Session) -> Sequence[tuple[int, int, str, str]]:
    """(juror id, application id, criterion, value) of every score, from the database's own
    cursor: 450,000 scores (10,000 works, 9 jurors) take 1 s so, 2.4 s as SQLAlchemy rows.
    The columns are ints and text, which no driver hands over as anything else."""
    result = session.connection().execute(
        select_columns(col(Score.juror_id), col(Score.application_id), col(Score.criterion),
                       col(Score.value)).order_by(col(Score.id)))
    try:
        rows: Sequence[tuple[int, int, str, str]] = result.cursor.fetchall()
    finally:
        result.close()
    return rows


def load_ranking(session: Session, config: Config) -> Ranking:
    """The ranking of the recorded scores, read per sheet; the same table as
    `rank_counted(read_counted(session), config)`, which is what is done (and what says
    what is wrong) when the data cannot be ranked as it stands."""
    if config.jury is None:
        raise ValueError("this contest has no [jury] section: there is nothing to rank")
    with collector_held():
        basis = _basis(session)
        sheets = _read_sheets(session, basis)
        if sheets is not None:
            try:
                return rank_sheets(basis.entries, sheets, config.jury, config.prizes,
                                   basis.awards)
            except RankingError:
                pass  # said below as the scores say it, naming the first that is wrong
        return rank_counted(read_counted(session), config)


@contextmanager
def collector_held() -> Iterator[None]:
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


def rank_counted(counted: Counted, config: Config) -> Ranking:
    if config.jury is None:
        raise ValueError("this contest has no [jury] section: there is nothing to rank")
    return rank(counted.entries, counted.scores, config.jury, config.prizes, counted.awards)


def export_results(ranking: Ranking) -> Export:
    """`baiqau export results`: the JSON of `baiqau results --format json`, and its table."""
    return Export(json=partial(_json, ranking), table=partial(results_table, ranking))


def results_table(ranking: Ranking) -> Table:
    """A row per work, a column per criterion (its key) between `settlement` and `total`;
    numbers stay numbers, and the flags are their codes joined by spaces."""
    keys = list(ranking.method.weights)
    rows: list[list[Cell]] = [
        [row["place"], row["application"], row["name"], row["settlement"],
         *(row["criteria"][key] for key in keys), row["total"], row["jurors"],
         " ".join(row["flags"]), row["prize"]]
        for row in ranking.as_rows()]
    return Table("results", [*CSV_COLUMNS[:4], *keys, *CSV_COLUMNS[4:]], rows)


def write_results(ranking: Ranking, fmt: str, out: TextIO) -> None:
    if fmt == "json":
        out.write(_json(ranking))
    elif fmt == "csv":
        write_csv(results_table(ranking), out)
    else:
        print_table(ranking.as_rows(), list(ranking.method.weights), out)


def _json(ranking: Ranking) -> str:
    return ranking.to_json() + "\n"


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
