"""How fast baiqau takes in applications, and how much memory one big video costs.

Not a test: it measures and prints, and exits 1 if a target is missed (saying which).

What it does, in one run:

1. Starts a private Dovecot (``tests/dovecot.Dovecot``) and an SMTP sink (aiosmtpd in a
   subprocess, counting what it accepts), and loads N generated applications into the
   contest mailbox with IMAP MULTIAPPEND: ~6 KB each (5.5 KB median), Kazakh or Russian,
   text + HTML, an application form in the body, a small photo or PDF on one in four.
2. Baseline: a bare batched fetch (``BODY.PEEK[]``, the service's batch size, imaplib
   debug off) plus ``mailparser.parse_from_bytes`` of every message. It runs twice; the
   first pass warms Dovecot's caches and the page cache, the second is the baseline.
3. The service: ``hub.mail.rounds.poll_round`` (fetch, store, handle, acknowledge) then
   ``hub.mail.rounds.outbox_round`` (send every answer over SMTP), baiqau's real code path
   and its real config defaults. Thin timing wrappers count calls and seconds in IMAP,
   fsync, SQLite commits, SQL, parsing and SMTP; they do not change what runs.
4. Memory: a fresh subprocess imports baiqau, opens its database, connects to IMAP once,
   measures its RSS (idle), resets the kernel's high-water mark, runs one poll round on a
   mailbox holding a single application with a 25 MB video, and reads VmHWM (peak).

How to read the output: "service" is messages per second from the first IMAP command to
the last answer accepted by the SMTP server; "bare fetch + parse" is the same for the
baseline; "ratio" is baseline speed / service speed (how many times slower the service
is). "peak - idle" is what handling the video added to the resident set. Sizes are in
decimal MB (10^6 bytes); per-message times are wall time divided by N.

Targets: ratio <= 2.0; peak - idle < 50 MB.

Run: ``.venv/bin/python bench/ingest.py [--count N | --quick] [--keep] [--profile FILE]``.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import cProfile
import functools
import io
import json
import os
import platform
import pstats
import random
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from email.message import EmailMessage
from email.parser import BytesHeaderParser
from email.policy import SMTP, default
from email.utils import format_datetime, formataddr, parseaddr
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from dovecot import Dovecot
    from smtprelay import SmtpRelay

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
HOST = "127.0.0.1"

DEFAULT_COUNT = 2_000
QUICK_COUNT = 200
VIDEO_BYTES = 25_000_000
TARGET_RATIO = 2.0
TARGET_PEAK_MB = 50.0
MB = 1_000_000
APPEND_BATCH = 250  # messages per MULTIAPPEND command
FLOOR_SAMPLE = 500  # messages in each floor measurement
FLOOR_SMTP_CONNECTIONS = 4
ALMATY = timezone(timedelta(hours=5))


# ---------------------------------------------------------------------------
# Generated applications

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


# ---------------------------------------------------------------------------
# Measuring


def status_bytes(field_name: str) -> int:
    """A Vm* line of /proc/self/status, in bytes."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field_name + ":"):
            return int(line.split()[1]) * 1024
    raise KeyError(field_name)


def maxrss_bytes() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # kB on Linux


def reset_peak() -> bool:
    """Reset VmHWM to the current RSS (Linux >= 4.0); False if the kernel refused."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


@dataclass
class Tally:
    calls: int = 0
    seconds: float = 0.0


@dataclass
class Timers:
    """Named call counters and clocks, fed by thin wrappers around baiqau's own calls."""

    tallies: dict[str, Tally] = field(default_factory=dict)
    _undo: list[Callable[[], None]] = field(default_factory=list)

    def add(self, label: str, seconds: float) -> None:
        tally = self.tallies.setdefault(label, Tally())
        tally.calls += 1
        tally.seconds += seconds

    def wrap(self, owner: Any, name: str, label: str) -> None:
        original = getattr(owner, name, None)
        if original is None:  # renamed since this was written: measure the rest
            self.tallies[f"{label} (not found: {name})"] = Tally()
            return
        had_own = name in vars(owner)

        @functools.wraps(original)
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.add(label, time.perf_counter() - start)

        setattr(owner, name, timed)
        self._undo.append(
            (lambda: setattr(owner, name, original)) if had_own
            else (lambda: delattr(owner, name))
        )

    def on_restore(self, undo: Callable[[], None]) -> None:
        self._undo.append(undo)

    def restore(self) -> None:
        while self._undo:
            self._undo.pop()()


