"""The ingest benchmark's mail: applications as entrants send them, and one with a big video.

Kazakh or Russian, text + HTML, the application form in the body, a small photo or PDF on
one in four, and the trace and DKIM headers real mail carries: ~6 KB each (5.5 KB median).
The same seed gives the same mail, all but the MIME boundaries (the email package draws
them from the global `random`), so runs compare.
"""

from __future__ import annotations

import base64
import os
import random
import uuid
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from email.parser import BytesHeaderParser
from email.policy import SMTP, default
from email.utils import format_datetime, formataddr, parseaddr

ALMATY = timezone(timedelta(hours=5))

KK_NAMES = [
    "Әсем Құрманғалиқызы", "Нұрсұлтан Жақыпов", "Айгерім Сәрсенбаева", "Ерлан Қасымов",
    "Дәулет Өмірзақов", "Жансая Төлеуова", "Мейіржан Ысқақов", "Гүлнұр Әбдіхалықова",
    "Бекзат Серікұлы", "Аружан Мұратқызы", "Нұрлан Үсенов", "Ақбота Ғабитқызы",
]
RU_NAMES = [
    "Анастасия Коваленко", "Дмитрий Шевченко", "Екатерина Ким", "Артём Попов",
    "Виктория Лисицына", "Максим Юсупов", "Алина Петренко", "Илья Назаров",
    "Дарья Мельникова", "Тимур Ахметов", "Ольга Воронцова", "Руслан Бекенов",
]
PLACES = [
    "Көкшетау", "Степногорск", "Щучинск", "Ақкөл", "Атбасар", "Макинск", "Есіл",
    "Державинск", "Степняк", "Ерейментау", "Зеренді", "Бурабай", "Астрахан ауданы",
]
KK_NOMINATIONS = ["Мобильді бейне", "Блогинг", "Қысқаметражды фильм", "Әлеуметтік ролик"]
RU_NOMINATIONS = ["Мобильное видео", "Блогинг", "Короткометражный фильм", "Социальный ролик"]
KK_TITLES = [
    "Ауылымның таңы", "Бурабай аңызы", "Әжемнің бауырсағы", "Көкшетау көктемі",
    "Дала үні", "Менің шаңырағым", "Жастар және болашақ", "Қыстағы кездесу",
]
RU_TITLES = [
    "Утро в степи", "Легенда Бурабая", "Бабушкины руки", "Весна в Кокшетау",
    "Голос поколения", "Мой дом — мой шанырак", "Зимняя встреча", "Город, где я вырос",
]
KK_SENTENCES = [
    "Сәлеметсіз бе, құрметті ұйымдастырушылар!",
    "«Шаңырақ» креативті хабының байқауына өтінімімді жіберемін.",
    "Бейнені телефонмен түсірдім, монтажын өзім жасадым.",
    "Фильмде біздің ауылдың қарапайым адамдарының бір күні көрсетілген.",
    "Түсірілімге сыныптастарым мен отбасым көмектесті.",
    "Бейне сілтемесі төменде, файлды Яндекс Дискке жүктедім.",
    "Ата-анамның келісімі хатқа тіркелген.",
    "Егер бірдеңе жетіспесе, хабарласыңыздар, бәрін уақытында жіберемін.",
    "Байқау туралы мектептегі мұғалімімізден естідім.",
    "Бұл менің алғашқы байқауға қатысуым, сондықтан қатты толқып отырмын.",
    "Музыканы авторлық құқықсыз кітапханадан алдым, тізімі сипаттамада бар.",
    "Рақмет сіздерге осындай мүмкіндік бергендеріңіз үшін!",
]
RU_SENTENCES = [
    "Здравствуйте, уважаемые организаторы!",
    "Направляю заявку на участие в конкурсе креативного хаба «Шаңырақ».",
    "Видео снято на телефон, монтаж делал сам в CapCut.",
    "В ролике показан один день из жизни нашего посёлка и его жителей.",
    "С съёмками помогали одноклассники и родители.",
    "Ссылка на видео ниже, файл загружен на Яндекс Диск.",
    "Согласие родителей прикладываю к письму.",
    "Если чего-то не хватает, напишите, пожалуйста, я всё досылаю в срок.",
    "О конкурсе узнала от классного руководителя.",
    "Участвую в конкурсе впервые, поэтому очень волнуюсь.",
    "Музыка взята из бесплатной библиотеки, список треков в описании.",
    "Спасибо за такую возможность!",
]


