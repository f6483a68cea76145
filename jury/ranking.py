"""The jury's ranking: a pure function of the recorded scores and the config (regulation 6, 8).

`rank(entries, scores, jury, prizes, awards)` gives the results table, and
`Ranking.to_json()` is what `baiqau results --format json` prints: the same data gives the
same table, byte for byte, in whatever order its rows arrive. The rules, with the ones the
regulation leaves open decided here:

1. Sheets. A juror's scores for one work are that juror's sheet, and a sheet counts only
   if it scores every criterion. A juror who left a criterion out has none of their scores
   for that work counted, and the work is flagged `incomplete` so the organizers can ask
   for the missing score. Counting part of a sheet would average each criterion over a
   different panel: a harsh juror who skipped one criterion would pull the others down
   and spare that one. `jurors` counts the complete sheets.
2. Normalisation (`normalize = "zscore"`): each juror's scores for each criterion are
   standardised over all the works that juror has a complete sheet for (works under quorum
   too: they show how the juror scores): z = (x - mean) / sd with the population sd, and
   z = 0 where the juror gave every work the same. The score becomes
   midpoint + z x (max - min) / 6, clamped to [min, max].
3. Figures. Each criterion's mean, or median (of an even count: the mean of the middle
   two), over the work's complete sheets; the total is the sum of weight x that value;
   the spread is the highest minus the lowest of the jurors' own weighted totals, of the
   same (normalised, if so) scores. Fewer sheets than `quorum`: flagged `under_quorum`,
   not ranked. A spread above `spread_flag`: flagged `spread`, still ranked.
4. Order. Ranked works by total, highest first; equal totals by `tie_break` in its order
   ("criterion:KEY": that criterion's value, higher first; "earliest": the smaller
   `arrival`; "total" adds nothing there, as the total always comes first). Works still
   tied share the place (1, 2, 2, 4) and are flagged `shared_place`. Within a place, and
   among the unranked works listed after the ranked ones, rows go by arrival, then number.
5. Prizes. The work(s) at place N get the prize with `place = N`. Works that share a place
   are each listed with its prize, and the places their tie swallows give no prize
   (1, 2, 2, 4: no third). How the money goes then (split the second prize, pool the second
   and third, or pay each in full) is for the organizers and the regulation to decide;
   the table only says who shares. Incentive prizes (no place) are the organizers' `awards`.
6. Numbers. A float score or weight counts as the decimal it prints as (7.3 is 7.3). Every
   figure is exact (`Fraction`, see `jury.tally`), so totals equal on paper are equal here
   and a tie-break, not a rounding error, separates them; only a z-score (a square root
   and one division) is carried to 34 digits, the same on every machine. `as_rows()` rounds
   to 2 decimals half up (7.125 -> 7.13), from the exact value: the rule of a person
   checking the protocol by hand; half-even only guards sums of rounded values, and none
   are summed. Places are decided on the exact values, so 8.33 can stand at places 1 and 2
   (8.334 and 8.332); `Row.total` holds the digits that show why.

Data that cannot be ranked as it stands (a score for an unknown work or criterion, twice,
or off the score range; an award that clashes with a place's prize) raises `RankingError`,
naming what to fix: a results table must not quietly leave a score out.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from itertools import compress
from typing import NamedTuple, TypedDict

from hub.jury_config import Aggregate, JuryConfig, Normalize, PrizeConfig
from jury.places import place_works, shared_places
from jury.tally import Figures, complete_sheets, normalise, tally_all
from jury.tally import Sheets as Sheets  # re-exported: what rank_complete takes
from jury.tally import picker as picker  # re-exported: puts a sheet in the criteria's order

DECIMALS = 2
ROUNDING = "half up"  # `rounded`'s rule, as `Ranking.method` states it
# What `json.dumps(..., ensure_ascii=False)` writes a string with (json's C function).
_json_text: Callable[[str], str] = json.encoder.encode_basestring


class RankingError(ValueError):
    """The recorded scores, entries or awards cannot be ranked as they are; says why."""


@dataclass(frozen=True, slots=True)
class Entry:
    """An accepted application, as the ranking needs it."""

    application: str  # "A-0012"
    name: str
    settlement: str
    arrival: int  # the application's place in the order of arrival: smaller is earlier


class Score(NamedTuple):
    """One current score: a juror's value for one criterion of one work.

    A named tuple, not a frozen dataclass: a contest of 10,000 works has 450,000 scores,
    and a frozen dataclass, which sets each field through `object.__setattr__`, takes
    2.2 times as long to make (0.3 to 0.6 s more of `baiqau results`).
    """

    juror: str  # the juror's address, spelled as the database keeps it
    application: str
    criterion: str
    value: float | Decimal  # a float counts as the decimal it prints as: 7.3 is 7.3


class RowFlag(StrEnum):
    """What a row tells the organizers to look at; the values are stable codes."""

    UNDER_QUORUM = "under_quorum"
    SPREAD = "spread"
    INCOMPLETE = "incomplete"
    SHARED_PLACE = "shared_place"


_FLAGS = tuple(RowFlag)  # a row's flags come in this order


@dataclass(frozen=True)
class Row:
    """One work's line of the results table, with exact numbers (`rounded` shows them)."""

    place: int | None  # None: not ranked (under quorum)
    application: str
    name: str
    settlement: str
    criteria: dict[str, Fraction | None]  # key -> aggregated value, in the config's order
    total: Fraction | None  # None only when no complete sheet counts
    jurors: int
    spread: Fraction | None
    flags: tuple[RowFlag, ...]  # in RowFlag's order
    prize: str | None