FSYNC = "fsync (a large message's file, make_durable)"
SYNC = "store: files, then renames made durable (syncfs)"
COMMIT = "SQLite COMMIT (WAL, synchronous=NORMAL)"
SQL = "SQL statements (excl. COMMIT)"
MOVE = "IMAP UID MOVE (sets of up to 500)"
SEND = "outbox: SMTP send"


def instrument(timers: Timers, engine: Any) -> None:
    """Wrap the calls that explain the service's time. Only adds clocks around them."""
    from email.generator import BytesGenerator

    import mailparser
    from sqlalchemy import event

    import hub.mail.outbox
    import hub.mail.pipeline
    import hub.mail.poller
    import hub.storage
    from hub.mail.mailbox import Mailbox
    from hub.mail.smtp import SmtpTransport

    timers.wrap(os, "fsync", FSYNC)
    timers.wrap(hub.storage, "sync_files", SYNC)
    timers.wrap(engine.dialect, "do_commit", COMMIT)
    timers.wrap(Mailbox, "connect", "IMAP connect + login")
    timers.wrap(Mailbox, "metas", "IMAP FETCH RFC822.SIZE INTERNALDATE")
    timers.wrap(Mailbox, "fetch_whole", "IMAP FETCH BODY.PEEK[] (batches)")
    timers.wrap(Mailbox, "acknowledge", MOVE)
    timers.wrap(hub.mail.poller.Poller, "_record", "store: rows + cursor (per batch)")
    timers.wrap(hub.mail.pipeline, "read_letter", "handle: read_letter")
    timers.wrap(hub.mail.pipeline.BatchLookups, "__init__", "handle: batch look-ups (per batch)")
    timers.wrap(mailparser, "parse_from_bytes", "handle: of it, mailparser.parse_from_bytes")
    timers.wrap(hub.mail.outbox, "compose", "outbox: compose answer")
    timers.wrap(SmtpTransport, "send", SEND)
    timers.wrap(BytesGenerator, "flatten", "outbox: of it, flatten (fold headers)")
    timers.wrap(hub.mail.outbox, "_claim", "outbox: claim transaction")
    timers.wrap(hub.mail.outbox, "_record_sent", "outbox: record-sent transaction")

    def before(conn: Any, *_args: Any) -> None:
        conn.info.setdefault("bench_started", []).append(time.perf_counter())

    def after(conn: Any, *_args: Any) -> None:
        timers.add(SQL, time.perf_counter() - conn.info["bench_started"].pop())

    event.listen(engine, "before_cursor_execute", before)
    event.listen(engine, "after_cursor_execute", after)

    def detach() -> None:
        event.remove(engine, "before_cursor_execute", before)
        event.remove(engine, "after_cursor_execute", after)

    timers.on_restore(detach)


@dataclass
class Stages:
    """When each stage of the poll round was last heard of, from its progress callback."""

    last: dict[str, float] = field(default_factory=dict)

    def __call__(self, stage: str, done: int, total: int) -> None:
        self.last[stage] = time.perf_counter()


def cpu_seconds(pids: list[int]) -> float:
    """CPU time (user + system, with reaped children) of some other processes."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += sum(int(value) for value in fields[11:15])  # utime stime cutime cstime
    return total / ticks


def own_cpu() -> tuple[float, int, int]:
    """This process's CPU seconds and its voluntary and involuntary context switches."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime, usage.ru_nvcsw, usage.ru_nivcsw


