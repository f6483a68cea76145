"""The mail the demo's entrants send: what a real contest mailbox gets in its first weeks.

Thirteen applications in Kazakh, Russian and one in English, each built the way its
sender's program builds it (a phone's mail app, Outlook, The Bat! in windows-1251, a web
mail that sends HTML only) and sent as bytes over SMTP. People fill in Appendix 1 of the
regulation as people do: labels with colons, values on the line below the label, a
numbered list, labels with dashes, Kazakh typed on a Russian keyboard without a single
Kazakh letter, the form only as a Word file. Works come as attachments (small files that
are what they say by their first bytes: an ISO-BMFF `ftyp` box, a JPEG's JFIF header) and
as links (YouTube, TikTok, an Instagram reel, Yandex Disk).

Each one is meant to end a certain way under the regulation (`Expected`): accepted, or
sent back to be completed, rejected, or left to an organizer. Then the second round: the
answers bring back an entrant's reply that completes her application, an out-of-office
auto-reply, and a bounce.
"""

from __future__ import annotations

import io
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from email.header import Header
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from baiqau.demo.mailserver import header_text
from hub.clock import load_zone

ALMATY = load_zone("Asia/Almaty")  # the pinned zone data: UTC+5 since March 2024
CONTEST_ADDRESS = "shanyraq-hub@example.org"
ORGANIZER_ADDRESS = "organizer@example.org"
BOUNCER = "MAILER-DAEMON@mx.example.org"
LARGE_VIDEO_BYTES = 160 * 1024  # over the demo's large_message_bytes: fetched in chunks
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class Person:
    name: str
    address: str
    mailer: str  # X-Mailer: which program wrote the letter


@dataclass(frozen=True)
class Expected:
    """How the application should stand, by the regulation, after this email."""

    status: str  # accepted | needs_fix | rejected | review
    reasons: tuple[str, ...] = ()  # the reason codes, in the order the rules give them
    works: int = 0  # works that count


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
    expected: Expected | None = None  # None: machine mail, no application


ASEM = Person("Әсем Құрманғалиқызы", "asem.kurmangali@example.com", "iPhone Mail (21E236)")
ASEM_AT_WORK = Person("Әсем Құрманғали", "a.kurmangali@kokshe-media.example.kz",
                      "Microsoft Outlook 16.0")
DMITRIY = Person("Дмитрий Ковалёв", "d.kovalev@example.net", "Microsoft Outlook 16.0")
AIGERIM = Person("Айгерім Тұрсынбекова", "aigerim.tursynbek@example.com", "Webmail")
NURLAN = Person("Нұрлан Әбдіғаппар", "nurlan.abdigappar@example.com", "Gmail Android")
DANIYAR = Person("Daniyar Seitkali", "daniyar.seitkali@example.net", "Thunderbird 115.9")
MADINA = Person("Мадина Жаксыбекова", "madina.zh@example.org", "Yandex Mail Android")
BEKZAT = Person("Бекзат Оразалин", "bekzat.orazalin@example.com", "Gmail Android")
OLGA = Person("Ольга Нестеренко", "olga.nesterenko@example.com", "The Bat! (v9.4.5) Home")
ZHANERKE = Person("Жанерке Сәбитова", "zhanerke.sabit@example.net", "Mail.ru Android 14.8")
SERGEY = Person("Сергей Литвиненко", "s.litvinenko@example.org", "Mozilla Thunderbird 115.9")
ERASYL = Person("Erasyl Sarsenbayev", "erasyl.sarsenbayev@example.org", "Mail.ru Android 14.8")
ALINA = Person("Алина Гребенюк", "alina.grebenyuk@example.com", "Gmail")

ACCEPTED, NEEDS_FIX, REJECTED, REVIEW = "accepted", "needs_fix", "rejected", "review"


# -- round one: people apply ---------------------------------------------------------