class RowDict(TypedDict):
    """A row as `baiqau results --format json` prints it; scripts rely on these keys."""

    place: int | None
    application: str
    name: str
    settlement: str
    criteria: dict[str, float | None]
    total: float | None
    jurors: int
    flags: list[str]
    prize: str | None


@dataclass(frozen=True)
class Method:
    """How the ranking was computed, for the protocol to state (its words are the reports')."""

    aggregate: Aggregate
    normalize: Normalize
    weights: dict[str, Decimal]  # criterion key -> weight, in the config's order
    score_range: tuple[Decimal, Decimal]
    quorum: int
    spread_flag: Decimal
    order: tuple[str, ...]  # "total", then the tie-breaks that follow it
    decimals: int
    rounding: str


@dataclass(frozen=True)
class Ranking:
    """The results table and the facts of how it was computed."""

    rows: tuple[Row, ...]  # ranked rows by place, then the unranked ones
    method: Method

    def as_rows(self) -> list[RowDict]:
        """The rows for JSON: numbers rounded to `DECIMALS` half up, flags as their codes."""
        shown = self._shown_by_id()
        return [RowDict(place=row.place, application=row.application, name=row.name,
                        settlement=row.settlement,
                        criteria={key: shown[id(value)] for key, value in row.criteria.items()},
                        total=shown[id(row.total)], jurors=row.jurors,
                        flags=[flag.value for flag in row.flags], prize=row.prize)
                for row in self.rows]

    def to_json(self) -> str:
        """`as_rows()` as a JSON array with one row a line: readable and diffable.

        Each line is what `json.dumps(row, ensure_ascii=False)` writes, put together
        here rather than by encoding 10,000 dicts built for the purpose (a sixth of
        `baiqau results`): strings by json's own C function, numbers as json writes them
        (`repr` of the int or float), and every key and flag code encoded once.
        `tests/jury/test_ranking.py` holds it to `json.dumps`, hostile names included.
        """
        if not self.rows:
            return "[\n]"
        shown = {key: "null" if value is None else repr(value)
                 for key, value in self._shown_by_id().items()}
        keys = {key: f"{_json_text(key)}: " for key in self.method.weights}  # = criteria's
        flag_lists: dict[tuple[RowFlag, ...], str] = {}
        lines = []
        for row in self.rows:
            flags = flag_lists.get(row.flags)
            if flags is None:
                flags = flag_lists[row.flags] = ", ".join(map(_json_text, row.flags))
            criteria = ", ".join([keys[key] + shown[id(value)]
                                  for key, value in row.criteria.items()])
            lines.append(
                f'{{"place": {"null" if row.place is None else row.place}, '
                f'"application": {_json_text(row.application)}, '
                f'"name": {_json_text(row.name)}, '
                f'"settlement": {_json_text(row.settlement)}, "criteria": {{{criteria}}}, '
                f'"total": {shown[id(row.total)]}, "jurors": {row.jurors}, '
                f'"flags": [{flags}], '
                f'"prize": {"null" if row.prize is None else _json_text(row.prize)}}}')
        return "[\n" + ",\n".join(lines) + "\n]"

    def _shown_by_id(self) -> dict[int, float | None]:
        """id of each figure in the rows -> its value as shown (the function `_shown`).

        60,000 figures of 10,000 works repeat a few thousand values, and `jury.tally`
        makes each value one object: each is rounded once, found by its id (the rows keep
        every one alive meanwhile, so no two share an id)."""
        figures = {id(value): value for row in self.rows
                   for value in (row.total, *row.criteria.values())}
        return {key: _shown(value) for key, value in figures.items()}


