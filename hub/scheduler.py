"""The long-running service: jobs on a schedule, woken early when mail arrives.

APScheduler runs each job in a worker thread with `max_instances=1` (a slow poll is
never doubled), `coalesce=True` (a backlog of missed runs becomes one run) and a
misfire grace time (a run delayed by a busy machine still happens).
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from types import FrameType
from typing import Protocol

from apscheduler.schedulers.background import BackgroundScheduler

log = logging.getLogger(__name__)

MISFIRE_GRACE_SECONDS = 120


@dataclass(frozen=True)
class Job:
    id: str
    run: Callable[[], None]
    every_seconds: float


class Watcher(Protocol):
    """Anything that runs beside the jobs (the IDLE watcher)."""

    def start(self) -> None:
        """Begin watching in a thread of its own."""

    def stop(self) -> None:
        """Stop watching and wait for the thread to end."""


def build_scheduler(jobs: list[Job]) -> BackgroundScheduler:
    scheduler = BackgroundScheduler(
        timezone=UTC,
        job_defaults={
            "max_instances": 1,
            "coalesce": True,
            "misfire_grace_time": MISFIRE_GRACE_SECONDS,
        },
    )
    for job in jobs:
        scheduler.add_job(job.run, "interval", seconds=job.every_seconds, id=job.id,
                          next_run_time=datetime.now(UTC))
    return scheduler


def wake(scheduler: BackgroundScheduler, job_id: str) -> None:
    """Run a job now instead of at its next interval (it still never runs twice at once)."""
    try:
        scheduler.modify_job(job_id, next_run_time=datetime.now(UTC))
    except Exception:  # the scheduler is shutting down: nothing to wake
        log.debug("could not wake %s", job_id)


def serve(scheduler: BackgroundScheduler, watchers: Sequence[Watcher]) -> None:
    """Run until SIGTERM or SIGINT, then stop cleanly: jobs finish, connections close."""
    stopping = threading.Event()

    def request_stop(signum: int, _frame: FrameType | None) -> None:
        log.info("signal %s: stopping", signal.Signals(signum).name)
        stopping.set()

    previous = {sig: signal.signal(sig, request_stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    scheduler.start()
    for watcher in watchers:
        watcher.start()
    try:
        stopping.wait()
    finally:
        for watcher in watchers:
            watcher.stop()
        scheduler.shutdown(wait=True)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
