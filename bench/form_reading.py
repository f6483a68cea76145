"""How fast `intake.form.formtext.read_form_text` reads an application form out of a mail body.

Not a test: it measures and prints, with no targets and no assertions. The service reads
every application twice (the plain part, then the HTML part turned to text), so this is
one of the per-message costs that `bench/ingest.py` only shows in total.

The bodies are typical applications: a greeting, a few sentences, the form of Appendix 1
(the labels of KK_FORM and RU_FORM in `tests/intake/test_applications.py`, plus the rows
entrants add: e-mail, school, more links, nomination, title...) and a signature. Each is
45 lines, 26 of them the form's, about 3 KB in UTF-8 (a whole mail with headers and both
parts is about 5 to 6 KB). The HTML copy is the same text the way a web mail client writes
it, one styled <div> per line, about 5 KB; it is turned to text with `html_to_text` once,
before the clock starts, so only `read_form_text` is timed.

Run: ``.venv/bin/python bench/form_reading.py [--seconds S]`` (default 0.5: about 10 s in
all). It prints calls per second and milliseconds per call for each body, the best of five
rounds of about S seconds each.

Measured on 2026-11-22 (2 vCPU AMD EPYC, Python 3.11.7), calls per second:

| body | before the folding and matching rework | after |
|---|---|---|
| Kazakh, plain | 496 (2.02 ms) | 2,239 (0.45 ms) |
| Kazakh, HTML to text | 484 (2.07 ms) | 2,153 (0.46 ms) |
| Russian, plain | 496 (2.02 ms) | 2,238 (0.45 ms) |
| Russian, HTML to text | 486 (2.06 ms) | 2,152 (0.47 ms) |
"""

from __future__ import annotations

import argparse
import functools
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hub.mail.htmltext import html_to_text
from intake.form.formtext import read_form_text

KK_BODY = """Сәлеметсіз бе, құрметті ұйымдастырушылар!

«Шаңырақ» креативті хабының байқауына өтінімімді жіберемін. Бейнені телефонмен түсірдім,
монтажын өзім жасадым. Фильмде біздің ауылдың қарапайым адамдарының бір күні көрсетілген.
Түсірілімге сыныптастарым мен отбасым көмектесті. Бейне сілтемесі төменде, файлды Яндекс
Дискке жүктедім. Ата-анамның келісімі хатқа тіркелген.

ӨТІНІМ ФОРМАСЫ

1. Қатысушы туралы мәліметтер
Ақмола облысы, елді мекен: Щучинск қаласы
Тегі, аты, әкесінің аты: Құрманғалиқызы Әсем Серікқызы
Туған жері және жылы: Көкшетау, 1999
Туған күні: 12 мамыр 1999 ж.
Тұрақты тұратын мекенжайы: Щучинск, Абай көшесі 12, 5-пәтер
Байланыс телефоны: 8 702 487 92 11
Электрондық пошта: asem.kurmangali@mail.ru
Оқу орны: Щучинск қаласындағы №3 мектеп-гимназия, 11 сынып
Әлеуметтік желілердегі парақшаларына сілтемелер: https://instagram.com/asem.kz
TikTok: @asem_tt
YouTube: https://www.youtube.com/@asemkz
Жазылушылар саны: 12 500

2. Шығармашылық материалдар
Номинация: Мобильді бейне
Жұмыстың атауы: «Ауылымның таңы»
Ұзақтығы: 2:45
Бейне сілтемесі: https://disk.yandex.kz/i/4f9a8c2e1b7d3a
Қосымша: https://www.instagram.com/reel/C4xYzAbCdEf/
Сипаттама: ауылдың бір күні, таңнан кешке дейін, қарапайым адамдардың өмірі
Музыка: авторлық құқықсыз кітапханадан, тізімі сипаттамада бар
Ата-ана келісімі (18 жасқа дейін): тіркелген
Ережемен таныстым: иә

Егер бірдеңе жетіспесе, хабарласыңыздар, бәрін уақытында жіберемін. Байқау туралы
мектептегі мұғалімімізден естідім. Бұл менің алғашқы байқауға қатысуым, сондықтан қатты
толқып отырмын. Музыканы авторлық құқықсыз кітапханадан алдым, тізімі сипаттамада бар.
Рақмет сіздерге осындай мүмкіндік бергендеріңіз үшін!

Құрметпен,
Әсем Құрманғалиқызы
8 702 487 92 11

--
Mail.ru пошта қосымшасынан жіберілді
"""

