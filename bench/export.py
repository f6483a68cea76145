"""How long `baiqau export applications` takes for a big contest, in each format.

Not a test: it measures and prints, with no targets and no assertions. The issue asks for
an XLSX of 10,000 applications in seconds, not minutes. The applications are written
straight into a SQLite database (no mail): Kazakh and Russian names, the form as intake
reads it with its sources, the nine findings of a full check, one or two works each, and
reason codes on one in five, so a row is as long as a real one (about 2.5 KB of JSON).

It times, in this process (wall-clock seconds, CPU seconds beside them): **read**
(`export_applications`, the database to rows), **table** (the rows to cells), and the
writing of **json**, **csv** and **xlsx**; then the whole command in a fresh process,
start-up included: `baiqau export applications --format xlsx -o FILE`.

Run: ``PYTHONPATH=. .venv/bin/python bench/export.py [--applications N] [--keep]``.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TypeVar

from hub.clock import load_zone
from hub.config import load_config
from hub.context import Context, open_context
from hub.db import session_scope
from hub.models import Application, ApplicationStatus, Work
from reports.export import export_applications
from reports.tables import write_export

ROOT = Path(__file__).resolve().parent.parent
T = TypeVar("T")
NAMES = ["Құрманғалиқызы Әсем Серікқызы", "Ковалёв Дмитрий Сергеевич",
         "Өңірбаева Һәдиша Үмбетқызы", "Төлеуғазы Нұрсұлтан Бекұлы", "Иванова Мария Петровна"]
PLACES = ["Щучинск", "Кокшетау", "Ақкөл", "Степногорск", "Макинск", "Зеренді"]
RULES = ["window", "region", "name", "age", "phone", "social_links", "subscribers", "works",
         "duplicate"]


def fill(context: Context, count: int, seed: int) -> None:
    generator = random.Random(seed)
    start = datetime(2026, 3, 13, 4, 0, tzinfo=UTC)
    with session_scope(context.engine) as session:
        for number in range(1, count + 1):
            name, place = generator.choice(NAMES), generator.choice(PLACES)
            arrived = start + timedelta(seconds=generator.randint(0, 31 * 86400))
            failing = generator.random() < 0.2
            fields = {
                "settlement": place, "full_name": f"{name} {number}", "birthplace": place,
                "birth_year": generator.randint(1990, 2010),
                "birth_date": f"{generator.randint(1990, 2010)}-05-17",
                "address": f"{place}, Абай көшесі {number % 90 + 1}",
                "phone": f"+7 70{generator.randint(0, 9)} {generator.randint(100, 999)} "
                         f"{generator.randint(10, 99)} {generator.randint(10, 99)}",
                "social_links": [f"https://instagram.com/entrant{number}"],
                "subscribers": generator.randint(1000, 90000), "work_links": [],
                "sources": {key: "#1 body" for key in ("settlement", "full_name", "birthplace",
                                                        "birth_year", "address", "phone",
                                                        "social_links", "subscribers")},
            }
            findings = [{"rule": rule, "outcome": "fail" if failing and rule == "subscribers"
                         else "pass", "code": "few_subscribers" if failing and
                         rule == "subscribers" else "", "detail": place, "fixable": True}
                        for rule in RULES]
            application = Application(
                number=f"A-{number:05d}", email=f"entrant{number}@example.kz", name=name,
                language=generator.choice(["kk", "ru"]),
                status=ApplicationStatus.NEEDS_FIX if failing else ApplicationStatus.ACCEPTED,
                fields_json=json.dumps(fields, ensure_ascii=False),
                findings_json=json.dumps(findings, ensure_ascii=False),
                reason_codes="few_subscribers" if failing else "",
                first_arrived_at=arrived, last_arrived_at=arrived, created_at=arrived,
                updated_at=arrived)
            session.add(application)
            session.flush()
            for index in range(generator.randint(1, 2)):
                session.add(Work(application_id=application.id or 0, kind="video",
                                 title=f"Менің фильмім {index + 1}.mp4", size=25_000_000,
                                 sha256=f"{generator.getrandbits(256):064x}",
                                 path=f"works/{number}/{index}.mp4"))


def timed(run: Callable[[], T]) -> tuple[str, T]:
    """`run`'s wall-clock seconds with the CPU seconds of this process and its children
    beside them: on a busy machine the wall clock says more about the neighbours."""
    wall, cpu = time.perf_counter(), _cpu()
    result = run()
    return f"{time.perf_counter() - wall:6.2f} s ({_cpu() - cpu:5.2f} cpu)", result


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), \
        resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--applications", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="baiqau-export-bench-"))
    try:
        shutil.copy(ROOT / "config.toml", folder / "config.toml")
        config = load_config(folder / "config.toml")
        context = open_context(config)
        seconds, _ = timed(lambda: fill(context, options.applications, options.seed))
        print(f"{options.applications:,} applications written in {seconds.strip()} ({folder})")
        seconds, export = timed(lambda: export_applications(context))
        print(f"  read   {seconds}")
        seconds, _ = timed(export.table)
        print(f"  table  {seconds}")
        zone = load_zone(config.contest.timezone)
        for fmt in ("json", "csv", "xlsx"):
            target = folder / f"applications.{fmt}"
            with target.open("wb") as out:
                seconds, _ = timed(lambda: write_export(export, fmt, out, zone))  # noqa: B023
            print(f"  {fmt:5}  {seconds}  {target.stat().st_size / 1e6:5.1f} MB"
                  f"{'  (table included)' if fmt != 'json' else ''}")
        target = folder / "command.xlsx"
        seconds, _ = timed(lambda: subprocess.run(
            [sys.executable, "-m", "baiqau", "--config", str(folder / "config.toml"), "export",
             "applications", "--format", "xlsx", "-o", str(target)], cwd=ROOT, check=True))
        print(f"  `baiqau export applications --format xlsx -o FILE`: {seconds.strip()} "
              f"in all, start-up included")
    finally:
        if not options.keep:
            shutil.rmtree(folder)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
