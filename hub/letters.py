"""Turning an outbox row into the email that goes out.

Every answer baiqau sends says it is an automatic reply (RFC 3834 `Auto-Submitted`) and
carries our `X-Loop`, so well-behaved responders stay quiet and our own router
recognises the mail if it ever comes back to the contest mailbox.
"""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import format_datetime, formataddr

from hub.config import SmtpConfig
from hub.headers import header_safe
from hub.models import OutboundMessage

AUTO_SUBMITTED = "auto-replied"


def loop_value(smtp: SmtpConfig) -> str:
    return smtp.from_address.lower()


def _mailbox(name: str, address: str) -> str:
    if address.isascii():
        return formataddr((header_safe(name), address))
    # An internationalised address (RFC 6532) cannot be written by formataddr; it goes
    # out as it is, and smtplib asks the server for SMTPUTF8 to carry it.
    return address


def compose(row: OutboundMessage, smtp: SmtpConfig) -> EmailMessage:
    message = EmailMessage()
    message["From"] = formataddr((header_safe(smtp.from_name), smtp.from_address))
    message["To"] = _mailbox(row.to_name, row.to_address)
    message["Subject"] = header_safe(row.subject, limit=400)
    message["Date"] = format_datetime(row.created_at)
    message["Message-ID"] = row.message_id
    if row.in_reply_to:
        message["In-Reply-To"] = row.in_reply_to
    if row.references:
        message["References"] = row.references
    message["Auto-Submitted"] = AUTO_SUBMITTED
    message["X-Loop"] = loop_value(smtp)
    message.set_content(row.body_text, charset="utf-8")
    # After set_content, which replaces the Content-* headers.
    if row.language:
        message["Content-Language"] = row.language
    return message
