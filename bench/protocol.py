"""How long the results protocol of a big contest takes: 10,000 works x 3 jurors x 5 criteria.

Not a test: it measures and prints. The issue's target is the protocol of 10,000 ranked
works in under 10 s, which is what `baiqau results --protocol` does after start-up:

- **snapshot**: `reports.snapshot.take_snapshot` on a SQLite database holding the contest
  (10,000 accepted applications and 300 refused ones, 30,000 assignments, 150,000
  scores; `--jurors 9` for the jury of bench/ranking.py, 450,000): reading it in one
  transaction, ranking, and the canonical JSON and its SHA-256 (each run's own);
- **protocol**: `reports.protocol.write_protocol` in Kazakh: the template rendered
  (docxtpl), the tables fitted to the page, the DOCX written.

The database is made first, with SQLAlchemy's bulk inserts (not timed). Scores are random
(seeded) on the shipped config's 0 to 10. Each figure is the best of `--repeat` runs in
wall-clock seconds, with this process's CPU seconds beside it.

Run: ``PYTHONPATH=. .venv/bin/python bench/protocol.py [--works N] [--jurors N] [--repeat N]``.
The exit status is 1 when the target is missed.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import tomllib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ingest_timers import best
from sqlalchemy import insert
from sqlmodel import Session

from hub.config import Config, parse_config
from hub.context import open_context
from hub.models import Application, Assignment, Juror, Score
from hub.sections import Language
from reports.protocol import write_protocol
from reports.snapshot import take_snapshot

ROOT = Path(__file__).resolve().parent.parent
TARGET = 10.0  # seconds, the issue's
NOW = datetime(2026, 4, 23, 5, tzinfo=UTC)


def contest_config(folder: Path, jurors: int) -> Config:
    with (ROOT / "config.toml").open("rb") as file:
        raw: dict[str, Any] = tomllib.load(file)
    raw["jury"]["jurors"] = [{"name": f"Қазы {index}", "email": f"juror{index}@example.kz"}
                             for index in range(jurors)]
    raw["database"] = {"url": f"sqlite:///{folder / 'baiqau.db'}"}
    raw["storage"] = {"path": str(folder / "var")}
    return parse_config(raw)


def fill(config: Config, works: int, jurors: int, seed: int) -> None:
    generator = random.Random(seed)
    context = open_context(config)
    keys = [criterion.key for criterion in config.jury.criteria] if config.jury else []
    arrived = datetime(2026, 3, 14, tzinfo=UTC)
    with Session(context.engine) as session:
        session.execute(insert(Juror), [
            {"id": index + 1, "email": f"juror{index}@example.kz", "name": f"Қазы {index}",
             "language": "kk", "created_at": NOW, "active": True} for index in range(jurors)])
        session.execute(insert(Application), [
            {"id": number, "number": f"A-{number:05d}", "email": f"e{number}@example.kz",
             "name": f"Қатысушы Әсем Ұлан {number}", "language": "kk",
             "status": "accepted" if number <= works else "rejected",
             "reason_codes": "" if number <= works else "late",
             "fields_json": json.dumps({"settlement": "Көкшетау"}, ensure_ascii=False),
             "findings_json": "[]", "decision_note": "", "first_arrived_at": arrived,
             "created_at": NOW, "updated_at": NOW} for number in range(1, works + 301)])
        session.execute(insert(Assignment), [
            {"juror_id": juror, "application_id": number, "state": "assigned",
             "assigned_at": NOW}
            for number in range(1, works + 1) for juror in range(1, jurors + 1)])
        session.execute(insert(Score), [
            {"juror_id": juror, "application_id": number, "criterion": key,
             "value": str(generator.randint(0, 10)), "comment": "", "recorded_at": NOW,
             "message_id": ""}
            for number in range(1, works + 1) for juror in range(1, jurors + 1)
            for key in keys])
        session.commit()
    context.engine.dispose()



def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--works", type=int, default=10_000)
    parser.add_argument("--jurors", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2026)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="baiqau-protocol-") as folder:
        config = contest_config(Path(folder), options.jurors)
        fill(config, options.works, options.jurors, options.seed)
        context = open_context(config)

        def snapshot() -> Any:
            with Session(context.engine) as session:
                taken = take_snapshot(session, config)
            # The hash is made once and kept: taken here, as the command takes it before
            # the document, it is timed in every run rather than only in the first write.
            assert len(taken.sha256) == 64
            return taken

        target = Path(folder) / "protocol.docx"
        snap_wall, snap_cpu, taken = best(options.repeat, snapshot)
        write_wall, write_cpu, _ = best(options.repeat, lambda: write_protocol(
            taken, Language.KK, target, now=NOW))
        total = snap_wall + write_wall
        print(f"{options.works:,} works x {options.jurors} jurors x 5 criteria; best of "
              f"{options.repeat}, wall s (cpu s)")
        print(f"  snapshot {snap_wall:.2f} ({snap_cpu:.2f}), {len(taken.text) / 1e6:.1f} MB "
              f"of JSON")
        print(f"  protocol {write_wall:.2f} ({write_cpu:.2f}), "
              f"{target.stat().st_size / 1e6:.1f} MB of DOCX")
        print(f"  total    {total:.2f} s (target: under {TARGET:g} s) "
              f"{'met' if total < TARGET else 'MISSED'}")
        context.engine.dispose()
    return 0 if total < TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
