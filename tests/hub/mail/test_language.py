"""Answers go out in the language the person wrote in."""

from __future__ import annotations

import pytest

from hub.config import Language
from hub.mail.language import detect_language

CASES = [
    ("Сәлеметсіз бе! Өтінімімді жіберемін.", Language.KK),
    ("Құрметті ұйымдастырушылар, байқауға қатысу үшін өтінім жіберемін.", Language.KK),
    # Kazakh on a Russian keyboard: no Kazakh letters, Kazakh words.
    ("Салеметсиз бе! Мен Бурабай ауданынан, отинимди жиберемин.", Language.KK),
    ("Здравствуйте! Отправляю заявку на конкурс «Шаңырақ», видео во вложении.", Language.RU),
    ("Добрый день. Я из села Зеренді, прошу принять заявку на «Шаңырақ» и «Шаңырақ».",
     Language.RU),
    ("Hello, please find my application for the Shanyraq contest attached.", Language.EN),
    ("Hello! Менің өтінімім: https://www.youtube.com/watch?v=abc instagram.com/asem",
     Language.KK),
    ("", Language.RU),
    ("12345 +7 702 487 9211", Language.RU),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_the_language_of_a_letter(text: str, expected: Language) -> None:
    assert detect_language(text, default=Language.RU) is expected
