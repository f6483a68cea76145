"""The work list of one email: files and links in order, the form, and what was left out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

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
    mp4,
    text_pdf,
    works_of,
)

from intake.parts import Ignored


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


def test_works_keep_the_letters_order_when_a_pdf_is_no_form(read: Reader) -> None:
    message = mail(body="Бейнем: https://youtu.be/Shanyraq26")
    attach(message, mp4(seed=61), "Бейне.mp4", "video/mp4")
    attach(message, docx_file(KAZAKH_FORM), "Өтінім.docx", DOCX_TYPE)
    attach(message, text_pdf([["Shanyraq: one home for all"]]), "Жоба.pdf", "application/pdf")
    attach(message, jpeg(20_000, seed=62), "Фото.jpg", "image/jpeg")

    found = collect(read(message))

    # The presentation came back from the form reader; it keeps its place among the files,
    # and the links (the body's, then the form's, once) come after them.
    assert works_of(found) == [
        ("video", "Бейне.mp4", "mp4"),
        ("multimedia", "Жоба.pdf", "pdf"),
        ("photo", "Фото.jpg", "jpeg"),
        ("video", "https://youtu.be/Shanyraq26", "youtube"),
    ]
    assert [work.attachment_index for work in found.works] == [0, 2, 3, None]
    assert ignored_of(found) == [("Өтінім.docx", Ignored.FORM)]
