"""A stored message, read: its headers, its text and its attachments on disk.

Small messages are read with mail-parser from memory. Large ones (over
`mailbox.large_message_bytes`) are read by `hub.mail.mimestream` straight from the
stored file, so a 25 MB video is never held in memory as a whole, let alone three
times (raw, base64 text, decoded). Either way the handlers get the same `Letter`.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import shutil
from dataclasses import dataclass, field
from email.header import decode_header, make_header
from email.message import Message
from email.parser import BytesHeaderParser
from email.policy import compat32
from pathlib import Path
from typing import Any

import mailparser

from hub.mail.charsets import decode_text
from hub.mail.headers import first_address, header_safe, message_ids
from hub.mail.mimestream import read_message

log = logging.getLogger(__name__)
# mail-parser logs a warning for every content type it has no special handling for.
logging.getLogger("mailparser").setLevel(logging.ERROR)

HEADER_LIMIT = 256 * 1024


@dataclass(frozen=True)
class Attachment:
    filename: str  # as the sender named it, decoded; never used as a path
    content_type: str
    size: int
    sha256: str
    path: Path  # where baiqau keeps the decoded bytes, under a name of its own
    content_id: str = ""
    inline: bool = False


@dataclass
class Letter:
    headers: Message
    message_id: str
    sender: str
    sender_name: str
    subject: str
    in_reply_to: str
    references: list[str]
    text_plain: str = ""
    text_html: str = ""
    attachments: list[Attachment] = field(default_factory=list)
    defects: list[str] = field(default_factory=list)

    def header(self, name: str) -> str:
        """A header's decoded text, one line, '' when missing or unreadable."""
        return decoded_header(self.headers, name)

    def header_count(self, name: str) -> int:
        return len(self.headers.get_all(name) or [])


def decoded_header(headers: Message, name: str) -> str:
    raw = headers.get(name)
    if raw is None:
        return ""
    try:
        text = str(make_header(decode_header(str(raw))))
    except (ValueError, LookupError, UnicodeError, AssertionError):
        text = str(raw)
    return header_safe(text, limit=2000)



def _decode_words(text: str) -> str:
    try:
        decoded = str(make_header(decode_header(text)))
    except (ValueError, LookupError, UnicodeError, AssertionError):
        decoded = text
    return header_safe(decoded)


def read_header_block(path: Path) -> Message:
    """The top-level headers of a stored message, read without reading its body."""
    with path.open("rb") as file:
        block = file.read(HEADER_LIMIT)
    for separator in (b"\r\n\r\n", b"\n\n"):
        end = block.find(separator)
        if end != -1:
            block = block[: end + len(separator)]
            break
    return BytesHeaderParser(policy=compat32).parsebytes(block)


def read_letter(raw_path: Path, parts_dir: Path, *, large_bytes: int) -> Letter:
    """Read a stored message; decoded parts are written afresh under `parts_dir`."""
    if parts_dir.exists():
        shutil.rmtree(parts_dir)
    headers = read_header_block(raw_path)
    letter = envelope_of(headers)
    if raw_path.stat().st_size > large_bytes:
        _read_streaming(letter, raw_path, parts_dir)
    else:
        _read_in_memory(letter, raw_path.read_bytes(), parts_dir)
    return letter


def envelope_of(headers: Message) -> Letter:
    # The address comes from the header as it arrived: decoding first would let an
    # encoded display name such as "=?utf-8?q?x=0D=0ABcc=3A_victim@...?=" smuggle in
    # an address of its choosing. Only the display name is decoded.
    encoded_name, sender = first_address(str(headers.get("From", "")))
    sender_name = _decode_words(encoded_name)
    return Letter(
        headers=headers,
        message_id=_first_id(decoded_header(headers, "Message-ID")),
        sender=sender,
        sender_name=sender_name,
        subject=decoded_header(headers, "Subject"),
        in_reply_to=_first_id(decoded_header(headers, "In-Reply-To")),
        references=message_ids(decoded_header(headers, "References")),
    )


def _first_id(value: str) -> str:
    ids = message_ids(value)
    return ids[0] if ids else header_safe(value, limit=250)


def _read_streaming(letter: Letter, raw_path: Path, parts_dir: Path) -> None:
    parts_dir.mkdir(parents=True)
    streamed = read_message(raw_path, parts_dir)
    letter.text_plain = "\n".join(streamed.text_plain)
    letter.text_html = "\n".join(streamed.text_html)
    letter.defects = list(streamed.defects)
    letter.attachments = [
        Attachment(
            filename=part.filename or "",
            content_type=part.content_type,
            size=part.size,
            sha256=part.sha256,
            path=part.path,
            content_id=part.content_id or "",
            inline=part.disposition == "inline",
        )
        for part in streamed.parts
    ]


def _read_in_memory(letter: Letter, raw: bytes, parts_dir: Path) -> None:
    parsed = mailparser.parse_from_bytes(raw)
    plain, html = _texts(parsed.message)
    letter.text_plain = "\n".join(plain)
    letter.text_html = "\n".join(html)
    letter.defects = [str(defect) for defect in parsed.defects_categories]
    for number, item in enumerate(parsed.attachments, start=1):
        letter.attachments.append(_save_part(item, parts_dir, number))


def _texts(message: Message) -> tuple[list[str], list[str]]:
    """The plain and HTML text parts, decoded by `hub.mail.charsets` as the streaming path does.

    mail-parser decodes by the declared charset alone, and a windows-1251 letter labelled
    UTF-8 came out as question marks; the attachments it finds are kept as they are.
    """
    plain: list[str] = []
    html: list[str] = []
    for part in message.walk():
        if part.is_multipart():
            continue
        kind = part.get_content_type()
        if kind not in ("text/plain", "text/html"):
            continue
        if part.get_content_disposition() == "attachment" and part.get_filename():
            continue
        try:
            payload = part.get_payload(decode=True)
        except (ValueError, LookupError, AssertionError):
            continue
        if not isinstance(payload, bytes):
            continue
        try:
            charset = part.get_content_charset()
        except (ValueError, LookupError):
            charset = None
        (html if kind == "text/html" else plain).append(decode_text(payload, charset))
    return plain, html


def _save_part(item: dict[str, Any], parts_dir: Path, number: int) -> Attachment:
    payload = item.get("payload") or ""
    if item.get("binary"):
        data = base64.b64decode(payload, validate=False)
    else:
        charset = item.get("charset") or "utf-8"
        try:
            data = str(payload).encode(charset, "replace")
        except LookupError:
            data = str(payload).encode("utf-8", "replace")
    # The sender's filename never touches the filesystem: `../../x` and `con.txt` are
    # only text in a row, and the file is named by its position.
    # Most messages have no attachment: the folder is made for the first one.
    parts_dir.mkdir(parents=True, exist_ok=True)
    path = parts_dir / f"part-{number:03d}.bin"
    path.write_bytes(data)
    disposition = str(item.get("content-disposition") or "").lower()
    return Attachment(
        filename=header_safe(str(item.get("filename") or "")),
        content_type=str(item.get("mail_content_type") or "application/octet-stream").lower(),
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        path=path,
        content_id=header_safe(str(item.get("content-id") or "")).strip("<>"),
        inline=disposition.startswith("inline"),
    )
