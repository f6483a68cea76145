"""`baiqau results --format json` on the benchmark's contest: the real command, timed from
outside, and the same work split into its steps inside this process.

The command runs as a subprocess, as an organizer runs it: `python -m baiqau --config ...
results --format json -o FILE`, so its wall time includes the interpreter's start, the
imports, opening the database and writing the file. Its peak RSS is its `ru_maxrss` from
`wait4`, taken by a small launcher process that starts it: the kernel counts in a process's
`ru_maxrss` the memory it had before its exec, which for a child of this process (by fork
or vfork) is this process's size. The split runs `reports.results.load_ranking` with a
clock around the `rank` it calls (loading = the rest), then `Ranking.to_json`.
"""

from __future__ import annotations

import cProfile
import io
import json
import pstats
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ingest_timers import Timers

if TYPE_CHECKING:
    from contest import Contest

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class CommandRun:
    seconds: float
    peak_rss: int  # bytes
    cpu: float  # user + system seconds of the child
    returncode: int


@dataclass
class Output:
    octets: int
    rows: int
    ranked: int
    full: int  # rows with a complete sheet from every juror
    first: dict[str, object]


# Starts the command, waits for it, and prints its wall time and resource usage as JSON.
LAUNCHER = """
import json, os, subprocess, sys, time
start = time.perf_counter()
child = subprocess.Popen(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=open(sys.argv[1], "wb"))
_, status, usage = os.wait4(child.pid, 0)
print(json.dumps({"seconds": time.perf_counter() - start, "maxrss": usage.ru_maxrss * 1024,
                  "cpu": usage.ru_utime + usage.ru_stime,
                  "returncode": os.waitstatus_to_exitcode(status)}))
"""


def run_command(config_path: Path, out: Path) -> CommandRun:
    """`baiqau results --format json -o out`: wall seconds from its spawn to its exit."""
    stderr = out.parent / "results.stderr"
    command = [sys.executable, "-m", "baiqau", "--config", str(config_path), "results",
               "--format", "json", "-o", str(out)]
    launched = subprocess.run([sys.executable, "-c", LAUNCHER, str(stderr), *command],
                              cwd=ROOT, capture_output=True, text=True, check=True)
    found = json.loads(launched.stdout)
    if found["returncode"]:
        sys.stderr.write(stderr.read_text())
    return CommandRun(found["seconds"], found["maxrss"], found["cpu"], found["returncode"])


def read_output(out: Path, jurors: int) -> Output:
    text = out.read_text(encoding="utf-8")
    rows = json.loads(text)
    return Output(len(text.encode()), len(rows),
                  sum(row["place"] is not None for row in rows),
                  sum(row["jurors"] == jurors for row in rows), rows[0] if rows else {})


@dataclass
class Split:
    """Seconds of each step, in this process (imports already done)."""

    open: float  # open_reader: the engine and the schema check, as `baiqau results` opens
    load: float  # load_ranking without rank_complete: the queries, the rows made into sheets
    rank: float  # jury.ranking.rank_complete
    json: float  # Ranking.to_json
    octets: int

    @property
    def total(self) -> float:
        return self.open + self.load + self.rank + self.json


def split_once(contest: Contest) -> Split:
    import reports.results
    from baiqau.opening import open_reader

    config = contest.config
    start = time.perf_counter()
    context = open_reader(config)  # as `baiqau results` opens it, and reads on a connection
    opened = time.perf_counter()
    timers = Timers()
    timers.wrap(reports.results, "rank_complete", "rank")
    try:
        with context.engine.connect() as connection:
            ranking = reports.results.load_ranking(connection, config)
    finally:
        timers.restore()
    loaded = time.perf_counter()
    text = ranking.to_json()
    done = time.perf_counter()
    context.engine.dispose()
    rank_s = timers.tallies["rank"].seconds
    return Split(opened - start, loaded - opened - rank_s, rank_s, done - loaded,
                 len(text.encode()))


def best_split(contest: Contest, repeat: int) -> Split:
    """The fastest of `repeat` runs, step by step (each step's own best)."""
    runs = [split_once(contest) for _ in range(repeat)]
    return Split(open=min(run.open for run in runs), load=min(run.load for run in runs),
                 rank=min(run.rank for run in runs), json=min(run.json for run in runs),
                 octets=runs[-1].octets)


def profile_results(contest: Contest, path: str) -> str:
    """load_ranking + to_json under cProfile; the stats go to `path`, the top is returned."""
    profiler = cProfile.Profile()
    profiler.enable()
    split_once(contest)
    profiler.disable()
    profiler.dump_stats(path)
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("tottime").print_stats(20)
    return text.getvalue()


def best_of(repeat: int, run: Callable[[], CommandRun]) -> tuple[CommandRun, list[CommandRun]]:
    runs = [run() for _ in range(repeat)]
    return min(runs, key=lambda item: item.seconds), runs


IMPORTS = "import baiqau.cli, baiqau.opening, reports.results, jury.ranking"
# What `baiqau results` imported while opening the contest imported the whole service.
LEAN_IMPORTS = "import baiqau.cli, baiqau.service, reports.results, jury.ranking"


def startup_seconds(code: str, repeat: int) -> float:
    """The best wall time of a fresh python running `code` (imports, usually)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
        times.append(time.perf_counter() - start)
    return min(times)
