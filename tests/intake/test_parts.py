"""Telling works from everything else in real application emails.

Every mail here is built with the stdlib `email` package the way a client builds it, written
to disk and read back with `read_letter`, both in memory (mail-parser) and streamed from the
file (`hub.mail.mimestream`), so the whole path from the raw message to the work list is real.
"""

from __future__ import annotations

import io
import struct
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.mime.application import MIMEApplication
from email.mime.base import MIMEBase
from email.mime.image import MIMEImage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import formatdate
from pathlib import Path
from typing import Protocol

import docx
import pytest
from pypdf import PdfWriter

from hub.mail.letter import Letter, read_letter
from intake.form.fields import FormReading
from intake.form.formtext import read_form_text
from intake.parts import (
    INLINE_PHOTO_MIN_BYTES,
    TINY_INLINE_BYTES,
    Ignored,
    WorkList,
    collect_works,
    named_like_form,
    referenced_cids,
    sender_filename,
)
from intake.works.filetypes import sniff

KAZAKH_LETTERS = "ӘәҒғҚқҢңӨөҰұҮүҺһІі"

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


def _pdf(pages: Sequence[Sequence[str]]) -> bytes:
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


@pytest.fixture(params=["memory", "streamed"])
def read(request: pytest.FixtureRequest, tmp_path: Path) -> Reader:
    return Reader(str(request.param), tmp_path)


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
    found = collect_works(letter, read_form_text(letter.text_plain))
    assert_every_attachment_once(letter, found)
    return found


# ---------------------------------------------------------------- attachments


def test_three_videos_from_a_phone(read: Reader) -> None:
    message = mail()
    attach(message, mov(seed=1), "IMG_0001.MOV", "video/quicktime")
    attach(message, mp4(seed=2), "VID_20260315_101500.mp4", "video/mp4")
    attach(message, three_gp(seed=3), "клип.3gp", "application/octet-stream")

    found = collect(read(message))

    assert works_of(found) == [
        ("video", "IMG_0001.MOV", "mov"),
        ("video", "VID_20260315_101500.mp4", "mp4"),
        ("video", "клип.3gp", "3gp"),
    ]
    first = found.works[0]
    assert (first.is_link, first.size, first.url, first.attachment_index) == (
        False, len(mov(seed=1)), None, 0
    )
    assert first.sha256 is not None and len(first.sha256) == 64
    assert found.ignored == [] and found.form_attachments == []


def test_four_works_are_all_listed(read: Reader) -> None:
    message = mail()
    attach(message, mp4(seed=1), "1-бейне.mp4", "video/mp4")
    attach(message, mp4(seed=2), "2-бейне.mp4", "video/mp4")
    attach(message, jpeg(30_000, seed=3), "Бурабай.jpg", "image/jpeg")
    attach(message, pptx(), "Жоба.pptx",
           "application/vnd.openxmlformats-officedocument.presentationml.presentation")

    found = collect(read(message))

    # Counting them against the limit of three is the rules' business, not this module's.
    assert works_of(found) == [
        ("video", "1-бейне.mp4", "mp4"),
        ("video", "2-бейне.mp4", "mp4"),
        ("photo", "Бурабай.jpg", "jpeg"),
        ("multimedia", "Жоба.pptx", "pptx"),
    ]


def test_a_forwarded_mail_keeps_its_attachments_as_works(read: Reader) -> None:
    message = mail(
        subject="Fwd: Шаңырақ байқауы",
        body=(
            "Қайта жіберіп отырмын.\n\n---------- Forwarded message ---------\n"
            "From: Әйгерім <aigerim@mail.kz>\nDate: Sun, 15 Mar 2026 at 10:15\n"
            "Subject: Шаңырақ байқауы\n\nБейнелерім қоса беріліп отыр.\n"
        ),
    )
    attach(message, mp4(seed=7), "Ауылым.mp4", "video/mp4")
    attach(message, mp4(seed=8), "Достық.mp4", "video/mp4")

    found = collect(read(message))

    assert works_of(found) == [("video", "Ауылым.mp4", "mp4"), ("video", "Достық.mp4", "mp4")]


