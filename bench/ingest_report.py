"""What the ingest benchmark prints, section by section, and the targets it judges by.

Each `print_*` prints one section of the report from figures measured elsewhere; each
`missed_*` returns the targets a section missed, as the lines printed at the end. Sizes are
in decimal MB (10^6 bytes); per-message times are wall time divided by the count.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ingest_memory import VIDEO_BYTES, MemoryRun
from ingest_timers import COMMIT, FSYNC, MOVE, SEND, SQL, SYNC

if TYPE_CHECKING:
    from ingest_runs import Baseline, ServiceRun

TARGET_RATIO = 2.0
TARGET_PEAK_MB = 50.0
MB = 1_000_000


def say(*parts: object) -> None:
    # Flushed at once: a run takes minutes, and its first lines are worth reading while it goes.
    print(*parts, flush=True)


def print_mail(count: int, sizes: list[int], with_files: int, made: float,
               loaded: float) -> None:
    """The generated applications: `sizes` sorted, `made` and `loaded` in seconds."""
    total_octets = sum(sizes)
    say()
    say(f"mail      {count} applications, {total_octets / MB:.1f} MB: "
        f"{total_octets / count / 1000:.1f} KB mean, {sizes[len(sizes) // 2] / 1000:.1f} KB "
        f"median, {sizes[-1] / 1000:.1f} KB largest; {with_files} with an attachment")
    say(f"          generated in {made:.1f} s; MULTIAPPEND into Dovecot in {loaded:.1f} s "
        f"({count / loaded:,.0f} msg/s)")


def print_baseline(baseline: Baseline, count: int, batch: int) -> None:
    fetch_s, parse_s = baseline.fetch_s, baseline.parse_s
    bare_s = fetch_s + parse_s
    say()
    say(f"bare fetch + parse (batches of {batch}, BODY.PEEK[], debug off; warm pass)")
    say(f"  fetch   {fetch_s:7.2f} s  {fetch_s / count * 1000:6.2f} ms/msg  "
        f"{baseline.octets / fetch_s / MB:6.1f} MB/s")
    say(f"  parse   {parse_s:7.2f} s  {parse_s / count * 1000:6.2f} ms/msg  "
        "(mailparser.parse_from_bytes)")
    say(f"  total   {bare_s:7.2f} s  {count / bare_s:8,.0f} msg/s   "
        f"(cold first pass: {baseline.cold_s:.2f} s)")


def print_service(run: ServiceRun, count: int) -> None:
    service_s = run.seconds
    poll, sent = run.poll, run.sent
    say()
    say("service: poll_round + outbox_round, SMTP to an aiosmtpd sink")
    say(f"  fetched {poll.fetched}, handled {poll.processed.handled}, ignored "
        f"{poll.processed.ignored}, quarantined {poll.processed.quarantined}, acknowledged "
        f"{poll.acknowledged}; answers sent {sent.sent} (failed {sent.failed}, retried "
        f"{sent.retried}); the sink accepted {run.accepted}")
    say(f"  {'stage':<44} {'':>7} {'seconds':>8} {'':>8} {'ms/msg':>7} {'share':>5}")
    for label, seconds in run.stages:
        say(f"  {label:<44} {'':>7} {seconds:8.2f} {'':>8} {seconds / count * 1000:7.2f} "
            f"{seconds / service_s:5.0%}")
    say(f"  {'total':<44} {'':>7} {service_s:8.2f} {'':>8} {service_s / count * 1000:7.2f} "
        f"  = {count / service_s:,.0f} msg/s")
    say()
    say("  where the time goes (calls wrapped with a clock; rows overlap, e.g. fsync and")
    say("  COMMIT happen inside the store transaction)")
    say(f"  {'':<44} {'calls':>7} {'seconds':>8} {'ms/call':>8} {'ms/msg':>7} {'share':>5}")
    tallies = run.timers.tallies
    for label, tally in sorted(tallies.items(), key=lambda item: -item[1].seconds):
        per_call = tally.seconds / tally.calls * 1000 if tally.calls else 0.0
        say(f"  {label:<44} {tally.calls:7,} {tally.seconds:8.2f} {per_call:8.3f} "
            f"{tally.seconds / count * 1000:7.2f} {tally.seconds / service_s:5.0%}")

    def per_message(label: str) -> float:
        tally = tallies.get(label)
        return tally.calls / count if tally else 0.0

    say(f"  per message: {per_message(COMMIT):.1f} COMMITs, {per_message(SQL):.1f} SQL "
        f"statements, {per_message(SYNC):.2f} syncs of the raw files, {per_message(FSYNC):.2f} "
        f"fsyncs, {per_message(MOVE):.3f} UID MOVEs, "
        f"{per_message(SEND):.1f} SMTP transactions")
    say(f"  CPU: this process {run.cpu:.2f} s ({run.cpu / service_s:.0%} of the wall time; "
        f"{run.waits:,} waits, {run.preemptions:,} preemptions), Dovecot "
        f"{run.dovecot_cpu:.2f} s, SMTP sink {run.sink_cpu:.2f} s")
    say(f"  memory: RSS {run.rss_before / MB:.0f} MB before, {run.rss_after / MB:.0f} MB after; "
        f"process peak so far {run.rss_peak / MB:.0f} MB")


def missed_service(run: ServiceRun, count: int) -> list[str]:
    expected = (run.poll.fetched, run.poll.processed.handled, run.poll.acknowledged,
                run.sent.sent, run.accepted)
    if expected == (count,) * 5:
        return []
    return [f"the service did not take in and answer all {count} messages: "
            f"fetched/handled/acknowledged/sent/accepted = {expected}"]


def print_throughput(service_rate: float, bare_rate: float) -> None:
    say()
    say(f"throughput  service {service_rate:,.0f} msg/s; bare fetch + parse "
        f"{bare_rate:,.0f} msg/s; ratio {bare_rate / service_rate:.2f} "
        f"(target <= {TARGET_RATIO})")


def missed_throughput(service_rate: float, bare_rate: float) -> list[str]:
    ratio = bare_rate / service_rate
    if ratio <= TARGET_RATIO:
        return []
    return [f"throughput: the service is {ratio:.2f}x slower than a bare fetch + "
            f"parse (target <= {TARGET_RATIO}x)"]


def print_floor(floor: dict[str, float], sample: int, bare_ms: float, service_ms: float) -> None:
    """The floor's steps in ms per message, measured on `sample` messages, against the
    baseline's and the service's ms per message."""
    *_, store_ms, smtp_one_ms, smtp_many_ms = floor.values()
    floor_ms = bare_ms + store_ms + min(smtp_one_ms, smtp_many_ms)
    budget_ms = TARGET_RATIO * bare_ms
    say()
    say("floor: the steps no implementation of the issue can skip, each measured alone")
    say(f"  here on {sample} of the same messages, and what they leave of the "
        f"{TARGET_RATIO}x budget")
    say(f"  {'fetch + parse with mail-parser (the baseline)':<52} {bare_ms:7.2f} ms")
    for label, ms in floor.items():
        say(f"  {label:<52} {ms:7.2f} ms")
    say(f"  {'floor (with the faster way of sending)':<52} {floor_ms:7.2f} ms = "
        f"{1000 / floor_ms:,.0f} msg/s, ratio {floor_ms / bare_ms:.2f}")
    say(f"  {f'the {TARGET_RATIO}x budget':<52} {budget_ms:7.2f} ms")
    say(f"  {'left for reading, checking, the database, composing':<52} "
        f"{budget_ms - floor_ms:7.2f} ms (the service spends "
        f"{service_ms - floor_ms:.2f})")


def print_profile(profile: str, path: str) -> None:
    say()
    say(f"profile of the service (written to {path}; timings under cProfile "
        "are inflated), top by own time:")
    say(profile)


def print_memory(memory: MemoryRun, large_message_bytes: int) -> None:
    found = memory.found
    if found is None:
        say(memory.stderr)
        return
    grown = found["peak"] - found["idle"]
    say(f"memory: one application with a {VIDEO_BYTES / MB:.0f} MB video "
        f"({memory.raw_size / MB:.1f} MB as sent; streamed, over large_message_bytes = "
        f"{large_message_bytes / MB:.1f} MB), one poll round in a fresh process")
    say(f"  handled {found['handled']}, acknowledged {found['acknowledged']} in "
        f"{found['seconds']:.2f} s; stored {found['raw_bytes'] / MB:.1f} MB raw, "
        f"{found['parts']} part file(s), largest {found['largest_part'] / MB:.1f} MB")
    say(f"  idle RSS {found['idle'] / MB:.1f} MB (after imports, DB and IMAP connect, "
        f"{found['import_seconds']:.1f} s); high-water mark then "
        f"{found['hwm_at_idle'] / MB:.1f} MB, "
        + ("reset to the idle RSS before the round" if found["peak_reset"]
           else "NOT resettable here, so the peak below includes start-up"))
    say(f"  peak RSS (VmHWM) {found['peak'] / MB:.1f} MB; RSS after "
        f"{found['after'] / MB:.1f} MB")
    say(f"  peak - idle {grown / MB:.1f} MB (target < {TARGET_PEAK_MB:.0f} MB)")


def missed_memory(memory: MemoryRun) -> list[str]:
    found = memory.found
    if found is None:
        return ["memory: the subprocess failed"]
    missed = []
    if found["handled"] != 1:
        missed.append("memory: the video message was not handled")
    grown = found["peak"] - found["idle"]
    if grown >= TARGET_PEAK_MB * MB:
        missed.append(f"memory: handling a {VIDEO_BYTES / MB:.0f} MB video took "
                      f"{grown / MB:.1f} MB above idle (target < {TARGET_PEAK_MB:.0f} MB)")
    return missed


def print_verdict(missed: list[str]) -> None:
    say()
    if missed:
        say("TARGETS MISSED:")
        for line in missed:
            say(f"  - {line}")
        return
    say("all targets met")
