"""The machine the ingest benchmark's figures come from: CPU, versions, what an fsync costs."""

from __future__ import annotations

import os
import platform
import sqlite3
import subprocess
import tempfile
import time
from pathlib import Path


def fsync_ms() -> float:
    """What one small write + fsync costs on the disk the temp dirs are on."""
    with tempfile.NamedTemporaryFile(dir=tempfile.gettempdir()) as file:
        start = time.perf_counter()
        for _ in range(50):
            file.write(b"x" * 4096)
            file.flush()
            os.fsync(file.fileno())
        return (time.perf_counter() - start) / 50 * 1000


def machine_lines() -> list[str]:
    """The report's first lines: the CPU, the versions that matter, the disk's fsync."""
    model = next((line.split(":", 1)[1].strip()
                  for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor() or "?")
    usable = len(os.sched_getaffinity(0))
    try:
        dovecot_version = subprocess.run(
            ["/usr/sbin/dovecot", "--version"], capture_output=True, text=True, timeout=10,
        ).stdout.strip()
    except OSError:
        dovecot_version = "?"
    from importlib.metadata import version

    packages = ", ".join(f"{name} {version(name)}" for name in
                         ("imapclient", "mail-parser", "SQLAlchemy", "sqlmodel", "aiosmtpd"))
    return [
        f"machine   {os.cpu_count()} CPU ({usable} usable), {model}; "
        f"{platform.system()} {platform.release()}",
        f"python    {platform.python_version()} ({platform.python_implementation()}), "
        f"SQLite {sqlite3.sqlite_version}, Dovecot {dovecot_version}",
        f"packages  {packages}",
        f"disk      one 4 KB write + fsync: {fsync_ms():.2f} ms ({tempfile.gettempdir()})",
    ]
