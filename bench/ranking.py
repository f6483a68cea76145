"""How long the ranking of a big contest takes: 10,000 works x 9 jurors x 5 criteria.

Not a test: it measures and prints. The issue's target is `baiqau results --format json`
in under 2 s overall, database and start-up included, so `jury.ranking.rank` (the pure
part) and `Ranking.to_json` should take well under that. The scores are random (seeded)
on the shipped config's 0 to 10 range in steps of 1, as floats, the way a database row
hands them over; "theme" weighs 1.5. It times, for each aggregate and normalisation:

- **scores**: making the 450,000 `Score`s from tuples, what the database layer will do;
- **rank**: `rank()` with the three prizes of the places;
- **json**: `Ranking.to_json()`.

Each figure is the best of `--repeat` runs in wall-clock seconds, with the CPU seconds of
this process beside it (on a busy machine the wall clock says more about the neighbours).

Run: ``PYTHONPATH=. .venv/bin/python bench/ranking.py [--works N] [--jurors N] [--repeat N]``.
"""

from __future__ import annotations

import argparse
import random
from functools import partial

from ingest_timers import best

from hub.jury_config import Aggregate, Criterion, JuryConfig, Normalize, PrizeConfig
from hub.sections import Language
from jury.ranking import Entry, Score, rank

KEYS = ("theme", "creativity", "visual", "impact", "relevance")


Row = tuple[str, str, str, str]  # juror, application, criterion, score as the database has it


def contest(works: int, jurors: int, seed: int) -> tuple[list[Entry], list[Row]]:
    generator = random.Random(seed)
    entries = [Entry(f"A-{number:05d}", f"Қатысушы {number}", "Көкшетау", number)
               for number in range(1, works + 1)]
    rows = [(f"juror{juror}@example.kz", entry.application, key, str(generator.randint(0, 10)))
            for entry in entries for juror in range(jurors) for key in KEYS]
    return entries, rows



def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--works", type=int, default=10_000)
    parser.add_argument("--jurors", type=int, default=9)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2026)
    options = parser.parse_args()
    entries, rows = contest(options.works, options.jurors, options.seed)
    wall, cpu, scores = best(options.repeat, lambda: [
        Score(juror, application, key, float(value)) for juror, application, key, value in rows])
    prizes = [PrizeConfig(key=key, place=place, amount=amount) for key, place, amount in
              (("first", 1, 100_000), ("second", 2, 75_000), ("third", 3, 50_000))]
    print(f"{options.works:,} works x {options.jurors} jurors x {len(KEYS)} criteria = "
          f"{len(scores):,} scores; best of {options.repeat}, wall s (cpu s)")
    print(f"  scores from tuples {wall:.3f} ({cpu:.3f})")
    for aggregate, normalize in ((Aggregate.MEAN, Normalize.NONE),
                                 (Aggregate.MEDIAN, Normalize.NONE),
                                 (Aggregate.MEAN, Normalize.ZSCORE),
                                 (Aggregate.MEDIAN, Normalize.ZSCORE)):
        jury = JuryConfig(
            aggregate=aggregate, normalize=normalize, quorum=2,
            tie_break=["total", "criterion:creativity", "earliest"],
            criteria=[Criterion(key=key, name={Language.EN: key},
                                weight=1.5 if key == "theme" else 1) for key in KEYS])
        wall, cpu, ranking = best(options.repeat, partial(rank, entries, scores, jury, prizes))
        json_wall, json_cpu, text = best(options.repeat, ranking.to_json)
        print(f"  {aggregate.value:6} {normalize.value:6}  rank {wall:.3f} ({cpu:.3f})  "
              f"json {json_wall:.3f} ({json_cpu:.3f}), {len(text.encode()) / 1e6:.1f} MB  "
              f"rank + json {wall + json_wall:.3f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