def test_a_mail_forwarded_as_an_attachment(read: Reader) -> None:
    original = mail(subject="Шаңырақ байқауы", body="Бейнем қоса беріліп отыр.")
    attach(original, mp4(seed=9), "Бейне.mp4", "video/mp4")
    message = mail(subject="Fwd: Шаңырақ байқауы", body="Бастапқы хат тіркемеде.")
    message.add_attachment(original)

    letter = read(message)
    found = collect(letter)

    # Both readers descend into the attached message: the files inside it are works.
    assert works_of(found) == [("video", "Бейне.mp4", "mp4")]
    assert "Бейнем қоса беріліп отыр." in letter.text_plain  # its text too, on both
    # mail-parser also lists the attached message itself, which is never a work; the
    # streaming reader, like the stdlib's walk(), lists only the leaves inside it.
    if read.mode == "memory":
        assert [reason for _, reason in found.ignored] == [Ignored.MESSAGE]
    else:
        assert found.ignored == []


def _outlook_mail() -> MIMEMultipart:
    """Outlook with S/MIME on: windows-1251 HTML, a logo in the signature, a signature part."""
    related = MIMEMultipart("related")
    html = (
        "<html><body><p>Здравствуйте! Направляю заявку и фото.</p>"
        '<p>--<br><img width=120 height=40 src="cid:image001.png@01DCB2A1.5E2F3C40"></p>'
        "</body></html>"
    )
    alternative = MIMEMultipart("alternative")
    alternative.attach(MIMEText("Здравствуйте! Направляю заявку и фото.", "plain", "windows-1251"))
    alternative.attach(MIMEText(html, "html", "windows-1251"))
    related.attach(alternative)
    logo = MIMEImage(png(3_000, seed=5), "png", name="image001.png")
    logo.add_header("Content-ID", "<image001.png@01DCB2A1.5E2F3C40>")
    logo.add_header("Content-Disposition", "inline", filename="image001.png")
    related.attach(logo)
    mixed = MIMEMultipart("mixed")
    mixed.attach(related)
    pixel = MIMEImage(gif(), "gif", name="spacer.gif")
    pixel.add_header("Content-Disposition", "inline", filename="spacer.gif")
    mixed.attach(pixel)
    photo = MIMEImage(jpeg(200_000, seed=6), "jpeg", name="Бурабай_көлі.jpg")
    name = ("utf-8", "", "Бурабай_көлі.jpg")
    photo.add_header("Content-Disposition", "attachment", filename=name)
    photo.add_header("Content-ID", "<image002.jpg@01DCB2A1.5E2F3C40>")  # Outlook adds one
    mixed.attach(photo)
    signed = MIMEMultipart(
        "signed", protocol="application/pkcs7-signature", micalg="sha-256"
    )
    signed.attach(mixed)
    signature = MIMEApplication(
        b"\x30\x82\x05\x3a\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x07\x02" + bytes(400),
        "pkcs7-signature",
        name="smime.p7s",
    )
    signature.add_header("Content-Disposition", "attachment", filename="smime.p7s")
    signed.attach(signature)
    signed["From"] = "Ольга <olga@kokshetau.kz>"
    signed["To"] = "shanyraq@mail.ru"
    signed["Subject"] = "Заявка"
    signed["Message-ID"] = "<outlook@kokshetau.kz>"
    return signed


def test_outlook_logo_spacer_and_signature_are_not_works(read: Reader) -> None:
    found = collect(read(_outlook_mail()))

    assert works_of(found) == [("photo", "Бурабай_көлі.jpg", "jpeg")]
    assert ignored_of(found) == [
        ("image001.png", Ignored.INLINE_CID),
        ("spacer.gif", Ignored.TINY_INLINE),
        ("smime.p7s", Ignored.SIGNATURE),
    ]