def rounded(value: Fraction, decimals: int = DECIMALS) -> Decimal:
    """`value` to `decimals` places, half away from zero, from the exact value (no float)."""
    return Decimal(_rounded_units(value, decimals)).scaleb(-decimals)


def _rounded_units(value: Fraction, decimals: int) -> int:
    """`value` x 10^decimals, rounded half away from zero, by integer arithmetic."""
    scale: int = 10**decimals
    whole, rest = divmod(abs(value.numerator) * scale, value.denominator)
    whole += 2 * rest >= value.denominator
    return -whole if value.numerator < 0 else whole


def _shown(value: Fraction | None) -> float | None:
    # int / int is correctly rounded, so 713 / 100 is the float nearest 7.13, and a float
    # prints as the shortest decimal that reads back as it: 7.13, on every machine.
    return None if value is None else _rounded_units(value, DECIMALS) / 10**DECIMALS


def rank(entries: Iterable[Entry], scores: Iterable[Score], jury: JuryConfig,
         prizes: Iterable[PrizeConfig] = (), awards: Mapping[str, str] | None = None,
         ) -> Ranking:
    """The results table of the accepted `entries` from their current `scores`.

    `awards` maps an application number to the key of the incentive prize the organizers
    gave it. The module's docstring has the rules.
    """
    works = _index(entries)
    keys = [criterion.key for criterion in jury.criteria]
    low, high = _decimal(jury.score_min), _decimal(jury.score_max)
    sheets, incomplete = complete_sheets(_read(scores, works, keys, low, high), keys)
    return _ranked(works, sheets, incomplete, keys, low, high, jury, prizes, awards)


def rank_complete(entries: Iterable[Entry], sheets: Sheets, incomplete: Collection[str],
                  jury: JuryConfig, prizes: Iterable[PrizeConfig] = (),
                  awards: Mapping[str, str] | None = None) -> Ranking:
    """The same table as `rank`, from the complete sheets as `jury.tally` counts them:
    application -> juror -> that juror's scores, a tuple in the config's order of criteria;
    `incomplete` names the works where a juror's sheet lacks a criterion (those sheets
    count for nothing, rule 1). `baiqau results` reads the database's sheets straight into
    this form (`reports.results`), with no object made per score: a big contest has five
    times fewer sheets than scores.

    A sheet of the wrong length, a work not among the entries or a score off the range
    raises `RankingError`, as `rank` does.
    """
    works = _index(entries)
    keys = [criterion.key for criterion in jury.criteria]
    low, high = _decimal(jury.score_min), _decimal(jury.score_max)
    strangers = (set(sheets) | set(incomplete)) - works.keys()
    if strangers:
        raise RankingError(f"{min(strangers)} has scores but is not among the accepted "
                           "entries")
    lengths: set[int] = set()
    values: set[Decimal] = set()
    for jurors in sheets.values():
        lengths.update(map(len, jurors.values()))
        values.update(*jurors.values())
    if lengths - {len(keys)}:
        raise RankingError(f"a sheet holds {max(lengths - {len(keys)})} scores where "
                           f"jury.criteria has {len(keys)}")
    for value in values:
        if not _in_range(value, low, high):
            application, juror, index = next(
                (application, juror, sheet.index(value))
                for application, jurors in sheets.items()
                for juror, sheet in jurors.items() if value in sheet)
            raise RankingError(f"{juror} gave {application} {value} for {keys[index]!r}, "
                               f"outside {low} to {high}")
    return _ranked(works, sheets, set(incomplete), keys, low, high, jury, prizes, awards,
                   values)


def _in_range(value: object, low: Decimal, high: Decimal) -> bool:
    return isinstance(value, Decimal) and value.is_finite() and low <= value <= high


