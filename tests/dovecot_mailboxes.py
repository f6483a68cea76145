"""The mailboxes on the tests' Dovecot: users that work at once, and mail put in and read back.

``dovecot.Dovecot`` is made of this and its own config and processes. Each user is a
passwd-file of its own, so a new one logs in without a reload; mail goes in over LMTP,
as an MTA delivers it, or by IMAP APPEND, and is read back without changing what baiqau
will see.
"""

from __future__ import annotations

import contextlib
import math
import os
import re
import smtplib
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from imapclient import IMAPClient
from mailservers import NET_TIMEOUT, MailServerError

__all__ = ["DovecotMailboxes", "MailAccount", "lmtp_send"]


@dataclass(frozen=True)
class MailAccount:
    """A mailbox on the test Dovecot: what baiqau's IMAP settings need."""

    address: str
    password: str


class DovecotMailboxes:
    """Users and mail of a running Dovecot; ``Dovecot`` supplies where it listens and its root."""

    host: str
    imap_port: int
    lmtp_port: int
    root: Path
    _passwords: dict[str, str]

    # -- users -------------------------------------------------------------

    def add_user(self, address: str, password: str) -> MailAccount:
        """Create (or re-password) a mailbox, usable at once: no reload, no restart.

        Each user has a passwd-file of their own (``users/<address>``) because Dovecot
        2.3 stats a passwd-file at most once a second: with one shared file, a user added
        within a second of any login stays unknown until the next second. A changed
        password has that delay too, so re-passwording waits for the next second.
        """
        if not address or any(ch in address + password for ch in ":/\n\r"):
            raise ValueError(f"unusable address/password for a passwd-file: {address!r}")
        key = address.lower()
        changed = self._passwords.get(key, password) != password
        self._passwords[key] = password
        _write_passwd_file(self.root / "users" / key, f"{key}:{{PLAIN}}{password}\n")
        if changed:
            time.sleep(math.ceil(time.time()) - time.time() + 0.01)
        return MailAccount(address, password)

    def new_account(self, prefix: str = "user", domain: str = "example.test") -> MailAccount:
        """A fresh mailbox nobody else uses, so tests never see each other's mail."""
        token = uuid.uuid4().hex
        return self.add_user(f"{prefix}-{token[:8]}@{domain}", f"pw-{token[8:20]}")

    def password(self, address: str) -> str:
        try:
            return self._passwords[address.lower()]
        except KeyError:
            raise MailServerError(f"{address} is not a user here; add_user() it first") from None

    # -- mail access -------------------------------------------------------

    def imap(self, address: str, password: str | None = None) -> IMAPClient:
        """A logged-in IMAPClient for ``address``; the caller logs out (or uses ``with``)."""
        client = IMAPClient(self.host, port=self.imap_port, ssl=False, timeout=NET_TIMEOUT)
        client._imap.debug = 0
        client.normalise_times = False
        try:
            client.login(address, password if password is not None else self.password(address))
        except BaseException:
            client.shutdown()
            raise
        return client

    @contextlib.contextmanager
    def _session(self, address: str) -> Iterator[IMAPClient]:
        client = self.imap(address)
        try:
            yield client
        finally:
            with contextlib.suppress(Exception):
                client.logout()

    def deliver(self, address: str, raw: bytes, sender: str = "sender@example.test") -> None:
        """Deliver ``raw`` into ``address``'s INBOX over LMTP, as an MTA would.

        One recipient per LMTP transaction: LMTP answers DATA once per recipient and
        smtplib expects a single answer.
        """
        lmtp_send(self.host, self.lmtp_port, sender, address, raw, smtputf8=False)

    def append(
        self,
        address: str,
        raw: bytes,
        folder: str = "INBOX",
        internaldate: datetime | None = None,
        flags: tuple[str, ...] = (),
    ) -> int | None:
        """IMAP APPEND ``raw`` (creating ``folder`` if needed); returns the new UID.

        ``internaldate`` must be timezone-aware: a naive one would silently take the
        machine's zone.
        """
        if internaldate is not None and internaldate.utcoffset() is None:
            raise ValueError("internaldate must be timezone-aware")
        with self._session(address) as client:
            if not client.folder_exists(folder):
                client.create_folder(folder)
            reply = client.append(folder, raw, flags=flags, msg_time=internaldate)
        match = re.search(rb"\[APPENDUID \d+ (\d+)\]", reply)
        return int(match.group(1)) if match else None

    def messages(self, address: str, folder: str = "INBOX") -> list[bytes]:
        """Raw bytes of every message in ``folder``, in UID order; [] if there is no folder.

        Read-only (EXAMINE, BODY.PEEK) so looking does not change what baiqau will see.
        """
        with self._session(address) as client:
            if not client.folder_exists(folder):
                return []
            client.select_folder(folder, readonly=True)
            uids = sorted(client.search("ALL"))
            if not uids:
                return []
            fetched = client.fetch(uids, ["BODY.PEEK[]"])
            return [fetched[uid][b"BODY[]"] for uid in uids]

    def wait_for_messages(
        self, address: str, count: int = 1, folder: str = "INBOX", timeout: float = 10.0
    ) -> list[bytes]:
        """``messages()`` once at least ``count`` are there; for mail that arrives later."""
        deadline = time.monotonic() + timeout
        while True:
            found = self.messages(address, folder)
            if len(found) >= count or time.monotonic() > deadline:
                return found
            time.sleep(0.05)

    def folders(self, address: str) -> list[str]:
        """Names of all of ``address``'s folders."""
        with self._session(address) as client:
            return [name for _flags, _delim, name in client.list_folders()]


def _write_passwd_file(path: Path, text: str) -> None:
    """Replace a passwd-file atomically and give it a strictly newer mtime.

    Dovecot reloads a passwd-file when its mtime (whole seconds) or size differs from
    what it read; a password of the same length written in the same second would
    otherwise go unnoticed. The rename means the auth process never reads half a file.
    """
    previous = path.stat().st_mtime if path.exists() else 0
    mtime = max(int(time.time()), int(previous) + 1)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text)
    tmp.chmod(0o644)
    os.utime(tmp, (mtime, mtime))
    os.replace(tmp, path)


def lmtp_send(
    host: str, port: int, sender: str, recipient: str, raw: bytes, *, smtputf8: bool
) -> None:
    """One LMTP transaction for one recipient; smtplib exceptions carry Dovecot's reply."""
    with smtplib.LMTP(host, port, timeout=NET_TIMEOUT) as lmtp:
        lmtp.ehlo()
        options = []
        if smtputf8 and lmtp.has_extn("smtputf8"):
            options.append("SMTPUTF8")
            lmtp.command_encoding = "utf-8"
        if lmtp.has_extn("8bitmime") and not raw.isascii():
            options.append("BODY=8BITMIME")
        lmtp.sendmail(sender, [recipient], raw, mail_options=options)
