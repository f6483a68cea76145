"""A MIME part's header block, parsed, and its fields read so that nothing raises.

The streaming reader (`hub.mail.mimestream`) collects each header block itself and
hands it here. The stdlib's ``policy.default`` parses fields lazily, and hostile
headers can make it raise wherever a field is read, so every read goes through `safe`
or `header_text`, and a Content-* field is cut at `FIELD_CAP` before it is parsed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from email import policy
from email.header import decode_header, make_header
from email.message import EmailMessage
from email.parser import BytesParser
from typing import TypeVar

FIELD_CAP = 8 * 1024  # policy.default parses a header in quadratic time: 250 KB costs seconds
HEADER_LINE = re.compile(rb"From |[\041-\071\073-\176]*:|[\t ]")  # as email.feedparser
_T = TypeVar("_T")


def safe(fn: Callable[[], _T], default: _T) -> _T:
    try:
        return fn()
    except Exception:  # policy.default parses lazily and hostile headers can raise anywhere
        return default


def clean(text: str) -> str:
    """Drop control characters and lone surrogates (undecodable bytes become U+FFFD)."""
    try:
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeError:
        text = text.encode("utf-8", "replace").decode("utf-8")
    return "".join(ch for ch in text.replace("\t", " ") if unicodedata.category(ch) != "Cc")


def header_text(msg: EmailMessage, name: str) -> str | None:
    """The first ``name`` field decoded by policy.default, or by email.header if that fails."""
    key = name.lower()
    raw = safe(lambda: next((str(v) for k, v in msg.raw_items() if k.lower() == key), None), None)
    if raw is None:
        return None
    if len(raw) <= FIELD_CAP:
        try:
            return clean(str(msg.get(name, "")))
        except Exception:
            pass
    try:
        return clean(str(make_header(decode_header(raw[:FIELD_CAP]))))
    except Exception:
        return clean(raw[:FIELD_CAP])


def parse_headers(block: bytes, default_type: str) -> tuple[EmailMessage, bytes]:
    """Parse one header block; also return any line the parser pushed back to the body."""
    try:
        hdrs = BytesParser(EmailMessage, policy=policy.default).parsebytes(block, headersonly=True)
        hdrs.set_default_type(default_type)
        rest = hdrs.get_payload()
        leftover = rest.encode("ascii", "surrogateescape") if isinstance(rest, str) else b""
    except Exception:
        hdrs, leftover = EmailMessage(), b""
    return hdrs, leftover


def filename(hdrs: EmailMessage) -> str | None:
    """The sender's name for the part, decoded and cleaned; never to be used as a path."""
    name = safe(hdrs.get_filename, None)
    return clean(name)[:1024] if isinstance(name, str) else None


def transfer_encoding(hdrs: EmailMessage) -> str:
    """The first token of Content-Transfer-Encoding, lowercased ("" if none)."""
    value = (header_text(hdrs, "content-transfer-encoding") or "").lower()
    found = re.match(r"\s*([a-z0-9-]*)", value)
    return found.group(1) if found else ""
