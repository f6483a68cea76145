"""The mail the demo's entrants send: what a real contest mailbox gets in its first week.

Each letter is built the way its sender's program builds it (a phone's mail app, Outlook,
The Bat! in windows-1251, a web mail that sends HTML only, an out-of-office responder, a
mail server's bounce) and goes out as bytes over SMTP. The application form is typed into
the body with the labels of the regulation's Appendix 1, in the sender's language.
Attachments are small (one video is 160 KB, to take the large-message path): noise behind
a real MP4 or JPEG signature, since baiqau only stores and lists them and nobody plays them.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email.header import Header
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid
from zoneinfo import ZoneInfo

from hub.demo_mail import header_text

ALMATY = ZoneInfo("Asia/Almaty")
CONTEST_ADDRESS = "shanyraq-hub@example.org"
ORGANIZER_ADDRESS = "organizer@example.org"
BOUNCER = "MAILER-DAEMON@mx.example.org"
LARGE_VIDEO_BYTES = 160 * 1024  # over the demo's large_message_bytes: fetched in chunks


@dataclass(frozen=True)
class Person:
    name: str
    address: str
    mailer: str  # X-Mailer: which program wrote the letter


@dataclass(frozen=True)
class DemoEmail:
    key: str  # a stable name, for the test
    sender: str  # From, lower-cased; also who should (or should not) get an answer
    label: str  # who sent it, for the tables
    subject: str
    note: str  # what is special about it, for the narration
    message_id: str
    envelope_sender: str  # MAIL FROM: empty for bounces and auto-replies (RFC 3834)
    raw: bytes  # what goes over SMTP, CRLF line ends


ASEM = Person("Әсем Құрманғалиқызы", "asem.kurmangali@example.com", "iPhone Mail (21E236)")
DMITRIY = Person("Дмитрий Ковалёв", "d.kovalev@example.net", "Microsoft Outlook 16.0")
ERASYL = Person("Ерасыл Сәрсенбаев", "erasyl.sarsenbayev@example.org", "Mail.ru Android 14.8")
OLGA = Person("Ольга Нестеренко", "olga.nesterenko@example.com", "The Bat! (v9.4.5) Home")
AIGERIM = Person("Айгерім Тұрсынбекова", "aigerim.tursynbek@example.com", "Webmail")
DANIYAR = Person("Daniyar Seitkali", "daniyar.seitkali@example.net", "Thunderbird 115.9")
MADINA = Person("Мадина Жаксыбекова", "madina.zh@example.org", "Yandex Mail Android")
NURLAN = Person("Нұрлан Әбдіғаппар", "nurlan.abdigappar@example.com", "Gmail Android")


# -- round one: people apply ---------------------------------------------------------


def first_round() -> list[DemoEmail]:
    """Applications and a second email from one of their senders, before any answer."""
    return [
        _plain("kk-application", ASEM, "«Шаңырақ» байқауына өтінім", ASEM_TEXT,
               "Kazakh, the form in the body, a video and a photo",
               [_video("Көкшетау_шаһарының_көктемі.mp4"), _photo("Әсем_портрет.jpg")]),
        _plain("ru-application", DMITRIY, "Заявка на конкурс креативного хаба «Шанырак»",
               DMITRIY_TEXT, "Russian (Outlook), the form in the body, a video and a photo",
               [_video("Ролик_Шаңырақ_Степногорск.mp4"), _photo("Обложка_Ақмола_өңірі.jpg")]),
        _plain("kk-large-video", ERASYL, "Өтінім: Бурабай туралы бейнеролик", ERASYL_TEXT,
               "Kazakh, a 160 KB video: fetched in 16 KB IMAP chunks",
               [_video("Бурабай_күзі_толық_нұсқа.mp4", LARGE_VIDEO_BYTES)]),
        _windows_1251("ru-cp1251", OLGA, "Заявка на конкурс. Нестеренко О.В., г. Атбасар",
                      OLGA_TEXT, "Russian in windows-1251, 8-bit (The Bat!), a link"),
        _html_only("kk-html-only", AIGERIM, "Байқауға өтінім — Ақкөл", AIGERIM_HTML,
                   "Kazakh, HTML only (web mail), links to the works"),
        _plain("en-application", DANIYAR, "Application: Shanyraq creative hub contest",
               DANIYAR_TEXT, "English, the form in the body, a video",
               [_video("Qosshy_timelapse_Қосшы_түні.mp4")]),
        _plain("kk-second-email", ASEM, "Тағы бір бейне қосамын", ASEM_AGAIN_TEXT,
               "Kazakh, the sender of the first email again, one more video",
               [_video("Зеренді_көлі_екінші_бейне.mp4")]),
        _plain("ru-photos", MADINA, "Заявка: фотосерия «Бабушкин дом»", MADINA_TEXT,
               "Russian, a photo series with Kazakh file names",
               [_photo(f"Фотосерия_Әжемнің_үйі_{n}.jpg") for n in (1, 2, 3)]),
        _plain("kk-drone-video", NURLAN, "Ерейментау — байқауға бейне", NURLAN_TEXT,
               "Kazakh, a drone video", [_video("Ерейментау_таулары_ұшқышсыз.mp4")]),
    ]


# -- round two: what baiqau's answers bring back ------------------------------------------


def second_round(answers: dict[str, EmailMessage]) -> list[DemoEmail]:
    """A person replying to baiqau's answer, a responder and a bounce answering it too.

    `answers` holds, by the key of the email it answered, the answer as received.
    """
    return [
        _reply("kk-reply", ERASYL, answers["kk-large-video"], ERASYL_REPLY_TEXT,
               "Kazakh, a reply to baiqau's answer (In-Reply-To): a corrected phone"),
        _out_of_office("ooo-autoreply", OLGA, answers["ru-cp1251"]),
        _bounce("bounce", MADINA, answers["ru-photos"]),
    ]


# -- how each kind of program writes ------------------------------------------------------


Attachment = tuple[str, bytes, str]  # file name, bytes, MIME type


def _new_message(person: Person, subject: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = formataddr((person.name, person.address))
    message["To"] = CONTEST_ADDRESS
    message["Subject"] = subject
    message["Date"] = format_datetime(datetime.now(ALMATY))
    message["Message-ID"] = make_msgid(domain=_domain(person.address))
    message["X-Mailer"] = person.mailer
    return message


def _plain(key: str, person: Person, subject: str, text: str, note: str,
           attachments: Sequence[Attachment] = ()) -> DemoEmail:
    message = _new_message(person, subject)
    message.set_content(text)  # 8-bit UTF-8, as today's mail programs send
    for filename, data, mime in attachments:
        maintype, _, subtype = mime.partition("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return _email(key, person, note, message)


def _html_only(key: str, person: Person, subject: str, html: str, note: str) -> DemoEmail:
    message = _new_message(person, subject)
    message.set_content(html, subtype="html")
    return _email(key, person, note, message)


def _windows_1251(key: str, person: Person, subject: str, text: str, note: str) -> DemoEmail:
    # Written out by hand: Python's email package would re-encode the headers as UTF-8,
    # and the point is the old client's bytes, windows-1251 everywhere, body in 8 bits.
    message_id = make_msgid(domain=_domain(person.address))
    head = [
        ("From", formataddr((person.name, person.address), charset="windows-1251")),
        ("To", CONTEST_ADDRESS),
        ("Subject", Header(subject, "windows-1251").encode()),
        ("Date", format_datetime(datetime.now(ALMATY))),
        ("Message-ID", message_id),
        ("X-Mailer", person.mailer),
        ("MIME-Version", "1.0"),
        ("Content-Type", 'text/plain; charset="windows-1251"'),
        ("Content-Transfer-Encoding", "8bit"),
    ]
    raw = _crlf("".join(f"{name}: {value}\n" for name, value in head) + "\n").encode("ascii")
    raw += _crlf(text).encode("cp1251")
    return DemoEmail(key, person.address, person.name, subject, note, message_id,
                     person.address, raw)


def _reply(key: str, person: Person, answer: EmailMessage, text: str, note: str) -> DemoEmail:
    """A person's reply to an answer: Re:, threaded, the answer quoted below."""
    message = _new_message(person, f"Re: {header_text(answer, 'Subject')}")
    _thread_onto(message, answer)
    quoted = "\n".join(f"> {line}".rstrip() for line in _body(answer).splitlines())
    said = f"{header_text(answer, 'Date')}, {header_text(answer, 'From')} жазды:"
    message.set_content(f"{text}\n\n{said}\n{quoted}\n")
    return _email(key, person, note, message)


