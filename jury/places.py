"""Places from the works' figures: by total, then the tie-breaks; still tied, one place.

Standard competition ranking (1, 2, 2, 4), on the exact figures of `jury.tally`. The rules
are stated in `jury.ranking`'s docstring.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from fractions import Fraction
from math import lcm

from jury.tally import Figures


def place_works(figures: Mapping[str, Figures], arrival: Mapping[str, int],
                order: Sequence[str], quorum: int) -> dict[str, int]:
    """Application number -> place of every work with a quorum, in order of place.

    `order` is "total" followed by the tie-breaks ("criterion:KEY", "earliest"). Works
    equal on all of them share a place and are listed by arrival, then number.
    """
    counted = [number for number, figure in figures.items() if figure.jurors >= quorum]
    columns = [_column(rule, [figures[number] for number in counted],
                       [arrival[number] for number in counted]) for rule in order]
    merit = dict(zip(counted, zip(*columns, strict=True), strict=True))
    ranked = sorted(merit, key=lambda number: (merit[number], arrival[number], number))
    places: dict[str, int] = {}
    for index, number in enumerate(ranked, start=1):
        tied = index > 1 and merit[number] == merit[ranked[index - 2]]
        places[number] = places[ranked[index - 2]] if tied else index
    return places


def shared_places(places: Mapping[str, int]) -> set[int]:
    return {place for place, count in Counter(places.values()).items() if count > 1}


def _column(rule: str, figures: list[Figures], arrivals: list[int]) -> list[int]:
    """One rule's sort keys, smaller first, as integers: the exact values over a common
    denominator, which compare exactly as the fractions do and many times faster."""
    if rule == "earliest":
        return arrivals
    values = [_value(rule, figure) for figure in figures]
    common = lcm(*{value.denominator for value in values})
    return [-value.numerator * (common // value.denominator) for value in values]


def _value(rule: str, figure: Figures) -> Fraction:
    value = figure.total if rule == "total" else figure.criteria[rule.split(":", 1)[1]]
    assert value is not None, "a work with a quorum has a complete sheet"
    return value
