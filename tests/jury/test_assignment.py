"""Who scores what: all to all, or k jurors a work with loads differing by one at most."""

from __future__ import annotations

import random
from collections import Counter

from jury.assignment import Plan, plan_assignments


def test_without_a_limit_every_juror_scores_every_work() -> None:
    plan = Plan(jurors=[1, 2, 3], works=[10, 11])
    assert plan_assignments(plan, 0) == [(1, 10), (2, 10), (3, 10), (1, 11), (2, 11), (3, 11)]


def test_only_what_is_missing_is_added_and_a_recusal_is_never_undone() -> None:
    plan = Plan(jurors=[1, 2], works=[10, 11], assigned={(1, 10), (2, 10)}, recused={(1, 11)})
    assert plan_assignments(plan, 0) == [(2, 11)]


def test_two_jurors_a_work_by_hand() -> None:
    # Jurors 1, 2, 3 (config order), works 10..13, k = 2. Each work goes to the two free
    # jurors with the lightest load, ties in config order:
    #   10 -> 1, 2 (loads 1 1 0)    11 -> 3, 1 (loads 2 1 1)
    #   12 -> 2, 3 (loads 2 2 2)    13 -> 1, 2 (loads 3 3 2)
    plan = Plan(jurors=[1, 2, 3], works=[10, 11, 12, 13])
    assert plan_assignments(plan, 2) == [
        (1, 10), (2, 10), (3, 11), (1, 11), (2, 12), (3, 12), (1, 13), (2, 13)]


def test_a_recused_work_goes_to_the_lightest_free_juror() -> None:
    # Juror 1 recused from work 10, which only juror 2 scores now. The free jurors for 10
    # are 3 alone (1 recused, 2 has it): 3 takes it although 1 and 3 are equally loaded.
    plan = Plan(jurors=[1, 2, 3], works=[10, 11], assigned={(2, 10), (1, 11), (3, 11)},
                recused={(1, 10)})
    assert plan_assignments(plan, 2) == [(3, 10)]


def test_loads_differ_by_one_at_most_and_every_work_has_k_jurors() -> None:
    rng = random.Random(7)
    for _ in range(200):
        jurors = list(range(1, rng.randint(2, 9) + 1))
        works = list(range(100, 100 + rng.randint(1, 60)))
        k = rng.randint(1, len(jurors))
        added = plan_assignments(Plan(jurors=jurors, works=works), k)
        per_work = Counter(work for _, work in added)
        assert set(per_work.values()) == {k}
        loads = Counter(juror for juror, _ in added)
        counts = [loads.get(juror, 0) for juror in jurors]
        assert max(counts) - min(counts) <= 1
        assert len(set(added)) == len(added)
