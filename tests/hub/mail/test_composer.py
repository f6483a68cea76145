"""What an answer looks like on the wire: headers that decode to exactly what we wrote."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from email import message_from_bytes
from email.header import decode_header, make_header
from pathlib import Path

import pytest

from hub.config import SmtpConfig
from hub.mail.composer import compose
from hub.models import OutboundMessage

SMTP = SmtpConfig(host="smtp.example.test", port=465, from_address="contest@example.test",
                  from_name="«Шаңырақ» креативті хабы")

SUBJECTS = [
    "Re: ««Шаңырақ» креативті хабы»: хатыңыз келіп түсті (№ 7)",
    "Re: «Креативный хаб «Шаңырақ»»: ваше письмо получено (№ 12) — дополнение к заявке",
    "ә ғ қ ң ө ұ ү һ і Ә Ғ Қ Ң Ө Ұ Ү Һ І " * 4,
    "Shanyraq creative hub: your email has arrived (No. 3)",
]


def row(subject: str, to_name: str = "Әсем Құрманғалиқызы") -> OutboundMessage:
    return OutboundMessage(
        dedup_key="k", message_id="<baiqau.1@example.test>", to_address="asem@example.test",
        to_name=to_name, subject=subject, body_text="Сәлеметсіз бе!\nә ғ қ ң ө ұ ү һ і\n",
        created_at=datetime(2026, 3, 20, 9, 0, tzinfo=UTC), language="kk",
        in_reply_to="<theirs@example.test>", references="<theirs@example.test>",
    )


def decoded(value: str) -> str:
    return str(make_header(decode_header(value)))


@pytest.mark.parametrize("subject", SUBJECTS)
def test_a_long_subject_survives_folding_word_for_word(subject: str) -> None:
    wire = compose(row(subject), SMTP).as_bytes()
    head = wire.split(b"\n\n", 1)[0]
    assert max(len(line) for line in head.split(b"\n")) <= 78
    parsed = message_from_bytes(wire)
    assert decoded(parsed["Subject"]) == subject.strip()


def test_names_body_and_the_headers_of_an_automatic_answer() -> None:
    parsed = message_from_bytes(compose(row(SUBJECTS[0]), SMTP).as_bytes())
    assert decoded(parsed["From"]) == "«Шаңырақ» креативті хабы <contest@example.test>"
    assert decoded(parsed["To"]) == "Әсем Құрманғалиқызы <asem@example.test>"
    assert parsed["Date"] == "Fri, 20 Mar 2026 09:00:00 +0000"
    assert parsed["Auto-Submitted"] == "auto-replied"
    assert parsed["X-Loop"] == "contest@example.test"
    assert parsed["In-Reply-To"] == "<theirs@example.test>"
    assert parsed["Content-Language"] == "kk"
    body = parsed.get_payload(decode=True)
    assert isinstance(body, bytes)
    assert body.decode("utf-8") == "Сәлеметсіз бе!\nә ғ қ ң ө ұ ү һ і\n"


def test_a_name_with_line_breaks_cannot_add_a_header() -> None:
    wire = compose(row("x", to_name="Evil\r\nBcc: victim@example.test"), SMTP).as_bytes()
    parsed = message_from_bytes(wire)
    assert parsed["Bcc"] is None
    assert decoded(parsed["To"]) == '"Evil Bcc: victim@example.test" <asem@example.test>'


def test_attachments_go_out_whole_with_their_kazakh_names(tmp_path: Path) -> None:
    sheet = tmp_path / "jury" / "sheet.docx"
    sheet.parent.mkdir()
    sheet.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 40)
    video = tmp_path / "works" / "A-0012" / "1.mp4"
    video.parent.mkdir(parents=True)
    video.write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"\xff" * 5000)
    with_files = row("Бағалау парағы")
    with_files.attachments_json = json.dumps([
        {"path": "jury/sheet.docx", "filename": "Бағалау парағы — Әлия.docx",
         "content_type": "application/vnd.openxmlformats-officedocument."
                         "wordprocessingml.document"},
        {"path": "works/A-0012/1.mp4", "filename": "A-0012 Шаңырақ.mp4",
         "content_type": "video/mp4"},
    ], ensure_ascii=False)

    wire = compose(with_files, SMTP, tmp_path).as_bytes()
    parsed = message_from_bytes(wire)

    assert parsed.get_content_type() == "multipart/mixed"
    parts = [part for part in parsed.walk() if not part.is_multipart()]
    assert parts[0].get_payload(decode=True).decode("utf-8") == with_files.body_text
    assert [(part.get_filename(), part.get_content_type(), part.get_payload(decode=True))
            for part in parts[1:]] == [
        ("Бағалау парағы — Әлия.docx",
         "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         sheet.read_bytes()),
        ("A-0012 Шаңырақ.mp4", "video/mp4", video.read_bytes()),
    ]


def test_a_missing_attachment_is_an_error_not_a_shorter_email(tmp_path: Path) -> None:
    lost = row("Бағалау парағы")
    lost.attachments_json = json.dumps([{"path": "gone.docx", "filename": "x.docx"}])
    with pytest.raises(OSError):
        compose(lost, SMTP, tmp_path)


def test_an_html_digest_carries_its_chart_inside_and_its_plain_text_beside(
        tmp_path: Path) -> None:
    chart = tmp_path / "digest" / "chart.png"
    chart.parent.mkdir()
    chart.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(300))
    digest = row("Күнделікті шолу")
    digest.body_html = '<p>Өтінімдер</p><img src="cid:chart-1@baiqau" alt="">'
    digest.attachments_json = json.dumps([{"path": "digest/chart.png", "filename": "chart.png",
                                           "content_type": "image/png",
                                           "content_id": "chart-1@baiqau"}])
    parsed = message_from_bytes(compose(digest, SMTP, tmp_path).as_bytes())
    assert parsed.get_content_type() == "multipart/alternative"
    plain, related = parsed.get_payload()  # type: ignore[misc]
    assert plain.get_payload(decode=True).decode() == digest.body_text
    assert related.get_content_type() == "multipart/related"
    html, image = related.get_payload()
    assert "Өтінімдер" in html.get_payload(decode=True).decode("utf-8")
    assert image["Content-ID"] == "<chart-1@baiqau>"
    assert image.get_payload(decode=True) == chart.read_bytes()
    assert image["Content-Disposition"].startswith("inline")