def _form(rng: random.Random, kazakh: bool, name: str, address: str) -> str:
    born = datetime(2000, 1, 1) + timedelta(days=rng.randrange(0, 365 * 10))
    phone = f"+7 7{rng.randrange(0, 100):02d} {rng.randrange(100, 1000)} {rng.randrange(10, 100)} "
    phone += f"{rng.randrange(10, 100)}"
    link = f"https://disk.yandex.kz/i/{uuid.UUID(int=rng.getrandbits(128)).hex[:14]}"
    minutes, seconds = rng.randrange(0, 3), rng.randrange(0, 60)
    if kazakh:
        rows = [
            ("ӨТІНІМ ФОРМАСЫ", ""),
            ("Аты-жөні", name),
            ("Туған күні", born.strftime("%d.%m.%Y")),
            ("Елді мекен / аудан", rng.choice(PLACES) + ", Ақмола облысы"),
            ("Телефон", phone),
            ("Электрондық пошта", address),
            ("Номинация", rng.choice(KK_NOMINATIONS)),
            ("Жұмыстың атауы", f"«{rng.choice(KK_TITLES)}»"),
            ("Ұзақтығы", f"{minutes}:{seconds:02d}"),
            ("Бейне сілтемесі", link),
            ("Оқу орны / жұмыс орны", f"№{rng.randrange(1, 40)} мектеп-гимназия, 11 сынып"),
            ("Ата-ана келісімі (18 жасқа дейін)", rng.choice(["бар", "тіркелген", "жоқ"])),
            ("Ережемен таныстым", "иә"),
        ]
    else:
        rows = [
            ("АНКЕТА УЧАСТНИКА", ""),
            ("ФИО", name),
            ("Дата рождения", born.strftime("%d.%m.%Y")),
            ("Населённый пункт / район", rng.choice(PLACES) + ", Акмолинская область"),
            ("Телефон", phone),
            ("Электронная почта", address),
            ("Номинация", rng.choice(RU_NOMINATIONS)),
            ("Название работы", f"«{rng.choice(RU_TITLES)}»"),
            ("Хронометраж", f"{minutes}:{seconds:02d}"),
            ("Ссылка на видео", link),
            ("Место учёбы / работы", f"школа-гимназия №{rng.randrange(1, 40)}, 11 класс"),
            ("Согласие родителей (до 18 лет)", rng.choice(["есть", "приложено", "нет"])),
            ("С положением ознакомлен(а)", "да"),
        ]
    return "\n".join(f"{label}: {value}" if value else label for label, value in rows)


def _html(text: str) -> str:
    escaped = text.replace("&", "&amp;").replace("<", "&lt;")
    paragraphs = "".join(
        f"<div>{line}</div>" if line else "<div><br></div>" for line in escaped.splitlines()
    )
    return (
        '<!DOCTYPE html><html><head><meta http-equiv="Content-Type" '
        'content="text/html; charset=utf-8"></head><body>'
        f'<div style="font-family: Arial, sans-serif; font-size: 14px;">{paragraphs}</div>'
        "</body></html>"
    )


def _attachment(rng: random.Random, kazakh: bool) -> tuple[str, bytes, str, str]:
    size = rng.randrange(600, 1_600)
    if rng.random() < 0.5:
        data = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + rng.randbytes(size) + b"\xff\xd9"
        name = "келісім_фото.jpg" if kazakh else "согласие_фото.jpg"
        return name, data, "image", "jpeg"
    body = rng.randbytes(size)
    data = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nstream\n" + body
    data += b"\nendstream\n%%EOF\n"
    name = "ата-ана_келісімі.pdf" if kazakh else "согласие_родителей.pdf"
    return name, data, "application", "pdf"


