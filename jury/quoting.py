"""The juror's own lines of a reply: what mail clients quote, and our own sheet, taken out.

A reply quotes the mail it answers, and the mail a juror answers is our score sheet: its
example line and its list of works look like scores. Only the juror's own lines may be read,
so these go:

- lines quoted with `>` (any depth); a juror's unquoted lines between them stay, which is how
  Gmail's inline replies and bottom-posting look;
- an attribution and everything it introduces: "On ... wrote:", "... написал(а):",
  "... пишет:", "... жазды:", Gmail's Russian "пн, 14 апр. 2026 г. в 10:00, Name <a@b>:",
  mail.ru's "Понедельник, 14 апреля 2026, 10:00 +05:00 от Name <a@b>:", Outlook's
  "-----Original Message-----" and "From: / Sent: / To: / Subject:" block (in kk, ru and
  en), and forwarded-message separators;
- a copy of our sheet between its markers (`jury.sheetmarks`), quoted or not, above or below
  the juror's lines;
- the signature after "-- ", and the one-line signatures of phone apps.

When the attribution introduces `>` lines, only the attribution goes. When it introduces our
sheet unquoted (Outlook, mail.ru), the quote ends at the sheet's end marker, because the whole
sheet mail is written between the markers; a juror who wrote below it is still read. Any
other unquoted quote runs to the end of the text: it may be one of our answers, whose table
of recorded scores must never be read back as new scores.

The lines of an unquoted copy of the sheet are handed back apart (`Reply.sheet_copy`): they
are never read as scores, but a juror who typed into the copy can be told so.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from jury.sheetmarks import marker_kind


@dataclass(frozen=True)
class Line:
    number: int  # 1-based, in the body as received
    text: str


_QUOTED = re.compile(r"^[ \t]*>")
_ATTRIBUTION = re.compile(
    r"(?:\b(?:wrote|writes|пишет|написал|написала|написали|написал\(а\)|жазды|жазған|жазады)"
    r"|<[^<>\s@]+@[^<>\s]+>|(?:^|\s)\S+@\S+\.\w+)\s*:$",
    re.IGNORECASE,
)
_SEPARATOR = re.compile(
    r"^(?:[-–—_=*\s]*(?:original message|forwarded message|исходное сообщение"
    r"|пересылаемое сообщение|пересланное сообщение|перенаправленное сообщение"
    r"|бастапқы хат|бастапқы хабарлама|қайта жіберілген хат|жіберілген хат)[-–—_=*\s]*"
    r"|(?:begin forwarded message|начало переадресованного письма|пересланное сообщение)\s*:)$",
    re.IGNORECASE,
)
_RULE = re.compile(r"^_{10,}$")  # Outlook's line above its header block
_HEADER_FIELD = re.compile(
    r"^\*?(from|sent|date|to|cc|subject|от|отправлено|дата|кому|копия|тема|кімнен|"
    r"жіберілді|жіберілген|күні|кімге|көшірме|тақырып)\s*:",
    re.IGNORECASE,
)
_FROM_FIELDS = frozenset({"from", "от", "кімнен"})
_SIGNATURE = re.compile(r"^--\s?$")
_PHONE_SIGNATURE = re.compile(
    r"^(?:sent from|sent with|get outlook for|отправлено (?:из|с|через)|"
    r"\S+[-\s](?:нан|нен|дан|ден|тан|тен) жіберілді)\b",
    re.IGNORECASE,
)
# The second half of a wrapped attribution, and what the first half looks like.
_CONTINUED = re.compile(r"^(?:<?[^\s<>@]+@\S*|(?:wrote|написал\S*|пишет|жазды)\s*:$)",
                        re.IGNORECASE)
_STARTED = re.compile(r"^\s*(?:on|в|am|le)\s|\d{1,2}:\d{2}", re.IGNORECASE)
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


@dataclass(frozen=True)
class Reply:
    own: list[Line]  # the juror's lines
    sheet_copy: list[Line]  # the lines of an unquoted copy of our sheet, between its markers


def split_reply(body: str) -> Reply:
    """The juror's own lines of a reply's text, numbered as in the text received, and apart
    the lines of any unquoted copy of our sheet: a juror who typed scores into that copy is
    not read (the copy is ours), but can be told so (`jury.scoretext`)."""
    lines = _normalise(body).split("\n")
    own: list[Line] = []
    sheet_copy: list[Line] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        stripped = line.strip()
        if _QUOTED.match(line):
            index += 1
            continue
        if _SIGNATURE.match(line):
            break
        header_end = _quote_header_end(lines, index)
        if header_end is not None:
            if own and _wrapped_attribution_start(own[-1], index, stripped):
                own.pop()
            index = _quote_end(lines, header_end)
            continue
        if marker_kind(stripped) == "begin":
            end = _sheet_end(lines, index)
            sheet_copy += [Line(number + 1, lines[number].rstrip())
                           for number in range(index + 1, end)
                           if lines[number].strip() and not _QUOTED.match(lines[number])
                           and marker_kind(lines[number].strip()) is None]
            index = end
            continue
        if stripped and not _PHONE_SIGNATURE.match(stripped) and marker_kind(stripped) is None:
            own.append(Line(index + 1, line.rstrip()))
        index += 1
    return Reply(own, sheet_copy)


def own_lines(body: str) -> list[Line]:
    """The juror's own lines of a reply's text (see `split_reply`)."""
    return split_reply(body).own


def own_text(body: str) -> str:
    """The juror's own lines joined: for a reader that does not need the line numbers."""
    return "\n".join(line.text for line in own_lines(body))


