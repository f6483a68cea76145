"""Kazakh and Russian text survives every charset and every lie about it, on both paths."""

from __future__ import annotations

from pathlib import Path

import pytest

from hub.mail.charsets import decode_text
from hub.mail.letter import read_letter

KK = "Тегі, аты: Құрманғалиқызы Әсем. Елді мекен: Щучинск қаласы. ә ғ қ ң ө ұ ү һ і"
RU = "ФИО: Ковалёв Дмитрий Сергеевич. Населённый пункт: Кокшетау, улица Ауэзова."

CASES = [
    # (what the bytes are, what the label says, the text)
    ("utf-8", "utf-8", KK),
    ("kz1048", "kz-1048", KK),
    ("kz1048", None, KK),
    ("cp1251", "windows-1251", RU),
    ("koi8-r", "koi8-r", RU),
    ("utf-8", "us-ascii", KK),  # a phone app's label
    ("utf-8", "windows-1251", KK),
    ("cp1251", "utf-8", RU),  # an old Outlook's label
    ("koi8-r", "utf-8", RU),
    ("cp1251", "x-unknown-charset", RU),
]


@pytest.mark.parametrize(("encoding", "label", "text"), CASES)
def test_decode_text(encoding: str, label: str | None, text: str) -> None:
    assert decode_text(text.encode(encoding), label) == text


@pytest.mark.parametrize(("encoding", "label", "text"), CASES)
@pytest.mark.parametrize("path", ["in memory", "streamed"])
def test_both_readers_give_the_same_text(tmp_path: Path, encoding: str, label: str | None,
                                         text: str, path: str) -> None:
    charset = f"; charset={label}" if label else ""
    raw = (f"From: a@example.test\r\nTo: b@example.test\r\nSubject: t\r\nMIME-Version: 1.0\r\n"
           f"Content-Type: text/plain{charset}\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
           ).encode() + text.encode(encoding) + b"\r\n"
    stored = tmp_path / "message.eml"
    stored.write_bytes(raw)
    large = 10**9 if path == "in memory" else 1
    letter = read_letter(stored, tmp_path / "parts", large_bytes=large)
    assert letter.text_plain.strip() == text
