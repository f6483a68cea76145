"""How long the organizers' digest of a big contest takes: 10,000 applications.

Not a test: it measures and prints. The issue's target: the digest for a contest of
10,000 applications in under 2 s. The applications are written straight into a SQLite
database (a real contest's schema, made by the migrations): a thousand of them wait for
a review, over thirty days of arrivals; then `reports.digest.send_digest` runs as `baiqau
digest` runs it, for one organizer: gathering the facts, the HTML and the plain text in
Kazakh, the chart, and the outbox row. The email itself is composed (`hub.mail.composer`)
as the outbox would before sending; SMTP is not timed (bench/outbox.py measures it).

Run: ``PYTHONPATH=. .venv/bin/python bench/digest.py [--count N] [--repeat N]``.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert
from sqlmodel import Session, select

from hub.clock import FakeClock
from hub.config import parse_config
from hub.context import open_context
from hub.mail.composer import compose
from hub.models import Application, ApplicationStatus, OutboundMessage
from reports.digest import send_digest

STATUSES = [ApplicationStatus.ACCEPTED] * 6 + [ApplicationStatus.NEEDS_FIX] * 2 + [
    ApplicationStatus.REVIEW, ApplicationStatus.REJECTED]
NOW = datetime(2026, 4, 12, 4, 0, tzinfo=UTC)


def config_for(folder: Path) -> dict[str, object]:
    return {
        "contest": {"name": {"kk": "«Шаңырақ» креативті хабы", "ru": "Креативный хаб «Шаңырақ»"},
                    "organizers": ["organizer@example.kz"]},
        "intake": {"opens": "2026-03-13T00:00:00", "closes": "2026-04-13T23:59:59",
                   "results": "2026-04-23"},
        "mailbox": {"host": "127.0.0.1", "port": 1, "security": "none"},
        "smtp": {"host": "127.0.0.1", "port": 1, "security": "none",
                 "from_address": "contest@example.kz"},
        "database": {"url": f"sqlite:///{folder / 'baiqau.db'}"},
        "storage": {"path": str(folder / "var")},
    }


def fill(session: Session, count: int, seed: int) -> None:
    generator = random.Random(seed)
    findings = json.dumps([{"rule": "region", "outcome": "review", "code": "region_unclear",
                            "detail": "Жаңаталап", "fixable": False}], ensure_ascii=False)
    rows = []
    for index in range(count):
        status = generator.choice(STATUSES)
        arrived = NOW - timedelta(days=generator.uniform(0, 30))
        rows.append({
            "number": f"A-{index + 1:05d}", "email": f"entrant{index}@example.kz",
            "name": f"Құрманғалиқызы Әсем {index}", "language": "kk", "status": status,
            "fields_json": "{}", "reason_codes": "region_unclear" if status is
            ApplicationStatus.REVIEW else "",
            "findings_json": findings if status is ApplicationStatus.REVIEW else "[]",
            "phone_key": "", "person_key": "", "duplicate_of": "", "cleared_reviews": "",
            "decided_by_organizer": False, "decision_note": "",
            "first_arrived_at": arrived, "last_arrived_at": arrived,
            "created_at": arrived, "updated_at": arrived,
        })
    session.execute(insert(Application), rows)
    session.commit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="baiqau-digest-") as name:
        folder = Path(name)
        config = parse_config(config_for(folder), folder / "config.toml")
        clock = FakeClock(NOW)
        context = open_context(config, clock)
        with Session(context.engine) as session:
            fill(session, args.count, seed=7)
        send_digest(context)  # the first: matplotlib's import and font cache, not timed
        timings = []
        for _ in range(args.repeat):
            clock.advance(timedelta(minutes=1))
            started = time.perf_counter()
            send_digest(context)
            with Session(context.engine) as session:
                row = session.exec(select(OutboundMessage).order_by(
                    OutboundMessage.id.desc())).first()  # type: ignore[union-attr]
                assert row is not None
                size = len(compose(row, config.smtp, config.storage_path).as_bytes())
            timings.append(time.perf_counter() - started)
        best = min(timings)
        print(f"digest of {args.count:,} applications ({args.count // 10:,} or so waiting "
              f"for review): best of {args.repeat} {best:.2f} s "
              f"(all: {', '.join(f'{t:.2f}' for t in timings)}); email {size / 1024:.0f} KiB")
        print(f"target: under 2 s: {'met' if best < 2 else 'MISSED'}")


if __name__ == "__main__":
    main()
