"""How fast baiqau takes in applications, and how much memory one big video costs.

Not a test: it measures and prints, and exits 1 if a target is missed (saying which).

What it does, in one run:

1. Starts a private Dovecot (``tests/dovecot.Dovecot``) and an SMTP sink (aiosmtpd in a
   subprocess, counting what it accepts), and loads N generated applications into the
   contest mailbox with IMAP MULTIAPPEND: ~6 KB each (5.5 KB median), Kazakh or Russian,
   text + HTML, an application form in the body, a small photo or PDF on one in four.
2. Baseline: a bare batched fetch (``BODY.PEEK[]``, the service's batch size, imaplib
   debug off) plus ``mailparser.parse_from_bytes`` of every message. It runs twice; the
   first pass warms Dovecot's caches and the page cache, the second is the baseline.
3. The service: ``hub.mail.rounds.poll_round`` (fetch, store, handle, acknowledge) then
   ``hub.mail.rounds.outbox_round`` (send every answer over SMTP), baiqau's real code path
   and its real config defaults. Thin timing wrappers count calls and seconds in IMAP,
   fsync, SQLite commits, SQL, parsing and SMTP; they do not change what runs.
4. Memory: a fresh subprocess imports baiqau, opens its database, connects to IMAP once,
   measures its RSS (idle), resets the kernel's high-water mark, runs one poll round on a
   mailbox holding a single application with a 25 MB video, and reads VmHWM (peak).

How to read the output: "service" is messages per second from the first IMAP command to
the last answer accepted by the SMTP server; "bare fetch + parse" is the same for the
baseline; "ratio" is baseline speed / service speed (how many times slower the service
is). "peak - idle" is what handling the video added to the resident set. Sizes are in
decimal MB (10^6 bytes); per-message times are wall time divided by N.

Targets: ratio <= 2.0; peak - idle < 50 MB.

Run: ``.venv/bin/python bench/ingest.py [--count N | --quick] [--keep] [--profile FILE]``.

The parts: `ingest_mail` (the generated applications), `ingest_sink` (the SMTP sink),
`ingest_runs` (the baseline and the service), `ingest_timers` (their clocks),
`ingest_floor` (the steps no implementation can skip), `ingest_memory` (the video, in a
fresh process), `ingest_machine` and `ingest_report` (what is printed, and the targets).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, cast

from ingest_floor import FLOOR_SAMPLE, measure_floor
from ingest_machine import machine_lines
from ingest_mail import applications
from ingest_memory import run_memory
from ingest_report import (
    TARGET_PEAK_MB,
    TARGET_RATIO,
    missed_memory,
    missed_service,
    missed_throughput,
    print_baseline,
    print_floor,
    print_mail,
    print_memory,
    print_profile,
    print_service,
    print_throughput,
    print_verdict,
    say,
)
from ingest_runs import load_mail, measure_baseline, run_service
from ingest_sink import Sink, stop_servers

if TYPE_CHECKING:
    from smtprelay import SmtpRelay

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"

DEFAULT_COUNT = 2_000
QUICK_COUNT = 200


def run(args: argparse.Namespace) -> int:
    # The tests' servers and contest are the benchmark's too: Dovecot, its mailboxes, a
    # contest's config. The parts import them when they run, once this is on the path.
    sys.path.insert(0, str(TESTS))
    from contest import Contest
    from dovecot import Dovecot
    from mailservers import free_port

    count: int = args.count or (QUICK_COUNT if args.quick else DEFAULT_COUNT)
    missed: list[str] = []
    work = Path(tempfile.mkdtemp(prefix="baiqau-bench-"))
    say(f"baiqau ingest benchmark, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
    for line in machine_lines():
        say(line)
    say(f"work dir  {work}{' (kept)' if args.keep else ''}")

    dovecot = Dovecot().start()
    sink = Sink(free_port())
    try:
        (work / "service").mkdir()
        contest = Contest(dovecot, cast("SmtpRelay", sink), work / "service")
        address = contest.mailbox.address
        start = time.perf_counter()
        mail = applications(count, address, args.seed)
        made = time.perf_counter() - start
        sizes = sorted(len(raw) for raw, _ in mail)
        with_files = sum(b"Content-Disposition: attachment" in raw for raw, _ in mail)
        start = time.perf_counter()
        load_mail(dovecot, address, mail)
        loaded = time.perf_counter() - start
        print_mail(count, sizes, with_files, made, loaded)
        floor_sample = [raw for raw, _ in mail[:FLOOR_SAMPLE]]
        del mail

        batch = contest.config.mailbox.fetch_batch
        baseline = measure_baseline(dovecot, address, batch)
        print_baseline(baseline, count, batch)
        bare_s = baseline.fetch_s + baseline.parse_s

        service = run_service(contest, dovecot, sink, args.profile)
        print_service(service, count)
        missed += missed_service(service, count)
        print_throughput(count / service.seconds, count / bare_s)
        missed += missed_throughput(count / service.seconds, count / bare_s)

        floor = measure_floor(contest.context, floor_sample, batch)
        print_floor(floor, len(floor_sample), bare_s / count * 1000,
                    service.seconds / count * 1000)
        if service.profile is not None:
            print_profile(service.profile, args.profile)

        say()
        memory = run_memory(dovecot, sink, work / "memory")
        print_memory(memory, contest.config.mailbox.large_message_bytes)
        missed += missed_memory(memory)
    finally:
        stop_servers(sink, dovecot, work, keep=args.keep, kept="baiqau: service/, memory/")

    print_verdict(missed)
    return 1 if missed else 0


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="bench/ingest.py",
        description="Measure baiqau's intake throughput against a bare IMAP fetch + parse, "
                    "and the peak memory of one message with a 25 MB video. Exits 1 if a "
                    f"target is missed (ratio <= {TARGET_RATIO}, peak - idle < "
                    f"{TARGET_PEAK_MB:.0f} MB).",
    )
    parser.add_argument("--count", type=int, metavar="N",
                        help=f"applications to load and take in (default {DEFAULT_COUNT:,})")
    parser.add_argument("--quick", action="store_true",
                        help=f"a smoke run with {QUICK_COUNT} applications")
    parser.add_argument("--keep", action="store_true",
                        help="keep the temporary directories (baiqau's and Dovecot's)")
    parser.add_argument("--profile", metavar="FILE",
                        help="run the service under cProfile, write the stats to FILE and "
                             "print the top functions (inflates the service's time)")
    parser.add_argument("--seed", type=int, default=2026, help="seed for the generated mail")
    args = parser.parse_args(argv)
    if args.count is not None and args.count < 1:
        parser.error("--count must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    return run(parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
