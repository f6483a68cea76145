"""Server processes in a session of their own: started, awaited by their greeting, stopped whole.

Dovecot's master forks a process per service and per connection. ``dovecot.Dovecot``
starts it in a new session, so its process group is everything it forked: a signal to
the group reaches them all, and /proc tells when the last of them is gone.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

from mailservers import MailServerError

__all__ = ["await_greeting", "group_members", "signal_group", "sigterm_unblocked"]


@contextlib.contextmanager
def sigterm_unblocked() -> Iterator[None]:
    """Children inherit the signal mask: a blocked SIGTERM would make Dovecot unstoppable."""
    old = signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def await_greeting(
    host: str, port: int, prefix: bytes, deadline: float, proc: subprocess.Popen[bytes]
) -> None:
    """Poll until ``port`` accepts a connection and greets with ``prefix`` (no fixed sleeps)."""
    while True:
        if proc.poll() is not None:
            raise MailServerError(f"exited with status {proc.returncode}")
        try:
            with socket.create_connection((host, port), timeout=1.0) as sock:
                if sock.recv(200).startswith(prefix):
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise MailServerError(f"no greeting on port {port}")
        time.sleep(0.005)


def group_members(group: int) -> list[int]:
    """Live (not zombie) processes in a process group, from /proc.

    kill(-group, 0) cannot tell: it succeeds for zombies that an init which does not reap
    leaves behind.
    """
    members = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[2]) == group and fields[0] not in "ZX":
            members.append(int(entry.name))
    return members


def signal_group(group: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(group, sig)
