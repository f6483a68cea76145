"""The ranking against tables worked out by hand, and the properties that make it defensible.

Every expected number below is written out with its arithmetic; none is computed by the
code under test. Scores are tables juror -> application -> the scores in the order of the
criteria (None: the juror left that criterion out).
"""

from __future__ import annotations

import json
import random
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest

from hub.jury_config import Aggregate, Criterion, JuryConfig, Normalize, PrizeConfig
from hub.sections import Language
from jury.ranking import (
    Entry,
    Ranking,
    RankingError,
    Row,
    RowFlag,
    Score,
    Sheets,
    rank,
    rank_complete,
    rounded,
)

Table = dict[str, dict[str, tuple[float | Decimal | None, ...]]]

PRIZES = [PrizeConfig(key="first", place=1, amount=100_000),
          PrizeConfig(key="second", place=2, amount=75_000),
          PrizeConfig(key="third", place=3, amount=50_000),
          PrizeConfig(key="oven", name={Language.EN: "An electric oven"}),
          PrizeConfig(key="dishes", name={Language.EN: "A dish set"})]
SETTLEMENTS = ["Көкшетау", "Степногорск", "Щучинск", "Ақкөл", "Макинск", "Есіл"]


def make_jury(*criteria: tuple[str, float], **settings: Any) -> JuryConfig:
    return JuryConfig(criteria=[Criterion(key=key, name={Language.EN: key}, weight=weight)
                                for key, weight in criteria], **settings)


def make_entries(count: int) -> list[Entry]:
    """A-0001 ... arriving in that order."""
    return [Entry(f"A-{number:04d}", f"Қатысушы {number}", SETTLEMENTS[number % 6], number)
            for number in range(1, count + 1)]


def make_scores(table: Table, jury: JuryConfig) -> list[Score]:
    keys = [criterion.key for criterion in jury.criteria]
    return [Score(juror, application, key, value)
            for juror, works in table.items() for application, values in works.items()
            for key, value in zip(keys, values, strict=True) if value is not None]


def by_number(ranking: Ranking) -> dict[str, Row]:
    return {row.application: row for row in ranking.rows}


def summary(ranking: Ranking) -> list[tuple[int | None, str, float | None, list[str], str | None]]:
    """(place, application, total as shown, flags, prize) of each row, in the table's order."""
    return [(row["place"], row["application"], row["total"], row["flags"], row["prize"])
            for row in ranking.as_rows()]


# Three criteria, creativity counting twice; three jurors; four works.
WEIGHTED = make_jury(("theme", 1), ("creativity", 2), ("visual", 1), quorum=2, spread_flag=12)
WEIGHTED_SCORES: Table = {
    "a@example.kz": {"A-0001": (8, 9, 7), "A-0002": (6, 7, 5), "A-0003": (9, 6, 9),
                     "A-0004": (4, 5, 6)},
    "b@example.kz": {"A-0001": (7, 8, 8), "A-0002": (7, 6, 6), "A-0003": (8, 7, 8),
                     "A-0004": (9, 9, 9)},
    "c@example.kz": {"A-0001": (9, 9, 6), "A-0002": (5, 8, 7), "A-0003": (10, 5, 7),
                     "A-0004": (3, 4, 5)},
}


