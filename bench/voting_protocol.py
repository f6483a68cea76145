"""How long a big voting contest's results and protocol take, from its count: 300
participants, 5,000 voters.

Not a test: it measures and prints. The issue's target is the count and the protocol
together in under 2 s. The count (`jury.voting.count.count_votes`, reading the votes from
the database) is the voting core's and is not here; this measures what reports makes of
the `VotingCount` it returns, which is what `baiqau results` does after the count:

- **rows + json**: `reports.voting_results.voting_rows` and the JSON of
  `baiqau results --format json`;
- **snapshot**: `reports.voting_snapshot.voting_snapshot`, its canonical JSON and SHA-256;
- **protocol kk / ru**: `reports.voting_protocol.write_voting_protocol`: the template
  rendered (docxtpl), the table fitted, the DOCX written.

The count is made up (seeded): 5,000 verified voters of 5,300 registered, 4,870 votes
spread unevenly over the participants (some tied, some with none), 40 removed, and three
participants disqualified. Each figure is the best of `--repeat` runs in wall-clock
seconds, with this process's CPU seconds beside it; the very first protocol, which
`baiqau results` writes once, is printed apart ("cold").

Run: ``PYTHONPATH=. .venv/bin/python bench/voting_protocol.py [--participants N]
[--voters N] [--repeat N]``. The exit status is 1 when the target is missed.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from ingest_timers import best

from hub.config import ContestConfig
from hub.jury_config import PrizeConfig
from hub.reports_config import ReportsConfig, Signature
from hub.sections import Language
from jury.voting.count import BallotEntry, VotingCount
from reports.snapshot import Snapshot
from reports.voting_protocol import write_voting_protocol
from reports.voting_results import voting_json, voting_rows
from reports.voting_snapshot import voting_snapshot

TARGET = 2.0  # seconds, the issue's, for the count and the protocol together
NOW = datetime(2023, 6, 28, 5, tzinfo=UTC)
FIRST_DAY = date(2023, 6, 19)
NAMES = ["Марат Балауса Маратқызы", "Мұхамеджанова Мөлдір Қайратқызы",
         "Тюлемисова Динара Булатбековна", "Айталы Бақтияр", "Өмірзақов Ұлан Һәкімұлы",
         "Жүнісова Іңкәр Ғалымқызы"]
POSITIONS = ["Пресс-секретарь акима района", "Аудан әкімінің баспасөз хатшысы",
             "Баспасөз қызметі бөлімінің басшысы"]


def made_up_count(participants: int, voters: int, seed: int) -> VotingCount:
    generator = random.Random(seed)
    # A few favourites and a long tail, as in the seed (58, 53, 48 ... 0, 0).
    weights = [1 / (rank + 1) for rank in range(participants)]
    voted = voters - voters // 40
    choices = Counter(generator.choices(range(1, participants + 1), weights, k=voted))
    out = set(generator.sample(range(1, participants + 1), 3))
    entries = tuple(
        BallotEntry(number=number, application=f"A-{number:04d}",
                    name=f"{NAMES[number % len(NAMES)]} {number}",
                    position=POSITIONS[number % len(POSITIONS)],
                    organization=f"«Ұйым {number}» ЖШС",
                    votes=choices[number] if number % 37 else 0,
                    disqualified="Многочисленные голоса лиц, не являющихся журналистами"
                    if number in out else None)
        for number in range(1, participants + 1))
    counted = sum(entry.votes for entry in entries)
    per_day = [counted // 8] * 7
    per_day[0] += counted - sum(per_day)
    return VotingCount(entries=entries, voters_registered=voters + 300,
                       voters_verified=voters, votes_counted=counted, votes_removed=40,
                       turnout_by_day=tuple((FIRST_DAY + timedelta(days=day), number)
                                            for day, number in enumerate(per_day)))



def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--participants", type=int, default=300)
    parser.add_argument("--voters", type=int, default=5_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2023)
    options = parser.parse_args()
    count = made_up_count(options.participants, options.voters, options.seed)
    contest = ContestConfig(name={Language.RU: "«Лучший пресс-секретарь - 2023»",
                                  Language.KK: "«Үздік баспасөз хатшысы - 2023»"},
                            default_language=Language.RU,
                            organizers=[{"email": "info@newshub.kz"}])
    reports = ReportsConfig(organizer={Language.RU: "ИА «NewsHub.kz»"},
                            place={Language.RU: "г. Алматы"},
                            signatures=[Signature(name="Е. Рамазанов",
                                                  role={Language.RU: "Директор"})])
    prizes = [PrizeConfig(key="winner", place=1, amount=400_000)]
    with tempfile.TemporaryDirectory(prefix="baiqau-voting-") as folder:
        first = time.perf_counter()
        write_voting_protocol(voting_snapshot(count, contest=contest, reports=reports,
                                              prizes=prizes), Language.KK,
                              Path(folder) / "first.docx", now=NOW)
        cold = time.perf_counter() - first
        rows_wall, rows_cpu, text = best(options.repeat,
                                         lambda: voting_json(voting_rows(count)))
        def snapshot_of() -> Snapshot:
            taken = voting_snapshot(count, contest=contest, reports=reports, prizes=prizes,
                                    closes=date(2023, 6, 26))
            assert taken.sha256  # a cached property: hashing is part of the work
            return taken

        snap_wall, snap_cpu, snapshot = best(options.repeat, snapshot_of)
        timed = {}
        for language in (Language.KK, Language.RU):
            target = Path(folder) / f"voting-{language.value}.docx"
            wall, cpu, _ = best(options.repeat, lambda target=target, language=language:
                                write_voting_protocol(snapshot, language, target, now=NOW))
            timed[language] = (wall, cpu, target.stat().st_size)
        total = rows_wall + snap_wall + timed[Language.KK][0]
        print(f"{options.participants:,} participants, {options.voters:,} verified voters, "
              f"{count.votes_counted:,} votes counted; best of {options.repeat}, wall s "
              f"(cpu s)")
        print(f"  rows + json  {rows_wall:.3f} ({rows_cpu:.3f}), {len(text) / 1e3:.0f} KB")
        print(f"  snapshot     {snap_wall:.3f} ({snap_cpu:.3f}), "
              f"{len(snapshot.text) / 1e3:.0f} KB of JSON")
        for language, (wall, cpu, size) in timed.items():
            print(f"  protocol {language.value}  {wall:.3f} ({cpu:.3f}), "
                  f"{size / 1e3:.0f} KB of DOCX")
        print(f"  first protocol, cold (the template's first read): {cold:.3f}")
        print(f"  reports' part {total:.3f} s: what is left of the {TARGET:g} s target for "
              f"the count (the voting core's): {TARGET - total:.3f} s "
              f"{'met' if total < TARGET else 'MISSED'}")
    return 0 if total < TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
