"""Which attachments are the filled-in form: read with their readers, then decided.

A DOCX with any field read is the form; a PDF is the form when it reads as one, or is named
like it and reads nothing, and a work otherwise; a file named like the form that cannot be
read is the form all the same. The mails come from tests/attachments.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from attachments import (
    DOCX_TYPE,
    KAZAKH_FORM,
    Reader,
    attach,
    collect,
    docx_file,
    ignored_of,
    jpeg,
    mail,
    mov,
    mp4,
    scanned_pdf,
    text_pdf,
    works_of,
)

from intake.form.fields import FormReading
from intake.parts import Ignored


def test_docx_form_two_videos_and_a_youtube_link(read: Reader) -> None:
    message = mail(body="Сәлеметсіз бе! Өтінім тіркемеде. Бейнем: https://youtu.be/Shanyraq26")
    attach(message, docx_file(KAZAKH_FORM), "Өтінім.docx", DOCX_TYPE)
    attach(message, mp4(seed=41), "Бейне-1.mp4", "video/mp4")
    attach(message, mov(seed=42), "Бейне-2.mov", "video/quicktime")
    letter = read(message)

    found = collect(letter)

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
    attach(message, docx_file(KAZAKH_FORM), "anketa.docx", DOCX_TYPE)

    found = collect(read(message))

    assert works_of(found) == [
        ("video", "https://www.youtube.com/watch?v=Shanyraq26", "youtube")
    ]


def test_pdf_form_presentation_and_scanned_form(read: Reader) -> None:
    form = text_pdf([[
        "APPLICATION - Shanyraq creative hub",
        "Settlement: Stepnogorsk",
        "Full name: Daniyar Askarovich Bekov",
        "Date of birth: 03/11/2001",
        "Phone: 8 (702) 487-92-11",
    ]])
    # A presentation may carry a contact number; one personal detail does not make a form.
    presentation = text_pdf([
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

    monkeypatch.setattr("intake.form.attached.read_form_pdf", trips)
    message = mail()
    attach(message, text_pdf([["Shanyraq"]]), "Жоба.pdf", "application/pdf")

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


def test_a_copy_of_the_form_counts_once_and_a_copy_of_a_letter_is_no_form(
    read: Reader,
) -> None:
    letter_text = docx_file(["Құрметті қазылар алқасы!", "Бұл менің алғашқы фильмім."])
    form = docx_file(KAZAKH_FORM)  # once: python-docx stamps the time into the ZIP
    message = mail()
    attach(message, form, "Өтінім.docx", DOCX_TYPE)
    attach(message, form, "Өтінім (1).docx", DOCX_TYPE)
    attach(message, letter_text, "Хат.docx", DOCX_TYPE)
    attach(message, letter_text, "Хат (1).docx", DOCX_TYPE)

    found = collect(read(message))

    assert ignored_of(found) == [
        ("Өтінім.docx", Ignored.FORM),
        ("Өтінім (1).docx", Ignored.SAME_FILE),
        ("Хат.docx", Ignored.DOCUMENT),
        ("Хат (1).docx", Ignored.DOCUMENT),
    ]
    assert [set(reading.sources.values()) for reading in found.form_readings] == [
        {"Өтінім.docx"}
    ]
