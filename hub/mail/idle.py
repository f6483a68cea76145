"""What the server says during IMAP IDLE, read one whole response at a time.

IMAPClient's `idle_check` reads with the socket non-blocking, so a response that
arrives in two TCP segments ("* 4 FETCH (FLAGS" ... "(\\Seen))\r\n") is cut where the
first segment ends: the rest is read later as a response of its own and the session
breaks with "unexpected response" (imapclient issue #519, still open). It happened
in baiqau's own demo 19 times in 40 IDLE checks, and a real network splits segments
wherever it likes.

Here the socket is non-blocking only to ask whether anything is waiting. A response,
once begun, is read to its end in blocking mode under the connection's read timeout,
literals included, so a late second segment is waited for instead of cut.
"""

from __future__ import annotations

import re
import select
import ssl
from typing import Any

from imapclient import IMAPClient
from imapclient.exceptions import ProtocolError
from imapclient.response_parser import parse_response

_LITERAL_AT_END = re.compile(rb"\{(\d+)\}$")


def idle_responses(client: IMAPClient, timeout: float) -> list[tuple[Any, ...]]:
    """Wait up to `timeout` seconds for the server to speak during IDLE; return every
    whole response it has sent, parsed as IMAPClient parses them ((3, b"EXISTS"), ...).

    The client must be in IDLE (`client.idle()`); end it with `client.idle_done()`.
    """
    if not _data_waiting(client) and not _readable(client, timeout):
        return []
    responses = []
    while True:
        responses.append(_read_response(client))
        if not _data_waiting(client):
            return responses


def _data_waiting(client: IMAPClient) -> bool:
    """True when a response has begun: bytes in the reader's buffer, inside TLS, or on
    the socket. Never blocks."""
    sock = client.socket()
    previous_timeout = sock.gettimeout()
    sock.setblocking(False)
    try:
        # peek returns buffered bytes, or does at most one raw read, which a
        # non-blocking socket answers with nothing rather than waiting.
        return bool(client._imap.file.peek(1))
    except (BlockingIOError, ssl.SSLWantReadError):
        return False
    finally:
        sock.settimeout(previous_timeout)


def _readable(client: IMAPClient, timeout: float) -> bool:
    poller = select.poll()
    poller.register(client.socket().fileno(), select.POLLIN)
    return bool(poller.poll(max(0.0, timeout) * 1000))


def _read_response(client: IMAPClient) -> tuple[Any, ...]:
    """One untagged response, its literals included, read in blocking mode."""
    imap = client._imap
    line: bytes = imap._get_line()
    if not line.startswith(b"* "):
        raise ProtocolError(f"during IDLE the server said {line[:80]!r}")
    line = line[2:]
    if line.startswith((b"OK ", b"NO ", b"BYE ")) or line in (b"OK", b"NO", b"BYE"):
        return tuple(line.split(b" ", 1))
    parts: list[Any] = []
    while (literal := _LITERAL_AT_END.search(line)) is not None:
        parts.append((line, imap.read(int(literal.group(1)))))
        line = imap._get_line()
    parts.append(line)
    parsed: tuple[Any, ...] = tuple(parse_response(parts))
    return parsed