def _ranked(works: dict[str, Entry], sheets: Sheets, incomplete: set[str], keys: list[str],
            low: Decimal, high: Decimal, jury: JuryConfig, prizes: Iterable[PrizeConfig],
            awards: Mapping[str, str] | None, values: set[Decimal] | None = None) -> Ranking:
    """The table; `values`, if given, are the distinct scores in `sheets` (found already)."""
    if jury.normalize is Normalize.ZSCORE:
        sheets, values = normalise(sheets, low, high), None
    weights = {criterion.key: _decimal(criterion.weight) for criterion in jury.criteria}
    figures = tally_all(sheets, works, keys, weights, jury.aggregate, values)
    order = ("total", *(rule for rule in jury.tie_break if rule != "total"))
    arrival = {number: entry.arrival for number, entry in works.items()}
    places = place_works(figures, arrival, order, jury.quorum)
    method = Method(jury.aggregate, jury.normalize, weights, (low, high), jury.quorum,
                    _decimal(jury.spread_flag), order, DECIMALS, ROUNDING)
    wide = _wide_spreads(figures.values(), Fraction(method.spread_flag))
    shared = shared_places(places)
    prize_of = _prizes(places, list(prizes), dict(awards or {}), works)
    unranked = sorted((number for number in works if number not in places),
                      key=lambda number: (arrival[number], number))
    rows = []
    for number in [*places, *unranked]:
        entry, figure, place = works[number], figures[number], places.get(number)
        # In RowFlag's order: under_quorum, spread, incomplete, shared_place.
        flags = (place is None, id(figure.spread) in wide, number in incomplete, place in shared)
        rows.append(Row(place, number, entry.name, entry.settlement, figure.criteria,
                        figure.total, figure.jurors, figure.spread,
                        tuple(compress(_FLAGS, flags)), prize_of.get(number)))
    return Ranking(tuple(rows), method)


def _wide_spreads(figures: Iterable[Figures], spread_flag: Fraction) -> set[int]:
    """The ids of the spreads above `spread_flag`. `jury.tally` makes each distinct value
    one object, and 10,000 works have a few hundred spreads: each is compared once
    (a Fraction compares in Python), and a row's is found by its id."""
    spreads = {id(figure.spread): figure.spread for figure in figures
               if figure.spread is not None}
    return {key for key, spread in spreads.items() if spread > spread_flag}


def _decimal(value: float | Decimal) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(repr(value))


def _index(entries: Iterable[Entry]) -> dict[str, Entry]:
    works: dict[str, Entry] = {}
    for entry in entries:
        if entry.application in works:
            raise RankingError(f"{entry.application} is among the accepted entries twice")
        works[entry.application] = entry
    return works


def _read(scores: Iterable[Score], works: Mapping[str, Entry], keys: Sequence[str],
          low: Decimal, high: Decimal) -> dict[tuple[str, str], dict[str, Decimal]]:
    """(application, juror) -> criterion key -> score, each distinct value checked once."""
    sheets: dict[tuple[str, str], dict[str, Decimal]] = {}
    known = set(keys)
    values: dict[float | Decimal, Decimal] = {}  # a few distinct scores, read once each
    for juror, application, criterion, raw in scores:
        value = values.get(raw)
        if value is None:
            value = _decimal(raw)
            if not _in_range(value, low, high):
                raise RankingError(f"{juror} gave {application} {raw} for {criterion!r}, "
                                   f"outside {low} to {high}")
            values[raw] = value
        sheet = sheets.get((application, juror))
        if sheet is None:
            if application not in works:
                raise RankingError(f"{juror} scored {application}, which is not among the "
                                   "accepted entries")
            sheet = sheets[application, juror] = {}
        if criterion not in known:
            raise RankingError(f"{juror} scored {application} on {criterion!r}, which is "
                               "not a criterion of jury.criteria")
        if criterion in sheet:
            raise RankingError(f"{juror} has two current scores for {application} on "
                               f"{criterion!r}")
        sheet[criterion] = value
    return sheets


def _prizes(places: Mapping[str, int], prizes: list[PrizeConfig], awards: dict[str, str],
            works: Mapping[str, Entry]) -> dict[str, str]:
    """Application number -> prize key: the places' prizes, then the organizers' awards."""
    by_place = {prize.place: prize.key for prize in prizes if prize.place is not None}
    given = {number: by_place[place] for number, place in places.items() if place in by_place}
    incentive = {prize.key for prize in prizes if prize.place is None}
    for number, key in sorted(awards.items()):
        if number not in works:
            raise RankingError(f"the award {key!r} goes to {number}, which is not among the "
                               "accepted entries")
        if key not in incentive:
            raise RankingError(f"the award to {number} is {key!r}, which is not an incentive "
                               "prize of [[prizes]] (a place's prize goes by the ranking)")
        if number in given:
            raise RankingError(f"{number} is at place {places[number]} with the prize "
                               f"{given[number]!r} and was also awarded {key!r}; one prize "
                               "a work: withdraw the award or give it to another work")
        given[number] = key
    return given