def _out_of_office(key: str, person: Person, answer: EmailMessage) -> DemoEmail:
    """A vacation responder answering baiqau's answer (RFC 3834 says how it marks itself)."""
    message = _new_message(person, f"Автоответ: {header_text(answer, 'Subject')}")
    message.replace_header("X-Mailer", "Mail autoresponder")
    message["Auto-Submitted"] = "auto-replied"
    _thread_onto(message, answer)
    message.set_content(OLGA_AWAY_TEXT)
    return _email(key, person, "Russian out-of-office auto-reply (Auto-Submitted)", message,
                  envelope_sender="")


def _bounce(key: str, person: Person, answer: EmailMessage) -> DemoEmail:
    """The mail server of `person` returning baiqau's answer: their mailbox is full."""
    message_id = make_msgid(domain="mx.example.org")
    # Quoted as they arrived, folding and encoded words and all.
    answer_headers = "".join(f"{name}: {value}\n" for name, value in answer.raw_items())
    text = BOUNCE_TEMPLATE.format(
        message_id=message_id, date=format_datetime(datetime.now(ALMATY)),
        recipient=person.address, contest=CONTEST_ADDRESS, headers=answer_headers,
        bouncer=BOUNCER)
    return DemoEmail(key, BOUNCER.lower(), "MAILER-DAEMON", "Undelivered Mail Returned to Sender",
                     "a bounce of baiqau's answer (multipart/report): mailbox full",
                     message_id, "", _crlf(text).encode("utf-8"))


