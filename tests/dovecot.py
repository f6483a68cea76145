"""Real mail servers on loopback for baiqau's tests: a private Dovecot and an SMTP relay.

baiqau's whole job is talking IMAP and SMTP, so its tests talk to real servers instead of
patching ``imaplib``/``smtplib``: a mock would agree with whatever the code believes, a real
Dovecot does not. Both servers start in milliseconds, listen on 127.0.0.1 only, need no
system configuration and leave nothing behind (an ``atexit`` hook stops whatever a test
run forgot). The pitfalls behind the details below are in /work/shared/notes/dovecot.md.

Plain module, no pytest imports: ``tests/conftest.py`` wraps it in fixtures, and a script
or a REPL can use it directly::

    with Dovecot() as dovecot, SmtpRelay(dovecot) as relay:
        account = dovecot.new_account("contest")
        ...  # point baiqau at dovecot.host/imap_port and relay.host/port
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import grp
import logging
import math
import os
import pwd
import re
import shutil
import signal
import smtplib
import socket
import ssl
import subprocess
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session
from imapclient import IMAPClient

__all__ = [
    "Dovecot",
    "MailAccount",
    "MailServerError",
    "RelayedMessage",
    "SmtpRelay",
    "dovecot_binary",
    "free_port",
    "free_ports",
]

HOST = "127.0.0.1"
START_TIMEOUT = 10.0
STOP_GRACE = 0.5
"""How long Dovecot's children get to exit on SIGTERM; then the whole group is SIGKILLed."""
NET_TIMEOUT = 30.0
"""Socket timeout for every client here: generous, but a hung server fails a test, not CI."""


_LIVE: set[Dovecot | SmtpRelay] = set()
"""Servers not yet closed; ``_close_all`` stops them when Python exits."""


class _QuietLoginData(logging.Filter):
    """aiosmtpd 1.4 warns about its own use of ``Session.login_data`` on every AUTH."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "login_data is deprecated" not in record.getMessage()


logging.getLogger("mail.log").addFilter(_QuietLoginData())


class MailServerError(RuntimeError):
    """A test mail server could not start, stop or do what was asked."""


def dovecot_binary() -> str | None:
    """Where Dovecot is installed, or None: /usr/sbin is often not on a user's PATH."""
    found = shutil.which("dovecot")
    if found:
        return found
    return "/usr/sbin/dovecot" if os.access("/usr/sbin/dovecot", os.X_OK) else None


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


@dataclass(frozen=True)
class MailAccount:
    """A mailbox on the test Dovecot: what baiqau's IMAP settings need."""

    address: str
    password: str


# ---------------------------------------------------------------------------
# Dovecot

_CONFIG = """\
# Written by tests/dovecot.py for one test run; nothing under /etc/dovecot is read.
base_dir = {root}/run
state_dir = {root}/state
instance_name = {instance}
protocols = imap lmtp
listen = {host}
log_path = {root}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
mail_max_userip_connections = 200
mail_fsync = never
# kill_connections() finds a user's imap processes by their title
verbose_proctitle = yes
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%Lu {root}/users/%Lu
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/mail/%Lu
}}
mail_location = maildir:~/Maildir
service imap-login {{
  inet_listener imap {{
    port = {imap_port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
service lmtp {{
  inet_listener lmtp {{
    address = {host}
    port = {lmtp_port}
  }}
}}
"""

_UNPRIVILEGED_CONFIG = """\
# Not root: every Dovecot process runs as the current user, and nothing can chroot.
default_internal_user = {user}
default_internal_group = {group}
default_login_user = {user}
first_valid_uid = 1
service imap-login {{
  chroot =
}}
service anvil {{
  chroot =
}}
service ipc {{
  chroot =
}}
service old-stats {{
  chroot =
}}
"""


