"""How fast baiqau takes in a voting contest's votes by email, against the rate it handles
applications, and how long `baiqau results` and its protocol take on 5,000 voters.

Not a test: it measures and prints, and exits 1 if a target is missed (saying which).
The issue: "5,000 verified voters' votes by email handled at no less than the rate of
applications; the count and the protocol in under 2 s."

What it does, in one run:

1. examples/press-secretary.toml's contest (its name, form, rules, [voting] with the
   window open now, [reports], [[prizes]]) on a private Dovecot, SQLite in a temporary
   directory. 11 accepted participants and N verified voters are INSERTED into the
   database (`voting_contest`); the real `send_ballots` numbers the participants, gives
   every voter a token and queues their ballot, and `outbox_round` sends the ballots to
   an SMTP sink (aiosmtpd in a subprocess, `ingest_sink`).
2. Each voter's vote, answering their ballot (`Re:` its subject with the token, the
   choice on top in one of seven ways, the ballot quoted), loaded into the contest's
   INBOX with IMAP MULTIAPPEND.
3. The service: `poll_round` + `outbox_round`: fetch, store, route, prove the voter's,
   read the choice, record the vote, conceal the row, queue the confirmation, expunge
   the ballot from the server, erase its raw copy, send every confirmation to the sink
   and erase it from the outbox. Then bench/ingest's service run on `--ingest-count`
   generated applications in a contest of its own: the rate to compare with.
4. `baiqau results --format json -o FILE` and `baiqau results --protocol FILE.docx` as
   subprocesses, best of 3, wall time from spawn to exit; `count_votes` in this process.

Targets: votes/s >= applications/s; `baiqau results --protocol` (the count and the
protocol) under 2 s; every vote recorded as sent, every confirmation sent and erased,
nothing of a ballot left on the server or on disk.

Run: ``PYTHONPATH=. .venv/bin/python bench/voting.py [--voters N] [--keep] [--profile FILE]``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from ingest_machine import machine_lines
from ingest_report import print_profile, print_service, print_verdict, say
from ingest_runs import load_mail
from ingest_sink import Sink, stop_servers

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"

DEFAULT_VOTERS = 5_000
PARTICIPANTS = 11
REPEAT = 3
PROTOCOL_IMPORTS = ("import baiqau.cli, baiqau.opening, jury.voting.count, "
                    "reports.voting_snapshot, reports.voting_protocol, docxtpl")


def run(args: argparse.Namespace) -> int:
    # The tests' servers and contest are the benchmark's too; the parts import them.
    sys.path.insert(0, str(TESTS))
    from dovecot import Dovecot
    from judging_results import best_of, startup_seconds
    from judging_runs import run_ingest
    from mailservers import free_port
    from voting_contest import (
        ballots_of,
        insert_participants,
        insert_voters,
        queue_ballots,
        voting_contest,
    )
    from voting_contest import votes as make_votes
    from voting_report import (
        missed_rates,
        missed_recorded,
        missed_results,
        print_mail,
        print_rates,
        print_recorded,
        print_results,
        print_setup,
        print_voting_steps,
    )
    from voting_runs import count_seconds, run_cli, run_votes

    from hub.mail.rounds import outbox_round

    voters: int = args.voters
    missed: list[str] = []
    work = Path(tempfile.mkdtemp(prefix="baiqau-votebench-"))
    say(f"baiqau voting benchmark, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
    for line in machine_lines():
        say(line)
    say(f"load      {Path('/proc/loadavg').read_text().split()[:3]} (1, 5, 15 min)")
    say(f"work dir  {work}{' (kept)' if args.keep else ''}")

    dovecot = Dovecot().start()
    port = free_port()
    sink = Sink(port)
    try:
        (work / "voting").mkdir()
        contest = voting_contest(dovecot, sink, work / "voting")
        insert_participants(contest, PARTICIPANTS)
        inserted = insert_voters(contest, voters, args.seed)
        report, queuing = queue_ballots(contest)
        ballots, participants = ballots_of(contest)
        start = time.perf_counter()
        sent = outbox_round(contest.context)
        sending = time.perf_counter() - start
        sink.finish()
        print_setup(report.participants, voters, inserted, report.sent, queuing,
                    sent.sent, sending)

        start = time.perf_counter()
        mail = make_votes(ballots, participants, contest.mailbox.address, args.seed)
        made = time.perf_counter() - start
        start = time.perf_counter()
        load_mail(dovecot, contest.mailbox.address, [(vote.raw, vote.arrived) for vote in mail])
        loaded = time.perf_counter() - start
        print_mail(len(mail), sum(len(vote.raw) for vote in mail), made, loaded)
        expected = Counter(vote.number for vote in mail)

        sink = Sink(port)  # the contest's config names this port
        votes_run = run_votes(contest, dovecot, sink, args.profile)
        print_service(votes_run.service, len(mail))
        print_voting_steps(votes_run, len(mail))
        print_recorded(votes_run, expected)
        missed += missed_recorded(votes_run, expected)
        if votes_run.service.profile is not None:
            print_profile(votes_run.service.profile, args.profile)

        ingest = run_ingest(dovecot, work / "ingest", args.ingest_count, args.seed,
                            lambda: Sink(free_port()))
        print_rates(votes_run, len(mail), ingest)
        missed += missed_rates(votes_run, len(mail), ingest)

        say(f"load      {Path('/proc/loadavg').read_text().split()[:3]} (1, 5, 15 min)")
        out, docx = work / "results.json", work / "protocol.docx"
        json_best, json_runs = best_of(REPEAT, lambda: run_cli(
            contest.config_path, ["results", "--format", "json", "-o", str(out)],
            work / "results.stderr"))
        protocol_best, protocol_runs = best_of(REPEAT, lambda: run_cli(
            contest.config_path, ["results", "--protocol", str(docx)],
            work / "protocol.stderr"))
        count_s, counted = count_seconds(contest, REPEAT)
        startup = startup_seconds(PROTOCOL_IMPORTS, REPEAT)
        print_results(json_best, json_runs, out.stat().st_size if out.exists() else 0,
                      protocol_best, protocol_runs,
                      docx.stat().st_size if docx.exists() else 0, count_s, counted, startup)
        missed += missed_results(json_best, protocol_best)
    finally:
        stop_servers(sink, dovecot, work, keep=args.keep, kept="baiqau: voting/, ingest/")

    print_verdict(missed)
    return 1 if missed else 0


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="bench/voting.py",
        description="Measure how fast baiqau takes in votes by email (against the rate it "
                    "handles applications) and how long `baiqau results` and its protocol "
                    "take. Exits 1 if a target is missed.",
    )
    parser.add_argument("--voters", type=int, default=DEFAULT_VOTERS, metavar="N",
                        help=f"verified voters, each voting once (default {DEFAULT_VOTERS:,})")
    parser.add_argument("--ingest-count", type=int, default=500, metavar="N",
                        help="applications for the comparison run (default 500)")
    parser.add_argument("--keep", action="store_true",
                        help="keep the temporary directories (baiqau's and Dovecot's)")
    parser.add_argument("--profile", metavar="FILE",
                        help="run the votes' service round under cProfile (inflates it)")
    parser.add_argument("--seed", type=int, default=2026, help="seed for the generated data")
    args = parser.parse_args(argv)
    for name in ("voters", "ingest_count"):
        if getattr(args, name) < 1:
            parser.error(f"--{name.replace('_', '-')} must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    return run(parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
