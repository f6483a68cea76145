"""Application emails built the way real mail clients build them, byte for byte.

Each builder returns raw bytes with CRLF line ends, as the client would hand them to
its SMTP server: mail.ru's web mail (multipart/alternative, base64 UTF-8), Gmail
(quoted-printable, an HTML twin), Outlook in Russia (windows-1251), a phone's mail app
(format=flowed plain text), an HTML-only sender, and a forward.
"""

from __future__ import annotations

import base64
import quopri
import uuid
from datetime import UTC, datetime
from email.header import Header
from email.utils import format_datetime, formataddr

# Real file starts: what makes a file a video or a photo by its content.
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + bytes(range(256)) * 40
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + bytes(4000)


def _headers(sender: str, name: str, to: str, subject: str, extra: str = "") -> str:
    return (
        f"From: {formataddr((name, sender), charset='utf-8')}\r\n"
        f"To: {to}\r\n"
        f"Subject: {Header(subject, 'utf-8').encode()}\r\n"
        f"Date: {format_datetime(datetime(2026, 3, 20, 10, 0, tzinfo=UTC))}\r\n"
        f"Message-ID: <{uuid.uuid4().hex}@client.example.test>\r\n"
        f"MIME-Version: 1.0\r\n{extra}"
    )


def _b64(data: bytes) -> str:
    encoded = base64.encodebytes(data).decode("ascii")
    return encoded.replace("\n", "\r\n")


def _attachment(filename: str, data: bytes, mime: str) -> str:
    encoded_name = Header(filename, "utf-8").encode()
    return (
        f"Content-Type: {mime}; name=\"{encoded_name}\"\r\n"
        f"Content-Disposition: attachment; filename=\"{encoded_name}\"\r\n"
        "Content-Transfer-Encoding: base64\r\n\r\n"
        f"{_b64(data)}"
    )


def _html(text: str) -> str:
    lines = "".join(f"<div>{line or '<br>'}</div>" for line in text.splitlines())
    return f"<html><body>{lines}</body></html>"


def mailru_web(sender: str, name: str, to: str, subject: str, text: str,
               files: list[tuple[str, bytes, str]] = ()) -> bytes:  # type: ignore[assignment]
    """mail.ru's web mail: mixed > alternative (plain + HTML), base64 UTF-8 everywhere."""
    outer, inner = f"----{uuid.uuid4().hex}", f"----{uuid.uuid4().hex}"
    parts = [
        f"--{inner}\r\nContent-Type: text/plain; charset=utf-8\r\n"
        f"Content-Transfer-Encoding: base64\r\n\r\n{_b64(text.encode())}",
        f"--{inner}\r\nContent-Type: text/html; charset=utf-8\r\n"
        f"Content-Transfer-Encoding: base64\r\n\r\n{_b64(_html(text).encode())}",
    ]
    alternative = "\r\n".join(parts) + f"\r\n--{inner}--\r\n"
    body = (f"--{outer}\r\nContent-Type: multipart/alternative; boundary=\"{inner}\"\r\n\r\n"
            f"{alternative}")
    for filename, data, mime in files:
        body += f"\r\n--{outer}\r\n{_attachment(filename, data, mime)}"
    body += f"\r\n--{outer}--\r\n"
    head = _headers(sender, name, to, subject,
                    f"Content-Type: multipart/mixed; boundary=\"{outer}\"\r\n"
                    "X-Mailer: Mail.Ru Mailer 1.0\r\n")
    return (head + "\r\n" + body).encode("ascii")


def gmail(sender: str, name: str, to: str, subject: str, text: str,
          files: list[tuple[str, bytes, str]] = ()) -> bytes:  # type: ignore[assignment]
    """Gmail: alternative parts in quoted-printable UTF-8, attachments after."""
    outer, inner = f"000000000000{uuid.uuid4().hex[:12]}", f"000000000000{uuid.uuid4().hex[:12]}"
    plain = quopri.encodestring(text.encode()).decode("ascii").replace("\n", "\r\n")
    html = quopri.encodestring(_html(text).encode()).decode("ascii").replace("\n", "\r\n")
    body = (f"--{outer}\r\nContent-Type: multipart/alternative; boundary=\"{inner}\"\r\n\r\n"
            f"--{inner}\r\nContent-Type: text/plain; charset=\"UTF-8\"\r\n"
            f"Content-Transfer-Encoding: quoted-printable\r\n\r\n{plain}\r\n"
            f"--{inner}\r\nContent-Type: text/html; charset=\"UTF-8\"\r\n"
            f"Content-Transfer-Encoding: quoted-printable\r\n\r\n{html}\r\n--{inner}--\r\n")
    for filename, data, mime in files:
        body += f"--{outer}\r\n{_attachment(filename, data, mime)}\r\n"
    body += f"--{outer}--\r\n"
    head = _headers(sender, name, to, subject,
                    f"Content-Type: multipart/mixed; boundary=\"{outer}\"\r\n")
    return (head + "\r\n" + body).encode("ascii")


def outlook_1251(sender: str, name: str, to: str, subject: str, text: str) -> bytes:
    """Outlook on a Russian Windows: windows-1251, quoted-printable, an encoded subject."""
    plain = quopri.encodestring(text.encode("cp1251")).decode("ascii").replace("\n", "\r\n")
    head = (
        f"From: \"{Header(name, 'windows-1251').encode()}\" <{sender}>\r\n"
        f"To: {to}\r\n"
        f"Subject: {Header(subject, 'windows-1251').encode()}\r\n"
        f"Date: {format_datetime(datetime(2026, 3, 20, 10, 0, tzinfo=UTC))}\r\n"
        f"Message-ID: <{uuid.uuid4().hex}@outlook.example.test>\r\n"
        "MIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=\"windows-1251\"\r\n"
        "Content-Transfer-Encoding: quoted-printable\r\n"
        "X-Mailer: Microsoft Outlook 16.0\r\n"
    )
    return (head + "\r\n" + plain + "\r\n").encode("ascii")


def phone_app(sender: str, name: str, to: str, subject: str, text: str) -> bytes:
    """A phone's mail app: one plain UTF-8 part, format=flowed, 8bit."""
    head = _headers(sender, name, to, subject,
                    "Content-Type: text/plain; charset=utf-8; format=flowed\r\n"
                    "Content-Transfer-Encoding: 8bit\r\n")
    body = text.replace("\n", "\r\n") + "\r\n\r\nОтправлено из мобильной Почты Mail.ru\r\n"
    return head.encode("ascii") + b"\r\n" + body.encode("utf-8")


def html_only(sender: str, name: str, to: str, subject: str, text: str) -> bytes:
    head = _headers(sender, name, to, subject,
                    "Content-Type: text/html; charset=utf-8\r\n"
                    "Content-Transfer-Encoding: base64\r\n")
    return (head + "\r\n" + _b64(_html(text).encode())).encode("ascii")


def forwarded(sender: str, name: str, to: str, subject: str, text: str) -> bytes:
    """A forward typed above the original, as web mail writes it inline."""
    quoted = (
        "Пересылаю заявку, отправила не на тот адрес.\n\n"
        "-------- Пересылаемое сообщение --------\n"
        f"От кого: {name} <{sender}>\nТема: {subject}\n\n{text}"
    )
    return phone_app(sender, name, to, f"Fwd: {subject}", quoted)
