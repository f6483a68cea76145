"""Which juror scores which work: every juror every work, or each work by k jurors with
loads as even as they can be.

With `jury.reviews_per_work = k`, works are taken in the order of their numbers and each
goes to the k free jurors with the lightest load (ties: the order in config). Taken in
that order, no juror ends up with more than one work above another. A recused juror is
never given that work again, and the work goes at once to the free juror with the
lightest load.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass
class Plan:
    """What exists and what is to be added; jurors and works are ids."""

    jurors: Sequence[int]  # active jurors, in config order
    works: Sequence[int]  # accepted works, in the order of their numbers
    assigned: set[tuple[int, int]] = field(default_factory=set)  # (juror, work), active
    recused: set[tuple[int, int]] = field(default_factory=set)  # (juror, work), never again


def plan_assignments(plan: Plan, reviews_per_work: int) -> list[tuple[int, int]]:
    """The (juror, work) pairs to add so that every work has its jurors."""
    if reviews_per_work <= 0:
        return [(juror, work) for work in plan.works for juror in plan.jurors
                if (juror, work) not in plan.assigned and (juror, work) not in plan.recused]
    active_jurors = set(plan.jurors)
    load = {juror: 0 for juror in plan.jurors}
    jurors_of: dict[int, set[int]] = {}
    for juror, work in plan.assigned:
        if juror in active_jurors:
            load[juror] += 1
            jurors_of.setdefault(work, set()).add(juror)
    order = {juror: index for index, juror in enumerate(plan.jurors)}
    added: list[tuple[int, int]] = []
    for work in plan.works:
        has = jurors_of.get(work, set())
        free = [juror for juror in plan.jurors
                if juror not in has and (juror, work) not in plan.recused]
        free.sort(key=lambda juror: (load[juror], order[juror]))
        for juror in free[: max(0, reviews_per_work - len(has))]:
            added.append((juror, work))
            load[juror] += 1
    return added
