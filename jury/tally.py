"""The arithmetic of the ranking: from jurors' score sheets to each work's exact figures.

Plain mappings in, exact numbers out. `jury.ranking` states the rules, checks the scores,
orders the works and rounds for display; this module carries the rules out without a
rounding that could decide a place:

- A score is a `Decimal`. For the sums, every score is counted in integer units of the
  finest decimal place in play (0.5 and 7 become 5 and 70 tenths), and every weight too,
  so sums and weighted sums are exact integers.
- Aggregates and totals are `Fraction`s. The mean of 7, 8 and 8 is 23/3, not
  7.666...667, so totals that are equal on paper are equal here and the tie-break decides,
  not the 28th digit (in `Decimal`, 1/3 + 1/3 + 1/3 falls short of 1 and would lose to it).
- A z-score needs a square root, which no exact type holds. The root and the one division
  after it are taken in `ROOTS`: 34 significant digits, rounded half to even. The decimal
  module follows the General Decimal Arithmetic specification, so every machine gets the
  same digits. Every step after those two is exact again; `EXACT` raises
  `decimal.Inexact` rather than round.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Context, Decimal, DivisionByZero, Inexact, InvalidOperation, Overflow
from decimal import localcontext as local_context
from fractions import Fraction
from functools import partial
from itertools import repeat
from operator import itemgetter, mul
from typing import Any

from hub.jury_config import Aggregate

Sheet = tuple[Decimal, ...]  # one juror's complete sheet for one work, in criteria order
Sheets = dict[str, dict[str, Sheet]]  # application number -> juror -> that juror's sheet

EXACT = Context(prec=80, traps=[Inexact, InvalidOperation, DivisionByZero, Overflow])
ROOTS = Context(prec=34, traps=[InvalidOperation, DivisionByZero, Overflow])


@dataclass(frozen=True)
class Figures:
    """One work's figures over its complete sheets; None where no sheet counts."""

    criteria: dict[str, Fraction | None]  # in the config's order of criteria
    total: Fraction | None
    jurors: int
    spread: Fraction | None


def complete_sheets(scores: Mapping[tuple[str, str], Mapping[str, Decimal]],
                    keys: Sequence[str]) -> tuple[Sheets, set[str]]:
    """The sheets that score every criterion, and the works where a sheet did not.

    `scores` is (application, juror) -> criterion key -> score, with keys among `keys`.
    """
    complete: Sheets = {}
    incomplete: set[str] = set()
    count = len(keys)
    in_order = picker(keys)
    for (application, juror), sheet in scores.items():
        if len(sheet) < count:
            incomplete.add(application)
            continue
        jurors = complete.get(application)
        if jurors is None:
            jurors = complete[application] = {}
        jurors[juror] = in_order(sheet)
    return complete, incomplete


def picker(items: Sequence[str] | Sequence[int]) -> Callable[[Any], tuple[Any, ...]]:
    """What takes `items` out of a mapping or a sequence, always as a tuple, in C: a
    sheet's scores put in the order of the criteria. `itemgetter` gives a bare value, not
    a tuple, for a single item."""
    if len(items) == 1:
        (item,) = items
        return lambda container: (container[item],)
    return itemgetter(*items)


def normalise(sheets: Sheets, low: Decimal, high: Decimal) -> Sheets:
    """Each juror's scores standardised per criterion over the works that juror scored,
    then put back on the score range: midpoint + z x (high - low) / 6, clamped."""
    by_juror: dict[str, list[tuple[str, Sheet]]] = {}
    for application, jurors in sheets.items():
        for juror, sheet in jurors.items():
            by_juror.setdefault(juror, []).append((application, sheet))
    normalised: Sheets = {application: {} for application in sheets}
    with local_context(EXACT):
        middle, span = (low + high) / 2, high - low
        for juror, scored in by_juror.items():
            columns = list(zip(*(sheet for _, sheet in scored), strict=True))
            # A column holds few distinct scores (11 on 0 to 10): each is worked out once.
            tables = [_rescaled(column, middle, span, low, high) for column in columns]
            rows = zip(*(map(table.__getitem__, column)
                         for table, column in zip(tables, columns, strict=True)), strict=True)
            for (application, _), row in zip(scored, rows, strict=True):
                normalised[application][juror] = row
    return normalised


def _rescaled(values: Sequence[Decimal], middle: Decimal, span: Decimal, low: Decimal,
              high: Decimal) -> dict[Decimal, Decimal]:
    """Each distinct score of one juror's column -> its normalised value.

    z = (n x - sum) / sqrt(n x sum of squares - sum^2) is the population z-score written so
    that only the root and the division by it round; a column without spread gives z = 0.
    """
    count, total = len(values), sum(values, Decimal(0))
    spread = count * sum((value * value for value in values), Decimal(0)) - total * total
    if not spread:
        return dict.fromkeys(values, middle)
    root = 6 * ROOTS.sqrt(spread)
    return {value: min(high, max(low, middle + ROOTS.divide((count * value - total) * span,
                                                             root)))
            for value in set(values)}