def _normalise(body: str) -> str:
    text = unicodedata.normalize("NFC", body).translate(_INVISIBLE)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _quote_header_end(lines: list[str], index: int) -> int | None:
    """Where a quote's header that starts at `index` ends (the index after it), or None."""
    stripped = lines[index].strip()
    # The length check keeps a long line of the juror's from being tried at all.
    if len(stripped) < 300 and stripped.endswith(":") and _ATTRIBUTION.search(stripped):
        return index + 1
    if _SEPARATOR.match(stripped):
        return _after_fields(lines, index + 1)
    if _RULE.match(stripped):
        first = _next_nonblank(lines, index + 1)
        return _after_fields(lines, first) if _header_block(lines, first) else None
    if _header_block(lines, index):
        return _after_fields(lines, index)
    return None


def _header_block(lines: list[str], index: int) -> bool:
    """An Outlook-style block: From, then at least two more header fields on the next lines."""
    if index >= len(lines):
        return False
    found = _HEADER_FIELD.match(lines[index].strip())
    if found is None or found.group(1).lower() not in _FROM_FIELDS:
        return False
    fields = {found.group(1).lower()}
    for line in lines[index + 1:index + 6]:
        field = _HEADER_FIELD.match(line.strip())
        if field is None:
            break
        fields.add(field.group(1).lower())
    return len(fields) >= 3


def _after_fields(lines: list[str], index: int) -> int:
    while index < len(lines) and _HEADER_FIELD.match(lines[index].strip()):
        index += 1
    return index


def _next_nonblank(lines: list[str], index: int) -> int:
    while index < len(lines) and not lines[index].strip():
        index += 1
    return index


def _quote_end(lines: list[str], after_header: int) -> int:
    """Where the own text resumes after a quote whose header ends before `after_header`."""
    first = _next_nonblank(lines, after_header)
    if first == len(lines) or _QUOTED.match(lines[first]):
        return after_header  # the quote is the `>` lines that follow, skipped one by one
    if marker_kind(lines[first].strip()) == "begin":
        return first  # our sheet: it ends at its end marker
    return len(lines)


def _sheet_end(lines: list[str], begin: int) -> int:
    """The index after the end marker of the sheet that begins at `begin`; with no end marker
    (the quote was cut), the rest of the text, so that no line of the sheet is ever read."""
    for index in range(begin + 1, len(lines)):
        if not _QUOTED.match(lines[index]) and marker_kind(lines[index].strip()) == "end":
            return index + 1
    return len(lines)


def _wrapped_attribution_start(previous: Line, index: int, attribution: str) -> bool:
    """Gmail wraps a long attribution: "On Mon, 14 Apr 2026 at 10:00, Name <" on one line,
    "a@b.kz> wrote:" on the next. The first half, right above, is no line of the juror's."""
    return (previous.number == index and bool(_CONTINUED.match(attribution))
            and bool(_STARTED.search(previous.text)))
