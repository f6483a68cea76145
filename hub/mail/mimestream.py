"""Streaming MIME reader for the raw ``.eml`` files the service keeps on disk.

Why this exists: entrants send videos of ~25 MB as attachments. The stdlib
``email`` parser (and mail-parser, which wraps it) holds the message as text,
then the payload, then the decoded bytes: about 240 MB of peak memory for one
20 MiB attachment. This reader walks the file line by line (each line capped
at 64 KiB), follows the multipart boundaries itself, decodes every leaf part
incrementally and streams attachments straight into files under ``parts_dir``.
Only header blocks (capped at 256 KiB) and text bodies (capped in total by
``text_limit``) are held in memory, so memory does not grow with attachments.

Where it matters it follows the stdlib feedparser's rules (header/body split,
delimiter matching, the newline before a delimiter belonging to the delimiter,
repeated delimiters), so it agrees with ``email.message_from_bytes`` on
well-formed mail. It never raises on broken mail: problems go to ``defects``.

Attached messages (``message/rfc822``, ``message/global``, ``message/news``, and the
parts of a ``multipart/digest``, which default to ``message/rfc822``) are descended
as the stdlib's ``walk()`` descends them: the attached message's own header block is
read, then its body as a nested MIME entity, so the files inside a mail forwarded "as
an attachment" come out as ordinary parts and its text joins ``text_plain`` and
``text_html``. An open attached message is a frame on the stack without a delimiter:
it ends at its parent's next delimiter (or at the end of the file), which is no defect,
and it counts towards ``MAX_DEPTH`` as a multipart does. Only an attached message whose
transfer encoding stores the bytes as they are is descended: none, 7bit, 8bit,
binary, and any unknown token (as for a leaf, and as the stdlib does). A base64 or
quoted-printable one (RFC 2046 forbids both for ``message/rfc822``, but they occur)
stays one opaque part, decoded into its file; so does every attached message beyond
``MAX_DEPTH``, and every other ``message/*`` (delivery-status, disposition-notification,
feedback-report, partial, external-body).

This module walks the MIME tree: which part is a multipart, an attached message or a
leaf, and where each one ends. What it walks over lives beside it: the file's lines and
the delimiters among them in `hub.mail.mimelines`, a part's header block and its fields
(read so that nothing raises) in `hub.mail.mimeheaders`, and a leaf's body, decoded as
it streams into memory or a file, in `hub.mail.mimebodies`.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

from hub.mail import charsets
from hub.mail.mimebodies import FileSink, Sink, TextSink
from hub.mail.mimeheaders import (
    FIELD_CAP,
    HEADER_LINE,
    filename,
    header_text,
    parse_headers,
    safe,
    transfer_encoding,
)
from hub.mail.mimelines import delimiter_pattern, read_lines

HEADER_CAP = 256 * 1024
MAX_DEPTH = 20
MAX_PARTS = 1_000
MAX_DEFECTS = 100

_ATTACHED_MESSAGES = frozenset({"message/rfc822", "message/global", "message/news"})
_ENCODED = frozenset({"base64", "quoted-printable"})  # the transfer encodings a Sink decodes


@dataclass(frozen=True)
class StreamedPart:
    """An attachment-like leaf part, decoded into ``path`` (a generated, safe name)."""

    path: Path
    filename: str | None  # the sender's name, decoded; never used on the filesystem
    content_type: str
    content_id: str | None
    disposition: str | None  # "inline", "attachment", or None
    size: int
    sha256: str


@dataclass(frozen=True)
class StreamedMessage:
    headers: EmailMessage  # top-level headers only; prefer header(), it never raises
    text_plain: list[str]
    text_html: list[str]
    parts: list[StreamedPart]
    defects: list[str]

    def header(self, name: str) -> str:
        """The decoded header value ("" if absent) without control characters; never raises."""
        return header_text(self.headers, name) or ""


def read_message(path: Path, parts_dir: Path, *, text_limit: int = 1_000_000) -> StreamedMessage:
    """Read the message at ``path``, writing attachment-like parts into ``parts_dir``.

    ``text_limit`` caps the decoded text/plain and text/html bytes kept for the whole
    message; beyond it text is dropped (and noted in ``defects``). Nothing in the message
    makes this raise; OSError still can (a missing file, a full disk), and the parts
    written before it stay in ``parts_dir``.
    """
    parts_dir.mkdir(parents=True, exist_ok=True)
    reader = _Reader(parts_dir, text_limit)
    with open(path, "rb") as f:
        try:
            reader.run(read_lines(f))
        finally:
            reader.abort()
    headers = EmailMessage() if reader.headers is None else reader.headers
    return StreamedMessage(headers, reader.plain, reader.html, reader.parts, reader.defects)


def decode_text(data: bytes, charset: str | None, *, truncated: bool = False) -> str:
    """Both readers decode text alike: see `hub.mail.charsets` (labels lie; UTF-8 is
    trusted first, then the label, then a guess among the Cyrillic code pages)."""
    return charsets.decode_text(data, charset, truncated=truncated)


@dataclass
class _Frame:
    """An open multipart: its delimiter pattern and, until the first delimiter, its preamble.

    An open attached message is a frame too (``attached``), with no delimiter: it ends
    where its parent ends, and that end is no defect.
    """

    delimiter: re.Pattern[bytes] | None
    preamble: TextSink | None
    child_type: str
    attached: bool = False


class _Reader:
    def __init__(self, parts_dir: Path, text_limit: int) -> None:
        self.parts_dir, self.text_left = parts_dir, text_limit
        self.headers: EmailMessage | None = None
        self.plain: list[str] = []
        self.html: list[str] = []
        self.parts: list[StreamedPart] = []
        self.defects: list[str] = []
        self.stack: list[_Frame] = []
        self.state = "headers"  # or "body", "preamble", "discard"
        self.header_buf = bytearray()
        self.field_left = HEADER_CAP
        self.sink: Sink | None = None
        self.meta: tuple[EmailMessage, str] | None = None  # the open leaf's headers and type
        self.after_delimiter: _Frame | None = None
        self.leaves = 0

    def run(self, lines: Iterator[tuple[bytes, bool]]) -> None:
        for line, fresh in lines:
            self._feed(line, fresh)
        self._end_current()
        while self.stack:
            self._close_frame(self.stack.pop(), "multipart ends without its final boundary")

    def abort(self) -> None:
        if isinstance(self.sink, FileSink):
            self.sink.fh.close()

    def defect(self, text: str) -> None:
        if text not in self.defects and len(self.defects) < MAX_DEFECTS:
            self.defects.append(text)

    def _feed(self, line: bytes, fresh: bool) -> None:
        if fresh and self.stack and line.startswith(b"--") and self._delimiter(line):
            return
        self.after_delimiter = None
        self._line(line, fresh)

    def _line(self, line: bytes, fresh: bool) -> None:
        if self.state == "headers":
            self._header_line(line, fresh)
        else:
            self._body_line(line)

    def _delimiter(self, line: bytes) -> bool:
        for level in range(len(self.stack) - 1, -1, -1):
            frame = self.stack[level]
            match = frame.delimiter.fullmatch(line) if frame.delimiter else None
            if match:
                break
        else:
            return False
        if self.after_delimiter is frame:
            return True  # repeated delimiter lines make no empty parts (as the stdlib)
        self._end_current()
        while len(self.stack) > level + 1:
            self._close_frame(self.stack.pop(), "nested multipart ends without its final boundary")
        if match.group(1):  # the close delimiter: what follows is epilogue
            self._close_frame(self.stack.pop(), None)
            self.state, self.after_delimiter = "discard", None
        else:
            frame.preamble = None
            self.state, self.header_buf, self.after_delimiter = "headers", bytearray(), frame
        return True

    def _close_frame(self, frame: _Frame, defect: str | None) -> None:
        if frame.attached:
            return  # an attached message has no end of its own: its parent's end is its end
        if frame.preamble is not None:
            self.defect("multipart without a usable boundary: body kept as text")
            self.leaves += 1
            if self.leaves <= MAX_PARTS:
                self._finish_text(frame.preamble, "text/plain", None)
        elif defect:
            self.defect(defect)

    def _header_line(self, line: bytes, fresh: bool) -> None:
        if fresh and line.startswith((b"\r", b"\n")):  # the blank line ending the headers
            self._start_part()
            return
        header_like = not fresh or HEADER_LINE.match(line)
        if header_like and len(self.header_buf) + len(line) <= HEADER_CAP:
            self._add_header_line(line, fresh)
            return
        self.defect("header block too long: the rest is read as body" if header_like
                    else "no blank line between headers and body")
        self._start_part()
        self._feed(line, fresh)  # it may be the first delimiter of the multipart just opened

    def _add_header_line(self, line: bytes, fresh: bool) -> None:
        """Keep a header line, cutting Content-* fields at FIELD_CAP (their parsing is slow)."""
        if fresh and not line.startswith((b" ", b"\t")):  # a new field
            if self.header_buf and not self.header_buf.endswith((b"\n", b"\r")):
                self.header_buf += b"\n"  # the previous field was cut before its line end
            self.field_left = FIELD_CAP if line[:8].lower() == b"content-" else HEADER_CAP
        if len(line) > self.field_left:
            self.defect(f"a Content-* header field over {FIELD_CAP} bytes was cut")
        self.header_buf += line[: max(self.field_left, 0)]
        self.field_left -= len(line)

    def _body_line(self, line: bytes) -> None:
        if self.state == "body" and self.sink:
            self.sink.feed(line)
        elif self.state == "preamble" and self.stack[-1].preamble:
            self.stack[-1].preamble.feed(line)

    def _end_current(self) -> None:
        while self.state == "headers":  # an attached message opened here still needs its body
            self._start_part()
        if self.state == "body" and self.sink:
            self._finish_leaf()
        self.state = "discard"

    def _start_part(self) -> None:
        default = self.stack[-1].child_type if self.stack else "text/plain"
        hdrs, leftover = parse_headers(bytes(self.header_buf), default)
        self.header_buf, self.field_left = bytearray(), HEADER_CAP
        if self.headers is None:
            self.headers = hdrs
        ctype = safe(hdrs.get_content_type, "text/plain")
        cte = transfer_encoding(hdrs)
        multipart, message = ctype.startswith("multipart/"), _descends(ctype, cte)
        if (multipart or message) and len(self.stack) >= MAX_DEPTH:
            self.defect(f"{ctype.partition('/')[0]} nested deeper than {MAX_DEPTH}: "
                        "kept as one part")
            self._open_leaf(hdrs, ctype, cte)
        elif multipart:
            self._open_multipart(hdrs, ctype, cte)
        elif message:
            self._open_attached()
        else:
            self._open_leaf(hdrs, ctype, cte)
        for line in leftover.splitlines(keepends=True):  # still ours: the state decides
            self._line(line, True)

    def _open_multipart(self, hdrs: EmailMessage, ctype: str, cte: str) -> None:
        boundary = safe(hdrs.get_boundary, None)
        delimiter = None if boundary is None else delimiter_pattern(boundary)
        child = "message/rfc822" if ctype == "multipart/digest" else "text/plain"
        self.stack.append(_Frame(delimiter, self._text_sink(cte, False), child))
        self.state = "preamble"

    def _open_attached(self) -> None:
        """Read what follows as a whole message: its own header block, then its body."""
        self.stack.append(_Frame(None, None, "text/plain", attached=True))
        self.state = "headers"

    def _open_leaf(self, hdrs: EmailMessage, ctype: str, cte: str) -> None:
        self.sink, self.meta = self._leaf_sink(hdrs, ctype, cte), (hdrs, ctype)
        self.state = "body"

    def _leaf_sink(self, hdrs: EmailMessage, ctype: str, cte: str) -> Sink:
        # Inside a multipart, at any depth, the last newline belongs to a delimiter.
        strip = any(not frame.attached for frame in self.stack)
        self.leaves += 1
        if self.leaves > MAX_PARTS:
            self.defect(f"more than {MAX_PARTS} parts: the rest are dropped")
            return Sink(cte, strip)
        attached = safe(hdrs.get_content_disposition, None) == "attachment"
        if ctype in ("text/plain", "text/html") and not (attached and filename(hdrs)):
            return self._text_sink(cte, strip)
        return FileSink(cte, strip, self._new_file())

    def _text_sink(self, cte: str, strip: bool) -> TextSink:
        return TextSink(cte, strip, self.text_left)

    def _new_file(self) -> io.BufferedWriter:
        n = len(self.parts)
        while True:
            n += 1
            try:
                return open(self.parts_dir / f"part-{n:03d}.bin", "xb")
            except FileExistsError:
                continue

    def _finish_leaf(self) -> None:
        sink, (hdrs, ctype) = self.sink, self.meta or (EmailMessage(), "")
        self.sink = self.meta = None
        defect = sink.finish() if sink else None
        if defect:
            self.defect(defect)
        if isinstance(sink, TextSink):
            self._finish_text(sink, ctype, safe(hdrs.get_content_charset, None))
        elif isinstance(sink, FileSink):
            sink.fh.close()
            self.parts.append(StreamedPart(
                Path(sink.fh.name), filename(hdrs), ctype, header_text(hdrs, "content-id"),
                safe(hdrs.get_content_disposition, None), sink.size, sink.sha.hexdigest()))

    def _finish_text(self, sink: TextSink, ctype: str, charset: str | None) -> None:
        sink.finish()
        if sink.truncated:
            self.defect(f"text beyond {sink.limit} bytes was dropped")
        self.text_left -= len(sink.buf)
        text = decode_text(bytes(sink.buf), charset, truncated=sink.truncated)
        (self.html if ctype == "text/html" else self.plain).append(text)


def _descends(ctype: str, cte: str) -> bool:
    """Whether a part is an attached message to read as a nested entity (see the docstring)."""
    return ctype in _ATTACHED_MESSAGES and cte not in _ENCODED