def first_round(closing_day: date, max_age: int) -> list[DemoEmail]:
    """The applications, in the order they arrive, before anyone has an answer.

    Two birth years are counted from the day intake closes, so the demo tells the same
    story whatever year it runs in: one entrant is too old whatever their birthday, one
    is `max_age` or one year more depending on it.
    """
    too_old = closing_day.year - max_age - 6  # 1985 when intake closes in 2026
    unclear = closing_day.year - max_age - 1  # 1990: 35 or 36 on the closing day
    return [
        _plain("kk-colons", ASEM, "«Шаңырақ» байқауына өтінім", ASEM_TEXT,
               "Kazakh (iPhone), `Label: value`, a video and a photo",
               Expected(ACCEPTED, works=2),
               [_video("Көкшетау_шаһарының_көктемі.mp4"), _photo("Әсем_портрет.jpg")]),
        _plain("ru-next-line", DMITRIY, "Заявка на конкурс креативного хаба «Шанырак»",
               DMITRIY_TEXT, "Russian (Outlook), values below the labels, a 160 KB video "
               "(fetched in 16 KB chunks) and a YouTube link", Expected(ACCEPTED, works=2),
               [_video("Ролик_Степногорск_тұтас_нұсқа.mp4", LARGE_VIDEO_BYTES)]),
        _html_only("kk-html-only", AIGERIM, "Байқауға өтінім — Ақкөл", AIGERIM_HTML,
                   "Kazakh, HTML only (web mail), YouTube, TikTok and Instagram reel links",
                   Expected(ACCEPTED, works=3)),
        _plain("kk-docx-form", NURLAN, "Ерейментау — байқауға өтінім", NURLAN_TEXT,
               "Kazakh, the form only in an attached DOCX, a video and a TikTok link",
               Expected(ACCEPTED, works=2),
               [("Өтінім_Әбдіғаппар_Н.docx", nurlan_form_docx(), DOCX_MIME),
                _video("Ерейментау_таулары_дроннан.mp4")]),
        _plain("en-application", DANIYAR, "Application: Shanyraq creative hub contest",
               DANIYAR_TEXT, "English, a video and an Instagram reel",
               Expected(ACCEPTED, works=2), [_video("Qosshy_timelapse_Қосшы_түні.mp4")]),
        _plain("ru-no-subscribers", MADINA, "Заявка: фотосерия «Бабушкин дом»", MADINA_TEXT,
               "Russian (phone), three photos, no subscriber count",
               Expected(NEEDS_FIX, ("subscribers_missing",), works=3),
               [_photo(f"Фотосерия_Әжемнің_үйі_{n}.jpg") for n in (1, 2, 3)]),
        _plain("kk-no-works", BEKZAT, "Өтінім — Степняк қаласы", BEKZAT_TEXT,
               "Kazakh, the form is there, the video is \"coming later\"",
               Expected(NEEDS_FIX, ("no_works",))),
        _windows_1251("ru-cp1251-4-works", OLGA, "Заявка на конкурс. Нестеренко О.В., Атбасар",
                      OLGA_TEXT, "Russian in windows-1251, 8-bit (The Bat!), a numbered "
                      "list, four links to works",
                      Expected(NEEDS_FIX, ("too_many_works",), works=4)),
        _plain("kk-astana", ZHANERKE, "Шаңырақ байқауы — өтінім", ZHANERKE_TEXT,
               "Kazakh, lives in Astana (not part of Akmola region), a video",
               Expected(REJECTED, ("outside_region",), works=1),
               [_video("Елорда_түнгі_Астана.mp4")]),
        _plain("ru-too-old", SERGEY, "Заявка на участие — Литвиненко С.", SERGEY_TEXT.format(
                   born=too_old), f"Russian, `Label — value`, born {too_old}, a YouTube link",
               Expected(REJECTED, ("too_old",), works=1)),
        _plain("kk-latin-keyboard", ERASYL, "Otinim - Burabay", ERASYL_TEXT.format(
                   born=unclear), f"Kazakh typed without Kazakh letters, born {unclear}, "
               "a video", Expected(REVIEW, ("age_unclear",), works=1),
               [_video("Burabay_kuzi.mp4")]),
        _plain("ru-unknown-village", ALINA, "Заявка на конкурс «Шанырак»", ALINA_TEXT,
               "Russian, a village the gazetteer does not know, a photo and a TikTok link",
               Expected(REVIEW, ("region_unclear",), works=2),
               [_photo("IMG_20260402_184512.jpg")]),
        _plain("kk-duplicate", ASEM_AT_WORK, "Өтінім: Құрманғали Әсем (қайта жіберілді)",
               ASEM_AGAIN_TEXT, "Kazakh, the first entrant again from her work address "
               "(same phone), a video", Expected(REVIEW, ("duplicate_application",), works=1),
               [_video("Көкшетау_шаһарының_көктемі_2.mp4")]),
    ]


# -- round two: what baiqau's answers bring back ------------------------------------------