class Dovecot:
    """A private Dovecot (IMAP + LMTP) in a short temporary directory.

    ``add_user``/``new_account`` work while the server runs (each user is a passwd-file
    Dovecot looks up on every login). ``stop``/``restart`` keep the directory, so mail
    survives a restart on the same ports; ``close`` also deletes it. Runs as root (mail
    then belongs to ``nobody``) or as an ordinary user.
    """

    def __init__(self, *, binary: str | None = None, host: str = HOST,
                 tls: tuple[Path, Path] | None = None) -> None:
        """`tls` is (certificate, key): IMAPS on `imaps_port` and STARTTLS on `imap_port`."""
        self.tls = tls
        found = binary or dovecot_binary()
        if found is None:
            raise MailServerError(
                "Dovecot is not installed; run ./scripts/test, which installs "
                "dovecot-imapd and dovecot-lmtpd"
            )
        self.binary = found
        self.host = host
        self.imap_port, self.lmtp_port, self.imaps_port = free_ports(3, host)
        # Unix socket paths are limited to 107 bytes and pytest's tmp_path can be
        # too long for base_dir's sockets: keep the root short.
        self.root = Path(tempfile.mkdtemp(prefix="bq-", dir="/tmp"))
        self._instance = f"baiqau-test-{self.root.name}"
        self._passwords: dict[str, str] = {}
        self._proc: subprocess.Popen[bytes] | None = None
        self._group: int | None = None
        self._started_once = False
        self._prepare_root()
        _LIVE.add(self)

    # -- lifecycle ---------------------------------------------------------

    def _prepare_root(self) -> None:
        """Make the tree readable by Dovecot's unprivileged processes.

        mkdtemp's 0700 would lock out the auth process (it reads ``users``), and mail
        processes refuse to run as root, so mail is written as a system user.
        """
        user = _mail_user()
        self.root.chmod(0o755)
        for sub in ("run", "state", "users"):
            (self.root / sub).mkdir(exist_ok=True)
        mail = self.root / "mail"
        mail.mkdir(exist_ok=True)
        if os.geteuid() == 0:
            os.chown(mail, user.pw_uid, user.pw_gid)
        config = _CONFIG.format(
            root=self.root,
            instance=self._instance,
            host=self.host,
            uid=user.pw_uid,
            gid=user.pw_gid,
            imap_port=self.imap_port,
            lmtp_port=self.lmtp_port,
        )
        if os.geteuid() != 0:
            group = grp.getgrgid(user.pw_gid).gr_name
            config += _UNPRIVILEGED_CONFIG.format(user=user.pw_name, group=group)
        if self.tls is not None:
            certificate, key = self.tls
            config = config.replace("ssl = no\n", f"ssl = yes\nssl_cert = <{certificate}\n"
                                                   f"ssl_key = <{key}\n")
            config = config.replace("    port = 0\n", f"    port = {self.imaps_port}\n")
        self.config_path.write_text(config)
        (self.root / "users").chmod(0o755)

    @property
    def config_path(self) -> Path:
        return self.root / "dovecot.conf"

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def start(self) -> Self:
        """Start Dovecot and return once IMAP and LMTP answer their greetings.

        The first start re-picks ports if another process grabbed one meanwhile; later
        starts insist on the same ports, since clients under test are configured with them.
        """
        if self.running:
            return self
        if not self.root.exists():
            raise MailServerError(f"{self.root} was removed by close(); make a new Dovecot")
        for _attempt in range(5):
            try:
                self._spawn()
            except _PortTaken:
                if self._started_once:
                    raise MailServerError(
                        f"port {self.imap_port} or {self.lmtp_port} is taken by another "
                        f"process; Dovecot cannot restart on it\n{self.log_text()}"
                    ) from None
                self.imap_port, self.lmtp_port = free_ports(2, self.host)
                self._prepare_root()
                continue
            self._started_once = True
            return self
        raise MailServerError("Dovecot lost the race for a free port five times")

    def _spawn(self) -> None:
        # Locks a killed master may leave: a stale instances.lock makes the next master
        # wait (dotlock timeout) before it starts any service, so nothing answers.
        (self.root / "state" / "instances.lock").unlink(missing_ok=True)
        (self.root / "run" / "master.pid").unlink(missing_ok=True)
        log_seen = len(self.log_text())
        output = (self.root / "dovecot.out").open("ab")
        # -F keeps the master in the foreground (a daemon would keep our pipes open), and a
        # session of its own lets stop() signal every imap/lmtp child with it.
        try:
            with _sigterm_unblocked():
                self._proc = subprocess.Popen(
                    [self.binary, "-F", "-c", str(self.config_path)],
                    stdin=subprocess.DEVNULL,
                    stdout=output,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
        finally:
            output.close()
        proc = self._proc
        self._group = proc.pid
        try:
            deadline = time.monotonic() + START_TIMEOUT
            _await_greeting(self.host, self.imap_port, b"* OK", deadline, proc)
            _await_greeting(self.host, self.lmtp_port, b"220", deadline, proc)
        except MailServerError:
            self.stop()
            if "Address already in use" in self.log_text()[log_seen:]:
                raise _PortTaken from None
            raise MailServerError(f"Dovecot did not start:\n{self.log_text()}") from None

    def stop(self) -> None:
        """SIGTERM Dovecot's whole process group, then SIGKILL what is left of it.

        Signalling only the master would leave imap processes serving connected (idling)
        clients. Children usually exit within milliseconds, but two waits are not worth
        having: the master sleeps up to a second "to let listeners close" after its
        children are gone, and a log or anvil process stopped just after startup can
        hang in its shutdown for seconds. Whatever outlives ``STOP_GRACE`` is killed
        (``_spawn`` clears the pid file and lock a killed master leaves behind). Mail is
        safe: LMTP and IMAP finish writing before they answer.
        """
        proc, self._proc = self._proc, None
        if proc is None:
            return
        group = proc.pid
        _signal_group(group, signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE
        while set(_group_members(group)) - {group} and time.monotonic() < deadline:
            time.sleep(0.002)
        while True:
            _signal_group(group, signal.SIGKILL)
            proc.wait()
            if not _group_members(group):
                break
            time.sleep(0.002)

    def pids(self) -> list[int]:
        """Live processes of the latest start (master and children); [] once stopped."""
        return [] if self._group is None else _group_members(self._group)

    def restart(self) -> Self:
        """Stop and start again on the same ports and mail: a server restart as clients see it."""
        self.stop()
        return self.start()

    def kill_connections(self, address: str | None = None) -> None:
        """Drop every IMAP connection (of one user, if given) as a server-side failure would.

        Terminates the imap processes themselves, so clients see the socket close
        mid-session, and Dovecot keeps serving new connections.
        """
        if self._proc is None:
            return
        wanted = None if address is None else address.lower().encode()
        for pid in _group_members(self._proc.pid):
            try:
                title = Path(f"/proc/{pid}/cmdline").read_bytes()
            except OSError:
                continue
            # verbose_proctitle: "dovecot-<instance>/imap [user 127.0.0.1 IDLE]"
            match = re.search(rb"/imap \[(\S+)", title)
            if match and wanted in (None, match.group(1).lower()):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGTERM)

    def close(self) -> None:
        """Stop Dovecot and delete its directory, mail and all."""
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)
        _LIVE.discard(self)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "running" if self.running else "stopped"
        return f"<Dovecot {state} imap={self.host}:{self.imap_port} lmtp={self.lmtp_port}>"

    def log_text(self) -> str:
        """Dovecot's log and console output, for failure messages."""
        parts = []
        for name in ("dovecot.out", "dovecot.log"):
            with contextlib.suppress(OSError):
                parts.append((self.root / name).read_text(errors="replace"))
        return "".join(parts)

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
        _lmtp_send(self.host, self.lmtp_port, sender, address, raw, smtputf8=False)

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


