"""The SMTP sink the benchmark's answers go to: aiosmtpd in a subprocess that accepts and
counts. Run as a script (``ingest_sink.py PORT``), it is that subprocess.

The answers go to this sink, not to the test relay: the relay checks every recipient and
delivers every message into Dovecot over two fresh LMTP connections, and would refuse the
entrants' addresses unless 2,000 mailboxes existed. That measures the relay, not baiqau; a
real provider accepts a 2 KB answer in a few ms. It runs in its own process, as a real SMTP
server would, so its event loop does not compete with the service for this process's GIL.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, cast

HOST = "127.0.0.1"


def run_sink(port: int) -> int:
    from aiosmtpd.controller import Controller

    class Counting:
        messages = 0
        octets = 0

        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
            Counting.messages += 1
            Counting.octets += len(envelope.original_content or b"")
            return "250 2.0.0 OK"

    controller = Controller(Counting(), hostname=HOST, port=port, enable_SMTPUTF8=True,
                            server_hostname="sink.example.test", ready_timeout=10)
    controller.start()
    print("ready", flush=True)
    sys.stdin.read()  # the parent closes our stdin when it wants the count
    controller.stop()
    print(json.dumps({"messages": Counting.messages, "octets": Counting.octets}), flush=True)
    return 0


class Sink:
    """The sink's subprocess, started and waited for; `finish` closes it and reads its count."""

    def __init__(self, port: int) -> None:
        self.host = HOST
        self.port = port
        self._proc = subprocess.Popen(
            [sys.executable, __file__, str(port)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )
        assert self._proc.stdout is not None
        if self._proc.stdout.readline().strip() != "ready":
            raise RuntimeError("the SMTP sink did not start")

    @property
    def pid(self) -> int:
        return self._proc.pid

    def finish(self) -> dict[str, int]:
        out, _ = self._proc.communicate(timeout=30)
        return cast(dict[str, int], json.loads(out.strip().splitlines()[-1]))

    def kill(self) -> None:
        if self._proc.poll() is None:
            self._proc.kill()
            self._proc.wait()


if __name__ == "__main__":
    raise SystemExit(run_sink(int(sys.argv[1])))


def stop_servers(sink: Sink, dovecot: Any, work: Path, *, keep: bool, kept: str) -> None:
    """A benchmark's end: the sink killed, and Dovecot and the contest's folder deleted, or
    with `keep` stopped and left on disk (`kept` says what the folder holds) to look at."""
    from ingest_report import say
    from mailservers import forget_at_exit  # tests/, on the path the scripts set

    sink.kill()
    if keep:
        dovecot.stop()
        forget_at_exit(dovecot)  # its atexit hook would delete the kept directory
        say(f"kept: {work} ({kept}) and {dovecot.root} (Dovecot)")
    else:
        dovecot.close()
        shutil.rmtree(work, ignore_errors=True)