def test_means_weights_spread_and_the_prizes_of_the_places() -> None:
    ranking = rank(make_entries(4), make_scores(WEIGHTED_SCORES, WEIGHTED), WEIGHTED, PRIZES)
    rows = by_number(ranking)
    # A-0001: theme (8+7+9)/3 = 8, creativity (9+8+9)/3 = 26/3, visual (7+8+6)/3 = 7;
    #   total 8 + 2 x 26/3 + 7 = 97/3 = 32.333...; jurors' own totals a 8+18+7 = 33,
    #   b 7+16+8 = 31, c 9+18+6 = 33: spread 2.
    assert rows["A-0001"].criteria == {"theme": 8, "creativity": Fraction(26, 3), "visual": 7}
    assert rows["A-0001"].total == Fraction(97, 3)
    assert rows["A-0001"].spread == 2
    # A-0002: (6+7+5)/3 = 6, (7+6+8)/3 = 7, (5+6+7)/3 = 6; total 6 + 14 + 6 = 26;
    #   own totals 25, 25, 28: spread 3.
    assert rows["A-0002"].total == 26 and rows["A-0002"].spread == 3
    # A-0003: 27/3 = 9, 18/3 = 6, 24/3 = 8; total 9 + 12 + 8 = 29; own totals 30, 30, 27.
    assert rows["A-0003"].total == 29 and rows["A-0003"].spread == 3
    # A-0004: 16/3, 18/3 = 6, 20/3; total 16/3 + 12 + 20/3 = 24; own totals a 4+10+6 = 20,
    #   b 9+18+9 = 36, c 3+8+5 = 16: spread 20 > 12, flagged and still ranked.
    assert rows["A-0004"].total == 24 and rows["A-0004"].spread == 20
    assert summary(ranking) == [
        (1, "A-0001", 32.33, [], "first"),
        (2, "A-0003", 29.0, [], "second"),
        (3, "A-0002", 26.0, [], "third"),
        (4, "A-0004", 24.0, ["spread"], None),
    ]
    assert ranking.as_rows()[0] == {
        "place": 1, "application": "A-0001", "name": "Қатысушы 1", "settlement": "Степногорск",
        "criteria": {"theme": 8.0, "creativity": 8.67, "visual": 7.0}, "total": 32.33,
        "jurors": 3, "flags": [], "prize": "first"}


def test_the_json_is_one_row_a_line_with_exactly_the_promised_keys() -> None:
    ranking = rank(make_entries(4), make_scores(WEIGHTED_SCORES, WEIGHTED), WEIGHTED, PRIZES)
    text = ranking.to_json()
    assert text.splitlines()[0] == "["
    assert text.splitlines()[1] == (
        '{"place": 1, "application": "A-0001", "name": "Қатысушы 1", '
        '"settlement": "Степногорск", "criteria": {"theme": 8.0, "creativity": 8.67, '
        '"visual": 7.0}, "total": 32.33, "jurors": 3, "flags": [], "prize": "first"},')
    assert text.splitlines()[4] == (
        '{"place": 4, "application": "A-0004", "name": "Қатысушы 4", "settlement": "Макинск", '
        '"criteria": {"theme": 5.33, "creativity": 6.0, "visual": 6.67}, "total": 24.0, '
        '"jurors": 3, "flags": ["spread"], "prize": null}')
    assert text.endswith("\n]")
    rows = json.loads(text)
    assert [list(row) for row in rows] == [
        ["place", "application", "name", "settlement", "criteria", "total", "jurors",
         "flags", "prize"]] * 4


def test_the_json_is_what_json_dumps_writes_row_by_row() -> None:
    # to_json writes the lines itself (a sixth of `baiqau results` on 10,000 works); each
    # must be json.dumps's, whatever a name holds: quotes, backslashes, control
    # characters, the row separator itself, lines that JavaScript breaks on, Kazakh
    # letters, an emoji, a lone surrogate from a badly decoded form.
    names = ['«Шаңырақ» "хабы"', "back\\slash", "line\nbreak\ttab\x00\x1f\x7f",
             '}, {"place": 9, "name": "forged"}', "\u2028\u2029", "ә ғ қ ң ө ұ ү һ і 🎨",
             "\ud800 alone", ""]
    entries = [Entry(f"A-{number:04d}", name, names[-1 - index], number)
               for index, (number, name) in enumerate(enumerate(names, start=1))]
    jury = make_jury(("theme", 1), ("creativity", 2), ("visual", 1), quorum=2, spread_flag=1)
    generator = random.Random(8)
    scores = [Score(juror, entry.application, key, generator.randint(0, 20) / 2)
              for entry in entries[:-1] for juror in ("a@example.kz", "b@example.kz")
              for key in ("theme", "creativity", "visual")
              if entry.application != "A-0003" or juror == "a@example.kz"]
    ranking = rank(entries, scores, jury, PRIZES, {"A-0005": "oven"})
    rows = ranking.as_rows()
    assert {row["prize"] for row in rows} >= {"first", "oven", None}
    assert {flag for row in rows for flag in row["flags"]} >= {"under_quorum", "spread"}
    assert ranking.to_json() == (
        "[\n" + ",\n".join(json.dumps(row, ensure_ascii=False) for row in rows) + "\n]")
    assert json.loads(ranking.to_json()) == json.loads(json.dumps(rows))


