"""The demo's jury: its section of config.toml, three jurors, and the mail each writes back.

The jury is config.toml's: five criteria scored 0 to 10 in whole points, the mean over the
jurors, a quorum of two, the tie broken by creativity, the prizes. Its three
jurors have mailboxes on the demo's mail server and answer their sheets as people do:

- Гүлнар (Kazakh) fills in the DOCX sheet that came with hers, in Word, and attaches it to
  an Outlook reply, with a comment on one work;
- Виктор (Russian) types his scores above the quoted sheet in Thunderbird, then writes
  again: he gave one work's creativity 6 where he meant 9;
- Sarah (English) answers from Gmail, after the deadline.

The scores are the story. Without Виктор's correction, Айгерім's reels of Ақкөл would be
third; with it, first. Two works tie on the total and creativity parts them, as
config.toml's tie-break says. Sarah's scores would change the order if they counted, and
they must not. The scores are keyed by the entrant's email (its `key` in
`baiqau.demo.letters`): the works' numbers are baiqau's to give.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from string import Template

import docx

from baiqau.demo.letters import (
    DemoEmail,
    Person,
    demo_email,
    new_message,
    plain_body,
    thread_onto,
)
from baiqau.demo.mailserver import header_text
from hub.clock import contest_moment, load_zone

# The deadline is at least this far after the jury joins: room for the sheets to go out and
# the replies on time to arrive (one to two and a half seconds, measured on two busy cores),
# and short enough to wait out.
DEADLINE_SECONDS = 4
CRITERIA = ("theme", "creativity", "visual", "impact", "relevance")  # config.toml's order
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

Scores = tuple[int, int, int, int, int]  # one per criterion, in CRITERIA's order


@dataclass(frozen=True)
class Juror:
    person: Person
    language: str  # kk | ru | en: the language of their sheet and answers

    @property
    def address(self) -> str:
        return self.person.address

    @property
    def name(self) -> str:
        return self.person.name


@dataclass(frozen=True)
class Correction:
    """A score a juror sends again in a second email."""

    work: str  # the entrant's email key
    criterion: str
    was: int
    now: int
    written: str  # how the juror names the criterion


GULNAR = Juror(Person("Гүлнар Әбілқасымова", "gulnar.abilkassymova@example.org",
                      "Microsoft Outlook 16.0"), "kk")
VIKTOR = Juror(Person("Виктор Пак", "v.pak@example.net", "Mozilla Thunderbird 115.9"), "ru")
SARAH = Juror(Person("Sarah Whitfield", "sarah.whitfield@example.com", "Gmail"), "en")
JURORS = (GULNAR, VIKTOR, SARAH)
ON_TIME = (GULNAR, VIKTOR)  # whose scores count; Sarah answers after the deadline

# What each juror gives each accepted work: the story's numbers (see the module's docstring).
SCORES: dict[str, dict[str, Scores]] = {
    GULNAR.address: {
        "kk-colons": (8, 9, 8, 7, 9),
        "ru-next-line": (7, 7, 9, 6, 7),
        "kk-html-only": (9, 8, 8, 9, 9),
        "kk-docx-form": (8, 8, 9, 8, 7),
        "en-application": (6, 7, 7, 6, 8),
        "ru-no-subscribers": (9, 7, 8, 8, 9),
    },
    VIKTOR.address: {  # as his first email has them; CORRECTION changes one
        "kk-colons": (8, 8, 9, 8, 8),
        "ru-next-line": (8, 8, 9, 7, 7),
        "kk-html-only": (8, 6, 7, 8, 8),
        "kk-docx-form": (7, 8, 8, 7, 7),
        "en-application": (7, 6, 7, 7, 7),
        "ru-no-subscribers": (8, 8, 8, 9, 8),
    },
    SARAH.address: {  # late: none of these may count
        "kk-colons": (7, 7, 8, 7, 7),
        "ru-next-line": (6, 7, 8, 6, 6),
        "kk-html-only": (7, 7, 7, 6, 7),
        "kk-docx-form": (8, 9, 9, 8, 8),
        "en-application": (10, 10, 9, 10, 10),
        "ru-no-subscribers": (7, 6, 7, 7, 7),
    },
}
GULNAR_COMMENT = ("kk-html-only", "Ақкөлдің түнгі көрінісі ерекше әсер қалдырды")
VIKTOR_COMMENT = ("kk-docx-form", "сильная съёмка с дрона, звук слабее")
CORRECTION = Correction("kk-html-only", "creativity", was=6, now=9, written="оригинальность")


@dataclass(frozen=True)
class JuryDates:
    """The jury's dates, naive wall-clock times in the contest's zone, whole seconds."""

    opens: datetime
    deadline: datetime

    @classmethod
    def around(cls, now: datetime, timezone: str) -> JuryDates:
        """Sheets from `now` (aware); the deadline the first whole second at least
        DEADLINE_SECONDS later."""
        local = now.astimezone(load_zone(timezone)).replace(tzinfo=None)
        later = local + timedelta(seconds=DEADLINE_SECONDS)
        deadline = later.replace(microsecond=0) + timedelta(seconds=1 if later.microsecond else 0)
        return cls(opens=local.replace(microsecond=0), deadline=deadline)

    def deadline_at(self, timezone: str) -> datetime:
        return contest_moment(self.deadline, timezone)


# -- the jury's part of config.toml ----------------------------------------------------------

JURY_SECTION = Template("""\

