"""The two runs the ingest benchmark compares, on the same mailbox: a bare IMAP fetch +
parse (the baseline) and baiqau's service (poll round, then outbox round).

The mailbox is loaded here too, with IMAP MULTIAPPEND. The baseline fetches `BODY.PEEK[]`
in the service's batch size with imaplib debug off and runs `mailparser.parse_from_bytes`
on each message; it runs twice, and the second, warm pass counts. The service runs its
real code path and config defaults under the clocks of `ingest_timers`, from the first
IMAP command until the sink has accepted the last answer.
"""

from __future__ import annotations

import contextlib
import cProfile
import io
import pstats
import time
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from ingest_memory import maxrss_bytes, status_bytes
from ingest_timers import Stages, Timers, cpu_seconds, instrument, own_cpu

if TYPE_CHECKING:
    from contest import Contest
    from dovecot import Dovecot
    from ingest_sink import Sink

    from hub.mail.outbox import SendReport
    from hub.mail.poller import PollReport

APPEND_BATCH = 250  # messages per MULTIAPPEND command


def load_mail(dovecot: Dovecot, address: str, mail: list[tuple[bytes, datetime]]) -> None:
    with contextlib.closing(_Session(dovecot, address)) as session:
        client = session.client
        for start in range(0, len(mail), APPEND_BATCH):
            batch = mail[start : start + APPEND_BATCH]
            client.multiappend("INBOX", [{"msg": raw, "date": date} for raw, date in batch])


class _Session:
    def __init__(self, dovecot: Dovecot, address: str) -> None:
        self.client = dovecot.imap(address)
        self.client._imap.debug = 0

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.client.logout()


def bare_fetch_and_parse(dovecot: Dovecot, address: str, batch: int) -> tuple[float, float, int]:
    """Seconds in FETCH and in mail-parser, and bytes, for every message in INBOX."""
    import mailparser

    fetching = parsing = 0.0
    octets = 0
    with contextlib.closing(_Session(dovecot, address)) as session:
        client = session.client
        start = time.perf_counter()
        client.select_folder("INBOX", readonly=True)
        uids = sorted(client.search("ALL"))
        fetching += time.perf_counter() - start
        for first in range(0, len(uids), batch):
            start = time.perf_counter()
            response = client.fetch(uids[first : first + batch], ["BODY.PEEK[]"])
            fetching += time.perf_counter() - start
            start = time.perf_counter()
            for data in response.values():
                raw = data[b"BODY[]"]
                octets += len(raw)
                mailparser.parse_from_bytes(raw)
            parsing += time.perf_counter() - start
    return fetching, parsing, octets


@dataclass
class Baseline:
    """The warm pass's seconds in FETCH and in mail-parser, its bytes, and the cold pass's
    seconds in all."""

    fetch_s: float
    parse_s: float
    octets: int
    cold_s: float


def measure_baseline(dovecot: Dovecot, address: str, batch: int) -> Baseline:
    cold = bare_fetch_and_parse(dovecot, address, batch)
    fetch_s, parse_s, octets = bare_fetch_and_parse(dovecot, address, batch)
    return Baseline(fetch_s, parse_s, octets, sum(cold[:2]))


@dataclass
class ServiceRun:
    """What one poll round and one outbox round did, and what they cost.

    `stages` are wall seconds per stage; `cpu` is this process's CPU seconds, with its
    `waits` (voluntary context switches) and `preemptions`; `dovecot_cpu` and `sink_cpu`
    are the servers'. RSS figures are bytes. `profile` is the top of the profile, printed
    after the floor, when one was asked for.
    """

    poll: PollReport
    sent: SendReport
    accepted: int
    seconds: float
    stages: list[tuple[str, float]]
    timers: Timers
    cpu: float
    waits: int
    preemptions: int
    dovecot_cpu: float
    sink_cpu: float
    rss_before: int
    rss_after: int
    rss_peak: int
    profile: str | None


def run_service(contest: Contest, dovecot: Dovecot, sink: Sink,
                profile_path: str | None) -> ServiceRun:
    """Take in every message of the contest's mailbox and send every answer to `sink`,
    which is finished (closed and counted) afterwards."""
    from hub.mail.rounds import outbox_round, poll_round

    context = contest.context
    timers = Timers()
    instrument(timers, context.engine)
    stages = Stages()
    profiler = cProfile.Profile() if profile_path else None
    rss_before = status_bytes("VmRSS")
    dovecot_before, sink_before = cpu_seconds(dovecot.pids()), cpu_seconds([sink.pid])
    cpu_before, voluntary_before, involuntary_before = own_cpu()
    start = time.perf_counter()
    if profiler is not None:
        profiler.enable()
    try:
        poll = poll_round(contest.poller, stages)
        polled = time.perf_counter()
        sent = outbox_round(context)
    finally:
        if profiler is not None:
            profiler.disable()
        timers.restore()
    done = time.perf_counter()
    cpu_after, voluntary_after, involuntary_after = own_cpu()
    dovecot_cpu = cpu_seconds(dovecot.pids()) - dovecot_before
    sink_cpu = cpu_seconds([sink.pid]) - sink_before
    received = sink.finish()
    rss_after = status_bytes("VmRSS")
    rss_peak = maxrss_bytes()  # before the profile is formatted, which is no part of the run

    fetched_at = stages.last.get("fetch", start)
    handled_at = stages.last.get("handle", fetched_at)
    stage_rows = [
        ("fetch + store (incl. connect, SEARCH)", fetched_at - start),
        ("handle (read, route, queue answer)", handled_at - fetched_at),
        ("acknowledge (UID MOVE) + cursor", polled - handled_at),
        ("outbox (compose, SMTP, record)", done - polled),
    ]
    profile = None
    if profiler is not None and profile_path is not None:
        profiler.dump_stats(profile_path)
        text = io.StringIO()
        stats = pstats.Stats(profiler, stream=text).sort_stats("tottime")
        stats.print_stats(25)
        profile = text.getvalue()
    return ServiceRun(
        poll=poll, sent=sent, accepted=received["messages"], seconds=done - start,
        stages=stage_rows, timers=timers, cpu=cpu_after - cpu_before,
        waits=voluntary_after - voluntary_before,
        preemptions=involuntary_after - involuntary_before,
        dovecot_cpu=dovecot_cpu, sink_cpu=sink_cpu, rss_before=rss_before,
        rss_after=rss_after, rss_peak=rss_peak, profile=profile,
    )
