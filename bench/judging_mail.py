"""The jury benchmark's mail: jurors' replies to their sheets, as their mail clients send them.

A juror scores their works in several replies of `works_per_reply` works each, from their
own address, with `Re: ` and the sheet's subject (so its token) as the subject, and
In-Reply-To the sheet. The text is theirs: a greeting, one line a work in the forms jurors
write (`A-0012: 8 7 9 6 8`, with dashes and commas, a bullet, `№12`, a comment after the
scores), a thank-you. Scores are random (seeded) on the contest's range, all valid, so
every line records and the count of scores is known.

Quotes, as Gmail writes them (an attribution, then `> ` lines, and a `<blockquote>` in
the HTML part): each juror's first reply quotes their whole sheet, and one in
`quote_every` of the others quotes its head and the works of that reply, as a juror who
cut the rest. Every reply is text + HTML. The same seed gives the same mail.
"""

from __future__ import annotations

import random
import re
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, formataddr
from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from judging_contest import Sheet

GREETING = {"kk": ("Сәлеметсіз бе!", "Бағаларым төменде."),
            "ru": ("Здравствуйте!", "Направляю оценки."),
            "en": ("Hello,", "My scores are below.")}
THANKS = {"kk": "Рақмет,", "ru": "Спасибо,", "en": "Thank you,"}
COMMENTS = {"kk": ["Өте әсерлі жұмыс", "монтажы әлсіз", "тақырыпқа сай, бірақ дыбысы нашар"],
            "ru": ["Очень трогательно", "слабый монтаж", "по теме, но плохой звук"],
            "en": ["Very moving", "weak editing", "on theme, poor sound"]}
ATTRIBUTION = {"kk": "{date} күні, {name} <{address}> жазды:",
               "ru": "{date}, {name} <{address}>:",
               "en": "On {date}, {name} <{address}> wrote:"}
_WORK = re.compile(r"^\s+[A-Z]-\d+\b")


@dataclass
class Reply:
    raw: bytes
    arrived: datetime
    works: int
    scores: int
    quoted: str  # "", "cut" or "whole"


def _line(rng: random.Random, number: str, scores: list[int], language: str) -> str:
    written = " ".join(map(str, scores))
    form = rng.random()
    if form < 0.70:
        line = f"{number}: {written}"
    elif form < 0.82:
        line = f"{number} — {', '.join(map(str, scores))}"
    elif form < 0.90:
        line = f"- {number}: {written}"
    else:
        line = f"№{int(number.split('-')[1])}: {written}"
    if rng.random() < 0.08:
        line += f" {rng.choice(COMMENTS[language])}"
    return line


def _cut_sheet(sheet: str, keep: set[str]) -> str:
    """The sheet's text without the works not in `keep`: its head, those works, its tail."""
    out: list[str] = []
    keeping = True
    for line in sheet.splitlines():
        if _WORK.match(line):
            keeping = line.split()[0] in keep
        elif line and not line.startswith("    "):
            keeping = True
        if keeping:
            out.append(line)
    return "\n".join(out)


def _html(own: str, attribution: str, quoted: str) -> str:
    lines = "".join(f"<div>{escape(line)}</div>" if line else "<div><br></div>"
                    for line in own.splitlines())
    quote = ""
    if quoted:
        body = "<br>\n".join(escape(line) for line in quoted.splitlines())
        quote = (f'<div class="gmail_quote"><div class="gmail_attr">{escape(attribution)}'
                 f'</div><blockquote class="gmail_quote" style="margin:0 0 0 .8ex;'
                 f'border-left:1px #ccc solid;padding-left:1ex">{body}</blockquote></div>')
    return f'<div dir="ltr">{lines}</div><br>{quote}'


def reply(rng: random.Random, sheet: Sheet, works: Sequence[str], criteria: int,
          scale: tuple[int, int], to: tuple[str, str], sent: datetime, quote: str) -> Reply:
    """One juror's reply scoring `works`; `quote` is "", "cut" or "whole"."""
    juror, language = sheet.juror, sheet.juror.language
    lines = [_line(rng, number, [rng.randint(*scale) for _ in range(criteria)], language)
             for number in works]
    own = "\n".join([*GREETING[language], "", *lines, "", THANKS[language], juror.name])
    contest_name, contest_address = to
    attribution = ATTRIBUTION[language].format(
        date=format_datetime(sent - timedelta(days=1)), name=contest_name,
        address=contest_address)
    quoted = ""
    if quote:
        quoted = sheet.body if quote == "whole" else _cut_sheet(sheet.body, set(works))
    text = own
    if quoted:
        text += "\n\n" + attribution + "\n" + "\n".join(
            f"> {line}" if line else ">" for line in quoted.splitlines())
    host = juror.email.rpartition("@")[2]
    message = EmailMessage()
    message["From"] = formataddr((juror.name, juror.email))
    message["To"] = contest_address
    message["Subject"] = f"Re: {sheet.subject}"
    message["Date"] = format_datetime(sent)
    message["Message-ID"] = f"<{uuid.UUID(int=rng.getrandbits(128)).hex}@{host}>"
    message["In-Reply-To"] = sheet.message_id
    message["References"] = sheet.message_id
    message.set_content(text)
    message.add_alternative(_html(own, attribution, quoted), subtype="html")
    trace = "".join(
        f"Received: from mx{hop}.{host} (mx{hop}.{host} [10.{hop}.0.7])\r\n"
        f"\tby mxs.example.kz with ESMTPS id {uuid.UUID(int=rng.getrandbits(128)).hex[:16]}\r\n"
        f"\tfor <{contest_address}>; {format_datetime(sent)}\r\n" for hop in (2, 1))
    return Reply(trace.encode() + message.as_bytes(policy=SMTP), sent, len(works),
                 len(works) * criteria, quote)


def replies(sheets: Sequence[Sheet], works_per_reply: int, quote_every: int, criteria: int,
            scale: tuple[int, int], to: tuple[str, str], start: datetime,
            seed: int) -> Iterator[Reply]:
    """Every juror's replies, round by round: each juror's first, then each one's second..."""
    rng = random.Random(seed)
    chunks = [[sheet.works[first:first + works_per_reply]
               for first in range(0, len(sheet.works), works_per_reply)] for sheet in sheets]
    sent = start
    for round_ in range(max(map(len, chunks), default=0)):
        for sheet, mine in zip(sheets, chunks, strict=True):
            if round_ >= len(mine):
                continue
            quote = "whole" if round_ == 0 else (
                "cut" if quote_every and round_ % quote_every == 0 else "")
            sent += timedelta(seconds=rng.randrange(5, 90))
            yield reply(rng, sheet, mine[round_], criteria, scale, to, sent, quote)
