"""The floor: the steps no implementation of the issue can skip, each timed alone.

Keeping every message's raw bytes durably and sending every answer over SMTP cost the same
in any design; added to the baseline, they show what the ratio target leaves for the rest.
"""

from __future__ import annotations

import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from ingest_sink import Sink

FLOOR_SAMPLE = 500  # messages in each floor measurement
FLOOR_SMTP_CONNECTIONS = 4


def measure_floor(context: Any, raws: list[bytes], batch: int) -> dict[str, float]:
    """ms per message of keeping the raw bytes durably and of one SMTP transaction.

    The raw files go through `RawStore.save_many` into a fresh directory, in fetch
    batches, as the service stores them. The SMTP transaction sends one of the
    service's real answers (composed once, so composing is not counted) to a fresh
    sink over one connection with `hub.mail.smtp.SmtpTransport`, as the outbox does.
    """
    from mailservers import free_port
    from sqlmodel import Session, select

    from hub.mail.composer import compose
    from hub.mail.smtp import SmtpTransport
    from hub.models import OutboundMessage
    from hub.storage import RawStore

    floor: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="baiqau-floor-") as folder:
        store = RawStore(Path(folder))
        start = time.perf_counter()
        for first in range(0, len(raws), batch):
            store.save_many(raws[first : first + batch])
        floor["keep the raw message (a new file, made durable)"] = (
            (time.perf_counter() - start) / len(raws) * 1000)

    with Session(context.engine) as session:
        answer = session.exec(select(OutboundMessage).limit(1)).one()
    message = compose(answer, context.config.smtp)
    sink = Sink(free_port())
    smtp = context.config.smtp.model_copy(update={"host": sink.host, "port": sink.port})

    def send(count: int, ready: threading.Barrier) -> None:
        with SmtpTransport(smtp) as transport:
            transport.send(message, answer.to_address)  # connecting is not counted
            ready.wait()
            for _ in range(count):
                transport.send(message, answer.to_address)

    try:
        for connections in (1, FLOOR_SMTP_CONNECTIONS):
            ready = threading.Barrier(connections + 1)
            senders = [threading.Thread(target=send, args=(len(raws) // connections, ready))
                       for _ in range(connections)]
            for sender in senders:
                sender.start()
            ready.wait()
            start = time.perf_counter()
            for sender in senders:
                sender.join()
            label = ("send one answer (one SMTP transaction)" if connections == 1 else
                     f"  or on {connections} connections at once")
            floor[label] = (time.perf_counter() - start) / len(raws) * 1000
    finally:
        sink.kill()
    return floor