def test_outlook_signature_drawings_are_part_of_the_letter(read: Reader) -> None:
    # Outlook's rich-text signatures: a gzipped WMF and an EMF, neither a photo format.
    wmz = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x0b" + bytes(60_000)
    emf = b"\x01\x00\x00\x00\x6c\x00\x00\x00" + bytes(32) + b" EMF" + bytes(70_000)
    message = mail()
    message.add_alternative(
        '<p>Құрметпен, Ольга</p>'
        '<img src="cid:image001.wmz@01DC"><img src="cid:image002.emf@01DC">',
        subtype="html",
    )
    related = html_part(message)  # becomes the multipart/related holding the HTML and both
    for data, name in ((wmz, "image001.wmz"), (emf, "image002.emf")):
        related.add_related(
            data, maintype="application", subtype="octet-stream", cid=f"<{name}@01DC>",
            disposition="inline", filename=name,
        )
    attach(message, mp4(seed=60), "Бейне.mp4", "video/mp4")

    found = collect(read(message))

    assert works_of(found) == [("video", "Бейне.mp4", "mp4")]
    assert ignored_of(found) == [
        ("image001.wmz", Ignored.INLINE_CID),
        ("image002.emf", Ignored.INLINE_CID),
    ]


def _gmail_with_inline_image(size: int, filename: str) -> EmailMessage:
    message = mail(body="Сәлеметсіз бе!\n[image: сурет]\n")
    message.add_alternative(
        '<div dir="ltr">Сәлеметсіз бе!<br><img src="cid:ii_m8x2k1a90" alt="сурет"'
        ' width="300"><br></div>',
        subtype="html",
    )
    html_part(message).add_related(
        jpeg(size, seed=11), maintype="image", subtype="jpeg", cid="<ii_m8x2k1a90>",
        disposition="inline", filename=filename,
    )
    return message


def test_gmail_inline_cid_image_is_part_of_the_letter(read: Reader) -> None:
    found = collect(read(_gmail_with_inline_image(30_000, "image.jpg")))

    assert works_of(found) == []
    assert ignored_of(found) == [("image.jpg", Ignored.INLINE_CID)]


@pytest.mark.parametrize(
    ("size", "is_work"), [(INLINE_PHOTO_MIN_BYTES - 1, False), (INLINE_PHOTO_MIN_BYTES, True)]
)
def test_a_photo_in_the_body_is_a_work_when_it_is_photo_sized(
    read: Reader, size: int, is_work: bool
) -> None:
    # iPhone Mail (and Gmail's "insert inline") put the photo itself in the body by cid:.
    found = collect(read(_gmail_with_inline_image(size, "IMG_0456.jpeg")))

    if is_work:
        assert works_of(found) == [("photo", "IMG_0456.jpeg", "jpeg")]
    else:
        assert ignored_of(found) == [("IMG_0456.jpeg", Ignored.INLINE_CID)]


def test_attached_images_are_works_at_any_size_and_inline_ones_from_a_threshold(
    read: Reader,
) -> None:
    message = mail()
    attach(message, jpeg(2_000, seed=13), "кішкентай.jpg", "image/jpeg")  # attached: a work
    for name, size, seed in (
        ("icon.png", TINY_INLINE_BYTES - 1, 14),  # inline and tiny: a logo
        ("IMG_0457.png", TINY_INLINE_BYTES, 15),  # inline, shown by no cid: a photo sent
    ):
        message.add_attachment(png(size - 16, seed), maintype="image", subtype="png",
                               disposition="inline", filename=name)

    found = collect(read(message))

    assert works_of(found) == [
        ("photo", "кішкентай.jpg", "jpeg"),
        ("photo", "IMG_0457.png", "png"),
    ]
    assert ignored_of(found) == [("icon.png", Ignored.TINY_INLINE)]


