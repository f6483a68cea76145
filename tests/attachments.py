"""Attachments as people send them, and application emails carrying them, for the tests.

Every mail is built with the stdlib `email` package the way a client builds it, written to
disk and read back with `read_letter`, both in memory (mail-parser) and streamed from the
file (`hub.mail.mimestream`): the `read` fixture of tests/intake/conftest.py gives each
test both. The file contents are what they say by their first bytes, as `sniff` reads them.
"""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.mime.base import MIMEBase
from email.utils import formatdate
from pathlib import Path

import docx
from pypdf import PdfWriter

from hub.mail.letter import Letter, read_letter
from intake.files.filetypes import sniff
from intake.parts import sender_filename
from intake.reading import read_email
from intake.works.collect import WorkList

# ---------------------------------------------------------------- file contents


def _fill(size: int, seed: int) -> bytes:
    return bytes((seed * 31 + index * 7) % 251 for index in range(size))


def mp4(size: int = 4000, seed: int = 1, brand: bytes = b"mp42") -> bytes:
    head = struct.pack(">I", 24) + b"ftyp" + brand + b"\x00\x00\x00\x00isom" + brand
    return head + b"\x00\x00\x00\x08free" + _fill(size, seed)


def mov(size: int = 4000, seed: int = 1) -> bytes:
    return struct.pack(">I", 20) + b"ftypqt  \x00\x00\x02\x00qt  " + _fill(size, seed)


def three_gp(size: int = 4000, seed: int = 1) -> bytes:
    return struct.pack(">I", 20) + b"ftyp3gp4\x00\x00\x02\x003gp4" + _fill(size, seed)


JPEG_HEAD = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"


def jpeg(size: int, seed: int = 1) -> bytes:
    """A JPEG of exactly `size` bytes."""
    return JPEG_HEAD + _fill(size - len(JPEG_HEAD), seed)


def png(size: int, seed: int = 1) -> bytes:
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + _fill(size, seed)


def gif(size: int = 43) -> bytes:
    return b"GIF89a\x01\x00\x01\x00\x80\x00\x00" + _fill(size, 3)


EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + bytes(300)


def pptx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr("ppt/presentation.xml", "<p:presentation/>")
        archive.writestr("ppt/slides/slide1.xml", "<p:sld/>")
    return buffer.getvalue()


def zip_of_videos() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("1.mp4", mp4(seed=40))
        archive.writestr("2.mp4", mp4(seed=41))
    return buffer.getvalue()


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx_file(paragraphs: Sequence[str]) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


KAZAKH_FORM = [
    "«Шаңырақ» креативті хабына қатысуға ӨТІНІМ",
    "1. Қатысушы туралы мәліметтер",
    "Ақмола облысы, елді мекен: Көкшетау қаласы",
    "Тегі, аты, әкесінің аты: Нұрғалиева Әйгерім Серікқызы",
    "Туған жері және жылы: Көкшетау қ., 2001 ж.",
    "Тұрақты тұратын мекенжайы: Көкшетау қ., Абай көшесі, 12",
    "Байланыс телефоны: +7 701 234 56 78",
    "Әлеуметтік желілердегі парақшаларына сілтемелер: https://www.instagram.com/aigerim.kz/",
    "2. Шығармашылық материалдар",
    "Бейне: https://www.youtube.com/watch?v=Shanyraq26&si=AbCdEf",
]


def text_pdf(pages: Sequence[Sequence[str]]) -> bytes:
    """A PDF with a text layer in the standard Helvetica (Latin text only)."""
    contents = []
    for lines in pages:
        ops = [b"BT /F1 11 Tf 50 800 Td 16 TL"]
        for line in lines:
            escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(b"(" + escaped.encode("cp1252") + b") Tj T*")
        ops.append(b"ET")
        contents.append(b"\n".join(ops))
    font = 3 + 2 * len(contents)
    kids = " ".join(f"{3 + 2 * index} 0 R" for index in range(len(contents)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {len(contents)} >>".encode(),
    ]
    for index, content in enumerate(contents):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {4 + 2 * index} 0 R"
            f" /Resources << /Font << /F1 {font} 0 R >> >> >>".encode()
        )
        objects.append(
            f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream"
        )
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
                   b"/Encoding /WinAnsiEncoding >>")
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    start = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{start}\n%%EOF\n"
            ).encode()
    return bytes(out)


def scanned_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------- mails and reading them


def mail(
    subject: str = "Өтінім", body: str = "Сәлеметсіз бе! Өтінімімді жіберемін."
) -> EmailMessage:
    message = EmailMessage()
    message["From"] = "Әйгерім <aigerim@mail.kz>"
    message["To"] = "shanyraq@mail.ru"
    message["Subject"] = subject
    message["Date"] = formatdate(1773900000, localtime=False)
    message["Message-ID"] = "<works-test@mail.kz>"
    message.set_content(body)
    return message


def html_part(message: EmailMessage) -> EmailMessage:
    for part in message.walk():
        if part.get_content_type() == "text/html":
            assert isinstance(part, EmailMessage)
            return part
    raise AssertionError("the mail has no HTML part")


def attach(message: EmailMessage, data: bytes, filename: str, content_type: str) -> None:
    maintype, subtype = content_type.split("/")
    message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)


@dataclass
class Reader:
    """Reads a built mail back the way the service does: in memory, or streamed from disk."""

    mode: str
    tmp_path: Path

    def __call__(self, message: EmailMessage | MIMEBase) -> Letter:
        raw = self.tmp_path / "message.eml"
        raw.write_bytes(message.as_bytes())
        large = 0 if self.mode == "streamed" else 10**9
        return read_letter(raw, self.tmp_path / "parts", large_bytes=large)


def works_of(found: WorkList) -> list[tuple[str, str, str]]:
    return [(work.kind, work.title, work.format) for work in found.works]


def ignored_of(found: WorkList) -> list[tuple[str, str]]:
    """(the sender's name or, without one, the declared type; the reason) per ignored part."""
    return [
        (sender_filename(attachment, sniff(attachment.path)) or attachment.content_type, reason)
        for attachment, reason in found.ignored
    ]


def assert_every_attachment_once(letter: Letter, found: WorkList) -> None:
    indexes = [work.attachment_index for work in found.works if not work.is_link]
    indexes += [letter.attachments.index(attachment) for attachment, _ in found.ignored]
    assert sorted(index for index in indexes if index is not None) == list(
        range(len(letter.attachments))
    )


def collect(letter: Letter) -> WorkList:
    """The email's work list as `read_email` gives it, checked to hold every attachment once."""
    found = read_email(letter).works
    assert_every_attachment_once(letter, found)
    return found
