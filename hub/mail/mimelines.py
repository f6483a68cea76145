"""The lines of a raw message file, and which of them are a multipart's delimiters.

`hub.mail.mimestream` reads a stored message as lines so that memory never holds more
than one line: each is capped at `LINE_CAP`, and a longer one comes in pieces, only the
first of which starts a line (only a line's start can be a delimiter or a header field).
CRLF, LF and CR all end a line, as in the stdlib's feedparser.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

LINE_CAP = 65_536


def read_lines(f: io.BufferedReader) -> Iterator[tuple[bytes, bool]]:
    """Yield (line with its end, starts-a-line), splitting on CRLF, LF and CR alike."""
    fresh = True
    while chunk := f.readline(LINE_CAP):
        if chunk.endswith(b"\r") and f.peek(1)[:1] == b"\n":
            chunk += f.read(1)
        for piece in chunk.splitlines(keepends=True) if b"\r" in chunk else (chunk,):
            yield piece, fresh
            fresh = piece.endswith((b"\n", b"\r"))


def without_eol(line: bytes) -> bytes:
    """The line without its end (CRLF, LF or CR), if it has one."""
    if line.endswith(b"\r\n"):
        return line[:-2]
    return line[:-1] if line.endswith((b"\r", b"\n")) else line


def delimiter_pattern(boundary: str) -> re.Pattern[bytes] | None:
    """What a delimiter line of ``boundary`` matches; group 1 is set on the close delimiter."""
    try:
        sep = b"--" + boundary.encode("ascii", "surrogateescape")
    except UnicodeError:
        return None  # the stdlib can never match it either
    return re.compile(re.escape(sep) + rb"(--)?[ \t]*(?:\r\n|\r|\n)?")