def fsync_ms() -> float:
    """What one small write + fsync costs on the disk the temp dirs are on."""
    with tempfile.NamedTemporaryFile(dir=tempfile.gettempdir()) as file:
        start = time.perf_counter()
        for _ in range(50):
            file.write(b"x" * 4096)
            file.flush()
            os.fsync(file.fileno())
        return (time.perf_counter() - start) / 50 * 1000


# ---------------------------------------------------------------------------
# The SMTP sink (a subprocess)
#
# The answers go to an aiosmtpd sink that accepts and counts, not to the test relay: the
# relay checks every recipient and delivers every message into Dovecot over two fresh LMTP
# connections, and would refuse the entrants' addresses unless 2,000 mailboxes existed.
# That measures the relay, not baiqau; a real provider accepts a 2 KB answer in a few ms.
# It runs in its own process, as a real SMTP server would, so its event loop does not
# compete with the service for this process's GIL.


def run_sink(port: int) -> int:
    from aiosmtpd.controller import Controller

    class Counting:
        messages = 0
        octets = 0

        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
            Counting.messages += 1
            Counting.octets += len(envelope.original_content or b"")
            return "250 2.0.0 OK"

    controller = Controller(Counting(), hostname=HOST, port=port, enable_SMTPUTF8=True,
                            server_hostname="sink.example.test", ready_timeout=10)
    controller.start()
    print("ready", flush=True)
    sys.stdin.read()  # the parent closes our stdin when it wants the count
    controller.stop()
    print(json.dumps({"messages": Counting.messages, "octets": Counting.octets}), flush=True)
    return 0