def second_round(answers: dict[str, EmailMessage]) -> list[DemoEmail]:
    """A reply completing an application, a responder and a bounce answering answers.

    `answers` holds, by the key of the email it answered, the answer as received.
    """
    return [
        _reply("ru-amendment", MADINA, answers["ru-no-subscribers"], MADINA_REPLY_TEXT,
               "Russian, a reply to baiqau's answer (In-Reply-To): the subscriber count",
               Expected(ACCEPTED, works=3)),
        _out_of_office("ooo-autoreply", OLGA, answers["ru-cp1251-4-works"]),
        _bounce("bounce", ZHANERKE, answers["kk-astana"]),
    ]


# -- how each kind of program writes ------------------------------------------------------


Attachment = tuple[str, bytes, str]  # file name, bytes, MIME type


def new_message(person: Person, subject: str) -> EmailMessage:
    """A new email from `person` to the contest, headed as their mail program heads it."""
    message = EmailMessage()
    message["From"] = formataddr((person.name, person.address))
    message["To"] = CONTEST_ADDRESS
    message["Subject"] = subject
    message["Date"] = format_datetime(datetime.now(ALMATY))
    message["Message-ID"] = make_msgid(domain=_domain(person.address))
    message["X-Mailer"] = person.mailer
    return message


def _plain(key: str, person: Person, subject: str, text: str, note: str, expected: Expected,
           attachments: Sequence[Attachment] = ()) -> DemoEmail:
    message = new_message(person, subject)
    message.set_content(text)  # 8-bit UTF-8, as today's mail programs send
    for filename, data, mime in attachments:
        maintype, _, subtype = mime.partition("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return demo_email(key, person, note, message, expected)


def _html_only(key: str, person: Person, subject: str, html: str, note: str,
               expected: Expected) -> DemoEmail:
    message = new_message(person, subject)
    message.set_content(html, subtype="html")
    return demo_email(key, person, note, message, expected)


def _windows_1251(key: str, person: Person, subject: str, text: str, note: str,
                  expected: Expected) -> DemoEmail:
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
                     person.address, raw, expected)


def _reply(key: str, person: Person, answer: EmailMessage, text: str, note: str,
           expected: Expected) -> DemoEmail:
    """A person's reply to an answer: Re:, threaded, the answer quoted below."""
    message = new_message(person, f"Re: {header_text(answer, 'Subject')}")
    thread_onto(message, answer)
    quoted = "\n".join(f"> {line}".rstrip() for line in plain_body(answer).splitlines())
    said = f"{header_text(answer, 'Date')}, {header_text(answer, 'From')} пишет:"
    message.set_content(f"{text}\n\n{said}\n{quoted}\n")
    return demo_email(key, person, note, message, expected)


def _out_of_office(key: str, person: Person, answer: EmailMessage) -> DemoEmail:
    """A vacation responder answering baiqau's answer (RFC 3834 says how it marks itself)."""
    message = new_message(person, f"Автоответ: {header_text(answer, 'Subject')}")
    message.replace_header("X-Mailer", "Mail autoresponder")
    message["Auto-Submitted"] = "auto-replied"
    thread_onto(message, answer)
    message.set_content(OLGA_AWAY_TEXT)
    return demo_email(key, person, "Russian out-of-office auto-reply (Auto-Submitted)",
                      message, None, envelope_sender="")


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
                     f"a bounce of baiqau's answer to {person.name}: mailbox full",
                     message_id, "", _crlf(text).encode("utf-8"))


def thread_onto(message: EmailMessage, answer: EmailMessage) -> None:
    """Make `message` a reply to `answer` (In-Reply-To, References), as mail programs do."""
    references = f"{answer.get('References', '')} {answer['Message-ID']}".strip()
    message["In-Reply-To"] = answer["Message-ID"]
    message["References"] = references


def demo_email(key: str, person: Person, note: str, message: EmailMessage,
               expected: Expected | None, envelope_sender: str | None = None) -> DemoEmail:
    """`message` as the bytes its sender's program puts on the wire, and what the demo
    knows of it."""
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
                     person.address if envelope_sender is None else envelope_sender, raw,
                     expected)


def plain_body(message: EmailMessage) -> str:
    """The text a mail client shows of `message` ('' when it has no plain text)."""
    part = message.get_body(preferencelist=("plain",))
    content = part.get_content() if part is not None else ""
    return content if isinstance(content, str) else ""


