"""The contest's results: the recorded scores read into the jury's ranking, and shown.

What counts is decided here once, for `baiqau results`, the protocol and the results mail
alike: accepted applications only, the scores of jurors still in the config (a juror taken
out of it no longer counts), and the organizers' incentive prizes. The ranking itself is
`jury.ranking.rank`, a pure function of these.

Everything here reads with SQLAlchemy Core, on a connection or a session's connection:
`baiqau results` opens the database and ranks without importing sqlmodel and the ORM.
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from typing import TYPE_CHECKING, Any, TextIO

from sqlalchemy import (
    JSON,
    ColumnElement,
    Connection,
    Enum,
    Executable,
    cast,
    column,
    select,
    table,
    true,
    type_coerce,
)

from hub.config import Config
from hub.states import ApplicationStatus, AssignmentState
from jury.ranking import (
    Entry,
    Ranking,
    RankingError,
    RowDict,
    Sheets,
    picker,
    rank,
    rank_complete,
)
from jury.ranking import Score as RankedScore
from reports.tables import Cell, Export, Table, write_csv

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# The columns read here, named for SQLAlchemy Core. The ORM's models (`hub.models`) say the
# same, and `tests/reports/test_results_tables.py` checks that they do; importing them
# (sqlmodel, SQLAlchemy's ORM) would cost `baiqau results` a third of a second.
# The states are typed as the models type them: PostgreSQL keeps them as enum types,
# which a plain text value does not compare with.
APPLICATION = table("application", column("id"), column("number"), column("name"),
                    column("fields_json"),
                    column("status", Enum(ApplicationStatus, name="applicationstatus")),
                    column("first_arrived_at"))
JUROR = table("juror", column("id"), column("email"), column("active"))
ASSIGNMENT = table("jury_assignment", column("juror_id"), column("application_id"),
                   column("state", Enum(AssignmentState, name="assignmentstate")))
PRIZE_AWARD = table("prize_award", column("prize"), column("application_id"))
SCORE = table("score", column("id"), column("juror_id"), column("application_id"),
              column("criterion"), column("value"))
SCORE_SHEET = table("score_sheet", column("juror_id"), column("application_id"),
                    column("criteria"), column("scores"))

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
    awards: dict[str, str]


def _basis(connection: Connection) -> _Basis:
    applications = _fetch_all(connection, select(
        APPLICATION.c.id, APPLICATION.c.number, APPLICATION.c.name,
        _form_field(connection, "settlement"))
        .where(APPLICATION.c.status == ApplicationStatus.ACCEPTED)
        .order_by(APPLICATION.c.first_arrived_at, APPLICATION.c.id))
    # Entry(application, name, settlement, arrival): the arrival is the place in this order.
    entries = [Entry(number, name, settlement or "", index)
               for index, (_, number, name, settlement) in enumerate(applications)]
    numbers = {key: number for key, number, _, _ in applications}
    active = dict(connection.execute(
        select(JUROR.c.id, JUROR.c.email).where(JUROR.c.active.is_(true()))).all())
    awards = {numbers[application]: prize for prize, application in connection.execute(
        select(PRIZE_AWARD.c.prize, PRIZE_AWARD.c.application_id)).all()
        if application in numbers}
    return _Basis(entries, numbers, active, awards)


def _form_field(connection: Connection, name: str) -> ColumnElement[str]:
    """One text field of an application's form, read by the database (SQLite's
    `json_extract`, PostgreSQL's `->>`) rather than 10,000 forms parsed in Python (0.13 s
    of `baiqau results`). The form is kept as JSON text, which PostgreSQL must be told."""
    fields = APPLICATION.c.fields_json
    document = cast(fields, JSON) if connection.dialect.name == "postgresql" \
        else type_coerce(fields, JSON)
    field: ColumnElement[str] = document[name].as_string()
    return field


def _connection(source: Connection | Session) -> Connection:
    """The connection to read on: a command's own, or a session's (in its transaction)."""
    return source if isinstance(source, Connection) else source.connection()


def read_counted(source: Connection | Session) -> Counted:
    """Every score that counts, one by one: what the protocol's snapshot and an error's
    message are made from."""
    connection = _connection(source)
    basis = _basis(connection)
    assigned = connection.execute(
        select(ASSIGNMENT.c.juror_id, ASSIGNMENT.c.application_id)
        .where(ASSIGNMENT.c.state == AssignmentState.ASSIGNED)).all()
    # (juror id, application id) -> (address, number) for each work that counts: one
    # lookup a score, not three.
    counting = {(juror, application): (basis.active[juror], basis.numbers[application])
                for juror, application in assigned
                if juror in basis.active and application in basis.numbers}
    get = counting.get
    values = _Decimals()
    scores = [RankedScore(juror=pair[0], application=pair[1], criterion=criterion,
                          value=values[value])
              for juror, application, criterion, value in _score_rows(connection)
              if (pair := get((juror, application))) is not None]
    load = Counter(address for address, _ in counting.values())
    return Counted(basis.entries, scores, basis.awards,
                   {email: load[email] for email in basis.active.values()})


class _Decimals(dict[str, Decimal]):
    """Score text -> its Decimal, each made once: a contest has a few distinct scores
    ("7", "7.5") and hundreds of thousands of them."""

    def __missing__(self, text: str) -> Decimal:
        value = self[text] = Decimal(text)
        return value


def _read_sheets(connection: Connection, basis: _Basis, keys: Sequence[str],
                 ) -> tuple[Sheets, set[str]]:
    """The sheets that count, as `jury.ranking.rank_complete` takes them: number -> address
    -> scores in the order of `keys`, and the works where a sheet lacks a criterion.

    A row a sheet, from `score_sheet`, which the database's triggers keep equal to `score`
    grouped by juror and work (migration 0004): 90,000 rows for a contest of 10,000 works
    and 9 jurors instead of 450,000. Nearly every row scores the same criteria, so how to
    put a row's scores in order is worked out once for each spelling of its criteria.
    A criterion not in `keys` raises `RankingError`.
    """
    sheet = SCORE_SHEET.c
    rows = _fetch_all(connection, select(sheet.juror_id, sheet.application_id, sheet.criteria,
                                         sheet.scores))
    # A juror's scores count only for the works still assigned to them. The database
    # refuses a score without its juror's assignment to the work (migration 0005), so the
    # sheets that do not count are among the few assignments in another state (a recusal
    # withdraws the scores, SQL by hand might not): found by the index on the state.
    other_states = [state for state in AssignmentState if state is not AssignmentState.ASSIGNED]
    unassigned = set(_fetch_all(connection, select(ASSIGNMENT.c.juror_id,
                                                   ASSIGNMENT.c.application_id)
                                .where(ASSIGNMENT.c.state.in_(other_states))))
    numbers, active = basis.numbers, basis.active
    orders: dict[str, Callable[[list[str]], tuple[str, ...]] | None] = {}
    value_of = _Decimals().__getitem__
    sheets: Sheets = {}
    incomplete: set[str] = set()
    for juror, application, criteria, scores in rows:
        number, address = numbers.get(application), active.get(juror)
        if number is None or address is None or (unassigned and
                                                 (juror, application) in unassigned):
            continue  # a refused work, a juror no longer in the config, or recused
        if criteria in orders:
            in_order = orders[criteria]
        else:
            in_order = orders[criteria] = _order(criteria.split(" "), keys)
        if in_order is None:
            incomplete.add(number)
            continue
        jurors = sheets.get(number)
        if jurors is None:
            jurors = sheets[number] = {}
        jurors[address] = tuple(map(value_of, in_order(scores.split(" "))))
    return sheets, incomplete


def _order(scored: list[str], keys: Sequence[str]) -> Callable[[list[str]], tuple[str, ...]] | None:
    """What puts a sheet's values, listed as `scored`, in the order of `keys`; None for a
    sheet that lacks one of `keys`."""
    unknown = set(scored) - set(keys)
    if unknown:
        raise RankingError(f"a score is recorded for {min(unknown)!r}, which is not a "
                           "criterion of jury.criteria")
    if len(scored) < len(keys):
        return None
    return picker([scored.index(key) for key in keys])


def _score_rows(connection: Connection) -> Sequence[tuple[int, int, str, str]]:
    """(juror id, application id, criterion, value) of every score."""
    return _fetch_all(connection, select(SCORE.c.juror_id, SCORE.c.application_id,
                                         SCORE.c.criterion, SCORE.c.value)
                      .order_by(SCORE.c.id))


def _fetch_all(connection: Connection, query: Executable) -> Sequence[tuple[Any, ...]]:
    """Every row of `query` from the database's own cursor: 450,000 scores (10,000 works,
    9 jurors) take 1 s so, 2.4 s as SQLAlchemy rows. The columns are ints and text, which
    no driver hands over as anything else."""
    result = connection.execute(query)
    try:
        rows: Sequence[tuple[Any, ...]] = result.cursor.fetchall()
    finally:
        result.close()
    return rows


def load_ranking(source: Connection | Session, config: Config) -> Ranking:
    """The ranking of the recorded scores, read per sheet; the same table as
    `rank_counted(read_counted(source), config)`, which is what is done (and what says
    what is wrong) when the data cannot be ranked as it stands."""
    if config.jury is None:
        raise ValueError("this contest has no [jury] section: there is nothing to rank")
    connection = _connection(source)
    with collector_held():
        basis = _basis(connection)
        keys = [criterion.key for criterion in config.jury.criteria]
        try:
            sheets, incomplete = _read_sheets(connection, basis, keys)
            return rank_complete(basis.entries, sheets, incomplete, config.jury,
                                 config.prizes, basis.awards)
        except RankingError:
            pass  # said below as the scores say it, naming the first that is wrong
        return rank_counted(read_counted(connection), config)


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
    from rich.table import Table as RichTable

    shown = RichTable(title="Results")
    for heading in ("place", "application", "name", "settlement", *keys, "total", "jurors",
                    "flags", "prize"):
        shown.add_column(heading)
    for row in rows:
        shown.add_row(_cell(row["place"]) or "—", row["application"], row["name"],
                      row["settlement"], *(_cell(row["criteria"][key]) for key in keys),
                      _cell(row["total"]), str(row["jurors"]), " ".join(row["flags"]),
                      _cell(row["prize"]))
    # Piped to a file, the table keeps its columns instead of folding names at 80.
    Console(file=out, width=None if out.isatty() else 200).print(shown)
