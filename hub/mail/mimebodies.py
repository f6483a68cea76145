"""Where a leaf part's body goes as it streams: decoded line by line, kept or written.

A sink receives the body lines of one leaf part from `hub.mail.mimestream`, undoes
its transfer encoding (base64, quoted-printable, or none) as the lines come, and hands
the bytes on: `TextSink` keeps text up to a limit, `FileSink` writes an attachment to
its file while counting and hashing it, and `Sink` itself drops them (a part beyond
the reader's cap). Base64 is decoded in batches of `_BATCH` bytes, so a 25 MB video
costs no more memory than a small one.
"""

from __future__ import annotations

import binascii
import hashlib
import io

from hub.mail.mimelines import without_eol

_BATCH = 65_536
_B64_KEEP = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/="
_B64_DELETE = bytes(b for b in range(256) if b not in _B64_KEEP)


class Base64Lines:
    """Line-fed base64 decoder that treats garbage and padding like binascii's lax mode."""

    def __init__(self) -> None:
        self.buf = bytearray()
        self.pads = 0
        self.done = False
        self.defect: str | None = None

    def feed(self, data: bytes) -> bytes:
        clean = data.translate(None, _B64_DELETE)
        if self.done:
            if clean.strip(b"="):
                self.defect = "base64 data after the final padding was ignored"
            return b""
        head, eq, tail = clean.partition(b"=")
        if head:
            self.buf += head
            self.pads = 0
        for ch in eq + tail:  # only lines with "=" take this slow path
            if ch != 0x3D:
                self.buf.append(ch)
                self.pads = 0
            elif len(self.buf) % 4 >= 2:
                self.pads += 1
                if len(self.buf) % 4 + self.pads >= 4:  # padding complete: the data ends
                    self.done = True
                    return self.flush()
        if len(self.buf) < _BATCH:
            return b""
        cut = len(self.buf) // 4 * 4
        out = binascii.a2b_base64(self.buf[:cut])
        del self.buf[:cut]
        return out

    def flush(self) -> bytes:
        if len(self.buf) % 4 == 1:
            self.defect = "base64 data has a stray final character"
            del self.buf[-1]
        self.buf += b"=" * (-len(self.buf) % 4)
        out = binascii.a2b_base64(self.buf)
        self.buf.clear()
        return out


class Sink:
    """Receives a leaf part's body lines, decodes them, and holds back the last line end."""

    def __init__(self, cte: str, strip_eol: bool) -> None:
        self.b64 = Base64Lines() if cte == "base64" else None
        self.qp = cte == "quoted-printable"
        self.strip_eol = strip_eol  # inside a multipart the last newline belongs to the delimiter
        self.held = b""

    def feed(self, line: bytes) -> None:
        if self.held:
            self._decode(self.held)
        self.held = line

    def finish(self) -> str | None:
        self._decode(without_eol(self.held) if self.strip_eol else self.held)
        self.held = b""  # finish() may run twice (text sinks); the second run is a no-op
        if self.b64:
            self.out(self.b64.flush())
            return self.b64.defect
        return None

    def _decode(self, data: bytes) -> None:
        if self.b64:
            self.out(self.b64.feed(data))
        else:
            self.out(binascii.a2b_qp(data) if self.qp else data)

    def out(self, data: bytes) -> None:
        pass  # Sink itself discards


class TextSink(Sink):
    def __init__(self, cte: str, strip_eol: bool, limit: int) -> None:
        super().__init__(cte, strip_eol)
        self.buf = bytearray()
        self.limit = max(limit, 0)
        self.truncated = False

    def out(self, data: bytes) -> None:
        room = self.limit - len(self.buf)
        self.truncated = self.truncated or len(data) > room
        self.buf += data[: max(room, 0)]


class FileSink(Sink):
    def __init__(self, cte: str, strip_eol: bool, fh: io.BufferedWriter) -> None:
        super().__init__(cte, strip_eol)
        self.fh = fh
        self.size = 0
        self.sha = hashlib.sha256()

    def out(self, data: bytes) -> None:
        self.size += len(data)
        self.sha.update(data)
        self.fh.write(data)