def _thread_onto(message: EmailMessage, answer: EmailMessage) -> None:
    references = f"{answer.get('References', '')} {answer['Message-ID']}".strip()
    message["In-Reply-To"] = answer["Message-ID"]
    message["References"] = references


def _email(key: str, person: Person, note: str, message: EmailMessage,
           envelope_sender: str | None = None) -> DemoEmail:
    subject = str(message["Subject"])
    del message["Subject"]
    raw = message.as_bytes(policy=message.policy.clone(linesep="\r\n"))
    # Python 3.11 folds a subject like "Re: ««Шаңырақ» креативті хабы»: ..." into encoded
    # words that lose their spaces (CPython gh-144156); mail programs do not, and neither
    # does the older email.header API, so the subject is encoded with that.
    encoded = Header(subject, header_name="Subject").encode(linesep="\r\n")
    raw = f"Subject: {encoded}\r\n".encode("ascii") + raw
    return DemoEmail(key, person.address, person.name, subject, note,
                     str(message["Message-ID"]),
                     person.address if envelope_sender is None else envelope_sender, raw)


def _body(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    content = part.get_content() if part is not None else ""
    return content if isinstance(content, str) else ""


def _crlf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def _domain(address: str) -> str:
    return address.rpartition("@")[2]


# -- the files ----------------------------------------------------------------------------


MP4_HEADER = b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2avc1mp41"  # an ftyp box
JPEG_HEADER = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"


def _noise(seed: str, size: int) -> bytes:
    # Seeded by the file name, so every run sends the same bytes.
    return random.Random(seed).randbytes(size)


def _video(filename: str, size: int = 12 * 1024) -> Attachment:
    return filename, MP4_HEADER + _noise(filename, size - len(MP4_HEADER)), "video/mp4"


def _photo(filename: str, size: int = 6 * 1024) -> Attachment:
    body = _noise(filename, size - len(JPEG_HEADER) - 2)
    return filename, JPEG_HEADER + body + b"\xff\xd9", "image/jpeg"


# -- the words ----------------------------------------------------------------------------
# Russian letters are typed the way a Russian keyboard types them: «Шанырак», «Косшы».
# (Spelled «Шаңырақ» twice, a Russian letter has the three Kazakh letters that make
# intake.language answer it in Kazakh.)

ASEM_TEXT = """\
Сәлеметсіз бе!

«Шаңырақ» креативті хабының байқауына өтінімімді жіберемін. Бейнеролик пен портретімді
хатқа тіркедім.

1. Қатысушы туралы мәліметтер
Ақмола облысы, елді мекен: Көкшетау қаласы
Тегі, аты, әкесінің аты: Құрманғали Әсем Бауыржанқызы
Туған жері және жылы: Зеренді ауылы, 2002 ж.
Тұрақты тұратын мекенжайы: Көкшетау қ., Абай көшесі, 112-үй, 45-пәтер
Байланыс телефоны: +7 701 555 01 42
Әлеуметтік желілердегі парақшаларына сілтемелер: https://instagram.com/asem.kokshe,
https://tiktok.com/@asem_kokshe
Жазылушылар саны: 12 400

Құрметпен,
Әсем
"""

ASEM_AGAIN_TEXT = """\
Сәлеметсіз бе!

Кешіріңіз, алғашқы хатқа екінші бейнені тіркеуді ұмытып кетіппін. Осы хатқа қосып
жібердім, өтінішім бойынша екеуін де қарауыңызды сұраймын.

Әсем Құрманғалиқызы
"""

DMITRIY_TEXT = """\
Здравствуйте!

Прошу принять мою заявку на конкурс креативного хаба «Шанырак». Ролик и обложка во
вложении.

Акмолинская область, населенный пункт: г. Степногорск
Фамилия, имя, отчество: Ковалёв Дмитрий Сергеевич
Место и год рождения: г. Степногорск, 1998
Адрес постоянного проживания: г. Степногорск, 4 мкр., д. 17, кв. 8
Контактный телефон: +7 705 555 03 18
Ссылки на страницы в социальных сетях: https://youtube.com/@kovalev_stepnogorsk,
https://vk.com/kovalev.dm
Количество подписчиков: 3 150

С уважением,
Дмитрий Ковалёв
"""

ERASYL_TEXT = """\
Сәлеметсіз бе!

Байқауға Бурабай күзі туралы бейнеролик жіберіп отырмын (қысқартылған нұсқасы).

Ақмола облысы, елді мекен: Бурабай кенті, Бурабай ауданы
Тегі, аты, әкесінің аты: Сәрсенбаев Ерасыл Қайратұлы
Туған жері және жылы: Щучинск қаласы, 2004 ж.
Тұрақты тұратын мекенжайы: Бурабай к., Кенесары көшесі, 27
Байланыс телефоны: +7 747 555 08 61
Әлеуметтік желілердегі парақшаларына сілтемелер: https://instagram.com/erasyl.burabay
Жазылушылар саны: 5 870

Рақмет!
"""

ERASYL_REPLY_TEXT = """\
Рақмет, хатыңыз келді!

Телефон нөмірімді қате жазыппын, дұрысы: +7 747 555 08 16. Өтінімдегі нөмірді
түзетіп қоюыңызды сұраймын.

Ерасыл"""

OLGA_TEXT = """\
Добрый день!

Направляю заявку на участие в конкурсе. Видео большое, к письму не прикрепляется,
поэтому даю ссылку на Яндекс Диск: https://disk.yandex.ru/d/atbasar-step-2026

Акмолинская область, населенный пункт: г. Атбасар
ФИО: Нестеренко Ольга Викторовна
Место и год рождения: с. Покровка Атбасарского района, 1987
Адрес: г. Атбасар, ул. Валиханова, д. 41
Телефон: +7 777 555 11 23
Соцсети: https://ok.ru/olga.nesterenko.atbasar, https://instagram.com/olga_atbasar
Подписчиков: 1 940

--
С уважением, Ольга
"""

OLGA_AWAY_TEXT = """\
Здравствуйте!

Я в отпуске до 20 апреля, почту читаю редко. Отвечу, как только вернусь.

Ольга Нестеренко
"""

AIGERIM_HTML = """\
<html><body>
<p>Құрметті ұйымдастырушылар!</p>
<p>«Шаңырақ» байқауына қатысуға өтінім жіберемін.</p>
<p><b>Ақмола облысы, елді мекен:</b> Ақкөл қаласы<br>
<b>Тегі, аты, әкесінің аты:</b> Тұрсынбекова Айгерім Серікқызы<br>
<b>Туған жері және жылы:</b> Ақкөл қаласы, 2000 ж.<br>
<b>Тұрақты тұратын мекенжайы:</b> Ақкөл қ., Нұрсұлтан Назарбаев көшесі, 9<br>
<b>Байланыс телефоны:</b> +7 708 555 24 70<br>
<b>Әлеуметтік желілердегі парақшаларына сілтемелер:</b>
<a href="https://instagram.com/aigerim.akkol">instagram.com/aigerim.akkol</a><br>
<b>Жазылушылар саны:</b> 8 300</p>
<p><b>Шығармашылық материалдар:</b>
<a href="https://youtu.be/akkol-jagalau">Ақкөл жағалауы</a>,
<a href="https://youtu.be/akkol-balyqshy">Балықшы ата</a></p>
<p>Құрметпен, Айгерім</p>
</body></html>
"""

DANIYAR_TEXT = """\
Hello,

Please find my application for the Shanyraq creative hub contest below; the video is
attached. I write in English as I study abroad, but I live in Kosshy.

Settlement (Akmola region): Kosshy
Full name: Seitkali Daniyar Muratuly
Place and year of birth: Astana, 2003
Address: Kosshy, Republic street 14, apt. 3
Phone: +7 702 555 36 90
Social media links: https://youtube.com/@daniyar.frames, https://instagram.com/daniyar.frames
Followers: 21 000

Best regards,
Daniyar
"""

MADINA_TEXT = """\
Здравствуйте!

Отправляю на конкурс фотосерию о доме моей бабушки, три снимка во вложении.

Акмолинская область, населенный пункт: г. Макинск
ФИО: Жаксыбекова Мадина Ерлановна
Место и год рождения: г. Макинск, 2001
Адрес: г. Макинск, ул. Сейфуллина, д. 5
Телефон: +7 700 555 47 02
Ссылки на соцсети: https://instagram.com/madina.makinsk
Количество подписчиков: 2 600

Мадина
"""

NURLAN_TEXT = """\
Сәлеметсіз бе!

Ерейментау тауларын ұшқышсыз ұшу аппаратымен түсірдім, бейне хатқа тіркелді.

Ақмола облысы, елді мекен: Ерейментау қаласы
Аты-жөні: Әбдіғаппар Нұрлан Асқарұлы
Туған жері және жылы: Ерейментау қаласы, 1995 ж.
Мекенжайы: Ерейментау қ., Қабанбай батыр көшесі, 33
Телефоны: +7 701 555 59 14
Әлеуметтік желілер: https://youtube.com/@nurlan.drone
Жазылушылар саны: 46 000
"""

BOUNCE_TEMPLATE = """\
From: Mail Delivery System <{bouncer}>
To: {contest}
Subject: Undelivered Mail Returned to Sender
Date: {date}
Message-ID: {message_id}
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
 boundary="=_bounce_boundary"

This is a MIME-encapsulated message.

--=_bounce_boundary
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mx.example.org.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients.

<{recipient}>: host mx.example.org said: 552 5.2.2 Mailbox full

--=_bounce_boundary
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.org
Arrival-Date: {date}

Final-Recipient: rfc822; {recipient}
Original-Recipient: rfc822;{recipient}
Action: failed
Status: 5.2.2
Diagnostic-Code: smtp; 552 5.2.2 Mailbox full

--=_bounce_boundary
Content-Description: Undelivered Message Headers
Content-Type: text/rfc822-headers

{headers}
--=_bounce_boundary--
"""
