"""Telling works from everything else among the attachments of real application emails.

The mails come from tests/attachments.py: built the way clients build them and read back
both in memory and streamed, so the whole path from the raw message to the work list is
real. Most tests look at what `read_email` finally makes of each attachment; the last ones
look at `sort_parts` itself, which reads no form.
"""

from __future__ import annotations

import unicodedata
from email.message import EmailMessage
from email.mime.application import MIMEApplication
from email.mime.image import MIMEImage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText

import pytest
from attachments import (
    DOCX_TYPE,
    EXE,
    KAZAKH_FORM,
    Reader,
    attach,
    collect,
    docx_file,
    gif,
    html_part,
    ignored_of,
    jpeg,
    mail,
    mov,
    mp4,
    png,
    pptx,
    text_pdf,
    three_gp,
    works_of,
    zip_of_videos,
)

from intake.parts import (
    INLINE_PHOTO_MIN_BYTES,
    TINY_INLINE_BYTES,
    Candidate,
    Ignored,
    named_like_form,
    referenced_cids,
    sort_parts,
)

KAZAKH_LETTERS = "ӘәҒғҚқҢңӨөҰұҮүҺһІі"


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


# ---------------------------------------------------------------- helpers, and sorting alone


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


def test_sorting_reads_no_form_and_leaves_every_copy_of_a_docx_to_the_reading(
    read: Reader,
) -> None:
    form = docx_file(KAZAKH_FORM)  # once: python-docx stamps the time into the ZIP
    message = mail()
    attach(message, form, "Өтінім.docx", DOCX_TYPE)
    attach(message, form, "Өтінім (1).docx", DOCX_TYPE)
    attach(message, text_pdf([["Shanyraq"]]), "Жоба.pdf", "application/pdf")
    attach(message, text_pdf([["Shanyraq"]]), "Жоба (1).pdf", "application/pdf")
    attach(message, jpeg(150_000, seed=52), "Анкета.jpg", "image/jpeg")
    attach(message, mp4(seed=53), "Бейне.mp4", "video/mp4")

    parts = sort_parts(read(message))

    # Whether the second DOCX is the same form again is known only once the first is read.
    assert [(part.title, candidate) for part, candidate in parts.forms] == [
        ("Өтінім.docx", Candidate.DOCX),
        ("Өтінім (1).docx", Candidate.DOCX),
        ("Жоба.pdf", Candidate.PDF),
        ("Анкета.jpg", Candidate.NAMED),
    ]
    assert [(part.index, part.title, part.kind.format) for part in parts.works] == [
        (5, "Бейне.mp4", "mp4")
    ]
    assert [(part.title, reason) for part, reason in parts.ignored] == [
        ("Жоба (1).pdf", Ignored.SAME_FILE)
    ]