def test_the_median_of_an_odd_and_of_an_even_count() -> None:
    jury = make_jury(("theme", 1), ("creativity", 1), aggregate=Aggregate.MEDIAN,
                     spread_flag=20, tie_break=["total", "criterion:creativity", "earliest"])
    table: Table = {
        "a@example.kz": {"A-0001": (10, 10), "A-0002": (8, 8), "A-0003": (6, 6)},
        "b@example.kz": {"A-0001": (2, 2), "A-0002": (8, 8), "A-0003": (7, 7)},
        "c@example.kz": {"A-0001": (6, 6), "A-0002": (8, 8), "A-0003": (8, 9)},
        "d@example.kz": {"A-0001": (7, 7), "A-0002": (0, 0)},
    }
    ranking = rank(make_entries(3), make_scores(table, jury), jury)
    rows = by_number(ranking)
    # A-0001, four jurors: theme 2, 6, 7, 10 -> (6+7)/2 = 6.5, creativity the same; 13.
    assert rows["A-0001"].criteria == {"theme": Fraction(13, 2), "creativity": Fraction(13, 2)}
    # A-0002, four jurors: 0, 8, 8, 8 -> (8+8)/2 = 8 for both criteria; 16. The mean
    #   would be 24/4 = 6 each, 12, and put it last.
    assert rows["A-0002"].total == 16
    # A-0003, three jurors: theme 6, 7, 8 -> 7; creativity 6, 7, 9 -> 7; 14.
    assert rows["A-0003"].total == 14
    assert summary(ranking) == [(1, "A-0002", 16.0, [], None), (2, "A-0003", 14.0, [], None),
                                (3, "A-0001", 13.0, [], None)]
    mean = rank(make_entries(3), make_scores(table, jury), jury.model_copy(
        update={"aggregate": Aggregate.MEAN}))
    # The same sheets by mean: A-0003 7 + 22/3 = 43/3 = 14.33; A-0001 25/4 x 2 = 12.5;
    #   A-0002 24/4 x 2 = 12.
    assert summary(mean) == [(1, "A-0003", 14.33, [], None), (2, "A-0001", 12.5, [], None),
                             (3, "A-0002", 12.0, [], None)]


TIES = make_jury(("theme", 1), ("creativity", 1),
                 tie_break=["total", "criterion:creativity", "earliest"])
TIED_SCORES: Table = {
    # A-0001 to A-0003 all total 14; A-0004 and A-0005 total 10 with creativity 5 each;
    # A-0006 totals 8.
    "a@example.kz": {"A-0001": (8, 6), "A-0002": (6, 8), "A-0003": (7, 7), "A-0004": (5, 5),
                     "A-0005": (4, 6), "A-0006": (4, 4)},
    "b@example.kz": {"A-0001": (8, 6), "A-0002": (6, 8), "A-0003": (7, 7), "A-0004": (5, 5),
                     "A-0005": (6, 4), "A-0006": (4, 4)},
}


def test_ties_are_broken_by_a_criterion_then_by_the_earlier_application() -> None:
    ranking = rank(make_entries(6), make_scores(TIED_SCORES, TIES), TIES, PRIZES)
    # Totals 14: creativity A-0002 8 > A-0003 7 > A-0001 6. Totals 10: creativity
    # A-0004 (5+5)/2 = 5 = A-0005 (6+4)/2 = 5, so the earlier, A-0004, goes first.
    assert summary(ranking) == [
        (1, "A-0002", 14.0, [], "first"), (2, "A-0003", 14.0, [], "second"),
        (3, "A-0001", 14.0, [], "third"), (4, "A-0004", 10.0, [], None),
        (5, "A-0005", 10.0, [], None), (6, "A-0006", 8.0, [], None)]


def test_works_still_tied_share_a_place_and_its_prize_and_the_next_place_is_skipped() -> None:
    jury = TIES.model_copy(update={"tie_break": ["total"]})
    ranking = rank(make_entries(6), make_scores(TIED_SCORES, jury), jury, PRIZES)
    # Three works at 14 share place 1, so there is no second or third place, and no
    # second or third prize; 1, 1, 1, 4, 4, 6.
    assert summary(ranking) == [
        (1, "A-0001", 14.0, ["shared_place"], "first"),
        (1, "A-0002", 14.0, ["shared_place"], "first"),
        (1, "A-0003", 14.0, ["shared_place"], "first"),
        (4, "A-0004", 10.0, ["shared_place"], None),
        (4, "A-0005", 10.0, ["shared_place"], None),
        (6, "A-0006", 8.0, [], None)]


