"""What the tests' mail servers share: loopback, free ports, timeouts, their error, an exit hook.

baiqau's whole job is talking IMAP and SMTP, so its tests talk to real servers instead of
patching ``imaplib``/``smtplib``: a mock would agree with whatever the code believes, a real
Dovecot does not. Both servers start in milliseconds, listen on 127.0.0.1 only, need no
system configuration and leave nothing behind (an ``atexit`` hook stops whatever a test
run forgot). They are ``dovecot.Dovecot`` (IMAP + LMTP, with the mailboxes of
``dovecot_mailboxes``) and ``smtprelay.SmtpRelay``, which delivers into it.

Plain modules, no pytest imports: ``tests/conftest.py`` wraps them in fixtures, and a
script or a REPL can use them directly::

    with Dovecot() as dovecot, SmtpRelay(dovecot) as relay:
        account = dovecot.new_account("contest")
        ...  # point baiqau at dovecot.host/imap_port and relay.host/port
"""

from __future__ import annotations

import atexit
import contextlib
import socket
from typing import Protocol

__all__ = [
    "HOST",
    "NET_TIMEOUT",
    "START_TIMEOUT",
    "MailServerError",
    "close_at_exit",
    "forget_at_exit",
    "free_port",
    "free_ports",
]

HOST = "127.0.0.1"
START_TIMEOUT = 10.0
NET_TIMEOUT = 30.0
"""Socket timeout for every client here: generous, but a hung server fails a test, not CI."""


class MailServerError(RuntimeError):
    """A test mail server could not start, stop or do what was asked."""


def free_ports(count: int, host: str = HOST) -> list[int]:
    """Ports nobody listens on right now; held open together so the answers differ.

    There is a window between closing them here and a server binding them; Dovecot's
    first start retries with new ports if it loses that race.
    """
    with contextlib.ExitStack() as stack:
        socks = [stack.enter_context(socket.socket()) for _ in range(count)]
        for sock in socks:
            sock.bind((host, 0))
        return [sock.getsockname()[1] for sock in socks]


def free_port(host: str = HOST) -> int:
    """One free port on ``host`` (see ``free_ports``)."""
    return free_ports(1, host)[0]


class _Server(Protocol):
    def close(self) -> None: ...


_LIVE: set[_Server] = set()
"""Servers not yet closed; ``_close_all`` stops them when Python exits."""


def close_at_exit(server: _Server) -> None:
    """Have ``server`` closed when Python exits, unless it is closed (or forgotten) first."""
    _LIVE.add(server)


def forget_at_exit(server: _Server) -> None:
    """Leave ``server`` alone at exit: it is closed already, or kept on purpose."""
    _LIVE.discard(server)


@atexit.register
def _close_all() -> None:
    """Nothing outlives the Python process that started it, whatever a test forgot."""
    for server in list(_LIVE):
        with contextlib.suppress(Exception):
            server.close()