def test_an_inline_image_without_a_name_is_titled_by_its_position(read: Reader) -> None:
    message = mail()
    message.add_alternative('<p><img src="cid:photo-1"></p>', subtype="html")
    html_part(message).add_related(
        jpeg(120_000, seed=12), maintype="image", subtype="jpeg", cid="<photo-1>"
    )

    found = collect(read(message))

    assert works_of(found) == [("photo", "attachment-1.jpg", "jpeg")]


def test_the_same_video_twice_counts_once(read: Reader) -> None:
    message = mail()
    attach(message, mp4(seed=21), "Бейне.mp4", "video/mp4")
    attach(message, mp4(seed=21), "Бейне (1).mp4", "video/mp4")
    attach(message, mp4(seed=22), "Басқа.mp4", "video/mp4")

    found = collect(read(message))

    assert works_of(found) == [("video", "Бейне.mp4", "mp4"), ("video", "Басқа.mp4", "mp4")]
    assert ignored_of(found) == [("Бейне (1).mp4", Ignored.SAME_FILE)]


def test_a_program_named_video_mp4_is_unsupported(read: Reader) -> None:
    message = mail()
    attach(message, EXE, "video.mp4", "video/mp4")

    found = collect(read(message))

    assert works_of(found) == [("unsupported", "video.mp4", "exe")]
    assert [work.title for work in found.unsupported] == ["video.mp4"]


def test_a_real_mp4_named_photo_jpg_is_a_video(read: Reader) -> None:
    message = mail()
    attach(message, mp4(seed=30), "photo.jpg", "image/jpeg")

    found = collect(read(message))

    assert works_of(found) == [("video", "photo.jpg", "mp4")]


def test_an_archive_of_works_is_unsupported(read: Reader) -> None:
    message = mail()
    attach(message, zip_of_videos(), "жұмыстар.zip", "application/zip")

    found = collect(read(message))

    assert works_of(found) == [("unsupported", "жұмыстар.zip", "zip")]


def test_kazakh_file_names_arrive_intact(read: Reader) -> None:
    kazakh = f"Бейне_{KAZAKH_LETTERS}.mp4"
    # macOS sends names decomposed: "й" as "и" and a combining breve.
    decomposed = unicodedata.normalize("NFD", "Қысқа_фильм_йә.mov")
    assert decomposed != "Қысқа_фильм_йә.mov"
    message = mail()
    attach(message, mp4(seed=31), kazakh, "video/mp4")
    attach(message, mov(seed=32), decomposed, "video/quicktime")

    found = collect(read(message))

    assert works_of(found) == [
        ("video", "Бейне_ӘәҒғҚқҢңӨөҰұҮүҺһІі.mp4", "mp4"),
        ("video", "Қысқа_фильм_йә.mov", "mov"),
    ]


def test_a_name_sent_with_its_folders_is_titled_by_the_name_alone(read: Reader) -> None:
    message = mail()
    attach(message, mp4(seed=35), "C:\\Users\\Әйгерім\\Desktop\\Фильм.mp4", "video/mp4")

    found = collect(read(message))

    assert works_of(found) == [("video", "Фильм.mp4", "mp4")]


def test_calendar_vcard_tnef_and_pgp_signature_are_not_works(read: Reader) -> None:
    message = mail()
    attach(message, b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "invite.ics",
           "text/calendar")
    attach(message, b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Aigerim\r\nEND:VCARD\r\n",
           "Әйгерім.vcf", "text/vcard")
    attach(message, b"\x78\x9f\x3e\x22\x01\x00\x01\x06\x90\x08\x00" + bytes(64), "winmail.dat",
           "application/ms-tnef")
    attach(message, b"-----BEGIN PGP SIGNATURE-----\n\niQEzBAEBCAAdFiEE\n-----END PGP"
           b" SIGNATURE-----\n", "signature.asc", "application/pgp-signature")
    attach(message, mp4(seed=33), "Бейне.mp4", "video/mp4")

    found = collect(read(message))

    assert works_of(found) == [("video", "Бейне.mp4", "mp4")]
    assert ignored_of(found) == [
        ("invite.ics", Ignored.CALENDAR),
        ("Әйгерім.vcf", Ignored.VCARD),
        ("winmail.dat", Ignored.TNEF),
        ("signature.asc", Ignored.SIGNATURE),
    ]


