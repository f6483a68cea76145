"""IDLE over a network that splits the server's responses: nothing cut, nothing lost.

Between the test and the real Dovecot sits a loopback relay that sends every chunk the
server writes as two TCP segments, cut seven bytes in, the second 0.3 s later: a slow
mobile link, or a proxy, does the same. IMAPClient's own `idle_check` cuts such a response in two
(imapclient issue #519); `hub.mail.idle.idle_responses` must read it whole.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from dovecot import Dovecot
from dovecot_mailboxes import MailAccount
from imapclient import IMAPClient

from hub.mail.idle import idle_responses

SECOND_HALF_DELAY = 0.3
FIRST_SEGMENT_BYTES = 7


@contextmanager
def splitting_relay(host: str, port: int) -> Iterator[int]:
    """A loopback port that relays to (host, port), splitting each server write in two."""
    listener = socket.create_server(("127.0.0.1", 0))
    relay_port = listener.getsockname()[1]
    connections: list[socket.socket] = []

    def pump(source: socket.socket, sink: socket.socket, split: bool) -> None:
        try:
            while chunk := source.recv(65536):
                if split and len(chunk) > 1:
                    # Seven bytes in: inside the first response ("* 1 EXI").
                    middle = min(FIRST_SEGMENT_BYTES, len(chunk) - 1)
                    sink.sendall(chunk[:middle])
                    time.sleep(SECOND_HALF_DELAY)
                    sink.sendall(chunk[middle:])
                else:
                    sink.sendall(chunk)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                end.close()

    def accept() -> None:
        try:
            while True:
                client, _ = listener.accept()
                server = socket.create_connection((host, port))
                for end in (client, server):
                    end.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                connections.extend((client, server))
                threading.Thread(target=pump, args=(server, client, True), daemon=True).start()
                threading.Thread(target=pump, args=(client, server, False), daemon=True).start()
        except OSError:
            pass  # the listener was closed: the test is over

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield relay_port
    finally:
        listener.close()
        for connection in connections:
            connection.close()


def _responses_until_exists(client: IMAPClient, timeout: float) -> list[tuple[object, ...]]:
    heard: list[tuple[object, ...]] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        heard += idle_responses(client, deadline - time.monotonic())
        if any(len(item) > 1 and item[1] == b"EXISTS" for item in heard):
            break
    return heard


def test_split_responses_during_idle_are_read_whole(
    dovecot: Dovecot, mail_account: MailAccount
) -> None:
    with splitting_relay(dovecot.host, dovecot.imap_port) as port:
        client = IMAPClient("127.0.0.1", port=port, ssl=False, timeout=10)
        client.login(mail_account.address, dovecot.password(mail_account.address))
        client.select_folder("INBOX")
        for round_number in (1, 2, 3):
            client.idle()
            dovecot.deliver(mail_account.address,
                            f"Subject: {round_number}\r\n\r\nәғқңөұүһі\r\n".encode())
            heard = _responses_until_exists(client, timeout=10)
            client.idle_done()
            # Each response whole: "* 1 EXISTS" as (1, b"EXISTS"), nothing unparsed.
            assert (round_number, b"EXISTS") in heard
            assert all(isinstance(item, tuple) and item for item in heard)
        # The session is still in step: commands and their answers pair up.
        assert len(client.search(["ALL"])) == 3
        client.logout()


def test_nothing_said_is_an_empty_answer_within_the_timeout(
    dovecot: Dovecot, mail_account: MailAccount
) -> None:
    with dovecot.imap(mail_account.address) as client:
        client.select_folder("INBOX")
        client.idle()
        # A blocking read here would end in the client's read timeout, an error.
        assert idle_responses(client, 0.3) == []
        client.idle_done()
        assert client.noop()