def _crlf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def _domain(address: str) -> str:
    return address.rpartition("@")[2]


# -- the files ----------------------------------------------------------------------------
# Small, and seeded by their names so every run sends the same bytes, but each one is what
# it claims to be by its structure: baiqau tells a work by its content, not its name.


def _noise(seed: str, size: int) -> bytes:
    return random.Random(seed).randbytes(max(size, 0))


def _box(kind: bytes, payload: bytes) -> bytes:
    return (8 + len(payload)).to_bytes(4, "big") + kind + payload


def _video(filename: str, size: int = 12 * 1024) -> Attachment:
    """An MP4 as a phone writes it: an `ftyp` box (brand isom), then the media in `mdat`."""
    ftyp = _box(b"ftyp", b"isom\x00\x00\x02\x00isomiso2avc1mp41")
    free = _box(b"free", b"")
    mdat = _box(b"mdat", _noise(filename, size - len(ftyp) - len(free) - 8))
    return filename, ftyp + free + mdat, "video/mp4"


def _photo(filename: str, size: int = 6 * 1024) -> Attachment:
    """A baseline JPEG's frame: SOI, the JFIF APP0 segment, a comment, data, EOI."""
    app0 = b"\xff\xe0" + _length(b"JFIF\x00\x01\x01\x01\x00\x48\x00\x48\x00\x00")
    comment = b"\xff\xfe" + _length(b"Shanyraq demo")
    head = b"\xff\xd8" + app0 + comment
    return filename, head + _noise(filename, size - len(head) - 2) + b"\xff\xd9", "image/jpeg"


def _length(payload: bytes) -> bytes:
    return (len(payload) + 2).to_bytes(2, "big") + payload


def nurlan_form_docx() -> bytes:
    """Appendix 1 filled in Word: its title, section 1 as a two-column table, section 2."""
    document = docx.Document()
    document.styles["Normal"].font.name = "Times New Roman"
    document.styles["Normal"].font.size = Pt(12)
    corner = document.add_paragraph()
    corner.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    corner.add_run("ҚОСЫМША 1").bold = True
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run("«Шаңырақ» креативті хабына қатысуға ӨТІНІМ").bold = True
    document.add_paragraph().add_run("1. Қатысушы туралы мәліметтер").bold = True
    _form_table(document, NURLAN_FORM)
    document.add_paragraph().add_run("2. Шығармашылық материалдар").bold = True
    _form_table(document, NURLAN_WORKS)
    document.add_paragraph("Күні: 2026 ж. «__» ________        Қолы: ____________")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _form_table(document: docx.document.Document, rows: Sequence[tuple[str, str]]) -> None:
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(label).bold = True
        cells[1].text = value


NURLAN_FORM = (
    ("Ақмола облысы, елді мекен:", "Ерейментау қаласы"),
    ("Тегі, аты, әкесінің аты:", "Әбдіғаппар Нұрлан Асқарұлы"),
    ("Туған жері және жылы:", "Ерейментау қаласы, 1997 жыл"),
    ("Тұрақты тұратын мекенжайы:", "Ерейментау қ., Қабанбай батыр көшесі, 33-үй"),
    ("Байланыс телефоны:", "8 (701) 555-59-14"),
    ("Әлеуметтік желілердегі парақшаларына сілтемелер (бар болса):",
     "https://www.youtube.com/@nurlan.drone, https://www.tiktok.com/@nurlan_drone"),
    ("Жазылушылар саны:", "46 мың (YouTube)"),
)
NURLAN_WORKS = (
    ("Фото (3 жұмысқа дейін)", "—"),
    ("Бейне (3 жұмысқа дейін)",
     "https://www.tiktok.com/@nurlan_drone/video/7351842093215647013 (хатқа тағы бір бейне "
     "тіркелді)"),
    ("Мультимедиялық жобалар (қалауы бойынша)", "—"),
)


# -- the words ----------------------------------------------------------------------------
# Russian letters are typed the way a Russian keyboard types them: «Шанырак», «Косшы».
# (Spelled «Шаңырақ» twice, a Russian letter has the three Kazakh letters that make
# hub.mail.language answer it in Kazakh.)

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

Sent from my iPhone
"""

ASEM_AGAIN_TEXT = """\
Сәлеметсіз бе!

