"""Tests for hub.mail.mimestream, the streaming MIME reader.

The corpus tests read every .eml of the real-world corpus (tests/corpora.py says where it
is) in place and hold the reader to the stdlib parser, leaf by leaf in document order,
inside attached messages too; the constructed messages cover what the corpus lacks: big
attachments, Russian and Kazakh text, hostile filenames, broken structure, mail forwarded
as an attachment, digests, memory.
"""

from __future__ import annotations

import base64
import binascii
import email
import hashlib
import random
import re
import tracemalloc
from dataclasses import dataclass, field
from email import errors, policy
from email.message import EmailMessage, Message
from pathlib import Path
from urllib.parse import quote

import pytest
from corpora import CORPORA, corpus_params, needs_corpora

from hub.mail.mimestream import (
    MAX_DEPTH,
    MAX_PARTS,
    StreamedMessage,
    decode_text,
    read_message,
)

CORPUS_FILES = sorted(CORPORA.rglob("*.eml")) if CORPORA else []
SAFE_NAME = re.compile(r"part-\d{3,}\.bin")
Row = tuple[object, ...]  # ("leaf", type, sha256) or ("message", type, bytes, at top)

# Files whose text we decode differently from the stdlib. The decoded bytes are the same
# (test_corpus_matches_stdlib checks that for every file); only bytes -> str differs: the
# stdlib uses the declared charset (ASCII if none) with U+FFFD for what does not fit;
# hub.mail.charsets trusts valid UTF-8 first (mislabelled UTF-8 is common, text in another
# charset that happens to be valid UTF-8 is not), then the label, then a guess.
TEXT_DECODED_DIFFERENTLY = {
    "mikel-mail/error_emails/content_transfer_encoding_empty.eml":
        "html declares charset=big5 but is UTF-8: stdlib gives U+FFFD, we give the UTF-8 text",
    "mikel-mail/error_emails/content_transfer_encoding_plain.eml":
        "declares us-ascii but has UTF-8 letters (ì, î): stdlib gives U+FFFD, we give them",
    "mikel-mail/plain_emails/raw_email5.eml":
        "no Content-Type, so ASCII for the stdlib, but 'Envoyé' is UTF-8: we keep the é",
    "mikel-mail/plain_emails/raw_email6.eml":
        "declares us-ascii but 'Envoyé' is UTF-8: stdlib gives U+FFFD, we keep the é",
    "mikel-mail/attachment_emails/attachment_pdf_non_ascii.eml":
        "declares ISO-8859-1 over bytes C3 82, valid UTF-8: the stdlib gives 'Ã\\x82', we 'Â'",
    "mikel-mail/attachment_emails/attachment_pdf_non_ascii_lf.eml":
        "the same message with LF line ends",
    "mikel-mail/error_emails/content_transfer_encoding_7-bit.eml":
        "declares iso-8859-1 over valid UTF-8 ('DISCOVERÆ'): the stdlib gives 'DISCOVERÃ\\x86'",
}

# Files whose parts we read differently from the stdlib; test_corpus_matches_stdlib makes
# the view of the stdlib's parse follow our rule (and checks that only these need it).
TOO_MANY_PARTS = {
    "flanker/enclosed-endless.eml":
        "an attached message with over 3000 text parts: we keep the first MAX_PARTS (1000) "
        "leaves and say so in defects, the stdlib keeps all",
}
BASE64_GIVEN_UP = {
    "flanker/enclosed-broken-body.eml":
        "the attached message's text is base64 with 'Привет' pasted into it, which leaves a "
        "stray last character: the stdlib returns the raw base64 text, we skip the pasted "
        "bytes and the stray character and decode the rest",
}


def corpus_id(path: Path) -> str:
    assert CORPORA is not None
    return str(path.relative_to(CORPORA))


# --- the stdlib's view of a message, classified the way read_message classifies parts ---

# Both read these as a nested entity when their transfer encoding keeps the bytes as they
# are; other message/* types (delivery-status, disposition-notification, feedback-report,
# external-body) we keep whole, and compare as the stdlib writes them back.
ATTACHED_MESSAGES = ("message/rfc822", "message/global", "message/news")
B64_ALPHABET = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")


def encoded(part: Message) -> bool:
    """Whether the part's transfer encoding is base64 or quoted-printable."""
    value = str(part.get("content-transfer-encoding", "")).strip().lower()
    return value.startswith(("base64", "quoted-printable"))


def serialise(payload: object) -> bytes:
    """An attached message (or delivery-status blocks) as the stdlib writes it back."""
    assert isinstance(payload, list)
    return b"".join(sub.as_bytes() for sub in payload)


