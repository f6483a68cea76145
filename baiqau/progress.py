"""Progress bars for long work on a terminal (a first poll of a full mailbox), via rich.

Off a terminal (cron, systemd, CI) there is no bar: the logs say what happened.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn

ProgressCallback = Callable[[str, int, int], None]

STAGE_NAMES = {"fetch": "fetching and storing", "handle": "handling"}


@contextmanager
def progress_reporter() -> Iterator[ProgressCallback | None]:
    if not sys.stderr.isatty():
        yield None
        return
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  transient=True) as bar:
        tasks: dict[str, TaskID] = {}

        def report(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(STAGE_NAMES.get(stage, stage), total=total)
            bar.update(tasks[stage], completed=done, total=total)

        yield report