class _PortTaken(Exception):
    """Dovecot could not bind a port picked for it."""


def _mail_user() -> pwd.struct_passwd:
    """Who owns mail: Dovecot refuses uid 0, so root runs mail as nobody."""
    if os.geteuid() == 0:
        return pwd.getpwnam("nobody")
    return pwd.getpwuid(os.geteuid())


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


@contextlib.contextmanager
def _sigterm_unblocked() -> Iterator[None]:
    """Children inherit the signal mask: a blocked SIGTERM would make Dovecot unstoppable."""
    old = signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _await_greeting(
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


def _group_members(group: int) -> list[int]:
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


def _signal_group(group: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(group, sig)


def _lmtp_send(
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


# ---------------------------------------------------------------------------
# SMTP relay


@dataclass(frozen=True)
class RelayedMessage:
    """One message the relay accepted (answered 250 to DATA) and delivered."""

    mail_from: str
    rcpt_tos: tuple[str, ...]
    data: bytes
    smtputf8: bool
    login: str | None
    """The AUTH user of the session, None if the client did not log in."""


class SmtpRelay:
    """An SMTP server on loopback that delivers into a Dovecot over LMTP.

    Stands in for baiqau's real SMTP provider: it accepts SMTPUTF8 and 8BITMIME, asks
    Dovecot about each recipient (unknown ones get 550), passes on Dovecot's 4xx/5xx
    replies, and answers 451 while Dovecot is down. AUTH PLAIN/LOGIN is offered without
    TLS and any credentials pass, because baiqau logs in when a username is configured.
    ``fail_temporarily`` and ``reject_recipient`` script failures for retry tests.
    """

    def __init__(self, dovecot: Dovecot, *, host: str = HOST, port: int | None = None,
                 tls: ssl.SSLContext | None = None, implicit_tls: bool = False) -> None:
        """`tls` offers STARTTLS; with `implicit_tls` the port speaks TLS from the start."""
        self.tls = tls
        self.implicit_tls = implicit_tls
        self.dovecot = dovecot
        self.host = host
        self.port = port or free_port(host)
        self._lock = threading.Lock()
        self._accepted: list[RelayedMessage] = []
        self._logins: list[tuple[str, str, str]] = []
        self._temporary_failure = False
        self._rejected: set[str] = set()
        self._controller: Controller | None = None
        _LIVE.add(self)

    # -- lifecycle ---------------------------------------------------------

    def start(self) -> Self:
        if self._controller is not None:
            return self
        # A stopped Controller has closed its event loop, so every start needs a new one.
        encryption: dict[str, ssl.SSLContext] = {}
        if self.tls is not None:
            encryption["ssl_context" if self.implicit_tls else "tls_context"] = self.tls
        controller = Controller(
            _RelayHandler(self),
            hostname=self.host,
            port=self.port,
            server_hostname="relay.example.test",  # the default getfqdn() can stall on DNS
            enable_SMTPUTF8=True,
            auth_require_tls=False,
            authenticator=self._authenticate,
            ready_timeout=START_TIMEOUT,
            **encryption,  # type: ignore[arg-type]
        )
        controller.start()
        self._controller = controller
        return self

    def stop(self) -> None:
        controller, self._controller = self._controller, None
        if controller is not None:
            controller.stop()

    def restart(self) -> Self:
        """Stop and start on the same port; open client connections are dropped."""
        self.stop()
        return self.start()

    def close(self) -> None:
        self.stop()
        _LIVE.discard(self)

    @property
    def running(self) -> bool:
        return self._controller is not None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "running" if self.running else "stopped"
        return f"<SmtpRelay {state} {self.host}:{self.port}>"

    # -- scripted failures -------------------------------------------------

    def fail_temporarily(self, on: bool = True) -> None:
        """While on, answer every MAIL, RCPT and DATA with 451, as a provider in trouble does."""
        self._temporary_failure = on

    def reject_recipient(self, address: str) -> None:
        """Answer RCPT for ``address`` with a permanent 550 from now on."""
        with self._lock:
            self._rejected.add(address.lower())

    def reset(self) -> None:
        """Forget scripted failures (not what was accepted)."""
        self._temporary_failure = False
        with self._lock:
            self._rejected.clear()

    # -- what was accepted ---------------------------------------------------

    @property
    def accepted(self) -> list[RelayedMessage]:
        """Every message accepted so far, oldest first (a copy)."""
        with self._lock:
            return list(self._accepted)

    def accepted_for(self, address: str) -> list[RelayedMessage]:
        """Accepted messages addressed to ``address``: what one test's accounts received."""
        wanted = address.lower()
        return [m for m in self.accepted if wanted in (r.lower() for r in m.rcpt_tos)]

    @property
    def logins(self) -> list[tuple[str, str, str]]:
        """(mechanism, user, password) of every AUTH, oldest first."""
        with self._lock:
            return list(self._logins)

    # -- server side -------------------------------------------------------

    def _authenticate(
        self, server: SMTP, session: Session, envelope: Envelope, mechanism: str, data: Any
    ) -> AuthResult:
        """Let any client in, remembering who it claimed to be."""
        if isinstance(data, LoginPassword):
            with self._lock:
                self._logins.append(
                    (
                        mechanism,
                        data.login.decode(errors="replace"),
                        data.password.decode(errors="replace"),
                    )
                )
        return AuthResult(success=True, auth_data=data)

    def _check_recipient(self, address: str) -> str | None:
        """An SMTP reply refusing ``address``, or None: asks Dovecot over LMTP (MAIL, RCPT)."""
        if self._temporary_failure:
            return "451 4.3.0 Test relay failing temporarily"
        with self._lock:
            if address.lower() in self._rejected:
                return f"550 5.1.1 <{address}>: Recipient rejected by test relay"
        try:
            with smtplib.LMTP(self.dovecot.host, self.dovecot.lmtp_port, timeout=NET_TIMEOUT) as lm:
                lm.ehlo()
                lm.mail("")
                code, text = lm.rcpt(address)
                lm.rset()
        except UnicodeEncodeError:
            return f"553 5.6.7 <{address}>: Dovecot's LMTP has no SMTPUTF8 for such addresses"
        except (OSError, smtplib.SMTPException) as error:
            return f"451 4.4.1 Dovecot LMTP unavailable: {_one_line(str(error))}"
        return None if code < 400 else _reply(code, text)

    def _deliver(self, envelope: Envelope, login: str | None) -> str:
        """Deliver to each recipient in its own LMTP transaction; the first failure is the answer.

        A 4xx from Dovecot stays a 4xx and a 5xx a 5xx, so the client sees what a real
        relay would pass on.
        """
        if self._temporary_failure:
            return "451 4.3.0 Test relay failing temporarily"
        raw = envelope.original_content or b""
        sender = envelope.mail_from or ""
        for rcpt in envelope.rcpt_tos:
            try:
                _lmtp_send(
                    self.dovecot.host,
                    self.dovecot.lmtp_port,
                    sender,
                    rcpt,
                    raw,
                    smtputf8=envelope.smtp_utf8,
                )
            except smtplib.SMTPRecipientsRefused as error:
                code, text = next(iter(error.recipients.values()))
                return _reply(code, text)
            except smtplib.SMTPResponseException as error:
                return _reply(error.smtp_code, error.smtp_error)
            except (OSError, smtplib.SMTPException) as error:
                return f"451 4.4.1 Dovecot LMTP unavailable: {_one_line(str(error))}"
        message = RelayedMessage(sender, tuple(envelope.rcpt_tos), raw, envelope.smtp_utf8, login)
        with self._lock:
            self._accepted.append(message)
        return f"250 2.0.0 Delivered to {len(envelope.rcpt_tos)} recipient(s)"


class _RelayHandler:
    """aiosmtpd hooks; blocking LMTP work runs in a thread so sessions do not queue."""

    def __init__(self, relay: SmtpRelay) -> None:
        self.relay = relay

    async def handle_MAIL(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        if self.relay._temporary_failure:
            return "451 4.3.0 Test relay failing temporarily"
        envelope.mail_from = address
        envelope.mail_options.extend(options)
        return "250 OK"

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        refusal = await asyncio.to_thread(self.relay._check_recipient, address)
        if refusal is not None:
            return refusal
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(options)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        auth = session.auth_data
        login = auth.login.decode(errors="replace") if isinstance(auth, LoginPassword) else None
        return await asyncio.to_thread(self.relay._deliver, envelope, login)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _reply(code: int, text: bytes | str) -> str:
    """An SMTP reply line from an LMTP one; anything odd becomes a temporary failure."""
    if isinstance(text, bytes):
        text = text.decode(errors="replace")
    if not 400 <= code <= 599:
        return f"451 4.4.0 Unexpected LMTP reply {code} {_one_line(text)}"
    return f"{code} {_one_line(text)}"


# ---------------------------------------------------------------------------


@atexit.register
def _close_all() -> None:
    """Nothing outlives the Python process that started it, whatever a test forgot."""
    for server in list(_LIVE):
        with contextlib.suppress(Exception):
            server.close()