Бір апта бұрын жеке поштамнан өтінім жібергенмін, бірақ жауап таба алмадым (спамда да
жоқ). Сондықтан жұмыс поштамнан қайта жіберіп отырмын, бейнені де қоса тіркедім.

Ақмола облысы, елді мекен: Көкшетау қаласы
Тегі, аты, әкесінің аты: Құрманғали Әсем Бауыржанқызы
Туған жері және жылы: Зеренді ауылы, 2002 ж.
Тұрақты тұратын мекенжайы: Көкшетау қ., Абай көшесі, 112-үй, 45-пәтер
Байланыс телефоны: 8 701 555 01 42
Әлеуметтік желілердегі парақшаларына сілтемелер: https://instagram.com/asem.kokshe
Жазылушылар саны: 12 400

--
Әсем Құрманғали
«Көкше Медиа» SMM-маманы
"""

DMITRIY_TEXT = """\
Здравствуйте!

Прошу принять мою заявку на конкурс креативного хаба «Шанырак». Короткая версия ролика
на YouTube, полная во вложении.

Акмолинская область, населенный пункт:
г. Степногорск

Фамилия, имя, отчество:
Ковалёв Дмитрий Сергеевич

Место и год рождения:
г. Степногорск, 1998 г.

Адрес постоянного проживания:
г. Степногорск, 4 мкр., д. 17, кв. 8

Контактный телефон:
+7 (705) 555-03-18

Ссылки на страницы в социальных сетях:
https://www.youtube.com/@kovalev_stepnogorsk
https://vk.com/kovalev.dm

Количество подписчиков:
15 тыс. (YouTube)

Видео:
https://www.youtube.com/watch?v=Qx7Stepn0g1

С уважением,
Дмитрий Ковалёв
"""

AIGERIM_HTML = """\
<html><body>
<div dir="ltr">
<p>Құрметті ұйымдастырушылар!</p>
<p>«Шаңырақ» байқауына қатысуға өтінім жіберемін.</p>
<p><b>Ақмола облысы, елді мекен:</b> Ақкөл қаласы<br>
<b>Тегі, аты, әкесінің аты:</b> Тұрсынбекова Айгерім Серікқызы<br>
<b>Туған жері және жылы:</b> Ақкөл қаласы, 2000 ж.<br>
<b>Тұрақты тұратын мекенжайы:</b> Ақкөл қ., Нұрсұлтан Назарбаев көшесі, 9<br>
<b>Байланыс телефоны:</b> +7 708 555 24 70<br>
<b>Әлеуметтік желілердегі парақшаларына сілтемелер:</b>
<a href="https://www.instagram.com/aigerim.akkol/">instagram.com/aigerim.akkol</a><br>
<b>Жазылушылар саны:</b> 8 300</p>
<p><b>Шығармашылық материалдар:</b></p>
<ol>
<li><a href="https://youtu.be/AkkolShore26">Ақкөл жағалауы</a> (бейне)</li>
<li><a href="https://www.tiktok.com/@aigerim.akkol/video/7352210984413529345">Балықшы ата</a>
(TikTok)</li>
<li><a href="https://www.instagram.com/reel/C5kAkkolTun/">Ақкөлдегі түн</a> (Reels)</li>
</ol>
<p>Құрметпен, Айгерім</p>
</div>
</body></html>
"""

NURLAN_TEXT = """\
Сәлеметсіз бе!

Өтінімді Word файлымен тіркедім, толтырылған. Ерейментау тауларын дронмен түсірген
бейнені де қоса жібердім.

Рақмет!
"""

DANIYAR_TEXT = """\
Hello,

Please find my application for the Shanyraq creative hub contest below; one video is
attached, the other is a reel. I write in English as I study abroad, but I live in Kosshy.

Settlement (Akmola region): Kosshy
Full name: Seitkali Daniyar Muratuly
Place and year of birth: Astana, 2003
Address: Kosshy, Respublika street 14, apt. 3
Phone: +7 702 555 36 90
Social media links: https://youtube.com/@daniyar.frames, https://instagram.com/daniyar.frames
Followers: 21K
Works: https://www.instagram.com/reel/C4qosshyNight/

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
Телефон: 8 700 555 47 02
Ссылки на соцсети: https://instagram.com/madina.makinsk

Мадина

Отправлено из Яндекс Почты для Android
"""

MADINA_REPLY_TEXT = """\
Добрый день!

Извините, забыла указать. Количество подписчиков: 7 800 (Инстаграм).