def test_a_shared_second_place_and_the_organizers_incentive_prizes() -> None:
    jury = make_jury(("theme", 1), ("creativity", 1), tie_break=["total"])
    table: Table = {
        "a@example.kz": {"A-0001": (9, 9), "A-0002": (7, 7), "A-0003": (8, 6), "A-0004": (6, 6),
                         "A-0005": (10, 10)},
        "b@example.kz": {"A-0001": (9, 9), "A-0002": (7, 7), "A-0003": (6, 8), "A-0004": (6, 6)},
    }
    awards = {"A-0004": "oven", "A-0005": "dishes"}
    ranking = rank(make_entries(5), make_scores(table, jury), jury, PRIZES, awards)
    # A-0001 18; A-0002 7 + 7 = 14 and A-0003 (8+6)/2 + (6+8)/2 = 14 share place 2 and
    # are both listed with "second"; A-0004 12 is fourth: nobody is third. A-0005 has one
    # juror (quorum 2): not ranked, but the organizers gave it the dish set.
    assert summary(ranking) == [
        (1, "A-0001", 18.0, [], "first"),
        (2, "A-0002", 14.0, ["shared_place"], "second"),
        (2, "A-0003", 14.0, ["shared_place"], "second"),
        (4, "A-0004", 12.0, [], "oven"),
        (None, "A-0005", 20.0, ["under_quorum"], "dishes")]


def test_works_under_quorum_are_listed_after_the_ranked_ones_unranked() -> None:
    jury = make_jury(("theme", 1), ("creativity", 1), quorum=3)
    table: Table = {
        "a@example.kz": {"A-0001": (5, 5), "A-0002": (9, 9), "A-0003": (6, 6)},
        "b@example.kz": {"A-0001": (5, 5), "A-0002": (9, 9), "A-0003": (6, 6)},
        "c@example.kz": {"A-0001": (5, 5), "A-0003": (6, 6)},
    }
    ranking = rank(make_entries(4), make_scores(table, jury), jury, PRIZES)
    # A-0002 has the best scores but two jurors of three; A-0004 has none at all.
    assert summary(ranking) == [
        (1, "A-0003", 12.0, [], "first"), (2, "A-0001", 10.0, [], "second"),
        (None, "A-0002", 18.0, ["under_quorum"], None),
        (None, "A-0004", None, ["under_quorum"], None)]
    last = ranking.as_rows()[-1]
    assert last["jurors"] == 0 and last["criteria"] == {"theme": None, "creativity": None}


def test_a_sheet_with_a_criterion_left_out_does_not_count_and_the_work_is_flagged() -> None:
    jury = make_jury(("theme", 1), ("creativity", 1))
    table: Table = {
        "a@example.kz": {"A-0001": (8, 6), "A-0002": (7, 7), "A-0003": (5, 5)},
        "b@example.kz": {"A-0001": (7, None), "A-0002": (6, None), "A-0003": (5, 5)},
        "c@example.kz": {"A-0001": (9, 8), "A-0003": (5, 5)},
    }
    ranking = rank(make_entries(3), make_scores(table, jury), jury)
    rows = by_number(ranking)
    # A-0001: b's theme 7 is left out with b's sheet: theme (8+9)/2 = 8.5, creativity
    #   (6+8)/2 = 7, total 15.5 over 2 jurors (with b's 7 the theme would be 8).
    assert rows["A-0001"].criteria == {"theme": Fraction(17, 2), "creativity": 7}
    assert rows["A-0001"].jurors == 2
    # A-0002: only a's sheet is complete: 1 juror, under the quorum of 2.
    assert summary(ranking) == [
        (1, "A-0001", 15.5, ["incomplete"], None), (2, "A-0003", 10.0, [], None),
        (None, "A-0002", 14.0, ["under_quorum", "incomplete"], None)]