def test_a_video_declared_as_a_signature_is_still_a_video(read: Reader) -> None:
    message = mail()
    attach(message, mp4(seed=34), "smime.p7s", "application/pkcs7-signature")

    found = collect(read(message))

    assert works_of(found) == [("video", "smime.p7s", "mp4")]


# ---------------------------------------------------------------- the form among attachments


def test_docx_form_two_videos_and_a_youtube_link(read: Reader) -> None:
    message = mail(body="Сәлеметсіз бе! Өтінім тіркемеде. Бейнем: https://youtu.be/Shanyraq26")
    attach(message, docx_file(KAZAKH_FORM), "Өтінім.docx",
           "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    attach(message, mp4(seed=41), "Бейне-1.mp4", "video/mp4")
    attach(message, mov(seed=42), "Бейне-2.mov", "video/quicktime")
    letter = read(message)
    reading = read_form_text(letter.text_plain)

    found = collect_works(letter, reading)

    assert_every_attachment_once(letter, found)
    # The link is in the body and again in the form, written another way: one work.
    assert works_of(found) == [
        ("video", "Бейне-1.mp4", "mp4"),
        ("video", "Бейне-2.mov", "mov"),
        ("video", "https://youtu.be/Shanyraq26", "youtube"),
    ]
    link = found.works[2]
    assert (link.is_link, link.size, link.sha256, link.attachment_index, link.url) == (
        True, None, None, None, "https://youtu.be/Shanyraq26"
    )
    assert found.form_attachments == [letter.attachments[0]]
    form = found.form_readings[0]
    assert form.full_name == "Нұрғалиева Әйгерім Серікқызы"
    assert form.settlement == "Көкшетау қаласы"
    assert form.phone == "+7 701 234 56 78"
    assert form.social_links == ["https://www.instagram.com/aigerim.kz/"]
    assert form.work_links == ["https://www.youtube.com/watch?v=Shanyraq26"]
    assert set(form.sources.values()) == {"Өтінім.docx"}
    assert ignored_of(found) == [("Өтінім.docx", Ignored.FORM)]


def test_work_links_in_the_form_alone_are_works(read: Reader) -> None:
    message = mail(body="Өтінім тіркемеде.")
    attach(message, docx_file(KAZAKH_FORM), "anketa.docx",
           "application/vnd.openxmlformats-officedocument.wordprocessingml.document")

    found = collect(read(message))

    assert works_of(found) == [
        ("video", "https://www.youtube.com/watch?v=Shanyraq26", "youtube")
    ]


def test_pdf_form_presentation_and_scanned_form(read: Reader) -> None:
    form = _pdf([[
        "APPLICATION - Shanyraq creative hub",
        "Settlement: Stepnogorsk",
        "Full name: Daniyar Askarovich Bekov",
        "Date of birth: 03/11/2001",
        "Phone: 8 (702) 487-92-11",
    ]])
    # A presentation may carry a contact number; one personal detail does not make a form.
    presentation = _pdf([
        ["Shanyraq: one home for all", "Kokshetau, spring 2026"],
        ["Our village, our people", "Contacts: +7 702 487 92 11"],
    ])
    message = mail()
    attach(message, form, "application.pdf", "application/pdf")
    attach(message, presentation, "Shanyraq.pdf", "application/pdf")
    attach(message, scanned_pdf(), "Өтінім скан.pdf", "application/pdf")

    found = collect(read(message))

    assert works_of(found) == [("multimedia", "Shanyraq.pdf", "pdf")]
    assert ignored_of(found) == [
        ("application.pdf", Ignored.FORM),
        ("Өтінім скан.pdf", Ignored.FORM_UNREAD),
    ]
    assert [reading.full_name for reading in found.form_readings] == [
        "Daniyar Askarovich Bekov", None
    ]
    assert found.form_readings[0].sources["full_name"] == "application.pdf"
    assert found.form_readings[1] == FormReading()


def test_a_pdf_that_trips_the_reader_stays_a_work(
    read: Reader, monkeypatch: pytest.MonkeyPatch
) -> None:
    def trips(path: Path) -> FormReading:
        raise IndexError("list index out of range")  # as pypdf may, deep in a broken file

    monkeypatch.setattr("intake.parts.read_form_pdf", trips)
    message = mail()
    attach(message, _pdf([["Shanyraq"]]), "Жоба.pdf", "application/pdf")

    found = collect(read(message))

    assert works_of(found) == [("multimedia", "Жоба.pdf", "pdf")]


def test_documents_that_are_not_the_form(read: Reader) -> None:
    letter_text = docx_file(["Құрметті қазылар алқасы!", "Бұл менің алғашқы фильмім."])
    broken = docx_file(KAZAKH_FORM)[:3000]
    message = mail()
    attach(message, letter_text, "Хат.docx", "application/octet-stream")
    attach(message, broken, "Бұзылған.docx", "application/octet-stream")
    attach(message, "Сценарий: ауыл, таң.\n".encode(), "сценарий.txt", "text/plain")
    attach(message, jpeg(150_000, seed=50), "Анкета.jpg", "image/jpeg")
    attach(message, jpeg(150_000, seed=51), "Таң.jpg", "image/jpeg")

    found = collect(read(message))

    assert works_of(found) == [("photo", "Таң.jpg", "jpeg")]
    assert ignored_of(found) == [
        ("Хат.docx", Ignored.DOCUMENT),
        ("Бұзылған.docx", Ignored.BROKEN_DOCUMENT),
        ("сценарий.txt", Ignored.DOCUMENT),
        ("Анкета.jpg", Ignored.FORM_UNREAD),
    ]
    assert found.form_readings == [FormReading()]


# ---------------------------------------------------------------- helpers and the interface


def test_referenced_cids() -> None:
    html = (
        '<img src="cid:image001.png@01DC">'
        "<td background='CID:Logo%40x'>"
        '<div style="background:url(cid:ii_abc)">'
    )
    assert referenced_cids(html) == {"image001.png@01dc", "logo@x", "ii_abc"}


@pytest.mark.parametrize(
    ("filename", "expected"),
    [
        ("Өтінім_Әбілқасымова.docx", True),
        ("отінім.pdf", True),
        ("Otinim Aigerim.pdf", True),
        ("Заявка на конкурс.docx", True),
        ("ZAYAVKA.pdf", True),
        ("Анкета-2026.jpg", True),
        ("сауалнама.doc", True),
        ("application_form.pdf", True),
        ("Бурабай көлі.jpg", False),
        ("Форма жизни.jpg", False),
        ("IMG_0042.jpeg", False),
    ],
)
def test_named_like_form(filename: str, expected: bool) -> None:
    assert named_like_form(filename) is expected


class WorkSummary(Protocol):
    """What the rules (intake/rules/submission.py) expect of a work."""

    kind: str
    size: int | None
    title: str
    is_link: bool


def _summarise(works: Sequence[WorkSummary]) -> list[tuple[str, int | None, str, bool]]:
    return [(work.kind, work.size, work.title, work.is_link) for work in works]


def test_a_work_is_what_the_rules_expect(read: Reader) -> None:
    message = mail(body="https://youtu.be/x1")
    attach(message, jpeg(20_000), "Фото.jpg", "image/jpeg")

    found = collect(read(message))

    assert _summarise(found.works) == [
        ("photo", len(jpeg(20_000)), "Фото.jpg", False),
        ("video", None, "https://youtu.be/x1", True),
    ]
    assert found.works[0].as_dict() == {
        "kind": "photo",
        "title": "Фото.jpg",
        "is_link": False,
        "size": len(jpeg(20_000)),
        "sha256": found.works[0].sha256,
        "url": None,
        "format": "jpeg",
    }