# config.toml's [jury] and [[prizes]], added by the demo when its intake rounds are over.
# Its dates are this run's: the sheets go out now and the deadline is seconds away.
[jury]
opens = $opens
deadline = $deadline
score_min = 0
score_max = 10
score_step = 1
blind = false
reviews_per_work = 0              # every juror scores every accepted work
aggregate = "mean"
normalize = "none"
quorum = 2
spread_flag = 12
tie_break = ["total", "criterion:creativity", "earliest"]
remind_before_hours = [72, 24]
$jurors
[[jury.criteria]]
key = "theme"
[jury.criteria.name]
kk = "Хаб тақырыбына сәйкестігі"
ru = "Соответствие теме хаба"
en = "Fit with the hub's theme"

[[jury.criteria]]
key = "creativity"
[jury.criteria.name]
kk = "Шығармашылық тәсіл және түпнұсқалық"
ru = "Творческий подход и оригинальность"
en = "Creativity and originality"

[[jury.criteria]]
key = "visual"
[jury.criteria.name]
kk = "Визуалды контенттің сапасы"
ru = "Качество визуального контента"
en = "Visual quality"

[[jury.criteria]]
key = "impact"
[jury.criteria.name]
kk = "Нысаналы аудиторияға ықпалы"
ru = "Влияние на целевую аудиторию"
en = "Impact on the audience"

[[jury.criteria]]
key = "relevance"
[jury.criteria.name]
kk = "Бірлік пен келісім құндылықтарын насихаттаудағы өзектілігі"
ru = "Актуальность для продвижения ценностей единства и согласия"
en = "Relevance to unity and accord"

[[prizes]]
key = "first"
place = 1
amount = 100000
currency = "KZT"

[[prizes]]
key = "second"
place = 2
amount = 75000
currency = "KZT"

[[prizes]]
key = "third"
place = 3
amount = 50000
currency = "KZT"

[[prizes]]
key = "oven"
name = { kk = "Электр пеші", ru = "Электрическая печь", en = "An electric oven" }

[[prizes]]
key = "dishes"
name = { kk = "Астауға арналған жинақ", ru = "Набор посуды", en = "A dish set" }

[[prizes]]
key = "speaker"
name = { kk = "«Алиса» станциясы", ru = "Умная колонка «Алиса»", en = "An «Alice» smart speaker" }
""")


def jury_section(dates: JuryDates) -> str:
    """The text the demo appends to its config.toml for the jury phase."""
    jurors = "".join(f'\n[[jury.jurors]]\nname = "{juror.name}"\nemail = "{juror.address}"\n'
                     f'language = "{juror.language}"\n' for juror in JURORS)
    return JURY_SECTION.substitute(opens=dates.opens.isoformat(),
                                   deadline=dates.deadline.isoformat(), jurors=jurors)


def scores_after_correction(juror: str) -> dict[str, Scores]:
    """What a juror's scores are once their correction is in: what should be recorded."""
    scores = dict(SCORES[juror])
    if juror == VIKTOR.address:
        index = CRITERIA.index(CORRECTION.criterion)
        values = list(scores[CORRECTION.work])
        values[index] = CORRECTION.now
        scores[CORRECTION.work] = (values[0], values[1], values[2], values[3], values[4])
    return scores


