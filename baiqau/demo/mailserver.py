"""An IMAP+SMTP server inside this process, for `baiqau.demo.run` and its test.

The demo must run on a fresh machine without root or system packages, so Dovecot and
Postfix are out. mail-devel (aiosmtpd + pymap, pure Python) is a real IMAP and SMTP
server on loopback sockets, so baiqau talks to it exactly as it talks to mail.ru.

It runs in multi-user mode: every address gets its own mailbox (made by the first mail
to it or the first login), and every login takes the one password.

Why not `mail_devel.Service.start()`: it serves SMTP through aiosmtpd's `Controller`,
which runs a thread and an event loop of its own, while pymap serves IMAP on the
caller's loop. Mail that arrives over SMTP is then added to pymap's mailboxes from the
wrong loop, and an IMAP client in IDLE is never told about it (measured: nothing in 5 s).
Here both servers listen on one loop in one background thread.
"""

from __future__ import annotations

import asyncio
import email.policy
import errno
import logging
import re
import secrets
import smtplib
import socket
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import AsyncExitStack, contextmanager
from dataclasses import dataclass
from email.header import decode_header, make_header
from email.message import EmailMessage, Message
from email.utils import make_msgid
from types import TracebackType
from typing import Any

from imapclient import IMAPClient

from hub.mail.idle import idle_responses

try:
    from mail_devel.service import Service
except ImportError as missing:  # baiqau installed without its `demo` extra
    raise ImportError("the demo needs mail-devel: run ./scripts/demo, or "
                      "pip install -e '.[demo]'") from missing

HOST = "127.0.0.1"
TIMEOUT_SECONDS = 10.0
START_ATTEMPTS = 3  # the IMAP port is picked before pymap binds it; someone may take it
CHECK_ADDRESS = "imap-check@example.org"
CHECK_FOLDER = "check-created"


class _SkipLoginDataWarning(logging.Filter):
    # aiosmtpd warns about its own deprecated attribute at every AUTH; it is not ours.
    def filter(self, record: logging.LogRecord) -> bool:
        return "login_data is deprecated" not in record.getMessage()


_SKIP_LOGIN_DATA_WARNING = _SkipLoginDataWarning()  # one instance: adding it is idempotent


class MailServerError(RuntimeError):
    """The demo mail server did not start or stop."""


