"""A whole baiqau contest wired to the test mail servers, for end-to-end tests.

`Contest` writes a real config.toml (so a subprocess `baiqau` can use it too), makes the
contest's and the organizer's mailboxes on the test Dovecot, and lets a test send mail
the way an entrant would (SMTP to the relay), run a round, and read what people got.
"""

from __future__ import annotations

import email
import email.policy
import os
import smtplib
import subprocess
import sys
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from dovecot import Dovecot
from dovecot_mailboxes import MailAccount
from smtprelay import SmtpRelay

from baiqau.service import MAIL_KINDS
from hub.clock import Clock, load_zone
from hub.config import Config, load_config
from hub.context import Context, open_context
from hub.mail.handling import Handler
from hub.mail.kinds import MailKind
from hub.mail.outbox import SendReport
from hub.mail.poller import PollReport
from hub.mail.rounds import make_poller, outbox_round, poll_round

ROOT = Path(__file__).resolve().parent.parent
PASSWORD_ENV = "BAIQAU_TEST_PASSWORD"  # the name of a variable, not a password


def _local(days: int) -> str:
    """A moment `days` from now on the contest's wall clock (Asia/Almaty), for the TOML."""
    moment = datetime.now(load_zone("Asia/Almaty")) + timedelta(days=days)
    return moment.replace(tzinfo=None, microsecond=0).isoformat()


def toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{key} = {toml_value(item)}" for key, item in value.items()) + " }"
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'


def write_toml(path: Path, sections: dict[str, Any]) -> None:
    """Sections as tables; a section given as a list of tables is an array of tables
    (`[[prizes]]`)."""
    lines = []
    for name, values in sections.items():
        if isinstance(values, list):
            for table in values:
                lines.append(f"[[{name}]]")
                lines.extend(f"{key} = {toml_value(value)}" for key, value in table.items())
                lines.append("")
            continue
        lines.append(f"[{name}]")
        lines.extend(f"{key} = {toml_value(value)}" for key, value in values.items())
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


@dataclass
class Contest:
    dovecot: Dovecot
    relay: SmtpRelay
    root: Path
    overrides: dict[str, Any] = field(default_factory=dict)
    clock: Clock | None = None
    handlers: dict[Any, Handler] | None = None

    def __post_init__(self) -> None:
        self.mailbox = self.dovecot.new_account("contest")
        self.organizer = self.dovecot.new_account("organizer")
        os.environ[PASSWORD_ENV] = self.mailbox.password
        self.config_path = self.root / "config.toml"
        write_toml(self.config_path, self.sections())
        self.config: Config = load_config(self.config_path)
        self.context: Context = open_context(self.config, self.clock)
        self.poller = make_poller(self.context, self.kinds())

    def kinds(self) -> list[MailKind]:
        """The service's kinds of mail; a test's own `handlers` replace all of theirs."""
        if self.handlers is None:
            return list(MAIL_KINDS)
        return [MailKind(
            name="test",
            detectors=[detect for kind in MAIL_KINDS for detect in kind.detectors],
            handlers=self.handlers,
            lookups=[lookups for kind in MAIL_KINDS for lookups in kind.lookups],
        )]

    def sections(self) -> dict[str, Any]:
        sections: dict[str, Any] = {
            "contest": {
                "name": {"kk": "«Шаңырақ» креативті хабы", "ru": "Креативный хаб «Шаңырақ»",
                         "en": "Shanyraq creative hub"},
                "timezone": "Asia/Almaty",
                "default_language": "kk",
                "organizers": [self.organizer.address],
            },
            # Mail delivered over SMTP arrives now (INTERNALDATE is the server's clock),
            # so the window is open around the real time; tests of the exact minute put
            # mail in with APPEND and an INTERNALDATE of their own.
            "intake": {"opens": _local(-30), "closes": _local(30)},
            "mailbox": {
                "host": self.dovecot.host, "port": self.dovecot.imap_port, "security": "none",
                "username": self.mailbox.address, "password_env": PASSWORD_ENV,
                "poll_interval_seconds": 1, "timeout_seconds": 10,
            },
            "smtp": {
                "host": self.relay.host, "port": self.relay.port, "security": "none",
                "from_address": self.mailbox.address, "from_name": "Шаңырақ",
                "timeout_seconds": 10,
            },
            "outbox": {"retry_base_seconds": 1},
            "database": {"url": f"sqlite:///{self.root / 'baiqau.db'}"},
            "storage": {"path": str(self.root / "var")},
        }
        for name, values in self.overrides.items():
            if isinstance(values, list):
                sections[name] = values
            else:
                sections.setdefault(name, {}).update(values)
        return sections

    # -- acting as the world ---------------------------------------------------------

    def entrant(self, prefix: str = "entrant") -> MailAccount:
        return self.dovecot.new_account(prefix)

    def send(self, message: EmailMessage | bytes, sender: str, to: str | None = None) -> None:
        """Submit over SMTP to the relay, as an entrant's mail client would."""
        # On the wire lines end in CRLF; smtplib does not fix the line ends of bytes.
        if isinstance(message, EmailMessage):
            raw = message.as_bytes(policy=message.policy.clone(linesep="\r\n"))
        else:
            raw = message
        with smtplib.SMTP(self.relay.host, self.relay.port, timeout=10) as client:
            client.sendmail(sender, [to or self.mailbox.address], raw)

    def received(self, account: MailAccount, count: int = 1,
                 timeout: float = 10.0) -> list[EmailMessage]:
        raws = self.dovecot.wait_for_messages(account.address, count, timeout=timeout)
        return [parse(raw) for raw in raws]

    # -- acting as baiqau --------------------------------------------------------------

    def poll(self) -> PollReport:
        return poll_round(self.poller)

    def send_outbox(self) -> SendReport:
        return outbox_round(self.context)

    def round(self) -> tuple[PollReport, SendReport]:
        return self.poll(), self.send_outbox()

    def cli(self, *args: str, env: dict[str, str] | None = None,
            timeout: float = 120) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "baiqau", "--config", str(self.config_path), *args],
            capture_output=True, text=True, timeout=timeout, cwd=ROOT,
            env={**os.environ, **(env or {})},
        )


def parse(raw: bytes) -> EmailMessage:
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


def body_text(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    content = part.get_content()
    assert isinstance(content, str)
    return content


def new_message(
    sender: str,
    to: str,
    subject: str,
    body: str,
    *,
    name: str = "",
    headers: dict[str, str] | None = None,
    attachments: list[tuple[str, bytes, str]] | None = None,
    message_id: str | None = None,
) -> EmailMessage:
    message = EmailMessage()
    message["From"] = f"{name} <{sender}>" if name else sender
    message["To"] = to
    message["Subject"] = subject
    message["Message-ID"] = message_id or f"<{uuid.uuid4().hex}@entrant.example.test>"
    for key, value in (headers or {}).items():
        message[key] = value
    message.set_content(body)
    for filename, data, mime in attachments or []:
        maintype, _, subtype = mime.partition("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return message


Factory = Callable[..., Contest]