RU_BODY = """Здравствуйте, уважаемые организаторы!

Прошу принять заявку на конкурс креативного хаба «Шанырак». Видео снято на телефон, монтаж
делал сам в CapCut. В ролике показан один день из жизни нашего посёлка и его жителей.
Со съёмками помогали одноклассники и родители. Ссылка на видео ниже, файл загружен на
Яндекс Диск. Согласие родителей прикладываю к письму.

АНКЕТА УЧАСТНИКА

1. Сведения об участнике
Населённый пункт: г. Кокшетау
ФИО: Ковалёв Дмитрий Сергеевич
Место и год рождения: Степногорск, 2001
Дата рождения: 03.11.2001
Адрес проживания: Кокшетау, ул. Ауэзова 5, кв. 17
Телефон: +7 (701) 555-12-34
Электронная почта: d.kovalev2001@gmail.com
Место учебы: Кокшетауский высший колледж, 2 курс
Ссылки на соцсети: https://www.tiktok.com/@dkovalev
Инстаграм: @dima.kovalev
Ютуб канал: https://www.youtube.com/@dkovalev_video
Количество подписчиков: 7 300

2. Творческие материалы
Номинация: Мобильное видео
Название работы: «Утро в степи»
Хронометраж: 2:10
Ссылка на видео: https://disk.yandex.ru/i/8b1c0d2e3f4a5b
Дополнительно: https://vk.com/video-1_456239017
Описание: один день из жизни посёлка, от рассвета до заката, простые люди и их дела
Музыка: из бесплатной библиотеки, список треков в описании
Согласие родителей (до 18 лет): приложено
С положением ознакомлен(а): да

Если чего-то не хватает, напишите, пожалуйста, я всё досылаю в срок. О конкурсе узнал от
классного руководителя. Участвую в конкурсе впервые, поэтому очень волнуюсь. Музыка взята
из бесплатной библиотеки, список треков в описании. Спасибо за такую возможность!

С уважением,
Дмитрий Ковалёв
+7 (701) 555-12-34

--
Отправлено из мобильной Почты Mail.ru
"""


def as_html(text: str) -> str:
    """The body as a web mail client writes it: one styled <div> per line."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;")
    lines = "".join(
        f'<div style="margin:0;padding:0;line-height:1.4">{line}</div>' if line
        else "<div><br></div>"
        for line in escaped.splitlines()
    )
    return (
        '<!DOCTYPE html><html><head><meta http-equiv="Content-Type" '
        'content="text/html; charset=utf-8"><style>body{font-family:Arial}</style></head>'
        f'<body><div style="font-family: Arial, sans-serif; font-size: 14px;">{lines}</div>'
        "</body></html>"
    )


def calls_per_second(call: Callable[[], object], seconds: float) -> float:
    """The best of five rounds of about `seconds` each (the least disturbed by the machine)."""
    call()  # warm up: compiled patterns and caches, as in a running service
    start = time.perf_counter()
    calls = 0
    while time.perf_counter() - start < seconds / 10:
        call()
        calls += 1
    per_round = max(1, calls * 10)
    best = 0.0
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(per_round):
            call()
        best = max(best, per_round / (time.perf_counter() - start))
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--seconds", type=float, default=0.5,
                        help="about how long each round lasts (default 0.5)")
    args = parser.parse_args(argv)
    bodies = {
        "Kazakh, plain": KK_BODY,
        "Kazakh, HTML to text": html_to_text(as_html(KK_BODY)),
        "Russian, plain": RU_BODY,
        "Russian, HTML to text": html_to_text(as_html(RU_BODY)),
    }
    print(f"read_form_text, best of 5 rounds of ~{args.seconds:g} s "
          f"(Kazakh body {len(KK_BODY.encode())} B, HTML {len(as_html(KK_BODY).encode())} B; "
          f"Russian body {len(RU_BODY.encode())} B, HTML {len(as_html(RU_BODY).encode())} B)")
    for name, text in bodies.items():
        rate = calls_per_second(functools.partial(read_form_text, text), args.seconds)
        print(f"  {name:<24} {rate:8,.0f} calls/s  {1000 / rate:6.3f} ms/call")
    return 0


if __name__ == "__main__":
    sys.exit(main())