def test_zscore_makes_a_harsh_and_a_lenient_juror_weigh_the_same() -> None:
    jury = make_jury(("theme", 1), normalize=Normalize.ZSCORE, spread_flag=12)
    table: Table = {
        # a is harsh: 1, 1, 3, 3 (mean 2, population sd 1): z = -1, -1, +1, +1.
        "a@example.kz": {"A-0001": (1,), "A-0002": (1,), "A-0003": (3,), "A-0004": (3,)},
        # b is lenient and wide: 10, 6, 6, 10 (mean 8, sd 2): z = +1, -1, -1, +1.
        "b@example.kz": {"A-0001": (10,), "A-0002": (6,), "A-0003": (6,), "A-0004": (10,)},
    }
    # On 0 to 10: midpoint 5, (10 - 0) / 6 = 5/3 a unit of z: z = +1 -> 20/3, z = -1 -> 10/3.
    # A-0001 (10/3 + 20/3)/2 = 5; A-0002 (10/3 + 10/3)/2 = 10/3; A-0003 (20/3 + 10/3)/2 = 5;
    # A-0004 20/3. A-0001 and A-0003 tie, and the earlier goes first. Raw means would put
    # A-0001 (5.5) ahead of A-0003 (4.5) only because b spreads wider.
    # The quotient 5/3 is carried to 34 digits (1.666...667), and z = +1 and z = -1 land
    # symmetrically around 5, so the tie is exact.
    ranking = rank(make_entries(4), make_scores(table, jury), jury)
    rows = by_number(ranking)
    assert rows["A-0001"].total == rows["A-0003"].total == 5
    assert abs((rows["A-0004"].total or 0) - Fraction(20, 3)) < Fraction(1, 10**32)
    assert abs((rows["A-0002"].total or 0) - Fraction(10, 3)) < Fraction(1, 10**32)
    # Spread: the jurors' normalised totals, 20/3 - 10/3 = 10/3 for A-0001.
    assert abs((rows["A-0001"].spread or 0) - Fraction(10, 3)) < Fraction(1, 10**32)
    assert summary(ranking) == [(1, "A-0004", 6.67, [], None), (2, "A-0001", 5.0, [], None),
                                (3, "A-0003", 5.0, [], None), (4, "A-0002", 3.33, [], None)]
    raw = rank(make_entries(4), make_scores(table, jury), jury.model_copy(
        update={"normalize": Normalize.NONE}))
    assert [row.application for row in raw.rows] == ["A-0004", "A-0001", "A-0003", "A-0002"]
    assert [row.total for row in raw.rows] == [Fraction(13, 2), Fraction(11, 2),
                                               Fraction(9, 2), Fraction(7, 2)]


def test_zscore_clamps_to_the_range_and_a_juror_without_spread_gives_the_midpoint() -> None:
    jury = make_jury(("theme", 1), normalize=Normalize.ZSCORE, quorum=1)
    # a gives A-0001 a 10 and ten other works 0: n = 11, sum 10, sum of squares 100;
    # z = (11 x 10 - 10) / sqrt(11 x 100 - 10^2) = 100 / sqrt(1000) = 3.1623 for the 10:
    # 5 + 3.1623 x 5/3 = 10.27, clamped to 10. For a 0: -10 / 31.6228 = -0.31623, so
    # 5 - 0.527046 = 4.472954 -> 4.47. b gives A-0012 a 7 and nothing else: sd 0, z = 0: 5.
    table: Table = {"a@example.kz": {f"A-{number:04d}": (10 if number == 1 else 0,)
                                     for number in range(1, 12)},
                    "b@example.kz": {"A-0012": (7,)}}
    rows = by_number(rank(make_entries(12), make_scores(table, jury), jury))
    assert rows["A-0001"].total == 10
    assert rounded(rows["A-0002"].total or Fraction(0), 6) == Decimal("4.472954")
    assert rows["A-0012"].total == 5


def test_totals_equal_on_paper_are_equal_whatever_the_thirds() -> None:
    # A-0001: each of three criteria scored 1, 0, 0: means 1/3 + 1/3 + 1/3 = 1.
    # A-0002: 1, 1, 1 on the first criterion, 0 elsewhere: 1 + 0 + 0 = 1.
    # In 28-digit decimals the first would be 0.9999... and lose the place outright.
    jury = make_jury(("theme", 1), ("creativity", 1), ("visual", 1), tie_break=["total"])
    table: Table = {
        "a@example.kz": {"A-0001": (1, 1, 1), "A-0002": (1, 0, 0)},
        "b@example.kz": {"A-0001": (0, 0, 0), "A-0002": (1, 0, 0)},
        "c@example.kz": {"A-0001": (0, 0, 0), "A-0002": (1, 0, 0)},
    }
    ranking = rank(make_entries(2), make_scores(table, jury), jury)
    assert summary(ranking) == [(1, "A-0001", 1.0, ["shared_place"], None),
                                (1, "A-0002", 1.0, ["shared_place"], None)]