class DemoMailServer:
    """IMAP and SMTP on free loopback ports, served from a background thread."""

    def __init__(self) -> None:
        self.host = HOST
        self.password = secrets.token_hex(16)
        self.imap_port = 0
        self.smtp_port = 0
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._ready = threading.Event()
        self._error: BaseException | None = None

    def __enter__(self) -> DemoMailServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    # -- running ------------------------------------------------------------------------

    def start(self) -> DemoMailServer:
        logging.getLogger("mail.log").addFilter(_SKIP_LOGIN_DATA_WARNING)
        error: BaseException | None = None
        for _ in range(START_ATTEMPTS):
            error = self._start_once()
            if error is None:
                return self
            if not (isinstance(error, OSError) and error.errno == errno.EADDRINUSE):
                break
        raise MailServerError(f"the demo mail server did not start: {error}")

    def _start_once(self) -> BaseException | None:
        """Start the thread and wait until it listens; the error if it could not."""
        self.imap_port = _free_port()
        self._ready.clear()
        self._thread = threading.Thread(target=self._run, name="demo-mail", daemon=True)
        self._thread.start()
        if not self._ready.wait(TIMEOUT_SECONDS):
            raise MailServerError("the demo mail server did not start in time")
        if self._error is not None:
            self._thread.join(TIMEOUT_SECONDS)
            self._thread = None
        return self._error

    def stop(self) -> None:
        thread, loop, stop = self._thread, self._loop, self._stop
        if thread is None or loop is None or stop is None:
            return
        loop.call_soon_threadsafe(stop.set)
        thread.join(TIMEOUT_SECONDS)
        self._thread = None
        if thread.is_alive():
            raise MailServerError("the demo mail server did not stop in time")

    def _run(self) -> None:
        self._error = None
        try:
            # asyncio.run also cancels the connection tasks still open when we stop.
            asyncio.run(self._serve())
        except BaseException as error:  # start() is waiting to hear how it went
            self._error = error
            self._ready.set()

    async def _serve(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        service = await Service.init(Service.parse(self._arguments()))
        # Service.init builds an aiosmtpd Controller with an event loop we never run.
        service.smtp.loop.close()
        async with AsyncExitStack() as stack:
            await service.backend.start(stack)
            await service.imap.start(stack)
            smtp = await self._loop.create_server(service.smtp.factory, self.host, 0)
            await stack.enter_async_context(smtp)
            self.smtp_port = smtp.sockets[0].getsockname()[1]
            self._ready.set()
            await self._stop.wait()

    def _arguments(self) -> list[str]:
        # Every value is given, so MAIL_* variables in the environment change nothing.
        return [
            "--multi-user", "--no-http",
            "--host", self.host,
            "--user", "postmaster@example.org",
            "--password", self.password,
            "--imap-port", str(self.imap_port),
            "--smtp-port", "0",  # unused: the SMTP listener is bound in _serve
        ]

    # -- acting as the world ----------------------------------------------------------

    def submit(self, raw: bytes, sender: str, recipients: Sequence[str]) -> None:
        """Hand a message over SMTP, as a mail client or another mail server would."""
        # A client declares 8-bit bodies (a windows-1251 letter from The Bat!, say).
        options = ["BODY=8BITMIME"] if any(byte > 127 for byte in raw) else []
        with smtplib.SMTP(self.host, self.smtp_port, timeout=TIMEOUT_SECONDS) as client:
            client.sendmail(sender, list(recipients), raw, mail_options=options)

    @contextmanager
    def imap(self, address: str) -> Iterator[IMAPClient]:
        """A logged-in IMAP session on `address`'s mailbox, as its owner's mail client."""
        client = IMAPClient(self.host, port=self.imap_port, ssl=False, timeout=TIMEOUT_SECONDS)
        client._imap.debug = 0  # imapclient would log every byte it reads
        try:
            client.login(address, self.password)
            yield client
        finally:
            client.logout()

    def messages(self, address: str, folder: str = "INBOX") -> list[bytes]:
        """The raw messages in one of `address`'s folders, oldest first."""
        with self.imap(address) as client:
            if not client.folder_exists(folder):
                return []
            client.select_folder(folder, readonly=True)
            fetched = client.fetch(client.search(["ALL"]), ["BODY.PEEK[]"])
            return [bytes(fetched[uid][b"BODY[]"]) for uid in sorted(fetched)]

    def received(self, address: str) -> list[EmailMessage]:
        """What `address` has in its INBOX, parsed the way a mail client shows it."""
        return [parse(raw) for raw in self.messages(address)]


def parse(raw: bytes) -> EmailMessage:
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


def header_text(message: Message, name: str) -> str:
    """A header decoded as RFC 2047 says and mail programs show it ('' when missing).

    Not `message[name]`: Python's policy.default keeps the folding space between two
    encoded words of a display name ("«Шаңырақ» креативті хаб ы"); RFC 2047 drops it.
    """
    for key, value in message.raw_items():
        if key.lower() == name.lower():
            unfolded = re.sub(r"\r?\n(?=[ \t])", "", value)
            return str(make_header(decode_header(unfolded)))
    return ""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


# -- what baiqau needs from an IMAP server ------------------------------------------------


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str


class CheckFailed(Exception):
    pass


def check_imap(server: DemoMailServer) -> list[Check]:
    """Try, on a mailbox of its own, each IMAP feature `hub.mail.mailbox` relies on.

    Advertising a capability is not enough: each feature is used as baiqau uses it.
    """
    checks: list[tuple[str, Callable[[DemoMailServer, IMAPClient], str]]] = [
        ("CREATE", _check_create),
        ("MOVE", _check_move),
        ("UIDPLUS", _check_uid_expunge),
        ("partial FETCH", _check_partial_fetch),
        ("IDLE", _check_idle),
    ]
    results = []
    with server.imap(CHECK_ADDRESS) as client:
        for name, check in checks:
            try:
                results.append(Check(name, True, check(server, client)))
            except Exception as error:  # a missing feature shows as any kind of error
                results.append(Check(name, False, f"{type(error).__name__}: {error}"))
    return results


def _deliver(server: DemoMailServer, size: int = 0) -> None:
    message = EmailMessage()
    message["From"] = "check@example.org"
    message["To"] = CHECK_ADDRESS
    message["Subject"] = "check"
    message["Message-ID"] = make_msgid(domain="example.org")
    message.set_content("check\n" + "x" * size + "\n")
    server.submit(message.as_bytes(policy=message.policy.clone(linesep="\r\n")),
                  "check@example.org", [CHECK_ADDRESS])


def _inbox_uids(client: IMAPClient) -> list[int]:
    client.select_folder("INBOX")
    return sorted(client.search(["ALL"]))


def _require(client: IMAPClient, capability: str) -> None:
    if not client.has_capability(capability):
        raise CheckFailed(f"{capability} is not advertised")


def _check_create(server: DemoMailServer, client: IMAPClient) -> str:
    client.create_folder(CHECK_FOLDER)
    if not client.folder_exists(CHECK_FOLDER):
        raise CheckFailed("CREATE answered OK but LIST does not show the folder")
    return "folders are created"


def _check_move(server: DemoMailServer, client: IMAPClient) -> str:
    _require(client, "MOVE")
    _deliver(server)
    uid = _inbox_uids(client)[-1]
    client.move([uid], CHECK_FOLDER)
    if uid in _inbox_uids(client):
        raise CheckFailed("UID MOVE left the message in INBOX")
    return "UID MOVE takes a message out"


def _check_uid_expunge(server: DemoMailServer, client: IMAPClient) -> str:
    _require(client, "UIDPLUS")
    _deliver(server)
    _deliver(server)
    first, second = _inbox_uids(client)[-2:]
    client.add_flags([first, second], [b"\\Deleted"], silent=True)
    client.uid_expunge([first])
    left = _inbox_uids(client)
    if first in left or second not in left:
        raise CheckFailed(f"UID EXPUNGE {first} left {left}")
    return "UID EXPUNGE removes that UID alone"


def _check_partial_fetch(server: DemoMailServer, client: IMAPClient) -> str:
    _deliver(server, size=40_000)
    uid = _inbox_uids(client)[-1]
    whole = bytes(client.fetch([uid], ["BODY.PEEK[]"])[uid][b"BODY[]"])
    pieces, offset, chunk = [], 0, 16_384
    while True:
        data: dict[bytes, Any] = client.fetch([uid], [f"BODY.PEEK[]<{offset}.{chunk}>"])[uid]
        piece = next((bytes(v) for k, v in data.items() if k.startswith(b"BODY[]")), b"")
        pieces.append(piece)
        offset += len(piece)
        if len(piece) < chunk:
            break
    if b"".join(pieces) != whole:
        raise CheckFailed("the chunks do not add up to the message")
    if b"\\Seen" in client.get_flags([uid])[uid]:
        raise CheckFailed("BODY.PEEK marked the message \\Seen")
    return f"{len(pieces)} chunks of {chunk} bytes add up; still unseen"


def _check_idle(server: DemoMailServer, client: IMAPClient) -> str:
    _require(client, "IDLE")
    client.select_folder("INBOX")
    # The earlier checks' flag changes may still be owed to this session; said between
    # IDLE and its "+ idling", they make IMAPClient abort. NOOP collects them first.
    client.noop()
    client.idle()
    sender = threading.Timer(0.2, _deliver, args=(server,))
    sender.start()
    announced = False
    deadline = time.monotonic() + 5
    try:
        # The server may say other things first (RECENT, FETCH flags): wait for EXISTS.
        while not announced and time.monotonic() < deadline:
            responses = idle_responses(client, max(0.1, deadline - time.monotonic()))
            announced = any(isinstance(item, tuple) and b"EXISTS" in item for item in responses)
    finally:
        client.idle_done()
        sender.join()
    if not announced:
        raise CheckFailed("no EXISTS within 5 s of a delivery over SMTP")
    return "new mail is announced at once"