Мадина"""

BEKZAT_TEXT = """\
Сәлеметсіз бе!

Байқауға қатысқым келеді. Өтінімді төменде толтырдым. Бейнені әлі монтаждап жатырмын,
дайын болған соң кейінірек жіберемін.

Ақмола облысы, елді мекен: Степняк қаласы
Тегі, аты, әкесінің аты: Оразалин Бекзат Серікұлы
Туған жері және жылы: Степняк қаласы, 2005 ж.
Тұрақты тұратын мекенжайы: Степняк қ., Шоқан Уәлиханов көшесі, 8
Байланыс телефоны: +7 747 555 62 19
Әлеуметтік желілер: TikTok @bekzat_stepnyak
Жазылушылар саны: 6 200
"""

OLGA_TEXT = """\
Добрый день!

Направляю заявку на участие в конкурсе. Все работы выложены, ссылки ниже.

1. Акмолинская область, населенный пункт: г. Атбасар
2. ФИО: Нестеренко Ольга Викторовна
3. Место и год рождения: с. Покровка Атбасарского района, 1996
4. Адрес: г. Атбасар, ул. Валиханова, д. 41
5. Телефон: +7 777 555 11 23
6. Соцсети: https://ok.ru/olga.nesterenko.atbasar, https://instagram.com/olga_atbasar
7. Подписчиков: 9 100

Работы:
1) https://youtu.be/AtbasarStep1
2) https://www.tiktok.com/@olga_atbasar/video/7349911223344556677
3) https://www.instagram.com/reel/C5AtbasarRiver/
4) https://disk.yandex.ru/d/atbasar-step-2026

--
С уважением, Ольга
"""

OLGA_AWAY_TEXT = """\
Здравствуйте!

Я в отпуске до 20 апреля, почту читаю редко. Отвечу, как только вернусь.

Ольга Нестеренко
"""

ZHANERKE_TEXT = """\
Сәлеметсіз бе!

Байқауға өтінім жіберемін, бейне тіркелді.

Ақмола облысы, елді мекен: Астана қаласы
Тегі, аты, әкесінің аты: Сәбитова Жанерке Мұратқызы
Туған жері және жылы: Қарағанды қаласы, 2001 ж.
Тұрақты тұратын мекенжайы: Астана қ., Тұран даңғылы, 37, 112-пәтер
Байланыс телефоны: +7 705 555 77 41
Әлеуметтік желілердегі парақшаларына сілтемелер: https://instagram.com/zhanerke.vlog
Жазылушылар саны: 22 000
"""

SERGEY_TEXT = """\
Добрый день.

Хочу поучаствовать в вашем конкурсе, снимаю про родной поселок уже несколько лет.

Населенный пункт — п. Шортанды
ФИО — Литвиненко Сергей Николаевич
Место и год рождения — п. Шортанды, {born} г.р.
Адрес — п. Шортанды, ул. Абылай хана, 21
Телефон — 8 701 555 90 12
Соцсети — https://www.youtube.com/@litvinenko_shortandy
Подписчиков — 31 000
Видео — https://www.youtube.com/watch?v=ShrtndY2026

Литвиненко С.Н.
"""

ERASYL_TEXT = """\
Салеметсиз бе!

Байкауга отинимимди жиберип отырмын. Бурабай кузи туралы бейнеролик хатка тиркелди.

Акмола облысы, елди мекен: Щучинск каласы
Теги, аты, акесинин аты: Сарсенбаев Ерасыл Кайратулы
Туган жери жане жылы: Щучинск каласы, {born} ж.
Туракты туратын мекенжайы: Щучинск к., Кенесары кошеси, 27
Байланыс телефоны: 8 747 555 08 61
Элеуметтик желилердеги паракшаларына силтемелер: instagram.com/erasyl.burabay
Жазылушылар саны: 5 870

Рахмет!
"""

ALINA_TEXT = """\
Здравствуйте!

Подаю заявку на конкурс. Фото во вложении, видео в тиктоке.

Населенный пункт: с. Кенесары
ФИО: Гребенюк Алина Игоревна
Год рождения: 2004
Адрес: с. Кенесары, ул. Школьная, 12
Телефон: +7 771 555 38 27
Ссылки на соцсети: https://www.tiktok.com/@alina.kenesary
Количество подписчиков: 11 500
Видео: https://www.tiktok.com/@alina.kenesary/video/7353300112233445566

Спасибо!
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