def test_rounding_is_half_up_from_the_exact_value() -> None:
    jury = make_jury(("theme", 1), score_step=0.25)
    # (7.25 + 7) / 2 = 7.125: half up shows 7.13 (half even would show 7.12). And
    # (2.75 + 2.5 + 2.75) / 3 = 8/3 = 2.6666... -> 2.67.
    table: Table = {"a@example.kz": {"A-0001": (7.25,), "A-0002": (2.75,)},
                    "b@example.kz": {"A-0001": (7,), "A-0002": (2.5,)},
                    "c@example.kz": {"A-0002": (Decimal("2.75"),)}}
    ranking = rank(make_entries(2), make_scores(table, jury), jury)
    assert [row["total"] for row in ranking.as_rows()] == [7.13, 2.67]
    assert rounded(Fraction(2675, 1000)) == Decimal("2.68")  # round(2.675, 2) gives 2.67
    assert rounded(Fraction(-7125, 1000)) == Decimal("-7.13")
    assert ranking.method.rounding == "half up" and ranking.method.decimals == 2


def test_the_method_states_what_the_protocol_needs() -> None:
    jury = make_jury(("theme", 1), ("creativity", 1.5), tie_break=["criterion:creativity"])
    ranking = rank([], [], jury)
    assert ranking.rows == ()
    method = ranking.method
    assert method.aggregate is Aggregate.MEAN and method.normalize is Normalize.NONE
    assert method.weights == {"theme": Decimal("1.0"), "creativity": Decimal("1.5")}
    assert method.order == ("total", "criterion:creativity")
    assert (method.quorum, method.spread_flag) == (2, Decimal("12.0"))
    assert ranking.to_json() == "[\n]"


def test_the_same_data_in_another_order_gives_the_same_json_byte_for_byte() -> None:
    entries = make_entries(6)
    scores = make_scores(TIED_SCORES, TIES) + make_scores(
        {"c@example.kz": {"A-0001": (7, 7), "A-0003": (Decimal("7.0"), None)}}, TIES)
    expected = rank(entries, scores, TIES, PRIZES, {"A-0006": "oven"}).to_json()
    generator = random.Random(20260414)
    for _ in range(20):
        generator.shuffle(entries)
        generator.shuffle(scores)
        prizes = generator.sample(PRIZES, len(PRIZES))
        assert rank(entries, scores, TIES, prizes, {"A-0006": "oven"}).to_json() == expected
    # Decimal("8") and 8.0 are the same score.
    as_decimals = [Score(score.juror, score.application, score.criterion,
                         Decimal(str(score.value))) for score in scores]
    assert rank(entries, as_decimals, TIES, PRIZES, {"A-0006": "oven"}).to_json() == expected


@pytest.mark.parametrize(("scores", "awards", "message"), [
    ([Score("a@example.kz", "A-0009", "theme", 5)], {},
     "a@example.kz scored A-0009, which is not among the accepted entries"),
    ([Score("a@example.kz", "A-0001", "colour", 5)], {},
     "a@example.kz scored A-0001 on 'colour', which is not a criterion of jury.criteria"),
    ([Score("a@example.kz", "A-0001", "theme", 5), Score("a@example.kz", "A-0001", "theme", 6)],
     {}, "a@example.kz has two current scores for A-0001 on 'theme'"),
    ([Score("a@example.kz", "A-0001", "theme", 11)], {},
     "a@example.kz gave A-0001 11 for 'theme', outside 0 to 10"),
    ([Score("a@example.kz", "A-0001", "theme", float("nan"))], {},
     "a@example.kz gave A-0001 nan for 'theme', outside 0 to 10"),
    ([], {"A-0001": "first"},
     "the award to A-0001 is 'first', which is not an incentive prize of [[prizes]]"),
    ([], {"A-0001": "car"}, "the award to A-0001 is 'car', which is not an incentive prize"),
    ([], {"A-0009": "oven"}, "the award 'oven' goes to A-0009, which is not among the accepted"),
])
def test_data_that_cannot_be_ranked_is_refused_with_what_to_fix(
        scores: list[Score], awards: dict[str, str], message: str) -> None:
    jury = make_jury(("theme", 1), quorum=1)
    with pytest.raises(RankingError) as error:
        rank(make_entries(2), scores, jury, PRIZES, awards)
    assert message in str(error.value)