class Sink:
    def __init__(self, port: int) -> None:
        self.host = HOST
        self.port = port
        self._proc = subprocess.Popen(
            [sys.executable, __file__, "--smtp-sink", str(port)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )
        assert self._proc.stdout is not None
        if self._proc.stdout.readline().strip() != "ready":
            raise RuntimeError("the SMTP sink did not start")

    @property
    def pid(self) -> int:
        return self._proc.pid

    def finish(self) -> dict[str, int]:
        out, _ = self._proc.communicate(timeout=30)
        return cast(dict[str, int], json.loads(out.strip().splitlines()[-1]))

    def kill(self) -> None:
        if self._proc.poll() is None:
            self._proc.kill()
            self._proc.wait()


# ---------------------------------------------------------------------------
# The floor: the steps no implementation can skip, each timed alone


def measure_floor(context: Any, raws: list[bytes], batch: int) -> dict[str, float]:
    """ms per message of keeping the raw bytes durably and of one SMTP transaction.

    The raw files go through `RawStore.save_many` into a fresh directory, in fetch
    batches, as the service stores them. The SMTP transaction sends one of the
    service's real answers (composed once, so composing is not counted) to a fresh
    sink over one connection with `hub.mail.smtp.SmtpTransport`, as the outbox does.
    """
    from mailservers import free_port
    from sqlmodel import Session, select

    from hub.mail.composer import compose
    from hub.mail.smtp import SmtpTransport
    from hub.models import OutboundMessage
    from hub.storage import RawStore

    floor: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="baiqau-floor-") as folder:
        store = RawStore(Path(folder))
        start = time.perf_counter()
        for first in range(0, len(raws), batch):
            store.save_many(raws[first : first + batch])
        floor["keep the raw message (a new file, made durable)"] = (
            (time.perf_counter() - start) / len(raws) * 1000)

    with Session(context.engine) as session:
        answer = session.exec(select(OutboundMessage).limit(1)).one()
    message = compose(answer, context.config.smtp)
    sink = Sink(free_port())
    smtp = context.config.smtp.model_copy(update={"host": sink.host, "port": sink.port})

    def send(count: int, ready: threading.Barrier) -> None:
        with SmtpTransport(smtp) as transport:
            transport.send(message, answer.to_address)  # connecting is not counted
            ready.wait()
            for _ in range(count):
                transport.send(message, answer.to_address)

    try:
        for connections in (1, FLOOR_SMTP_CONNECTIONS):
            ready = threading.Barrier(connections + 1)
            senders = [threading.Thread(target=send, args=(len(raws) // connections, ready))
                       for _ in range(connections)]
            for sender in senders:
                sender.start()
            ready.wait()
            start = time.perf_counter()
            for sender in senders:
                sender.join()
            label = ("send one answer (one SMTP transaction)" if connections == 1 else
                     f"  or on {connections} connections at once")
            floor[label] = (time.perf_counter() - start) / len(raws) * 1000
    finally:
        sink.kill()
    return floor


# ---------------------------------------------------------------------------
# The memory run (a fresh subprocess)


def run_memory_child(config_path: str) -> int:
    """Idle RSS after imports and connecting; peak RSS while one poll round runs."""
    started = time.perf_counter()
    from baiqau.service import service_poller
    from hub.config import load_config
    from hub.context import open_context
    from hub.mail.mailbox import Mailbox
    from hub.mail.rounds import poll_round

    config = load_config(config_path)
    context = open_context(config)
    poller = service_poller(context)
    poller.pipeline.pending_ids()  # the database connection is open, as in the service
    with Mailbox(config.mailbox) as box:  # so is everything an IMAP session needs
        box.select(config.mailbox.folder)
    import_seconds = time.perf_counter() - started
    hwm_at_idle = status_bytes("VmHWM")
    idle = status_bytes("VmRSS")
    was_reset = reset_peak()
    start = time.perf_counter()
    report = poll_round(poller)
    seconds = time.perf_counter() - start
    peak = status_bytes("VmHWM")
    parts = [p for p in (config.storage_path / "parts").rglob("*") if p.is_file()]
    raws = list((config.storage_path / "raw").rglob("*.eml"))
    print(json.dumps({
        "import_seconds": import_seconds,
        "idle": idle,
        "hwm_at_idle": hwm_at_idle,
        "peak_reset": was_reset,
        "peak": peak,
        "after": status_bytes("VmRSS"),
        "maxrss": maxrss_bytes(),
        "seconds": seconds,
        "fetched": report.fetched,
        "handled": report.processed.handled,
        "acknowledged": report.acknowledged,
        "raw_bytes": sum(p.stat().st_size for p in raws),
        "parts": len(parts),
        "largest_part": max((p.stat().st_size for p in parts), default=0),
    }))
    return 0


# ---------------------------------------------------------------------------
# The benchmark


def load_mail(dovecot: Dovecot, address: str, mail: list[tuple[bytes, datetime]]) -> None:
    with contextlib.closing(_Session(dovecot, address)) as session:
        client = session.client
        for start in range(0, len(mail), APPEND_BATCH):
            batch = mail[start : start + APPEND_BATCH]
            client.multiappend("INBOX", [{"msg": raw, "date": date} for raw, date in batch])


class _Session:
    def __init__(self, dovecot: Dovecot, address: str) -> None:
        self.client = dovecot.imap(address)
        self.client._imap.debug = 0

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.client.logout()


def bare_fetch_and_parse(dovecot: Dovecot, address: str, batch: int) -> tuple[float, float, int]:
    """Seconds in FETCH and in mail-parser, and bytes, for every message in INBOX."""
    import mailparser

    fetching = parsing = 0.0
    octets = 0
    with contextlib.closing(_Session(dovecot, address)) as session:
        client = session.client
        start = time.perf_counter()
        client.select_folder("INBOX", readonly=True)
        uids = sorted(client.search("ALL"))
        fetching += time.perf_counter() - start
        for first in range(0, len(uids), batch):
            start = time.perf_counter()
            response = client.fetch(uids[first : first + batch], ["BODY.PEEK[]"])
            fetching += time.perf_counter() - start
            start = time.perf_counter()
            for data in response.values():
                raw = data[b"BODY[]"]
                octets += len(raw)
                mailparser.parse_from_bytes(raw)
            parsing += time.perf_counter() - start
    return fetching, parsing, octets


def machine_lines() -> list[str]:
    model = next((line.split(":", 1)[1].strip()
                  for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor() or "?")
    usable = len(os.sched_getaffinity(0))
    try:
        dovecot_version = subprocess.run(
            ["/usr/sbin/dovecot", "--version"], capture_output=True, text=True, timeout=10,
        ).stdout.strip()
    except OSError:
        dovecot_version = "?"
    from importlib.metadata import version

    packages = ", ".join(f"{name} {version(name)}" for name in
                         ("imapclient", "mail-parser", "SQLAlchemy", "sqlmodel", "aiosmtpd"))
    return [
        f"machine   {os.cpu_count()} CPU ({usable} usable), {model}; "
        f"{platform.system()} {platform.release()}",
        f"python    {platform.python_version()} ({platform.python_implementation()}), "
        f"SQLite {sqlite3.sqlite_version}, Dovecot {dovecot_version}",
        f"packages  {packages}",
        f"disk      one 4 KB write + fsync: {fsync_ms():.2f} ms ({tempfile.gettempdir()})",
    ]


def run(args: argparse.Namespace) -> int:
    sys.path.insert(0, str(TESTS))
    from contest import Contest
    from dovecot import Dovecot
    from mailservers import forget_at_exit, free_port

    from hub.mail.rounds import outbox_round, poll_round

    count: int = args.count or (QUICK_COUNT if args.quick else DEFAULT_COUNT)
    missed: list[str] = []
    work = Path(tempfile.mkdtemp(prefix="baiqau-bench-"))
    say = functools.partial(print, flush=True)
    say(f"baiqau ingest benchmark, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
    for line in machine_lines():
        say(line)
    say(f"work dir  {work}{' (kept)' if args.keep else ''}")

    dovecot = Dovecot().start()
    sink = Sink(free_port())
    try:
        # -- the mailbox ---------------------------------------------------------
        (work / "service").mkdir()
        contest = Contest(dovecot, cast("SmtpRelay", sink), work / "service")
        address = contest.mailbox.address
        start = time.perf_counter()
        mail = applications(count, address, args.seed)
        made = time.perf_counter() - start
        sizes = sorted(len(raw) for raw, _ in mail)
        with_files = sum(b"Content-Disposition: attachment" in raw for raw, _ in mail)
        start = time.perf_counter()
        load_mail(dovecot, address, mail)
        loaded = time.perf_counter() - start
        total_octets = sum(sizes)
        say()
        say(f"mail      {count} applications, {total_octets / MB:.1f} MB: "
            f"{total_octets / count / 1000:.1f} KB mean, {sizes[len(sizes) // 2] / 1000:.1f} KB "
            f"median, {sizes[-1] / 1000:.1f} KB largest; {with_files} with an attachment")
        say(f"          generated in {made:.1f} s; MULTIAPPEND into Dovecot in {loaded:.1f} s "
            f"({count / loaded:,.0f} msg/s)")
        floor_sample = [raw for raw, _ in mail[:FLOOR_SAMPLE]]
        del mail

        # -- the baseline --------------------------------------------------------
        batch = contest.config.mailbox.fetch_batch
        cold = bare_fetch_and_parse(dovecot, address, batch)
        fetch_s, parse_s, octets = bare_fetch_and_parse(dovecot, address, batch)
        bare_s = fetch_s + parse_s
        bare_rate = count / bare_s
        say()
        say(f"bare fetch + parse (batches of {batch}, BODY.PEEK[], debug off; warm pass)")
        say(f"  fetch   {fetch_s:7.2f} s  {fetch_s / count * 1000:6.2f} ms/msg  "
            f"{octets / fetch_s / MB:6.1f} MB/s")
        say(f"  parse   {parse_s:7.2f} s  {parse_s / count * 1000:6.2f} ms/msg  "
            "(mailparser.parse_from_bytes)")
        say(f"  total   {bare_s:7.2f} s  {bare_rate:8,.0f} msg/s   "
            f"(cold first pass: {sum(cold[:2]):.2f} s)")

        # -- the service ---------------------------------------------------------
        context = contest.context
        timers = Timers()
        instrument(timers, context.engine)
        stages = Stages()
        profiler = cProfile.Profile() if args.profile else None
        rss_before = status_bytes("VmRSS")
        dovecot_before, sink_before = cpu_seconds(dovecot.pids()), cpu_seconds([sink.pid])
        cpu_before, voluntary_before, involuntary_before = own_cpu()
        start = time.perf_counter()
        if profiler is not None:
            profiler.enable()
        try:
            poll = poll_round(contest.poller, stages)
            polled = time.perf_counter()
            sent = outbox_round(context)
        finally:
            if profiler is not None:
                profiler.disable()
            timers.restore()
        done = time.perf_counter()
        cpu_after, voluntary_after, involuntary_after = own_cpu()
        dovecot_cpu = cpu_seconds(dovecot.pids()) - dovecot_before
        sink_cpu = cpu_seconds([sink.pid]) - sink_before
        service_s = done - start
        service_rate = count / service_s
        received = sink.finish()
        rss_after = status_bytes("VmRSS")

        fetched_at = stages.last.get("fetch", start)
        handled_at = stages.last.get("handle", fetched_at)
        stage_rows = [
            ("fetch + store (incl. connect, SEARCH)", fetched_at - start),
            ("handle (read, route, queue answer)", handled_at - fetched_at),
            ("acknowledge (UID MOVE) + cursor", polled - handled_at),
            ("outbox (compose, SMTP, record)", done - polled),
        ]
        say()
        say("service: poll_round + outbox_round, SMTP to an aiosmtpd sink")
        say(f"  fetched {poll.fetched}, handled {poll.processed.handled}, ignored "
            f"{poll.processed.ignored}, quarantined {poll.processed.quarantined}, acknowledged "
            f"{poll.acknowledged}; answers sent {sent.sent} (failed {sent.failed}, retried "
            f"{sent.retried}); the sink accepted {received['messages']}")
        say(f"  {'stage':<44} {'':>7} {'seconds':>8} {'':>8} {'ms/msg':>7} {'share':>5}")
        for label, seconds in stage_rows:
            say(f"  {label:<44} {'':>7} {seconds:8.2f} {'':>8} {seconds / count * 1000:7.2f} "
                f"{seconds / service_s:5.0%}")
        say(f"  {'total':<44} {'':>7} {service_s:8.2f} {'':>8} {service_s / count * 1000:7.2f} "
            f"  = {service_rate:,.0f} msg/s")
        say()
        say("  where the time goes (calls wrapped with a clock; rows overlap, e.g. fsync and")
        say("  COMMIT happen inside the store transaction)")
        say(f"  {'':<44} {'calls':>7} {'seconds':>8} {'ms/call':>8} {'ms/msg':>7} {'share':>5}")
        for label, tally in sorted(timers.tallies.items(), key=lambda item: -item[1].seconds):
            per_call = tally.seconds / tally.calls * 1000 if tally.calls else 0.0
            say(f"  {label:<44} {tally.calls:7,} {tally.seconds:8.2f} {per_call:8.3f} "
                f"{tally.seconds / count * 1000:7.2f} {tally.seconds / service_s:5.0%}")
        def per_message(label: str) -> float:
            tally = timers.tallies.get(label)
            return tally.calls / count if tally else 0.0

        say(f"  per message: {per_message(COMMIT):.1f} COMMITs, {per_message(SQL):.1f} SQL "
            f"statements, {per_message(SYNC):.2f} syncs of the raw files, {per_message(FSYNC):.2f} "
            f"fsyncs, {per_message(MOVE):.3f} UID MOVEs, "
            f"{per_message(SEND):.1f} SMTP transactions")
        own = cpu_after - cpu_before
        say(f"  CPU: this process {own:.2f} s ({own / service_s:.0%} of the wall time; "
            f"{voluntary_after - voluntary_before:,} waits, "
            f"{involuntary_after - involuntary_before:,} preemptions), Dovecot "
            f"{dovecot_cpu:.2f} s, SMTP sink {sink_cpu:.2f} s")
        say(f"  memory: RSS {rss_before / MB:.0f} MB before, {rss_after / MB:.0f} MB after; "
            f"process peak so far {maxrss_bytes() / MB:.0f} MB")
        expected = (poll.fetched, poll.processed.handled, poll.acknowledged, sent.sent,
                    received["messages"])
        if expected != (count,) * 5:
            missed.append(f"the service did not take in and answer all {count} messages: "
                          f"fetched/handled/acknowledged/sent/accepted = {expected}")

        ratio = bare_rate / service_rate
        say()
        say(f"throughput  service {service_rate:,.0f} msg/s; bare fetch + parse "
            f"{bare_rate:,.0f} msg/s; ratio {ratio:.2f} (target <= {TARGET_RATIO})")
        if ratio > TARGET_RATIO:
            missed.append(f"throughput: the service is {ratio:.2f}x slower than a bare fetch + "
                          f"parse (target <= {TARGET_RATIO}x)")

        # -- the floor ------------------------------------------------------------
        floor = measure_floor(context, floor_sample, batch)
        *_, store_ms, smtp_one_ms, smtp_many_ms = floor.values()
        bare_ms = bare_s / count * 1000
        floor_ms = bare_ms + store_ms + min(smtp_one_ms, smtp_many_ms)
        budget_ms = TARGET_RATIO * bare_ms
        say()
        say("floor: the steps no implementation of the issue can skip, each measured alone")
        say(f"  here on {len(floor_sample)} of the same messages, and what they leave of the "
            f"{TARGET_RATIO}x budget")
        say(f"  {'fetch + parse with mail-parser (the baseline)':<52} {bare_ms:7.2f} ms")
        for label, ms in floor.items():
            say(f"  {label:<52} {ms:7.2f} ms")
        say(f"  {'floor (with the faster way of sending)':<52} {floor_ms:7.2f} ms = "
            f"{1000 / floor_ms:,.0f} msg/s, ratio {floor_ms / bare_ms:.2f}")
        say(f"  {f'the {TARGET_RATIO}x budget':<52} {budget_ms:7.2f} ms")
        say(f"  {'left for reading, checking, the database, composing':<52} "
            f"{budget_ms - floor_ms:7.2f} ms (the service spends "
            f"{service_s / count * 1000 - floor_ms:.2f})")

        if profiler is not None:
            profiler.dump_stats(args.profile)
            text = io.StringIO()
            stats = pstats.Stats(profiler, stream=text).sort_stats("tottime")
            stats.print_stats(25)
            say()
            say(f"profile of the service (written to {args.profile}; timings under cProfile "
                "are inflated), top by own time:")
            say(text.getvalue())

        # -- memory: one message with a video --------------------------------------
        say()
        (work / "memory").mkdir()
        video_contest = Contest(dovecot, cast("SmtpRelay", sink), work / "memory")
        raw = video_application(video_contest.mailbox.address, VIDEO_BYTES)
        dovecot.append(video_contest.mailbox.address, raw)
        raw_size = len(raw)
        del raw
        child = subprocess.run(
            [sys.executable, __file__, "--memory-child", str(video_contest.config_path)],
            capture_output=True, text=True, timeout=600, cwd=ROOT,
        )
        if child.returncode != 0:
            say(child.stderr)
            missed.append("memory: the subprocess failed")
        else:
            found = json.loads(child.stdout.strip().splitlines()[-1])
            grown = found["peak"] - found["idle"]
            large = contest.config.mailbox.large_message_bytes
            say(f"memory: one application with a {VIDEO_BYTES / MB:.0f} MB video "
                f"({raw_size / MB:.1f} MB as sent; streamed, over large_message_bytes = "
                f"{large / MB:.1f} MB), one poll round in a fresh process")
            say(f"  handled {found['handled']}, acknowledged {found['acknowledged']} in "
                f"{found['seconds']:.2f} s; stored {found['raw_bytes'] / MB:.1f} MB raw, "
                f"{found['parts']} part file(s), largest {found['largest_part'] / MB:.1f} MB")
            say(f"  idle RSS {found['idle'] / MB:.1f} MB (after imports, DB and IMAP connect, "
                f"{found['import_seconds']:.1f} s); high-water mark then "
                f"{found['hwm_at_idle'] / MB:.1f} MB, "
                + ("reset to the idle RSS before the round" if found["peak_reset"]
                   else "NOT resettable here, so the peak below includes start-up"))
            say(f"  peak RSS (VmHWM) {found['peak'] / MB:.1f} MB; RSS after "
                f"{found['after'] / MB:.1f} MB")
            say(f"  peak - idle {grown / MB:.1f} MB (target < {TARGET_PEAK_MB:.0f} MB)")
            if found["handled"] != 1:
                missed.append("memory: the video message was not handled")
            if grown >= TARGET_PEAK_MB * MB:
                missed.append(f"memory: handling a {VIDEO_BYTES / MB:.0f} MB video took "
                              f"{grown / MB:.1f} MB above idle (target < {TARGET_PEAK_MB:.0f} MB)")
    finally:
        sink.kill()
        if args.keep:
            dovecot.stop()
            forget_at_exit(dovecot)  # its atexit hook would delete the kept directory
            say(f"kept: {work} (baiqau: service/, memory/) and {dovecot.root} (Dovecot)")
        else:
            dovecot.close()
            shutil.rmtree(work, ignore_errors=True)

    say()
    if missed:
        say("TARGETS MISSED:")
        for line in missed:
            say(f"  - {line}")
        return 1
    say("all targets met")
    return 0


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="bench/ingest.py",
        description="Measure baiqau's intake throughput against a bare IMAP fetch + parse, "
                    "and the peak memory of one message with a 25 MB video. Exits 1 if a "
                    f"target is missed (ratio <= {TARGET_RATIO}, peak - idle < "
                    f"{TARGET_PEAK_MB:.0f} MB).",
    )
    parser.add_argument("--count", type=int, metavar="N",
                        help=f"applications to load and take in (default {DEFAULT_COUNT:,})")
    parser.add_argument("--quick", action="store_true",
                        help=f"a smoke run with {QUICK_COUNT} applications")
    parser.add_argument("--keep", action="store_true",
                        help="keep the temporary directories (baiqau's and Dovecot's)")
    parser.add_argument("--profile", metavar="FILE",
                        help="run the service under cProfile, write the stats to FILE and "
                             "print the top functions (inflates the service's time)")
    parser.add_argument("--seed", type=int, default=2026, help="seed for the generated mail")
    parser.add_argument("--smtp-sink", type=int, metavar="PORT", help=argparse.SUPPRESS)
    parser.add_argument("--memory-child", metavar="CONFIG", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.count is not None and args.count < 1:
        parser.error("--count must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.smtp_sink is not None:
        return run_sink(args.smtp_sink)
    if args.memory_child is not None:
        return run_memory_child(args.memory_child)
    return run(args)


if __name__ == "__main__":
    raise SystemExit(main())