@dataclass
class StdlibView:
    """What the stdlib's walk() finds, in document order: texts, and the other leaves as rows.

    Like read_message it keeps only the first MAX_PARTS leaves (``dropped`` counts the
    rest). Where the stdlib gives up on a base64 body (its length is 1 mod 4 once the
    non-base64 bytes are skipped) it returns the raw text; the view decodes what is there
    instead, as read_message does, and notes it in ``base64_given_up``.
    """

    plain: list[tuple[str, str]] = field(default_factory=list)
    html: list[tuple[str, str]] = field(default_factory=list)
    parts: list[Row] = field(default_factory=list)
    dropped: int = 0
    base64_given_up: bool = False

    def visit(self, part: Message, top: bool = False) -> None:
        ctype, payload = part.get_content_type(), part.get_payload()
        if ctype.startswith("multipart/") and isinstance(payload, list):
            for sub in payload:
                assert isinstance(sub, Message)
                self.visit(sub)
        elif ctype in ATTACHED_MESSAGES and isinstance(payload, list) and not encoded(part):
            assert isinstance(payload[0], Message)
            self.visit(payload[0])  # walk() descends, and so do we
        elif len(self.plain) + len(self.html) + len(self.parts) >= MAX_PARTS:
            self.dropped += 1
        elif ctype.startswith("message/") and isinstance(payload, list):
            self.parts.append(("message", ctype, serialise(payload), top))
        elif ctype.startswith("multipart/") or (
            ctype in ("text/plain", "text/html")
            and not (part.get_content_disposition() == "attachment" and part.get_filename())
        ):  # a multipart without a usable boundary is read as text by both
            (self.html if ctype == "text/html" else self.plain).append(self.text(part))
        else:
            self.parts.append(("leaf", ctype, hashlib.sha256(self.data(part)).hexdigest()))

    def data(self, part: Message) -> bytes:
        data = part.get_payload(decode=True) or b""
        assert isinstance(data, bytes)
        if any(isinstance(d, errors.InvalidBase64LengthDefect) for d in part.defects):
            self.base64_given_up = True
            kept = bytes(b for b in data if b in B64_ALPHABET)
            return binascii.a2b_base64(kept[: len(kept) // 4 * 4])
        return data

    def text(self, part: Message) -> tuple[str, str]:
        """(the stdlib's own decoding as in get_content(), decode_text() of the same bytes)."""
        data = self.data(part)
        try:
            own = data.decode(str(part.get_param("charset", "ASCII")), errors="replace")
        except LookupError:
            own = data.decode("utf-8", errors="replace")
        return own, decode_text(data, part.get_content_charset())


def stdlib_view(raw: bytes) -> StdlibView:
    msg = email.message_from_bytes(raw, policy=policy.default)
    view = StdlibView()
    view.visit(msg, top=True)
    return view


def our_view(result: StreamedMessage, theirs: list[Row]) -> list[Row]:
    """Our parts in the stdlib's terms. A message/* part we do not descend (a delivery
    status, a base64 message/rfc822) we keep as bytes, the stdlib parses it, so we have the
    stdlib parse our bytes in the same place (inside a multipart, or at the top) and compare
    what it writes back."""
    out: list[Row] = []
    for i, part in enumerate(result.parts):
        if not part.content_type.startswith("message/"):
            out.append(("leaf", part.content_type, part.sha256))
            continue
        head = b"Content-Type: " + part.content_type.encode() + b"\n\n"
        at_top = i < len(theirs) and theirs[i][0] == "message" and theirs[i][3]
        reparsed: object
        if at_top:
            reparsed = email.message_from_bytes(head + part.path.read_bytes(),
                                                policy=policy.default)
        else:
            wrapped = (b'Content-Type: multipart/mixed; boundary="=_x_="\n\n--=_x_=\n' + head
                       + part.path.read_bytes() + b"\n--=_x_=--\n")
            outer = email.message_from_bytes(wrapped, policy=policy.default).get_payload()
            assert isinstance(outer, list)
            reparsed = outer[0]
        assert isinstance(reparsed, Message)
        out.append(("message", part.content_type, serialise(reparsed.get_payload()), at_top))
    return out


# --- the corpus ---

@needs_corpora
def test_corpus_is_there() -> None:
    assert len(CORPUS_FILES) >= 150, f"expected the whole corpus under {CORPORA}"


@pytest.mark.slow
@pytest.mark.parametrize("path", corpus_params(CORPUS_FILES, corpus_id))
def test_corpus_never_raises(path: Path, tmp_path: Path) -> None:
    parts_dir = tmp_path / "parts"
    result = read_message(path, parts_dir)
    for name in ("From", "To", "Subject", "Date", "Message-ID", "Content-Type", "X-Nope"):
        assert not set(result.header(name)) & {"\r", "\n", "\0"}
    assert [p.path.parent for p in result.parts] == [parts_dir] * len(result.parts)
    assert all(SAFE_NAME.fullmatch(p.name) for p in parts_dir.iterdir())
    for part in result.parts:
        data = part.path.read_bytes()
        assert (len(data), hashlib.sha256(data).hexdigest()) == (part.size, part.sha256)


@pytest.mark.slow
@pytest.mark.parametrize("path", corpus_params(CORPUS_FILES, corpus_id))
def test_corpus_matches_stdlib(path: Path, tmp_path: Path) -> None:
    result = read_message(path, tmp_path, text_limit=1 << 30)
    try:
        view = stdlib_view(path.read_bytes())
    except Exception:  # nothing to compare with (no corpus file does this today)
        return
    name = corpus_id(path)
    assert view.base64_given_up == (name in BASE64_GIVEN_UP)
    assert bool(view.dropped) == (name in TOO_MANY_PARTS)
    assert bool(view.dropped) == any(f"more than {MAX_PARTS} parts" in d for d in result.defects)
    assert our_view(result, view.parts) == view.parts
    ours_text = [t.strip() for t in result.text_plain + result.text_html]
    # The same bytes, decoded by our rules: must match for every file.
    assert ours_text == [same.strip() for _, same in view.plain + view.html]
    # The stdlib's own decoding: matches except where documented above.
    if name in TEXT_DECODED_DIFFERENTLY:
        assert ours_text != [own.strip() for own, _ in view.plain + view.html], "equal: unlist it"
    else:
        assert ours_text == [own.strip() for own, _ in view.plain + view.html]


# --- constructed messages ---

HEAD = (b"From: =?utf-8?b?0JDSm9C20LDQvQ==?= <a@example.kz>\r\nSubject: test\r\n"
        b"MIME-Version: 1.0\r\n")
RUSSIAN = "Съешь же ещё этих мягких французских булок, да выпей же чаю. Ёлка, щука, эхо."
KAZAKH = "Әнұран: ғылым, қала, мың, өнер, ұлт, үміт, һәм іні. ӘҒҚҢӨҰҮҺІ."


def write(tmp_path: Path, raw: bytes) -> Path:
    path = tmp_path / "message.eml"
    path.write_bytes(raw)
    return path


def read(tmp_path: Path, raw: bytes, **kwargs: int) -> StreamedMessage:
    return read_message(write(tmp_path, raw), tmp_path / "parts", **kwargs)


def mixed(*parts: bytes, boundary: bytes = b"b1", close: bool = True) -> bytes:
    raw = HEAD + b'Content-Type: multipart/mixed; boundary="' + boundary + b'"\r\n\r\npreamble\r\n'
    for part in parts:
        raw += b"--" + boundary + b"\r\n" + part + b"\r\n"
    return raw + (b"--" + boundary + b"--\r\n" if close else b"")


def text_part(text: str) -> bytes:
    return b"Content-Type: text/plain; charset=utf-8\r\n\r\n" + text.encode()


def b64_part(data: bytes, headers: bytes) -> bytes:
    body = base64.encodebytes(data).replace(b"\n", b"\r\n")
    return headers + b"Content-Transfer-Encoding: base64\r\n\r\n" + body


def test_base64_attachment_of_a_few_megabytes(tmp_path: Path) -> None:
    video = random.Random(1).randbytes(3 * 1024 * 1024 + 1)  # +1: the last group is padded
    attachment = b64_part(video, b'Content-Type: video/mp4\r\n'
                                 b'Content-Disposition: attachment; filename="work.mp4"\r\n')
    result = read(tmp_path, mixed(text_part("Менің жұмысым"), attachment))
    assert result.text_plain == ["Менің жұмысым"]
    [part] = result.parts
    assert (part.filename, part.content_type, part.disposition) == ("work.mp4", "video/mp4",
                                                                    "attachment")
    assert (part.size, part.sha256) == (len(video), hashlib.sha256(video).hexdigest())
    assert part.path.read_bytes() == video
    assert result.defects == []
    assert result.header("From") == "Ақжан <a@example.kz>"


@pytest.mark.parametrize("charset,text", [
    ("windows-1251", RUSSIAN), ("koi8-r", RUSSIAN), ("utf-8", RUSSIAN + "\n" + KAZAKH),
    ("kz-1048", KAZAKH), ("KZ1048", RUSSIAN + "\n" + KAZAKH),
])
@pytest.mark.parametrize("eol", [b"\r\n", b"\n"])
def test_quoted_printable_text(tmp_path: Path, charset: str, text: str, eol: bytes) -> None:
    body = binascii.b2a_qp((text + "\n" + text).encode(charset)).replace(b"\n", eol)
    assert b"=" + eol in body  # long lines: soft line breaks are exercised
    part = (b"Content-Type: text/plain; charset=" + charset.encode() + eol
            + b"Content-Transfer-Encoding: quoted-printable" + eol + eol + body)
    result = read(tmp_path, mixed(part).replace(b"\r\n", eol))
    assert [t.replace("\r\n", "\n") for t in result.text_plain] == [text + "\n" + text]


def test_undecodable_or_unknown_charsets_never_raise() -> None:
    assert decode_text(RUSSIAN.encode("cp1251"), "utf-8") == RUSSIAN  # falls back to cp1251
    assert decode_text(KAZAKH.encode(), "x-no-such-charset") == KAZAKH
    assert decode_text(KAZAKH.encode(), "base64") == KAZAKH  # not a text encoding
    assert decode_text(b"\xff\xfe\x00", "\0bad") != ""
    assert decode_text(b"abc", None) == "abc"


KAZAKH_NAME = "Әнұран ғқңөүһі.mp4"


@pytest.mark.parametrize("disposition", [
    b"attachment; filename*=UTF-8''" + quote(KAZAKH_NAME).encode(),
    b"attachment;\r\n filename*0*=UTF-8''" + quote(KAZAKH_NAME[:6]).encode()
    + b";\r\n filename*1*=" + quote(KAZAKH_NAME[6:]).encode(),
    b'attachment; filename="=?UTF-8?B?' + base64.b64encode(KAZAKH_NAME.encode()) + b'?="',
], ids=["rfc2231", "rfc2231-continued", "rfc2047"])
def test_kazakh_filename(tmp_path: Path, disposition: bytes) -> None:
    attachment = b64_part(b"\x00video", b"Content-Type: video/mp4\r\nContent-Disposition: "
                          + disposition + b"\r\n")
    [part] = read(tmp_path, mixed(attachment)).parts
    assert part.filename == KAZAKH_NAME
    assert SAFE_NAME.fullmatch(part.path.name)


@pytest.mark.parametrize("disposition", [
    b'attachment; filename="../../etc/passwd"',
    b'attachment; filename="..\\\\..\\\\windows\\\\evil.dll"',
    b'attachment; filename="/etc/passwd"',
    b'attachment; filename="con.txt"',
    b"attachment; filename*=UTF-8''a%00b%0D%0Ac%2F..%2F..%2Fd.txt",
    b'attachment; filename="nul\x00in\x00raw.txt"',
    b'attachment; filename="' + b"x" * 5000 + b'.mp4"',
    b"attachment; filename*=UTF-8''" + quote("ә" * 2500).encode(),
], ids=["dotdot", "backslashes", "absolute", "con", "nul-cr-lf", "raw-nul", "5000", "5000-kk"])
def test_hostile_filename_never_reaches_the_filesystem(tmp_path: Path, disposition: bytes) -> None:
    parts_dir = tmp_path / "a" / "b" / "parts"
    path = write(tmp_path, mixed(b64_part(b"payload", b"Content-Type: application/octet-stream"
                                          b"\r\nContent-Disposition: " + disposition + b"\r\n")))
    [part] = read_message(path, parts_dir).parts
    assert part.path.parent == parts_dir and SAFE_NAME.fullmatch(part.path.name)
    assert part.path.read_bytes() == b"payload"
    assert sorted(tmp_path.rglob("*")) == sorted(
        [path, tmp_path / "a", tmp_path / "a" / "b", parts_dir, part.path])
    assert part.filename and not set(part.filename) & {"\0", "\r", "\n"}
    assert len(part.filename) <= 1024


def test_nested_alternative_and_inline_image(tmp_path: Path) -> None:
    alternative = (b'Content-Type: multipart/alternative; boundary="alt"\r\n\r\n'
                   b"--alt\r\n" + text_part("Сәлем, әлем!") + b"\r\n"
                   b"--alt\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
                   + "<p>Сәлем, әлем!</p>".encode() + b"\r\n--alt--\r\n")
    image = b64_part(b"\x89PNG...", b"Content-Type: image/png\r\nContent-ID: <logo@example.kz>"
                                    b"\r\nContent-Disposition: inline\r\n")
    result = read(tmp_path, mixed(alternative, image))
    assert result.text_plain == ["Сәлем, әлем!"]
    assert result.text_html == ["<p>Сәлем, әлем!</p>"]
    [part] = result.parts
    assert (part.content_id, part.disposition, part.filename) == ("<logo@example.kz>", "inline",
                                                                  None)
    assert part.path.read_bytes() == b"\x89PNG..."
    assert result.defects == []


# --- attached messages ---

def inner_mail(*parts: bytes, close: bool = True) -> bytes:
    """A whole mail with its own headers and multipart, to be attached to another."""
    subject = b"Subject: =?utf-8?b?" + base64.b64encode("Өтінім".encode()) + b"?=\r\n"
    body = mixed(*parts, boundary=b"inner", close=close)[len(HEAD):]
    return b"From: b@example.kz\r\n" + subject + body


def attached(message: bytes, encoding: bytes = b"") -> bytes:
    """A message/rfc822 part as a phone's "forward as attachment" writes it."""
    return (b'Content-Type: message/rfc822; name="forwarded.eml"\r\n'
            b'Content-Disposition: attachment; filename="forwarded.eml"\r\n'
            + (b"Content-Transfer-Encoding: " + encoding + b"\r\n" if encoding else b"")
            + b"\r\n" + message)


def assert_like_stdlib(result: StreamedMessage, raw: bytes) -> None:
    """The stdlib's walk() finds the same leaves and texts (it descends attached messages)."""
    view = stdlib_view(raw)
    assert our_view(result, view.parts) == view.parts
    assert result.text_plain == [same for _, same in view.plain]
    assert result.text_html == [same for _, same in view.html]


VIDEO_NAME = "Бейне.mp4"


@pytest.mark.parametrize("eol", [b"\r\n", b"\n"], ids=["crlf", "lf"])
def test_phone_forward_with_a_video_inside_an_attached_message(tmp_path: Path,
                                                                eol: bytes) -> None:
    video = b"\x00\x00\x00\x18ftypmp42" + random.Random(5).randbytes(3 * 1024 * 1024)
    disposition = b"attachment; filename*=UTF-8''" + quote(VIDEO_NAME).encode()
    inner = inner_mail(text_part("Бейнем қоса беріліп отыр."), b64_part(
        video, b"Content-Type: video/mp4\r\nContent-Disposition: " + disposition + b"\r\n"))
    raw = mixed(text_part("Бастапқы хат тіркемеде."), attached(inner)).replace(b"\r\n", eol)
    result = read(tmp_path, raw)
    [part] = result.parts
    assert (part.filename, part.content_type, part.disposition) == (VIDEO_NAME, "video/mp4",
                                                                    "attachment")
    assert (part.size, part.sha256) == (len(video), hashlib.sha256(video).hexdigest())
    assert part.path.read_bytes() == video and SAFE_NAME.fullmatch(part.path.name)
    assert result.text_plain == ["Бастапқы хат тіркемеде.", "Бейнем қоса беріліп отыр."]
    assert result.header("Subject") == "test"  # the top-level headers, not the attached ones
    assert result.defects == []  # the attached message ends at the outer delimiter: no defect
    assert_like_stdlib(result, raw)


@pytest.mark.parametrize("body,texts", [
    (b"Subject: one leaf\r\n\r\njust text", ["before", "just text", "after"]),
    (b"Subject: no body\r\n", ["before", "", "after"]),
    (b"", ["before", "", "after"]),
], ids=["leaf", "headers-only", "empty"])
def test_attached_message_with_a_simple_body(tmp_path: Path, body: bytes,
                                             texts: list[str]) -> None:
    raw = mixed(text_part("before"), b"Content-Type: message/rfc822\r\n\r\n" + body,
                text_part("after"))
    result = read(tmp_path, raw)
    assert (result.text_plain, result.parts, result.defects) == (texts, [], [])
    assert_like_stdlib(result, raw)


def test_message_that_is_an_attached_message_ends_with_the_file(tmp_path: Path) -> None:
    inner = inner_mail(text_part("inner text"), b64_part(b"%PDF-1.4", b"Content-Type: "
                                                         b"application/pdf\r\n"))
    raw = HEAD + b"Content-Type: message/rfc822\r\n\r\n" + inner
    result = read(tmp_path, raw)
    assert result.text_plain == ["inner text"]
    assert [(p.content_type, p.path.read_bytes()) for p in result.parts] == [
        ("application/pdf", b"%PDF-1.4")]
    assert result.defects == []
    assert_like_stdlib(result, raw)


@pytest.mark.parametrize("encoding", [b"7bit", b"8BIT", b"binary", b"x-unheard-of"])
def test_attached_message_in_its_bytes_is_descended(tmp_path: Path, encoding: bytes) -> None:
    inner = inner_mail(text_part("ішкі мәтін"), b64_part(b"%PDF-1.4", b"Content-Type: "
                                                         b"application/pdf\r\n"))
    raw = mixed(text_part("See below."), attached(inner, encoding))
    result = read(tmp_path, raw)
    assert result.text_plain == ["See below.", "ішкі мәтін"]
    assert [p.path.read_bytes() for p in result.parts] == [b"%PDF-1.4"]
    assert_like_stdlib(result, raw)


@pytest.mark.parametrize("encoding", [b"base64", b"quoted-printable"])
def test_encoded_attached_message_stays_whole(tmp_path: Path, encoding: bytes) -> None:
    inner = inner_mail(text_part("inner text"))
    body = (base64.encodebytes(inner) if encoding == b"base64" else binascii.b2a_qp(inner))
    result = read(tmp_path, mixed(text_part("See below."), attached(body, encoding)))
    assert result.text_plain == ["See below."]
    [part] = result.parts
    assert (part.content_type, part.filename) == ("message/rfc822", "forwarded.eml")
    assert part.path.read_bytes() == inner
    forwarded = email.message_from_bytes(part.path.read_bytes(), policy=policy.default)
    assert forwarded["Subject"] == "Өтінім"


def test_digest(tmp_path: Path) -> None:
    image = b64_part(b"GIF89a...", b"Content-Type: image/gif\r\nContent-Disposition: "
                                   b"attachment; filename*=UTF-8''" + quote("сурет.gif").encode()
                                   + b"\r\n")
    # A digest's parts are attached messages unless typed otherwise (the third one).
    first = b"\r\nFrom: a@example.kz\r\nSubject: one\r\n\r\n" + "Бірінші хат.".encode()
    second = b"\r\n" + inner_mail(text_part("Екінші хат."), image)
    third = text_part("Не хат емес.")
    raw = (HEAD + b'Content-Type: multipart/digest; boundary="d"\r\n\r\n'
           + b"".join(b"--d\r\n" + part + b"\r\n" for part in (first, second, third))
           + b"--d--\r\n")
    result = read(tmp_path, raw)
    assert result.text_plain == ["Бірінші хат.", "Екінші хат.", "Не хат емес."]
    [part] = result.parts
    assert (part.filename, part.path.read_bytes()) == ("сурет.gif", b"GIF89a...")
    assert result.defects == []
    assert_like_stdlib(result, raw)


def test_attached_message_without_its_final_boundary(tmp_path: Path) -> None:
    inner = inner_mail(text_part("inner text"),
                       b64_part(b"%PDF-1.4", b"Content-Type: application/pdf\r\n"), close=False)
    raw = mixed(text_part("before"), attached(inner), text_part("after"))
    result = read(tmp_path, raw)
    assert result.text_plain == ["before", "inner text", "after"]
    assert [p.path.read_bytes() for p in result.parts] == [b"%PDF-1.4"]
    # The attached message's own multipart is unfinished; that it ends there is no defect.
    assert result.defects == ["nested multipart ends without its final boundary"]
    assert_like_stdlib(result, raw)


@pytest.mark.parametrize("forwarded", [False, True], ids=["top", "in-attached-message"])
def test_no_blank_line_before_the_first_delimiter(tmp_path: Path, forwarded: bool) -> None:
    inner = inner_mail(text_part("inner text"),
                       b64_part(b"%PDF-1.4", b"Content-Type: application/pdf\r\n"))
    inner = inner.replace(b'boundary="inner"\r\n\r\npreamble\r\n', b'boundary="inner"\r\n')
    raw = mixed(text_part("before"), attached(inner)) if forwarded else HEAD + inner
    result = read(tmp_path, raw)
    assert result.text_plain == ["before"] * forwarded + ["inner text"]
    assert [p.path.read_bytes() for p in result.parts] == [b"%PDF-1.4"]
    assert result.defects == ["no blank line between headers and body"]
    assert_like_stdlib(result, raw)


def test_endless_attached_messages_are_capped(tmp_path: Path) -> None:
    levels = "".join(  # attached messages and multiparts alike count to MAX_DEPTH
        f'Content-Type: multipart/mixed; boundary="b{level}"\r\n\r\n--b{level}\r\n' if level % 2
        else f"Subject: level {level}\r\nContent-Type: message/rfc822\r\n\r\n"
        for level in range(60))
    result = read(tmp_path, HEAD + levels.encode() + text_part("deep"))
    assert result.defects == [f"message nested deeper than {MAX_DEPTH}: kept as one part",
                              "multipart ends without its final boundary"]  # none is closed
    [part] = result.parts  # levels 0 to MAX_DEPTH - 1 are read, the rest is one part
    assert part.content_type == "message/rfc822"
    kept = part.path.read_bytes()  # level MAX_DEPTH is a message: its body starts level + 1
    assert kept.startswith(f'Content-Type: multipart/mixed; boundary="b{MAX_DEPTH + 1}"'.encode())
    assert kept.endswith(b"deep")
    assert result.text_plain == []


def test_very_deep_attached_messages_stay_bounded(tmp_path: Path) -> None:
    level = b"Content-Type: message/rfc822\r\n\r\n"
    raw = HEAD + level * 200_000 + b"deep"
    result = read(tmp_path, raw)
    [part] = result.parts  # the header blocks of levels 0 to MAX_DEPTH are read, not kept
    assert part.size == len(raw) - len(HEAD) - len(level) * (MAX_DEPTH + 1)
    assert any("deeper than" in d for d in result.defects)


def test_missing_final_boundary(tmp_path: Path) -> None:
    data = random.Random(2).randbytes(10_000)
    raw = mixed(text_part("hello"), b64_part(data, b"Content-Type: video/mp4\r\n"), close=False)
    result = read(tmp_path, raw)
    assert result.text_plain == ["hello"]
    assert [p.sha256 for p in result.parts] == [hashlib.sha256(data).hexdigest()]
    assert any("final boundary" in d for d in result.defects)


def test_nested_multipart_closed_by_outer_boundary(tmp_path: Path) -> None:
    inner = b'Content-Type: multipart/mixed; boundary="in"\r\n\r\n--in\r\n' + text_part("one")
    result = read(tmp_path, mixed(inner, text_part("two")))
    assert result.text_plain == ["one", "two"]
    assert result.defects


@pytest.mark.parametrize("content_type", [
    b'multipart/mixed; boundary="never-used"', b"multipart/mixed", b"multipart/alternative;",
])
def test_false_multipart_is_read_as_text(tmp_path: Path, content_type: bytes) -> None:
    raw = HEAD + b"Content-Type: " + content_type + b"\r\n\r\nJust text.\r\n"
    result = read(tmp_path, raw)
    assert [t.strip() for t in result.text_plain] == ["Just text."]
    assert result.defects


@pytest.mark.parametrize("eol", [b"\r\n", b"\n", b"\r"], ids=["crlf", "lf", "cr"])
def test_line_endings(tmp_path: Path, eol: bytes) -> None:
    data = random.Random(3).randbytes(5000)
    raw = mixed(text_part("line 1\r\nline 2"), b64_part(data, b"Content-Type: video/mp4\r\n"))
    result = read(tmp_path, raw.replace(b"\r\n", eol))
    assert result.text_plain == ["line 1" + eol.decode() + "line 2"]
    assert [p.sha256 for p in result.parts] == [hashlib.sha256(data).hexdigest()]
    assert result.header("Subject") == "test"


def test_no_content_type_and_empty_messages(tmp_path: Path) -> None:
    assert read(tmp_path, b"Subject: hi\r\n\r\nplain body\r\n").text_plain == ["plain body\r\n"]
    empty = read(tmp_path, b"")
    assert (empty.text_plain, empty.parts, empty.header("Subject")) == ([""], [], "")
    no_headers = read(tmp_path, b"no headers at all\r\nsecond line")
    assert no_headers.text_plain == ["no headers at all\r\nsecond line"]


def test_extremely_long_lines(tmp_path: Path) -> None:
    long_text = "ә" * 150_000  # 300 KB on one line, read in 64 KB pieces
    data = random.Random(4).randbytes(1_000_000)
    one_line = b"Content-Type: video/mp4\r\nContent-Transfer-Encoding: base64\r\n\r\n"
    result = read(tmp_path, mixed(text_part(long_text), one_line + base64.b64encode(data)))
    assert result.text_plain == [long_text]
    assert [p.sha256 for p in result.parts] == [hashlib.sha256(data).hexdigest()]


def test_garbage_in_base64_is_decoded_like_the_stdlib(tmp_path: Path) -> None:
    body = b"QUJD!!\r\nR E\r\n\xff\xfeVG\r\nd"  # garbage, spaces, a stray last character
    part = b"Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n"
    raw = mixed(part + body, b64_part(b"next", b"Content-Type: image/gif\r\n"))
    std = email.message_from_bytes(raw, policy=policy.default).get_payload()
    assert isinstance(std, list) and isinstance(std[0], Message)
    result = read(tmp_path, raw)
    assert [p.path.read_bytes() for p in result.parts] == [b"ABCDEF", b"next"]
    assert std[0].get_payload(decode=True) != b"ABCDEF"  # the stdlib returns the raw text here
    padded = read(tmp_path, mixed(part + b"QUJD\r\nRA==\r\nQUJD"))  # data after padding: dropped
    assert padded.parts[0].path.read_bytes() == b"ABCD"
    assert any("after the final padding" in d for d in padded.defects)


def test_endless_nesting_is_capped(tmp_path: Path) -> None:
    raw = HEAD
    for level in range(60):
        raw += f'Content-Type: multipart/mixed; boundary="b{level}"\r\n\r\n--b{level}\r\n'.encode()
    raw += text_part("deep") + b"\r\n"
    result = read(tmp_path, raw)
    assert any("deeper than" in d for d in result.defects)
    [part] = result.parts  # level 20 and below is kept whole
    assert b"deep" in part.path.read_bytes()


def test_many_parts_are_capped(tmp_path: Path) -> None:
    result = read(tmp_path, mixed(*[text_part(str(i)) for i in range(1_100)]))
    assert len(result.text_plain) == 1_000
    assert any("more than" in d for d in result.defects)


def test_header_block_is_capped(tmp_path: Path) -> None:
    raw = b"Subject: first\r\n" + b"X-Junk: " + b"j" * 300_000 + b"\r\n\r\nbody\r\n"
    result = read(tmp_path, raw)
    assert result.header("Subject") == "first"
    assert any("header block too long" in d for d in result.defects)
    huge_type = read(tmp_path, b"Content-Type: text/plain" + b"; a=b" * 50_000 + b"\r\n\r\nhi")
    assert huge_type.text_plain == ["hi"]
    assert any("was cut" in d for d in huge_type.defects)


def test_text_limit_cuts_between_characters(tmp_path: Path) -> None:
    result = read(tmp_path, mixed(text_part("ә" * 1000), text_part("more")), text_limit=1001)
    assert result.text_plain == ["ә" * 500, ""]
    assert any("dropped" in d for d in result.defects)


def test_header_accessor(tmp_path: Path) -> None:
    subject = base64.b64encode("Қазақ\r\nBcc: x@evil\x00".encode())
    raw = b"Subject: =?utf-8?b?" + subject + b"?=\r\nTo: \xd0\x90 <a@b.kz>\r\n\r\nbody"
    result = read(tmp_path, raw)
    assert result.header("subject") == "ҚазақBcc: x@evil"
    assert result.header("To") == "А <a@b.kz>"
    assert result.header("X-Absent") == ""

    class Hostile(EmailMessage):
        def get(self, name: str, failobj: object = None) -> object:
            raise IndexError("as some hostile headers make policy.default do")

    headers = Hostile()
    headers["Subject"] = "=?utf-8?b?" + base64.b64encode("Өтінім".encode()).decode() + "?="
    hostile = StreamedMessage(headers, [], [], [], [])
    assert hostile.header("Subject") == "Өтінім"


def test_parts_dir_is_shared_without_overwriting(tmp_path: Path) -> None:
    first = read(tmp_path, mixed(b64_part(b"one", b"Content-Type: video/mp4\r\n")))
    second = read(tmp_path, mixed(b64_part(b"two", b"Content-Type: video/mp4\r\n")))
    assert first.parts[0].path != second.parts[0].path
    assert [first.parts[0].path.read_bytes(), second.parts[0].path.read_bytes()] == [b"one",
                                                                                     b"two"]


# --- memory ---

FORWARD_HEAD = (b'Content-Type: multipart/mixed; boundary="XYZ"\r\n\r\n--XYZ\r\n'
                + text_part("Қараңыз") + b"\r\n--XYZ\r\nContent-Type: message/rfc822\r\n\r\n"
                + b"From: b@example.kz\r\nSubject: Fwd\r\n")


def write_big_message(path: Path, size: int, *, forwarded: bool = False) -> str:
    """Write a message with a base64 attachment of ``size`` bytes, chunk by chunk; if
    ``forwarded``, inside an attached message (see FORWARD_HEAD)."""
    block = random.Random(7).randbytes(57 * 1024)  # whole base64 lines, no padding inside
    digest = hashlib.sha256()
    with open(path, "wb") as f:
        f.write(HEAD + (FORWARD_HEAD if forwarded else b"")
                + b'Content-Type: multipart/mixed; boundary="IN"\r\n\r\n--IN\r\n'
                + text_part("Бейне жұмыс") + b"\r\n--IN\r\nContent-Type: video/mp4\r\n"
                b'Content-Disposition: attachment; filename="video.mp4"\r\n'
                b"Content-Transfer-Encoding: base64\r\n\r\n")
        for i, start in enumerate(range(0, size, len(block))):
            chunk = (block[i % 97:] + block[: i % 97])[: size - start]
            digest.update(chunk)
            f.write(base64.encodebytes(chunk).replace(b"\n", b"\r\n"))
        f.write(b"--IN--\r\n" + (b"--XYZ--\r\n" if forwarded else b""))
    return digest.hexdigest()


@pytest.mark.slow
@pytest.mark.parametrize("forwarded", [False, True], ids=["attached", "in-attached-message"])
def test_memory_does_not_grow_with_the_attachment(tmp_path: Path, forwarded: bool) -> None:
    size = 25 * 1024 * 1024
    digest = write_big_message(tmp_path / "big.eml", size, forwarded=forwarded)
    tracemalloc.start()
    try:
        result = read_message(tmp_path / "big.eml", tmp_path / "parts")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [(p.size, p.sha256) for p in result.parts] == [(size, digest)]
    assert result.text_plain == ["Қараңыз"] * forwarded + ["Бейне жұмыс"]
    assert result.defects == []
    assert peak < 8 * 1024 * 1024, f"peak Python allocation {peak / 1e6:.1f} MB"
