"""How fast baiqau records jurors' scores from their replies, and how fast `baiqau results`
ranks a big contest: 10,000 accepted applications x 9 jurors x 5 criteria.

Not a test: it measures and prints, and exits 1 if a target is missed (saying which).

What it does, in one run:

1. A contest with config.toml's jury (five criteria, 0 to 10, mean, quorum 2) and prizes,
   nine jurors, a private Dovecot (``tests/dovecot.Dovecot``) and SQLite in a temporary
   directory. N accepted applications are INSERTED into the database (A-0001 upwards, one
   link work each), not taken in by email. Then the real `jury.sheets.send_sheets`
   (jurors, tokens, assignments, sheets queued) and `outbox_round` sends the sheets to
   an SMTP sink (aiosmtpd in a subprocess, `ingest_sink`); both are timed.
2. Each juror's replies, generated (`judging_mail`): `--works-per-reply` works a reply,
   `Re:` the sheet's subject with the token, text + HTML, some quoting the sheet; loaded
   into the contest's INBOX with IMAP MULTIAPPEND.
3. The service: `poll_round` + `outbox_round` (fetch, store, route, prove the juror's,
   read, record each score with its audit line, queue the echo, acknowledge, send every
   echo to the sink), baiqau's real code path. Then bench/ingest's service run on
   `--ingest-count` generated applications in a contest of its own, for the rate
   applications are handled on this machine in this run.
4. `baiqau results --format json -o FILE` as a subprocess, best of 3, wall time from
   spawn to exit, and the child's peak RSS; and the same work in this process, step by
   step.

How to read the output: the issue asks for "scores recorded from replies at no less than
the rate applications are handled": scores recorded a second against applications handled a
second, both measured in the same run. Beside it: the same contest's two phases (its replies
handled, its applications at this run's rate), works scored a second, and replies against
applications message for message (a reply carries works-per-reply x 5 scores, an
application one form), which is not the target (bench/README.md says why).

Targets: scores recorded/s >= applications handled/s; `baiqau results --format json` < 2 s;
every score recorded and every work ranked.

Run: ``PYTHONPATH=. .venv/bin/python bench/judging.py [--count N | --quick] [--works-per-reply N]
[--keep] [--profile FILE] [--profile-results FILE]``.

The parts: `judging_contest` (config, applications, sheets), `judging_mail` (the
replies), `judging_runs` (the service runs), `judging_results` (the results command),
`judging_report` (what is printed, and the targets); the servers, clocks and machine lines
are bench/ingest's. Not `bench/jury.py`: a script's own folder comes first on the path, so
a bench/jury.py would stand in for the `jury` package in every script of bench/.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ingest_machine import machine_lines
from ingest_report import print_profile, print_service, print_verdict, say
from ingest_sink import Sink, stop_servers

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"

DEFAULT_COUNT = 10_000
QUICK_COUNT = 500
REPEAT = 3


def run(args: argparse.Namespace) -> int:
    # The tests' servers and contest are the benchmark's too; the parts import them.
    sys.path.insert(0, str(TESTS))
    from dovecot import Dovecot
    from judging_contest import insert_applications, judging_contest, queue_sheets, sheets_of
    from judging_mail import replies as make_replies
    from judging_report import (
        missed_rates,
        missed_replies,
        missed_results,
        print_contest,
        print_jury_steps,
        print_rates,
        print_recorded,
        print_replies,
        print_results,
        print_sheets,
    )
    from judging_results import (
        IMPORTS,
        LEAN_IMPORTS,
        best_of,
        best_split,
        profile_results,
        read_output,
        run_command,
        startup_seconds,
    )
    from judging_runs import load_replies, run_ingest, run_replies
    from mailservers import free_port

    from hub.mail.rounds import outbox_round

    count: int = args.count or (QUICK_COUNT if args.quick else DEFAULT_COUNT)
    missed: list[str] = []
    work = Path(tempfile.mkdtemp(prefix="baiqau-jurybench-"))
    say(f"baiqau jury benchmark, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
    for line in machine_lines():
        say(line)
    say(f"work dir  {work}{' (kept)' if args.keep else ''}")

    dovecot = Dovecot().start()
    port = free_port()
    sink = Sink(port)
    try:
        (work / "jury").mkdir()
        contest = judging_contest(dovecot, sink, work / "jury")
        jury = contest.config.jury
        assert jury is not None
        print_contest(count, jury, insert_applications(contest, count, args.seed))
        report, queued = queue_sheets(contest)
        start = time.perf_counter()
        sent = outbox_round(contest.context)
        sending = time.perf_counter() - start
        octets = sink.finish()["octets"]
        print_sheets(report, queued, sent.sent, octets, sending)

        start = time.perf_counter()
        sheets = sheets_of(contest)
        scale = (int(jury.score_min), int(jury.score_max))
        to = (contest.config.smtp.from_name, contest.mailbox.address)
        replies = list(make_replies(sheets, args.works_per_reply, args.quote_every,
                                    len(jury.criteria), scale, to,
                                    datetime.now(UTC) - timedelta(days=2), args.seed))
        made = time.perf_counter() - start
        loaded = load_replies(dovecot, contest.mailbox.address, replies)
        print_replies(replies, args.works_per_reply, made, loaded)
        scores = sum(reply.scores for reply in replies)
        expected = sum(len(sheet.works) for sheet in sheets) * len(jury.criteria)

        sink = Sink(port)  # the contest's config names this port
        replies_run = run_replies(contest, dovecot, sink, args.profile)
        print_service(replies_run.service, len(replies))
        print_jury_steps(replies_run, len(replies))
        print_recorded(replies_run, expected)
        missed += missed_replies(replies_run, len(replies), expected)
        if replies_run.service.profile is not None:
            print_profile(replies_run.service.profile, args.profile)

        ingest = run_ingest(dovecot, work / "ingest", args.ingest_count, args.seed,
                            lambda: Sink(free_port()))
        print_rates(replies_run, len(replies), scores, len(jury.criteria), count, ingest)
        missed += missed_rates(replies_run, scores, ingest)

        out = work / "results.json"
        best, runs = best_of(REPEAT, lambda: run_command(contest.config_path, out))
        output = read_output(out, len(jury.jurors))
        split = best_split(contest, REPEAT)
        startup = (startup_seconds(IMPORTS, REPEAT), startup_seconds(LEAN_IMPORTS, REPEAT))
        print_results(best, runs, startup, split, output, len(jury.jurors))
        missed += missed_results(best, output, count)
        if args.profile_results:
            print_profile(profile_results(contest, args.profile_results),
                          args.profile_results)
    finally:
        stop_servers(sink, dovecot, work, keep=args.keep, kept="baiqau: jury/, ingest/")

    print_verdict(missed)
    return 1 if missed else 0


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="bench/judging.py",
        description="Measure how fast baiqau records jurors' scores from their replies "
                    "(against the rate it handles applications) and how long `baiqau "
                    "results --format json` takes. Exits 1 if a target is missed.",
    )
    parser.add_argument("--count", type=int, metavar="N",
                        help=f"accepted applications (default {DEFAULT_COUNT:,})")
    parser.add_argument("--quick", action="store_true",
                        help=f"a smoke run with {QUICK_COUNT} applications")
    parser.add_argument("--works-per-reply", type=int, default=100, metavar="N",
                        help="works a juror scores in one reply (default 100)")
    parser.add_argument("--quote-every", type=int, default=4, metavar="K",
                        help="one in K of a juror's later replies quotes the sheet, cut to "
                             "its works (default 4; 0: none); the first quotes it whole")
    parser.add_argument("--ingest-count", type=int, default=500, metavar="N",
                        help="applications for the comparison run (default 500)")
    parser.add_argument("--keep", action="store_true",
                        help="keep the temporary directories (baiqau's and Dovecot's)")
    parser.add_argument("--profile", metavar="FILE",
                        help="run the replies' service round under cProfile (inflates it)")
    parser.add_argument("--profile-results", metavar="FILE",
                        help="profile loading, ranking and JSON of the results once more")
    parser.add_argument("--seed", type=int, default=2026, help="seed for the generated data")
    args = parser.parse_args(argv)
    for name in ("count", "works_per_reply", "ingest_count"):
        value = getattr(args, name)
        if value is not None and value < 1:
            parser.error(f"--{name.replace('_', '-')} must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    return run(parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
