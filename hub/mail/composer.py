"""Turning an outbox row into the email that goes out.

Every answer baiqau sends says it is an automatic reply (RFC 3834 `Auto-Submitted`) and
carries our `X-Loop`, so well-behaved responders stay quiet and our own router
recognises the mail if it ever comes back to the contest mailbox.

The headers are encoded with `email.header.Header` (the compat32 API) on purpose: in
Python 3.11 the newer `EmailMessage` folder drops the space between words when it
folds a long non-ASCII header (CPython gh-144156), so a Kazakh subject such as
"Re: ««Шаңырақ» креативті хабы»: …" arrived as "…креативтіхабы»…".
"""

from __future__ import annotations

import json
from email import encoders
from email.header import Header
from email.message import Message
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import format_datetime, formataddr
from pathlib import Path

from hub.config import SmtpConfig
from hub.db import as_utc
from hub.mail.headers import header_safe
from hub.models import OutboundMessage

AUTO_SUBMITTED = "auto-replied"
CHARSET = "utf-8"


def loop_value(smtp: SmtpConfig) -> str:
    return smtp.from_address.lower()


def _mailbox(name: str, address: str) -> str:
    if address.isascii():
        return formataddr((header_safe(name), address), charset=CHARSET)
    # An internationalised address (RFC 6532) cannot be written by formataddr; it goes
    # out as it is, and smtplib asks the server for SMTPUTF8 to carry it.
    return address


def compose(row: OutboundMessage, smtp: SmtpConfig, storage: Path | None = None) -> Message:
    """The email for an outbox row; its attachments are read from the `storage` folder.

    Plain text alone; or plain text with an HTML alternative whose pictures (a `cid:`
    chart) ride beside it in multipart/related; and the files, if any, after the text in
    multipart/mixed. Mail clients without HTML show the plain text, which says it all.
    """
    attachments = json.loads(row.attachments_json or "[]")
    if attachments and storage is None:
        raise ValueError("this email has attachments and no storage folder was given")
    inline = [item for item in attachments if item.get("content_id")]
    files = [item for item in attachments if not item.get("content_id")]
    message: Message = MIMEText(row.body_text, "plain", CHARSET)
    if row.body_html:
        alternative = MIMEMultipart("alternative")
        alternative.attach(message)
        html = MIMEText(row.body_html, "html", CHARSET)
        if inline:
            assert storage is not None
            related = MIMEMultipart("related")
            related.attach(html)
            for item in inline:
                related.attach(_inline(storage / item["path"], item["filename"],
                                       item.get("content_type", "image/png"),
                                       item["content_id"]))
            alternative.attach(related)
        else:
            alternative.attach(html)
        message = alternative
    if files:
        assert storage is not None
        mixed = MIMEMultipart("mixed")
        mixed.attach(message)
        for item in files:
            mixed.attach(_attachment(storage / item["path"], item["filename"],
                                     item.get("content_type", "application/octet-stream")))
        message = mixed
    message["From"] = _mailbox(smtp.from_name, smtp.from_address)
    message["To"] = _mailbox(row.to_name, row.to_address)
    # compat32 takes a Header as a value (documented); typeshed only knows str.
    message["Subject"] = Header(  # type: ignore[assignment]
        header_safe(row.subject, limit=400), CHARSET, header_name="Subject")
    created = as_utc(row.created_at)
    assert created is not None
    message["Date"] = format_datetime(created)
    message["Message-ID"] = row.message_id
    if row.in_reply_to:
        message["In-Reply-To"] = row.in_reply_to
    if row.references:
        message["References"] = row.references
    message["Auto-Submitted"] = AUTO_SUBMITTED
    message["X-Loop"] = loop_value(smtp)
    if row.language:
        message["Content-Language"] = row.language
    return message


def _attachment(path: Path, filename: str, content_type: str) -> MIMEBase:
    maintype, _, subtype = content_type.partition("/")
    part = MIMEBase(maintype or "application", subtype or "octet-stream")
    part.set_payload(path.read_bytes())
    encoders.encode_base64(part)
    # RFC 2231 for a Kazakh or Russian file name, which every client we know shows right.
    part.add_header("Content-Disposition", "attachment",
                    filename=(CHARSET, "", header_safe(filename, limit=200)))
    return part


def _inline(path: Path, filename: str, content_type: str, content_id: str) -> MIMEBase:
    part = _attachment(path, filename, content_type)
    part.replace_header("Content-Disposition", f'inline; filename="{header_safe(filename)}"')
    part["Content-ID"] = f"<{content_id}>"
    return part
