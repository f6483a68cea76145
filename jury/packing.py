"""Which of a juror's work files go in which email, within the per-email size budget.

Providers refuse mail above a size (mail.ru and Gmail: 25 MB, with base64 counted), so a
sheet whose works do not fit one email is split into "part 2 of 3" emails. A file too
large for any email goes as a download link when the config names a public URL for the
storage folder (`jury.public_storage_url`), or else the sheet says the organizers will
pass it on: it is never silently left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

# Room kept in every email for the text, the DOCX sheet and the MIME headers.
TEXT_ALLOWANCE = 256 * 1024


class Delivery(StrEnum):
    ATTACHED = "attached"
    LINK = "link"  # too large for any email: a download link
    ORGANIZERS = "organizers"  # too large, and no public URL: the organizers pass it on


@dataclass(frozen=True)
class FileToSend:
    number: str  # the application's number
    path: str  # relative to the storage folder
    filename: str  # the name it goes by
    size: int
    content_type: str = "application/octet-stream"


@dataclass(frozen=True)
class Placed:
    file: FileToSend
    delivery: Delivery
    part: int = 0  # 1-based email part for ATTACHED; 0 otherwise
    link: str = ""


def encoded_size(size: int) -> int:
    """A file's size in the email: base64 (4 bytes for 3) in lines of 76 plus CRLF."""
    base64 = -(-size // 3) * 4
    return base64 + (base64 // 76 + 1) * 2


def pack(files: Sequence[FileToSend], budget: int, public_url: str = "") -> list[Placed]:
    """Place every file: attached to part 1, 2, ... in order, or as a link, or to the
    organizers. A part is filled before the next is started."""
    room = budget - TEXT_ALLOWANCE
    placed: list[Placed] = []
    part, used = 1, 0
    for file in files:
        size = encoded_size(file.size)
        if size > room:
            if public_url:
                link = f"{public_url.rstrip('/')}/{file.path}"
                placed.append(Placed(file, Delivery.LINK, link=link))
            else:
                placed.append(Placed(file, Delivery.ORGANIZERS))
            continue
        if used and used + size > room:
            part, used = part + 1, 0
        placed.append(Placed(file, Delivery.ATTACHED, part=part))
        used += size
    return placed


def part_count(placed: Sequence[Placed]) -> int:
    return max((item.part for item in placed), default=0) or 1
