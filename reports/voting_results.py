"""A voting contest's results: a row per participant, placed by votes, from a `VotingCount`.

`baiqau results` of a contest with `[voting]` prints these rows (table, JSON or CSV), and
the voting protocol's table is made of the same rows. The rules:

1. Places by counted votes, most first. Participants with as many votes share the place
   and the next place skips (1, 2, 2, 4); each of them is flagged `shared_place`, as the
   jury's ranking flags a shared place. Within a place, rows go by ballot number.
2. A disqualified participant has no place and comes after the others (by ballot
   number), whatever their votes; their one flag is `disqualified: <the reason>`, the
   organizers' own words, so a script and a person read why without a second look-up.
   Their votes are still shown: the protocol states what was counted before they were
   taken out.
3. Nothing here names a voter: a `VotingCount` holds totals only.

The same count gives the same bytes in every format (rows in a fixed order, JSON written
as the jury's results are: one row a line, by json's C encoder).
"""

from __future__ import annotations

import json
from functools import partial
from typing import TextIO, TypedDict

from jury.voting.count import BallotEntry, VotingCount
from reports.tables import Cell, Export, Table, write_csv

COLUMNS = ["place", "number", "name", "position", "organization", "votes", "flags"]
SHARED_PLACE = "shared_place"
DISQUALIFIED = "disqualified"
_ENCODER = json.JSONEncoder(ensure_ascii=False)


class VotingRow(TypedDict):
    """One participant's line, as `baiqau results --format json` prints it."""

    place: int | None  # None: disqualified
    number: int  # as on the ballot
    name: str
    position: str
    organization: str
    votes: int
    flags: list[str]  # "shared_place", or "disqualified: <reason>"


def voting_rows(count: VotingCount) -> list[VotingRow]:
    """The participants placed by votes, the disqualified after them."""
    standing = sorted((entry for entry in count.entries if entry.disqualified is None),
                      key=lambda entry: (-entry.votes, entry.number))
    out = sorted((entry for entry in count.entries if entry.disqualified is not None),
                 key=lambda entry: entry.number)
    tied = _tied_votes(standing)
    rows: list[VotingRow] = []
    place = 0
    for index, entry in enumerate(standing, start=1):
        if index == 1 or entry.votes != standing[index - 2].votes:
            place = index
        rows.append(_row(entry, place, [SHARED_PLACE] if entry.votes in tied else []))
    rows.extend(_row(entry, None, [disqualified_flag(entry.disqualified or "")])
                for entry in out)
    return rows


def disqualified_flag(reason: str) -> str:
    # One line: a reason typed with a newline would otherwise break a CSV reader's row.
    return f"{DISQUALIFIED}: {' '.join(reason.split())}"


def winners(rows: list[VotingRow]) -> list[VotingRow]:
    """The participants at the first place, when anyone has a vote: a contest nobody voted
    in has no winner, rather than every participant winning with 0."""
    return [row for row in rows if row["place"] == 1 and row["votes"] > 0]


def _tied_votes(standing: list[BallotEntry]) -> set[int]:
    seen: set[int] = set()
    tied: set[int] = set()
    for entry in standing:
        (tied if entry.votes in seen else seen).add(entry.votes)
    return tied


def _row(entry: BallotEntry, place: int | None, flags: list[str]) -> VotingRow:
    return VotingRow(place=place, number=entry.number, name=entry.name,
                     position=entry.position, organization=entry.organization,
                     votes=entry.votes, flags=flags)


def voting_json(rows: list[VotingRow]) -> str:
    """A JSON array with one row a line, as the jury's `baiqau results --format json`."""
    return "[" + ",".join("\n" + _ENCODER.encode(row) for row in rows) + "\n]\n"


def voting_table(rows: list[VotingRow]) -> Table:
    """The rows as cells: numbers stay numbers, the flags joined by spaces (a row has at
    most one, so a reason's own spaces stay unambiguous)."""
    cells: list[list[Cell]] = [
        [row["place"], row["number"], row["name"], row["position"], row["organization"],
         row["votes"], " ".join(row["flags"])] for row in rows]
    return Table("results", COLUMNS, cells)


def export_voting_results(count: VotingCount) -> Export:
    """`baiqau export results` of a voting contest: the JSON of `baiqau results`, its table."""
    rows = voting_rows(count)
    return Export(json=partial(voting_json, rows), table=partial(voting_table, rows))


def write_voting_results(count: VotingCount, fmt: str, out: TextIO) -> None:
    """What `baiqau results --format FMT` prints for a voting contest."""
    rows = voting_rows(count)
    if fmt == "json":
        out.write(voting_json(rows))
    elif fmt == "csv":
        write_csv(voting_table(rows), out)
    elif fmt == "table":
        print_voting_table(rows, out)
    else:
        raise ValueError(f"unknown format {fmt!r}: one of table, json, csv")


def print_voting_table(rows: list[VotingRow], out: TextIO) -> None:
    from rich.console import Console
    from rich.table import Table as RichTable

    table = RichTable(title="Results")
    for column in COLUMNS:
        table.add_column(column, justify="right" if column in ("number", "votes") else "left")
    for row in rows:
        table.add_row("—" if row["place"] is None else str(row["place"]), str(row["number"]),
                      row["name"], row["position"], row["organization"], str(row["votes"]),
                      " ".join(row["flags"]))
    # Piped to a file, the table keeps its columns instead of folding names at 80.
    Console(file=out, width=None if out.isatty() else 200).print(table)