def tally_all(sheets: Sheets, applications: Iterable[str], keys: Sequence[str],
              weights: Mapping[str, Decimal], aggregate: Aggregate,
              values: Collection[Decimal] | None = None) -> dict[str, Figures]:
    """Each application's figures from its complete sheets; weights by criterion key.
    `values`: the distinct scores in `sheets`, if the caller has them (else found here)."""
    if values is None:
        values = {value for jurors in sheets.values() for sheet in jurors.values()
                  for value in sheet}
    digits = _decimal_places(values)
    units = {value: _units(value, digits) for value in values}
    weight_digits = _decimal_places(weights.values())
    weight_units = [_units(weights[key], weight_digits) for key in keys]
    # The loops over sheets are `map`s, which run in C: 10,000 works have 90,000 sheets.
    to_units = partial(map, units.__getitem__)
    spread_of = partial(_equal_weights_spread, weight_units[0]) \
        if len(set(weight_units)) == 1 else partial(_spread, weight_units)
    fractions = _Fractions()
    figures = {}
    for application in applications:
        jurors = sheets.get(application, {})
        rows = list(map(tuple, map(to_units, jurors.values())))
        figures[application] = _tally(rows, keys, weight_units, spread_of, aggregate,
                                       10**digits, 10 ** (digits + weight_digits), fractions)
    return figures


def _spread(weights: list[int], rows: list[tuple[int, ...]]) -> int:
    """The highest minus the lowest of the jurors' own weighted totals, in units."""
    owns = list(map(sum, map(map, repeat(mul), repeat(weights), rows)))
    return max(owns) - min(owns)


def _equal_weights_spread(weight: int, rows: list[tuple[int, ...]]) -> int:
    """`_spread` when every criterion weighs the same (the regulation's criteria do, and
    it is the default): each own total is the weight times the sheet's sum, a sum in C
    rather than a product per score (0.04 s of a contest of 10,000 works)."""
    totals = list(map(sum, rows))
    return weight * (max(totals) - min(totals))


class _Fractions(dict[tuple[int, int], Fraction]):
    """(numerator, denominator) -> the Fraction, each made once: `Fraction()` reduces by
    the gcd in Python, and 10,000 works' figures repeat a few thousand values."""

    def __missing__(self, key: tuple[int, int]) -> Fraction:
        value = self[key] = Fraction(*key)
        return value


def _decimal_places(values: Iterable[Decimal]) -> int:
    """The most decimal places among `values`: 1 for 7.5, 0 for 7 or 1E+1."""
    return max([0, *(-int(value.as_tuple().exponent) for value in values)])


def _units(value: Decimal, digits: int) -> int:
    return int(EXACT.scaleb(value, digits))


def _tally(rows: list[tuple[int, ...]], keys: Sequence[str], weights: list[int],
           spread_of: Callable[[list[tuple[int, ...]]], int], aggregate: Aggregate,
           unit: int, weighted_unit: int, fractions: dict[tuple[int, int], Fraction],
           ) -> Figures:
    """One work's figures from its sheets in integer units (a score is units / unit).

    Every criterion is aggregated over the same sheets, so the aggregates share one
    denominator (the count for a mean, 1 or 2 for a median), and the total is one exact
    weighted sum of their numerators over it.
    """
    if not rows:
        return Figures(dict.fromkeys(keys), None, 0, None)
    if aggregate is Aggregate.MEAN:
        numerators, denominator = list(map(sum, zip(*rows, strict=True))), len(rows)
    else:
        numerators, denominator = _medians(rows)
    below = denominator * unit
    criteria: dict[str, Fraction | None] = {
        key: fractions[numerator, below] for key, numerator in zip(
            keys, numerators, strict=True)}
    return Figures(criteria, fractions[sum(map(mul, weights, numerators)),
                                       denominator * weighted_unit],
                   len(rows), fractions[spread_of(rows), weighted_unit])


def _medians(rows: list[tuple[int, ...]]) -> tuple[list[int], int]:
    """Each column's median as numerator over a shared denominator (1, or 2 if even)."""
    middle = len(rows) // 2
    columns = [sorted(column) for column in zip(*rows, strict=True)]
    if len(rows) % 2:
        return [column[middle] for column in columns], 1
    return [column[middle - 1] + column[middle] for column in columns], 2
