"""A private Dovecot (IMAP + LMTP) on loopback for baiqau's tests: its config and its processes.

It runs from a short temporary directory with a config written for it (nothing under
/etc/dovecot is read), as root or as an ordinary user, and stops with every process it
forked; its mailboxes are in ``dovecot_mailboxes``, what it shares with the SMTP relay in
``mailservers``.

The details below each answer a pitfall hit with Dovecot 2.3 (Debian 12):

- Dovecot refuses to run mail processes as uid 0: as root, mail belongs to ``nobody``; as
  an ordinary user, that user is Dovecot's internal and login user and nothing chroots.
- Unix socket paths are limited to 107 bytes, and pytest's ``tmp_path`` can be longer:
  the server lives in a short temporary directory, made readable (``mkdtemp`` gives 0700).
- Failed logins are delayed 2 s and more, trusted network or not: ``auth_failure_delay
  = 0`` and the ``anvil-auth-penalty`` listener with ``mode = 0`` lift it (0.5 s remain).
- The default of 10 connections per user and IP is too few for parallel clients.
- Without ``-F`` the daemon keeps the caller's pipes open and the test run hangs; SIGTERM
  to the master alone leaves imap processes serving idling clients, so Dovecot runs in a
  session of its own and the whole group is signalled. A blocked SIGTERM is inherited by
  the children, which then only SIGKILL stops.
- Over LMTP, Dovecot answers DATA once per recipient, which puts ``smtplib.LMTP`` out of
  step: one transaction per recipient.
"""

from __future__ import annotations

import contextlib
import grp
import os
import pwd
import re
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType
from typing import Self

from dovecot_mailboxes import DovecotMailboxes
from mailservers import (
    HOST,
    START_TIMEOUT,
    MailServerError,
    close_at_exit,
    forget_at_exit,
    free_ports,
)
from processgroups import await_greeting, group_members, signal_group, sigterm_unblocked

__all__ = ["Dovecot", "dovecot_binary"]

STOP_GRACE = 0.5
"""How long Dovecot's children get to exit on SIGTERM; then the whole group is SIGKILLed."""


def dovecot_binary() -> str | None:
    """Where Dovecot is installed, or None: /usr/sbin is often not on a user's PATH."""
    found = shutil.which("dovecot")
    if found:
        return found
    return "/usr/sbin/dovecot" if os.access("/usr/sbin/dovecot", os.X_OK) else None


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


class Dovecot(DovecotMailboxes):
    """A private Dovecot (IMAP + LMTP) in a short temporary directory.

    ``add_user``/``new_account`` (from ``DovecotMailboxes``) work while the server runs
    (each user is a passwd-file Dovecot looks up on every login). ``stop``/``restart``
    keep the directory, so mail survives a restart on the same ports; ``close`` also
    deletes it. Runs as root (mail then belongs to ``nobody``) or as an ordinary user.
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
        close_at_exit(self)

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
            with sigterm_unblocked():
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
            await_greeting(self.host, self.imap_port, b"* OK", deadline, proc)
            await_greeting(self.host, self.lmtp_port, b"220", deadline, proc)
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
        signal_group(group, signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE
        while set(group_members(group)) - {group} and time.monotonic() < deadline:
            time.sleep(0.002)
        while True:
            signal_group(group, signal.SIGKILL)
            proc.wait()
            if not group_members(group):
                break
            time.sleep(0.002)

    def pids(self) -> list[int]:
        """Live processes of the latest start (master and children); [] once stopped."""
        return [] if self._group is None else group_members(self._group)

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
        for pid in group_members(self._proc.pid):
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
        forget_at_exit(self)

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


class _PortTaken(Exception):
    """Dovecot could not bind a port picked for it."""


def _mail_user() -> pwd.struct_passwd:
    """Who owns mail: Dovecot refuses uid 0, so root runs mail as nobody."""
    if os.geteuid() == 0:
        return pwd.getpwnam("nobody")
    return pwd.getpwuid(os.geteuid())
