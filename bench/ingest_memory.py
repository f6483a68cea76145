"""The memory run: one application with a 25 MB video, one poll round in a fresh process,
and what it added to the resident set. Run as a script (``ingest_memory.py CONFIG``), it
is that process.

The child imports baiqau, opens its database and logs in to IMAP once, then reads its RSS
(idle), resets the kernel's high-water mark (`/proc/self/clear_refs`), runs the round and
reads VmHWM (peak). A fresh process, so that nothing the throughput run left in this one
counts. Sizes are in bytes here; the report prints decimal MB.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from ingest_mail import video_application

if TYPE_CHECKING:
    from dovecot import Dovecot
    from ingest_sink import Sink
    from smtprelay import SmtpRelay

ROOT = Path(__file__).resolve().parent.parent
VIDEO_BYTES = 25_000_000


def status_bytes(field_name: str) -> int:
    """A Vm* line of /proc/self/status, in bytes."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field_name + ":"):
            return int(line.split()[1]) * 1024
    raise KeyError(field_name)


def maxrss_bytes() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # kB on Linux


def reset_peak() -> bool:
    """Reset VmHWM to the current RSS (Linux >= 4.0); False if the kernel refused."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def run_memory_child(config_path: str) -> int:
    """Idle RSS after imports and connecting; peak RSS while one poll round runs."""
    started = time.perf_counter()
    from baiqau.service import service_poller
    from hub.config import load_config
    from hub.context import open_context
    from hub.mail.mailbox import Mailbox
    from hub.mail.rounds import poll_round

    config = load_config(config_path)
    context = open_context(config)
    poller = service_poller(context)
    poller.pipeline.pending_ids()  # the database connection is open, as in the service
    with Mailbox(config.mailbox) as box:  # so is everything an IMAP session needs
        box.select(config.mailbox.folder)
    import_seconds = time.perf_counter() - started
    hwm_at_idle = status_bytes("VmHWM")
    idle = status_bytes("VmRSS")
    was_reset = reset_peak()
    start = time.perf_counter()
    report = poll_round(poller)
    seconds = time.perf_counter() - start
    peak = status_bytes("VmHWM")
    parts = [p for p in (config.storage_path / "parts").rglob("*") if p.is_file()]
    raws = list((config.storage_path / "raw").rglob("*.eml"))
    print(json.dumps({
        "import_seconds": import_seconds,
        "idle": idle,
        "hwm_at_idle": hwm_at_idle,
        "peak_reset": was_reset,
        "peak": peak,
        "after": status_bytes("VmRSS"),
        "maxrss": maxrss_bytes(),
        "seconds": seconds,
        "fetched": report.fetched,
        "handled": report.processed.handled,
        "acknowledged": report.acknowledged,
        "raw_bytes": sum(p.stat().st_size for p in raws),
        "parts": len(parts),
        "largest_part": max((p.stat().st_size for p in parts), default=0),
    }))
    return 0


@dataclass
class MemoryRun:
    """What the child printed (`found`, None when it failed, with its `stderr`), and the
    size of the video's email as sent."""

    raw_size: int
    found: dict[str, Any] | None
    stderr: str


def run_memory(dovecot: Dovecot, sink: Sink, folder: Path) -> MemoryRun:
    """Put one application with the video in a new contest's mailbox under `folder`, and
    take it in from a fresh process."""
    from contest import Contest

    folder.mkdir()
    video_contest = Contest(dovecot, cast("SmtpRelay", sink), folder)
    raw = video_application(video_contest.mailbox.address, VIDEO_BYTES)
    dovecot.append(video_contest.mailbox.address, raw)
    raw_size = len(raw)
    del raw
    child = subprocess.run(
        [sys.executable, __file__, str(video_contest.config_path)],
        capture_output=True, text=True, timeout=600, cwd=ROOT,
    )
    if child.returncode != 0:
        return MemoryRun(raw_size, None, child.stderr)
    return MemoryRun(raw_size, json.loads(child.stdout.strip().splitlines()[-1]), child.stderr)


if __name__ == "__main__":
    raise SystemExit(run_memory_child(sys.argv[1]))
