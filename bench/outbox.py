"""How fast the outbox sends when the SMTP server is slow to answer, by number of connections.

Not a test: it measures and prints. A provider such as mail.ru or Gmail takes tens of
milliseconds to accept a message, most of it waiting on the network; the ingest
benchmark's sink on loopback takes one. This benchmark queues N answers (default 300,
written as the application handler writes them, in Kazakh) in a fresh SQLite database
and sends them with `hub.mail.outbox.send_due` to an aiosmtpd sink in a subprocess that waits
`--latency` ms (default 50) before it accepts each message, once for each number of
connections in `--connections` (default 1 2 3 5). It prints answers per second and
checks that the sink got every answer once.

Run: ``.venv/bin/python bench/outbox.py [--count N] [--latency MS] [--connections 1 3]``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
HOST = "127.0.0.1"
BODY = ("Құрметті Әсем Құрманғалиқызы!\n\n«Шаңырақ» креативті хабының байқауына "
        "өтініміңіз қабылданды, нөмірі A-{number:04d}.\nҚатысқаныңызға рахмет.\n") * 3


def run_sink(latency_ms: float, port: int) -> int:
    from aiosmtpd.controller import Controller

    accepted: dict[str, int] = {}

    class SlowSink:
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
            await asyncio.sleep(latency_ms / 1000)
            key = envelope.content.split(b"Message-ID: ", 1)[1].split(b"\r\n", 1)[0].decode()
            accepted[key] = accepted.get(key, 0) + 1
            return "250 2.0.0 OK"

    controller = Controller(SlowSink(), hostname=HOST, port=port, server_hostname="slow.test",
                            ready_timeout=10)
    controller.start()
    print("ready", flush=True)
    sys.stdin.read()  # the parent closes our stdin when it wants the count
    controller.stop()
    print(json.dumps(accepted), flush=True)
    return 0


def measure(count: int, latency_ms: float, connections: int) -> tuple[float, int, int]:
    """Seconds to send `count` answers; answers the sink accepted; the most of one."""
    from mailservers import free_port

    from hub.clock import FakeClock
    from hub.config import load_config
    from hub.context import open_context
    from hub.db import session_scope
    from hub.mail.outbox import Answer, queue_answer, send_due

    port = free_port()
    sink = subprocess.Popen([sys.executable, __file__, "--sink", str(latency_ms), str(port)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert sink.stdout is not None
    if sink.stdout.readline().strip() != "ready":
        raise SystemExit("the SMTP sink did not start")
    with tempfile.TemporaryDirectory(prefix="baiqau-outbox-") as folder:
        config = load_config(ROOT / "config.toml")
        config = config.model_copy(update={
            "smtp": config.smtp.model_copy(update={
                "host": HOST, "port": port, "security": "none", "username": "",
                "from_address": "shanyraq-hub@example.org"}),
            "outbox": config.outbox.model_copy(update={
                "connections": connections, "max_answers_per_sender_per_day": count}),
            "database": config.database.model_copy(
                update={"url": f"sqlite:///{folder}/baiqau.db"}),
            "storage": config.storage.model_copy(update={"path": Path(folder) / "var"}),
        })
        clock = FakeClock(datetime(2026, 3, 20, 9, 0, tzinfo=UTC))
        context = open_context(config, clock)
        with session_scope(context.engine) as session:
            for number in range(1, count + 1):
                queue_answer(session, Answer(
                    dedup_key=f"application:{number}", to_address=f"e{number % 40}@example.kz",
                    to_name="Әсем Құрманғалиқызы", subject=f"№ A-{number:04d} өтінім қабылданды",
                    body_text=BODY.format(number=number), purpose="application", language="kk",
                ), config=config, clock=clock)
        start = time.perf_counter()
        report = send_due(context.engine, config, clock)
        seconds = time.perf_counter() - start
        context.engine.dispose()
    out, _ = sink.communicate(timeout=60)
    accepted: dict[str, int] = json.loads(out.strip().splitlines()[-1])
    if report.sent != count:
        raise SystemExit(f"sent {report.sent} of {count}: {report.errors[:3]}")
    return seconds, len(accepted), max(accepted.values(), default=0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=300, help="answers to send")
    parser.add_argument("--latency", type=float, default=50.0, metavar="MS",
                        help="how long the server takes to accept each message")
    parser.add_argument("--connections", type=int, nargs="+", default=[1, 2, 3, 5])
    parser.add_argument("--sink", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.sink is not None:
        return run_sink(float(args.sink[0]), int(args.sink[1]))
    print(f"baiqau outbox benchmark: {args.count} answers, the server accepts each after "
          f"{args.latency:g} ms")
    print(f"  {'connections':>11} {'seconds':>8} {'answers/s':>10} {'ms/answer':>10}  sink")
    for connections in args.connections:
        seconds, distinct, most = measure(args.count, args.latency, connections)
        print(f"  {connections:>11} {seconds:8.2f} {args.count / seconds:10.1f} "
              f"{seconds / args.count * 1000:10.2f}  {distinct} answers, each "
              f"{'once' if most == 1 else f'up to {most} times'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