# -- the jurors' mail ----------------------------------------------------------------------


def on_time_replies(sheets: Mapping[str, EmailMessage],
                    numbers: Mapping[str, str]) -> list[DemoEmail]:
    """Гүлнар's filled-in DOCX, Виктор's scores and then his correction, in that order.

    `sheets` holds each juror's sheet as it arrived, by address; `numbers` the work number
    of each accepted entrant's email key.
    """
    return [_docx_reply(sheets[GULNAR.address], numbers),
            _text_reply(sheets[VIKTOR.address], numbers),
            _correction(sheets[VIKTOR.address], numbers)]


def late_replies(sheets: Mapping[str, EmailMessage],
                 numbers: Mapping[str, str]) -> list[DemoEmail]:
    return [_late_reply(sheets[SARAH.address], numbers)]


def _docx_reply(sheet: EmailMessage, numbers: Mapping[str, str]) -> DemoEmail:
    """Outlook's reply: her words on top, the sheet below its header block, the DOCX."""
    filename, blank = sheet_docx(sheet)
    comment_work, comment = GULNAR_COMMENT
    filled = fill_in(blank, {numbers[work]: [str(value) for value in scores]
                             for work, scores in SCORES[GULNAR.address].items()},
                     {numbers[comment_work]: comment})
    message = new_message(GULNAR.person, f"RE: {header_text(sheet, 'Subject')}")
    thread_onto(message, sheet)
    header_block = "\n".join([
        "________________________________",
        f"Кімнен: {header_text(sheet, 'From')}",
        f"Жіберілді: {header_text(sheet, 'Date')}",
        f"Кімге: {header_text(sheet, 'To')}",
        f"Тақырып: {header_text(sheet, 'Subject')}",
    ])
    message.set_content(f"{GULNAR_TEXT}\n{header_block}\n\n{plain_body(sheet)}")
    maintype, _, subtype = DOCX_MIME.partition("/")
    message.add_attachment(filled, maintype=maintype, subtype=subtype, filename=filename)
    return demo_email("kk-docx-sheet", GULNAR.person,
                      "Kazakh (Outlook), the DOCX sheet filled in in Word, a comment on "
                      "one work", message, None)


def _text_reply(sheet: EmailMessage, numbers: Mapping[str, str]) -> DemoEmail:
    """Thunderbird's reply: his lines on top, the sheet quoted with `>` below."""
    scores = SCORES[VIKTOR.address]
    comment_work, comment = VIKTOR_COMMENT
    # One line a work, as he types them: mostly `A-0001: 8 8 9 8 8`, one with dashes and
    # commas, one by the number sign with slashes and a comment.
    styles = ["{number}: {spaced}", "{number} — {commas}", "{number}: {spaced}",
              "№{digits} {slashes} {comment}", "{number}: {spaced}", "{number}: {spaced}"]
    lines = [style.format(number=numbers[work], digits=int(numbers[work].split("-")[1]),
                          spaced=" ".join(map(str, values)),
                          commas=", ".join(map(str, values)),
                          slashes="/".join(map(str, values)),
                          comment=comment if work == comment_work else "").rstrip()
             for style, (work, values) in zip(styles, scores.items(), strict=True)]
    message = new_message(VIKTOR.person, f"Re: {header_text(sheet, 'Subject')}")
    thread_onto(message, sheet)
    message.set_content(VIKTOR_TEXT.format(lines="\n".join(lines))
                        + _quoted(sheet, f"{_short_date(sheet)}, "
                                         f"{header_text(sheet, 'From')} пишет:"))
    return demo_email("ru-text", VIKTOR.person,
                      "Russian (Thunderbird), scores typed above the quoted sheet", message, None)