def test_an_award_to_a_work_with_a_places_prize_is_refused() -> None:
    jury = make_jury(("theme", 1), quorum=1)
    scores = [Score("a@example.kz", "A-0001", "theme", 9)]
    with pytest.raises(RankingError) as error:
        rank(make_entries(1), scores, jury, PRIZES, {"A-0001": "oven"})
    assert str(error.value) == ("A-0001 is at place 1 with the prize 'first' and was also "
                                "awarded 'oven'; one prize a work: withdraw the award or give "
                                "it to another work")
    with pytest.raises(RankingError, match="twice"):
        rank(make_entries(1) * 2, [], jury)


def test_properties_of_random_contests() -> None:
    generator = random.Random(6)
    for _ in range(300):
        keys = generator.sample(["theme", "creativity", "visual", "impact"],
                                generator.randint(1, 4))
        weights = {key: generator.choice([0.5, 1, 1.5, 2]) for key in keys}
        jury = make_jury(*weights.items(), quorum=generator.randint(1, 3),
                         aggregate=generator.choice(list(Aggregate)),
                         normalize=generator.choice(list(Normalize)), spread_flag=6,
                         tie_break=generator.sample(["total", "earliest",
                                                     *(f"criterion:{key}" for key in keys)], 2))
        entries = make_entries(generator.randint(0, 12))
        jurors = [f"j{number}@example.kz" for number in range(generator.randint(1, 5))]
        scores = [Score(juror, entry.application, key, generator.randint(0, 20) / 2)
                  for entry in entries for juror in jurors if generator.random() < 0.8
                  for key in keys if generator.random() < 0.95]
        ranking = rank(entries, scores, jury, PRIZES)
        ranked = [row for row in ranking.rows if row.place is not None]
        unranked = ranking.rows[len(ranked):]
        assert all(row.place is None for row in unranked)
        assert sorted(row.application for row in ranking.rows) == [
            entry.application for entry in entries]
        places = [row.place or 0 for row in ranked]
        assert places == sorted(places)
        for index, row in enumerate(ranked):
            # Standard competition ranking: a place is 1 + the works strictly ahead, and the
            # works at one place have one total.
            assert row.place == 1 + sum(other.place != row.place for other in ranked[:index])
            assert all(other.total == row.total for other in ranked if other.place == row.place)
            assert row.jurors >= jury.quorum
            assert (RowFlag.SHARED_PLACE in row.flags) == (places.count(row.place) > 1)
            assert row.total is not None
            assert all(value is not None and 0 <= value <= 10
                       for value in row.criteria.values())
        for row in unranked:
            assert row.jurors < jury.quorum and RowFlag.UNDER_QUORUM in row.flags
        generator.shuffle(scores)
        assert rank(list(reversed(entries)), scores, jury, PRIZES).to_json() == ranking.to_json()
        if jury.normalize is Normalize.NONE and jury.aggregate is Aggregate.MEAN:
            # The total of means is the mean of the jurors' own totals.
            for row in ranked:
                owns = _own_totals(scores, row.application, weights)
                assert len(owns) == row.jurors
                assert row.total == sum(owns, Fraction(0)) / len(owns)
                assert row.spread == max(owns) - min(owns)


def test_with_one_juror_the_total_is_that_jurors_weighted_sum() -> None:
    generator = random.Random(11)
    for _ in range(100):
        weights = {"theme": generator.choice([0.3, 1, 2.5]), "creativity": 1.0,
                   "visual": generator.choice([0.7, 1.25])}
        jury = make_jury(*weights.items(), quorum=1,
                         aggregate=generator.choice(list(Aggregate)))
        entries = make_entries(generator.randint(1, 8))
        scores = [Score("a@example.kz", entry.application, key, generator.randint(0, 10))
                  for entry in entries for key in weights]
        for row in rank(entries, scores, jury).rows:
            (own,) = _own_totals(scores, row.application, weights)
            assert row.total == own
            assert row.spread == 0


