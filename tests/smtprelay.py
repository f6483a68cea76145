"""An SMTP relay on loopback for baiqau's tests: aiosmtpd, delivering into the test Dovecot.

It stands in for the SMTP provider baiqau sends its answers through: what it accepts
lands in a real mailbox (``dovecot.Dovecot``, over LMTP), what Dovecot refuses it
refuses with the same class of reply, and tests can script its failures.
"""

from __future__ import annotations

import asyncio
import logging
import smtplib
import ssl
import threading
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Self

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session
from dovecot import Dovecot
from dovecot_mailboxes import lmtp_send
from mailservers import HOST, NET_TIMEOUT, START_TIMEOUT, close_at_exit, forget_at_exit, free_port

__all__ = ["RelayedMessage", "SmtpRelay"]


class _QuietLoginData(logging.Filter):
    """aiosmtpd 1.4 warns about its own use of ``Session.login_data`` on every AUTH."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "login_data is deprecated" not in record.getMessage()


logging.getLogger("mail.log").addFilter(_QuietLoginData())


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
        close_at_exit(self)

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
        forget_at_exit(self)

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
                lmtp_send(
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
