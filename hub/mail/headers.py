"""Text that crosses into mail headers: cleaned of what could forge a header.

Anything a sender wrote (their name, their subject) may end up in a header of an
answer. A CR or LF there would let them add headers of their own (Bcc: everyone), and
a NUL breaks some servers, so every such value passes through `header_safe`.
"""

from __future__ import annotations

import re
from email.utils import getaddresses

_BREAKING = re.compile(r"[\r\n\x00\u2028\u2029\x85]+")
_SPACES = re.compile(r"\s{2,}")
MAX_HEADER_TEXT = 250


def header_safe(text: str, limit: int = MAX_HEADER_TEXT) -> str:
    """One line of text for a header: no CR, LF or NUL, no runs of blanks, bounded."""
    flat = _SPACES.sub(" ", _BREAKING.sub(" ", text)).strip()
    if len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return flat


def first_address(value: str) -> tuple[str, str]:
    """(display name, lower-cased address) of the first mailbox in a header, or ('', '')."""
    for name, address in getaddresses([value]):
        address = address.strip().lower()
        if "@" in address and not _BREAKING.search(address) and " " not in address:
            return header_safe(name), address
    return "", ""


def message_ids(value: str) -> list[str]:
    """The <message-ids> in an In-Reply-To or References header, in order."""
    return re.findall(r"<[^<>\s]+>", value or "")
