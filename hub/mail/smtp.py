"""Talking to the SMTP server: connect per config, send, and say whether a failure is
worth retrying. Only temporary failures (4xx, a dropped connection) are; a 5xx is final.
"""

from __future__ import annotations

import smtplib
from email.message import Message
from types import TracebackType

from hub.config import Security, SmtpConfig


class SendFailure(Exception):
    """An email was not accepted. `temporary` says whether trying later may help."""

    def __init__(self, message: str, *, temporary: bool) -> None:
        super().__init__(message)
        self.temporary = temporary


class SmtpTransport:
    """One SMTP connection, opened on first use and reused for a batch of sends."""

    def __init__(self, config: SmtpConfig) -> None:
        self._config = config
        self._client: smtplib.SMTP | None = None

    def __enter__(self) -> SmtpTransport:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        if self._client is not None:
            try:
                self._client.quit()
            except (smtplib.SMTPException, OSError):
                self._client.close()
            self._client = None

    def _connect(self) -> smtplib.SMTP:
        config = self._config
        timeout = config.timeout_seconds
        client: smtplib.SMTP
        if config.security is Security.SSL:
            client = smtplib.SMTP_SSL(
                config.host, config.port, timeout=timeout, context=config.tls_context()
            )
        else:
            client = smtplib.SMTP(config.host, config.port, timeout=timeout)
            if config.security is Security.STARTTLS:
                client.starttls(context=config.tls_context())
        if config.username:
            client.login(config.username, config.password())
        return client

    def _options_for(self, recipient: str) -> list[str]:
        if recipient.isascii():
            return []
        # An internationalised address (RFC 6531) travels only where the server says so.
        assert self._client is not None
        self._client.ehlo_or_helo_if_needed()
        if not self._client.has_extn("smtputf8"):
            raise smtplib.SMTPNotSupportedError("the SMTP server does not offer SMTPUTF8")
        return ["SMTPUTF8"]

    def send(self, message: Message, recipient: str) -> None:
        try:
            if self._client is None:
                self._client = self._connect()
            # SMTP lines end in CRLF; bare LFs are refused by careful servers (and are
            # how SMTP smuggling starts).
            wire = message.as_bytes(policy=message.policy.clone(linesep="\r\n"))
            refused = self._client.sendmail(
                self._config.from_address, [recipient], wire,
                mail_options=self._options_for(recipient),
            )
        except smtplib.SMTPRecipientsRefused as error:
            self.close()
            code, reply = next(iter(error.recipients.values()))
            raise _failure(code, reply) from error
        except smtplib.SMTPNotSupportedError as error:
            # The server cannot carry an internationalised address: trying later won't help.
            self.close()
            raise SendFailure(str(error), temporary=False) from error
        except smtplib.SMTPResponseException as error:
            # A broken session is not to be reused for the next message.
            self.close()
            raise _failure(error.smtp_code, error.smtp_error) from error
        except (smtplib.SMTPException, OSError) as error:
            self.close()
            raise SendFailure(f"{type(error).__name__}: {error}", temporary=True) from error
        if refused:
            code, reply = next(iter(refused.values()))
            raise _failure(code, reply)


def _failure(code: int, reply: bytes | str) -> SendFailure:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else reply
    # 5xx is permanent (RFC 5321 4.2.1) except auth trouble (535), which is our config
    # and fixed by a person: keep the mail and retry rather than drop it.
    temporary = not (500 <= code < 600) or code in (530, 535)
    return SendFailure(f"{code} {text}", temporary=temporary)