def _own_totals(scores: list[Score], application: str,
                weights: dict[str, float]) -> list[Fraction]:
    """Each complete sheet's weighted total, with weights read as the decimals written."""
    sheets: dict[str, dict[str, Fraction]] = {}
    for score in scores:
        if score.application == application:
            sheets.setdefault(score.juror, {})[score.criterion] = Fraction(str(score.value))
    return [sum((Fraction(str(weights[key])) * sheet[key] for key in weights), Fraction(0))
            for sheet in sheets.values() if len(sheet) == len(weights)]


def _complete(scores: list[Score], keys: list[str]) -> tuple[Sheets, set[str]]:
    """The scores as `baiqau results` reads them from the database: complete sheets in the
    config's order of criteria, and the works with an incomplete one."""
    sheets: dict[tuple[str, str], dict[str, Decimal]] = {}
    for juror, application, criterion, value in scores:
        sheets.setdefault((application, juror), {})[criterion] = Decimal(str(value))
    complete: Sheets = {}
    incomplete = set()
    for (application, juror), sheet in sheets.items():
        if len(sheet) < len(keys):
            incomplete.add(application)
        else:
            complete.setdefault(application, {})[juror] = tuple(sheet[key] for key in keys)
    return complete, incomplete


def test_complete_sheets_rank_exactly_as_the_scores_do() -> None:
    # `baiqau results` ranks the database's sheets (rank_complete); the protocol's
    # snapshot ranks the scores one by one (rank).
    generator = random.Random(8)
    for _ in range(300):
        keys = generator.sample(["theme", "creativity", "visual", "impact"],
                                generator.randint(1, 4))
        weights = {key: generator.choice([0.5, 1, 1.5, 2]) for key in keys}
        jury = make_jury(*weights.items(), quorum=generator.randint(1, 3),
                         aggregate=generator.choice(list(Aggregate)),
                         normalize=generator.choice(list(Normalize)), spread_flag=6,
                         tie_break=generator.sample(["total", "earliest",
                                                     *(f"criterion:{key}" for key in keys)], 2))
        entries = make_entries(generator.randint(0, 12))
        jurors = [f"j{number}@example.kz" for number in range(generator.randint(1, 5))]
        scores = [Score(juror, entry.application, key, generator.randint(0, 20) / 2)
                  for entry in entries for juror in jurors if generator.random() < 0.8
                  for key in keys if generator.random() < 0.95]
        awards = {entries[-1].application: "oven"} if len(entries) > 4 else {}
        complete, incomplete = _complete(scores, keys)
        try:
            expected = rank(entries, scores, jury, PRIZES, awards)
        except RankingError as error:  # the award clashes with a place's prize
            with pytest.raises(RankingError, match=str(error)):
                rank_complete(entries, complete, incomplete, jury, PRIZES, awards)
            continue
        assert rank_complete(entries, complete, incomplete, jury, PRIZES, awards) == expected


@pytest.mark.parametrize(("sheets", "incomplete", "message"), [
    ({"A-0009": {"a@example.kz": (Decimal(5),)}}, set(),
     "A-0009 has scores but is not among the accepted entries"),
    ({}, {"A-0009"}, "A-0009 has scores but is not among the accepted entries"),
    ({"A-0001": {"a@example.kz": (Decimal(5), Decimal(6))}}, set(),
     "a sheet holds 2 scores where jury.criteria has 1"),
    ({"A-0001": {"a@example.kz": (Decimal(11),)}}, set(),
     "a@example.kz gave A-0001 11 for 'theme', outside 0 to 10"),
    ({"A-0001": {"a@example.kz": (Decimal(5),)}, "A-0002": {"b@example.kz": (Decimal("NaN"),)}},
     set(), "b@example.kz gave A-0002 NaN for 'theme', outside 0 to 10"),
])
def test_complete_sheets_that_cannot_be_ranked_are_refused(
        sheets: Sheets, incomplete: set[str], message: str) -> None:
    jury = make_jury(("theme", 1), quorum=1)
    with pytest.raises(RankingError) as error:
        rank_complete(make_entries(2), sheets, incomplete, jury, PRIZES)
    assert str(error.value) == message
