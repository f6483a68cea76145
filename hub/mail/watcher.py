"""IMAP IDLE: hear about new mail within a second instead of at the next interval.

The watcher only wakes the poll job; it never handles mail itself, so a watcher that
loses its connection costs nothing but latency. It reconnects with backoff after the
server says BYE or the network drops, and gives up (leaving interval polling) on a
server without IDLE.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from hub.config import MailboxConfig
from hub.mail.idle import idle_responses
from hub.mail.mailbox import CONNECTION_ERRORS, Mailbox

log = logging.getLogger(__name__)

MAX_BACKOFF_SECONDS = 60.0
# idle_responses returns at once when the server speaks; the slice only bounds how long a
# stop request waits.
IDLE_SLICE_SECONDS = 1.0


class MailWatcher:
    def __init__(self, config: MailboxConfig, wake: Callable[[], None]) -> None:
        self.config = config
        self.wake = wake
        self.stopping = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self.run, name="imap-idle", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self.stopping.set()
        if self._thread is not None:
            self._thread.join(timeout=IDLE_SLICE_SECONDS * 5)

    def run(self) -> None:
        backoff = 1.0
        while not self.stopping.is_set():
            try:
                with Mailbox(self.config) as box:
                    if not box.has("IDLE"):
                        log.info("%s has no IDLE; polling every %.0fs",
                                 self.config.host, self.config.poll_interval_seconds)
                        return
                    box.select(self.config.folder)
                    backoff = 1.0
                    # Whatever arrived while we were away is for the poll job to find.
                    self.wake()
                    self._idle(box)
            except CONNECTION_ERRORS as error:
                log.warning("IMAP IDLE connection lost (%s); reconnecting in %.0fs",
                            error, backoff)
                self.stopping.wait(backoff)
                backoff = min(backoff * 2, MAX_BACKOFF_SECONDS)

    def _idle(self, box: Mailbox) -> None:
        while not self.stopping.is_set():
            # Servers drop an IDLE after 30 minutes (RFC 2177): renew well before.
            started = time.monotonic()
            box.client.idle()
            try:
                news = False
                while (not self.stopping.is_set()
                       and time.monotonic() - started < self.config.idle_seconds):
                    responses = idle_responses(box.client, IDLE_SLICE_SECONDS)
                    if any(_announces_mail(item) for item in responses):
                        news = True
                        break
                    if any(_says_bye(item) for item in responses):
                        raise ConnectionAbortedError("server said BYE during IDLE")
            finally:
                box.client.idle_done()
            if news:
                self.wake()


def _announces_mail(item: object) -> bool:
    return isinstance(item, tuple) and len(item) > 1 and item[1] in (b"EXISTS", b"RECENT")


def _says_bye(item: object) -> bool:
    return isinstance(item, tuple) and len(item) > 0 and item[0] == b"BYE"