def application(rng: random.Random, number: int, to_address: str,
                sender: tuple[str, str] | None = None) -> tuple[bytes, datetime]:
    """One entrant's email (CRLF line ends, as on the wire) and its arrival moment."""
    kazakh = rng.random() < 0.6
    if sender is None:
        name = rng.choice(KK_NAMES if kazakh else RU_NAMES)
        address = f"entrant{number:05d}@{rng.choice(['mail.ru', 'gmail.com', 'inbox.kz'])}"
    else:
        name, address = sender
    sent_at = datetime(2026, 3, 13, 8, tzinfo=ALMATY) + timedelta(
        seconds=rng.randrange(0, 31 * 24 * 3600))
    sentences = KK_SENTENCES if kazakh else RU_SENTENCES
    opening = " ".join(rng.sample(sentences[1:], k=rng.randrange(1, 4)))
    closing = "Құрметпен," if kazakh else "С уважением,"
    text = (f"{sentences[0]}\n\n{opening}\n\n{_form(rng, kazakh, name, address)}\n\n"
            f"{closing}\n{name}\n\n--\n"
            + ("Mail.ru пошта қосымшасынан жіберілді" if kazakh
               else "Отправлено из мобильной Почты Mail.ru"))
    subject = (f"Өтінім: «{rng.choice(KK_TITLES)}» — {name}" if kazakh
               else f"Заявка на конкурс: «{rng.choice(RU_TITLES)}» — {name}")

    host = address.rpartition("@")[2]
    # Trace and signature headers are written folded, as servers write them (the email
    # package would turn a long unbreakable b= value into encoded words).
    trace = b"".join(
        f"Received: from mx{hop}.{host} (mx{hop}.{host} [10.{hop}.{number % 250}.7])\r\n"
        f"\tby mxs.example.kz with ESMTPS id {uuid.UUID(int=rng.getrandbits(128)).hex[:16]}\r\n"
        f"\tfor <{to_address}>; {format_datetime(sent_at)}\r\n".encode()
        for hop in (2, 1)
    )
    signature = base64.b64encode(rng.randbytes(256)).decode()
    trace += (
        f"DKIM-Signature: v=1; a=rsa-sha256; q=dns/txt; c=relaxed/relaxed; d={host};\r\n"
        "\ts=mail4; h=From:Subject:Content-Type:Message-ID:To:Date;\r\n"
        f"\tbh={base64.b64encode(rng.randbytes(32)).decode()};\r\n"
        + "".join(f"\t{'b=' if i == 0 else ''}{signature[i:i + 72]}\r\n"
                  for i in range(0, len(signature), 72))
    ).encode()

    message = EmailMessage()
    message["From"] = formataddr((name, address))
    message["To"] = to_address
    message["Subject"] = subject
    message["Date"] = format_datetime(sent_at)
    message["Message-ID"] = f"<{uuid.UUID(int=rng.getrandbits(128)).hex}@{host}>"
    message["X-Mailer"] = "Mail.ru Mobile 15.3.0"
    message["X-Mailru-Src"] = "mobile"
    message.set_content(text)
    message.add_alternative(_html(text), subtype="html")
    if rng.random() < 0.25:
        filename, data, maintype, subtype = _attachment(rng, kazakh)
        message.make_mixed()
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return trace + message.as_bytes(policy=SMTP), sent_at


def applications(count: int, to_address: str, seed: int) -> list[tuple[bytes, datetime]]:
    """N applications; about one in twenty is a second email from an earlier entrant."""
    rng = random.Random(seed)
    made: list[tuple[bytes, datetime]] = []
    senders: list[tuple[str, str]] = []
    for number in range(count):
        again = rng.choice(senders) if senders and rng.random() < 0.05 else None
        raw, sent_at = application(rng, number, to_address, again)
        made.append((raw, sent_at))
        if again is None:
            headers = BytesHeaderParser(policy=default).parsebytes(raw)
            display, address = parseaddr(str(headers["From"]))
            senders.append((display, address))
    return made


def video_application(to_address: str, video_bytes: int) -> bytes:
    """One application carrying a video of `video_bytes` (random, so incompressible)."""
    message = EmailMessage()
    message["From"] = formataddr(("Әсем Құрманғалиқызы", "asem.video@mail.ru"))
    message["To"] = to_address
    message["Subject"] = "Өтінім: «Ауылымның таңы» — бейне файлы қоса берілді"
    message["Date"] = format_datetime(datetime(2026, 4, 1, 21, 30, tzinfo=ALMATY))
    message["Message-ID"] = f"<{uuid.uuid4().hex}@mail.ru>"
    rng = random.Random(7)
    message.set_content(_form(rng, True, "Әсем Құрманғалиқызы", "asem.video@mail.ru"))
    message.add_attachment(os.urandom(video_bytes), maintype="video", subtype="mp4",
                           filename="Ауылымның_таңы.mp4")
    return message.as_bytes(policy=SMTP)
