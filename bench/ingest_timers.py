"""Clocks for the ingest benchmark: timers wrapped around baiqau's own calls, the poll
round's stages, and CPU time of this process and of the servers.

The wrappers only add a clock around what runs and are taken off again (`Timers.restore`),
so the service runs its real code path.
"""

from __future__ import annotations

import functools
import os
import resource
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


@dataclass
class Tally:
    calls: int = 0
    seconds: float = 0.0


@dataclass
class Timers:
    """Named call counters and clocks, fed by thin wrappers around baiqau's own calls."""

    tallies: dict[str, Tally] = field(default_factory=dict)
    _undo: list[Callable[[], None]] = field(default_factory=list)

    def add(self, label: str, seconds: float) -> None:
        tally = self.tallies.setdefault(label, Tally())
        tally.calls += 1
        tally.seconds += seconds

    def wrap(self, owner: Any, name: str, label: str) -> None:
        original = getattr(owner, name, None)
        if original is None:  # renamed since this was written: measure the rest
            self.tallies[f"{label} (not found: {name})"] = Tally()
            return
        had_own = name in vars(owner)

        @functools.wraps(original)
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.add(label, time.perf_counter() - start)

        setattr(owner, name, timed)
        self._undo.append(
            (lambda: setattr(owner, name, original)) if had_own
            else (lambda: delattr(owner, name))
        )

    def on_restore(self, undo: Callable[[], None]) -> None:
        self._undo.append(undo)

    def restore(self) -> None:
        while self._undo:
            self._undo.pop()()


FSYNC = "fsync (a large message's file, make_durable)"
SYNC = "store: files, then renames made durable (syncfs)"
COMMIT = "SQLite COMMIT (WAL, synchronous=NORMAL)"
SQL = "SQL statements (excl. COMMIT)"
MOVE = "IMAP UID MOVE (sets of up to 500)"
SEND = "outbox: SMTP send"


def instrument(timers: Timers, engine: Any) -> None:
    """Wrap the calls that explain the service's time. Only adds clocks around them."""
    from email.generator import BytesGenerator

    import mailparser
    from sqlalchemy import event

    import hub.mail.outbox
    import hub.mail.pipeline
    import hub.mail.poller
    import hub.storage
    from hub.mail.mailbox import Mailbox
    from hub.mail.smtp import SmtpTransport

    timers.wrap(os, "fsync", FSYNC)
    timers.wrap(hub.storage, "sync_files", SYNC)
    timers.wrap(engine.dialect, "do_commit", COMMIT)
    timers.wrap(Mailbox, "connect", "IMAP connect + login")
    timers.wrap(Mailbox, "metas", "IMAP FETCH RFC822.SIZE INTERNALDATE")
    timers.wrap(Mailbox, "fetch_whole", "IMAP FETCH BODY.PEEK[] (batches)")
    timers.wrap(Mailbox, "acknowledge", MOVE)
    timers.wrap(hub.mail.poller.Poller, "_record", "store: rows + cursor (per batch)")
    timers.wrap(hub.mail.pipeline, "read_letter", "handle: read_letter")
    timers.wrap(hub.mail.pipeline.BatchLookups, "__init__", "handle: batch look-ups (per batch)")
    timers.wrap(mailparser, "parse_from_bytes", "handle: of it, mailparser.parse_from_bytes")
    timers.wrap(hub.mail.outbox, "compose", "outbox: compose answer")
    timers.wrap(SmtpTransport, "send", SEND)
    timers.wrap(BytesGenerator, "flatten", "outbox: of it, flatten (fold headers)")
    timers.wrap(hub.mail.outbox, "_claim", "outbox: claim transaction")
    timers.wrap(hub.mail.outbox, "_record_sent", "outbox: record-sent transaction")

    def before(conn: Any, *_args: Any) -> None:
        conn.info.setdefault("bench_started", []).append(time.perf_counter())

    def after(conn: Any, *_args: Any) -> None:
        timers.add(SQL, time.perf_counter() - conn.info["bench_started"].pop())

    event.listen(engine, "before_cursor_execute", before)
    event.listen(engine, "after_cursor_execute", after)

    def detach() -> None:
        event.remove(engine, "before_cursor_execute", before)
        event.remove(engine, "after_cursor_execute", after)

    timers.on_restore(detach)


@dataclass
class Stages:
    """When each stage of the poll round was last heard of, from its progress callback."""

    last: dict[str, float] = field(default_factory=dict)

    def __call__(self, stage: str, done: int, total: int) -> None:
        self.last[stage] = time.perf_counter()


def cpu_seconds(pids: list[int]) -> float:
    """CPU time (user + system, with reaped children) of some other processes."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += sum(int(value) for value in fields[11:15])  # utime stime cutime cstime
    return total / ticks


def own_cpu() -> tuple[float, int, int]:
    """This process's CPU seconds and its voluntary and involuntary context switches."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime, usage.ru_nvcsw, usage.ru_nivcsw


def best(repeat: int, run: Callable[[], T]) -> tuple[float, float, T]:
    """The best wall-clock and CPU seconds of `repeat` runs of `run`, and its last result
    (on a shared machine the best run says most about the code, the rest about the
    neighbours)."""
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        result = run()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus), result