def _correction(sheet: EmailMessage, numbers: Mapping[str, str]) -> DemoEmail:
    """A second reply to the same sheet, minutes later: one score again, nothing quoted."""
    message = new_message(VIKTOR.person, f"Re: {header_text(sheet, 'Subject')}")
    thread_onto(message, sheet)
    message.set_content(VIKTOR_CORRECTION_TEXT.format(
        line=f"{numbers[CORRECTION.work]}: {CORRECTION.written} {CORRECTION.now}"))
    return demo_email("ru-correction", VIKTOR.person,
                      f"Russian, a second email: {numbers[CORRECTION.work]}'s "
                      f"{CORRECTION.criterion} is {CORRECTION.now}, not {CORRECTION.was}",
                      message, None)


def _late_reply(sheet: EmailMessage, numbers: Mapping[str, str]) -> DemoEmail:
    """Gmail's reply, after the deadline: her lines on top, the sheet quoted below."""
    lines = "\n".join(f"{numbers[work]}: {' '.join(map(str, values))}"
                      for work, values in SCORES[SARAH.address].items())
    message = new_message(SARAH.person, f"Re: {header_text(sheet, 'Subject')}")
    thread_onto(message, sheet)
    said = f"On {header_text(sheet, 'Date')}, {header_text(sheet, 'From')} wrote:"
    message.set_content(SARAH_TEXT.format(lines=lines) + _quoted(sheet, said))
    return demo_email("en-late", SARAH.person,
                      "English (Gmail), scores above the quoted sheet, after the deadline",
                      message, None)


def _quoted(sheet: EmailMessage, attribution: str) -> str:
    quoted = "\n".join(f"> {line}".rstrip() for line in plain_body(sheet).splitlines())
    return f"\n{attribution}\n{quoted}\n"


def _short_date(sheet: EmailMessage) -> str:
    """The sheet's Date as Thunderbird's Russian locale writes it: 02.12.2026 02:31."""
    moment = sheet["Date"].datetime
    return f"{moment:%d.%m.%Y %H:%M}"


# -- the DOCX sheet ---------------------------------------------------------------------------


def sheet_docx(sheet: EmailMessage) -> tuple[str, bytes]:
    """The DOCX score sheet attached to a sheet email: its file name and bytes."""
    for part in sheet.iter_attachments():
        payload = part.get_payload(decode=True)
        if part.get_content_type() == DOCX_MIME and isinstance(payload, bytes):
            return part.get_filename() or "sheet.docx", payload
    raise ValueError(f"no DOCX sheet in «{header_text(sheet, 'Subject')}»")


def fill_in(blank: bytes, scores: Mapping[str, Sequence[str]],
            comments: Mapping[str, str]) -> bytes:
    """The sheet with each work's row typed in, as a juror does in Word: number, name and
    settlement, a cell per criterion, the comment."""
    document = docx.Document(io.BytesIO(blank))
    table = document.tables[0]
    for row in table.rows[1:]:
        number = row.cells[0].text.strip()
        values = [*scores.get(number, ()), comments.get(number, "")]
        for cell, value in zip(row.cells[2:], values, strict=False):
            cell.text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# -- the words ------------------------------------------------------------------------------

GULNAR_TEXT = """\
Сәлеметсіз бе!

Бағалау парағын толтырып, хатқа тіркедім. Бір жұмысқа пікірімді де жаздым.

Құрметпен,
Гүлнар Әбілқасымова
"""

VIKTOR_TEXT = """\
Добрый день!

Посмотрел все шесть работ. Оценки по порядку критериев:

{lines}

С уважением,
Виктор Пак
"""

VIKTOR_CORRECTION_TEXT = """\
Добрый день ещё раз!

Ошибся в одной оценке в предыдущем письме, исправляю:

{line}

Виктор
"""

SARAH_TEXT = """\
Hello,

So sorry this is late: I was on a flight all day. My scores, in the order of the criteria:

{lines}

Best wishes,
Sarah
"""
