"""The form's values that have a shape: a birth year or date, a follower count, an empty answer.

Entrants write the same thing in many ways: "Көкшетау қ., 1999 ж.", "12 мая 1998 г.",
"12.05.98"; "12,5 мың", "5 000", "7.5k"; "жоқ", "нет", "____". `parse_birth` splits a birth
field into place, year and date, with month names in Kazakh, Russian or English in any
grammatical form; `parse_subscribers` takes the largest count written, as the rule asks for
one account with at least 5,000 subscribers; `clean_value` drops the form's blanks, quotes
and the ways of saying "nothing", so an empty answer reads as empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from hub.folding import fold
from intake.form.links import strip_links

_NOTHING = frozenset(
    fold(word)
    for word in (
        "-", "—", "–", "нет", "жоқ", "жок", "no", "none", "n/a", "na", "нету",
        "отсутствует", "не имеется", "не указано", "көрсетілмеген", "—/—",
    )
)
_NOTHING_LONGEST = max(map(len, _NOTHING))
_QUOTE_PAIRS = frozenset({('"', '"'), ("'", "'"), ("«", "»"), ("“", "”"), ("„", "“")})
_BLANKS = re.compile(r"_{2,}|\.{4,}|…{2,}")
_SPACE_RUN = re.compile(r"\s+")


def clean_value(value: str) -> str:
    """A value without form blanks (`____`), bold stars, outer quotes and extra spaces."""
    value = _BLANKS.sub(" ", value.replace("*", " "))
    value = _SPACE_RUN.sub(" ", value).strip().rstrip(",;").strip()
    while len(value) >= 2 and (value[0], value[-1]) in _QUOTE_PAIRS:
        value = value[1:-1].strip()
    # `fold` keeps the length: a value longer than every "nothing" needs no folding.
    if len(value) <= _NOTHING_LONGEST and fold(value) in _NOTHING:
        return ""
    return value


_MONTHS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (1, ("қаңтар", "январ", "янв", "january", "jan")),
    (2, ("ақпан", "феврал", "фев", "february", "feb")),
    (3, ("наурыз", "март", "мар", "march", "mar")),
    (4, ("сәуір", "апрел", "апр", "april", "apr")),
    (5, ("мамыр", "май", "мая", "мае", "may")),
    (6, ("маусым", "июн", "june", "jun")),
    (7, ("шілде", "июл", "july", "jul")),
    (8, ("тамыз", "август", "авг", "august", "aug")),
    (9, ("қыркүйек", "сентябр", "сент", "сен", "september", "sept", "sep")),
    (10, ("қазан", "октябр", "окт", "october", "oct")),
    (11, ("қараша", "ноябр", "ноя", "november", "nov")),
    (12, ("желтоқсан", "декабр", "дек", "december", "dec")),
)
_MONTH_STEMS: tuple[tuple[str, int], ...] = tuple(
    sorted(
        ((fold(stem), month) for month, stems in _MONTHS for stem in stems),
        key=lambda item: len(item[0]),
        reverse=True,
    )
)


def month_number(word: str) -> int | None:
    """The month a word names, in Kazakh, Russian or English, in any grammatical form."""
    folded = fold(word).rstrip(".")
    for stem, month in _MONTH_STEMS:
        # A stem is a prefix: "мамырдың", "января", "мартта"; "мая"/"мае" are whole forms.
        if folded.startswith(stem):
            return month
    return None


_YEAR_MIN, _YEAR_MAX = 1900, 2030
_WORDY = r"[^\W\d_]+"
_DATE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ymd", re.compile(r"(?<!\d)(\d{4})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{1,2})(?!\d)")),
    ("dmy", re.compile(r"(?<!\d)(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{4}|\d{2})(?!\d)")),
    # 12 мамыр 1998, 12-ші мамыр 1998 ж., 12 мая 1998 г., 12 May 1998
    (
        "d_month_y",
        re.compile(
            rf"(?<!\d)(\d{{1,2}})(?:\s*-?\s*(?:ші|шы|інші|ынші|го|е|th|st|nd|rd))?[\s.-]*"
            rf"({_WORDY})\.?,?\s*(\d{{4}})(?!\d)"
        ),
    ),
    # May 12, 1998
    ("month_d_y", re.compile(rf"({_WORDY})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})(?!\d)")),
    # 1998 жылғы 12 мамыр, 1998 ж. 12-мамыр
    (
        "y_d_month",
        re.compile(
            rf"(?<!\d)(\d{{4}})\s*(?:жылғы|жылы|жыл|ж\.?|г\.?|года)?\s*,?\s*(\d{{1,2}})"
            rf"\s*-?\s*(?:ші|шы|інші|ынші)?\s*({_WORDY})"
        ),
    ),
)
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
# What follows a year and belongs to it: "1998 ж.", "1998 жылы", "1998 г.", "1998 года",
# and the abbreviations of "year of birth": "1985 г.р.", "1985 г. р.", "1985 ж.т.".
_YEAR_SUFFIX = re.compile(
    r"\s*(?:г\.\s?р\.?|ж\.\s?т\.?|жылы|жылғы|жыл|ж\.|ж(?![^\W\d_])|года|год|гг?\.|"
    r"г(?![^\W\d_])|year)\.?",
    re.IGNORECASE,
)
_SPACE_BEFORE_COMMA = re.compile(r"\s+([,;])")
_DOUBLE_COMMA = re.compile(r"([,;])\s*[,;]")
_EDGE_PUNCT = re.compile(r"^[\s,;:\-–—/()]+|[\s,;:\-–—/(]+$")


@dataclass(frozen=True)
class Birth:
    """What a birth field says: the place (what is left), the year, the full date."""

    place: str | None
    year: int | None
    day: date | None


def _build_date(year: int, month: int, day: int) -> date | None:
    if not _YEAR_MIN <= year <= _YEAR_MAX:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _date_from(kind: str, match: re.Match[str]) -> date | None:
    a, b, c = match.group(1), match.group(2), match.group(3)
    if kind == "ymd":
        return _build_date(int(a), int(b), int(c))
    if kind == "dmy":
        year = int(c) if len(c) == 4 else _two_digit_year(int(c))
        day, month = int(a), int(b)
        if month > 12 >= day:  # 05/12/1998 written the American way
            day, month = month, day
        return _build_date(year, month, day)
    if kind == "d_month_y":
        named = month_number(b)
        return _build_date(int(c), named, int(a)) if named else None
    if kind == "month_d_y":
        named = month_number(a)
        return _build_date(int(c), named, int(b)) if named else None
    named = month_number(c)
    return _build_date(int(a), named, int(b)) if named else None


def _two_digit_year(short: int) -> int:
    # A birth date with a two-digit year: 12.05.98 is 1998, 03.11.04 is 2004.
    return 2000 + short if short <= 30 else 1900 + short


def parse_birth(text: str) -> Birth:
    """Split a birth field into place, year and date.

    "Көкшетау қ., 1999 ж." -> (Көкшетау қ., 1999, None); "12.05.1998" -> (None, 1998,
    1998-05-12); "12 мая 1998 г., г. Кокшетау" -> (г. Кокшетау, 1998, 1998-05-12).
    """
    for kind, pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            found = _date_from(kind, match)
            if found is not None:
                rest = _cut(text, match.start(), match.end())
                return Birth(rest, found.year, found)
    for match in _YEAR.finditer(text):
        year = int(match.group(1))
        if _YEAR_MIN <= year <= _YEAR_MAX:
            return Birth(_cut(text, match.start(), match.end()), year, None)
    return Birth(clean_value(text) or None, None, None)


def _cut(text: str, start: int, end: int) -> str | None:
    suffix = _YEAR_SUFFIX.match(text, end)
    if suffix:
        end = suffix.end()
    rest = text[:start] + " " + text[end:]
    rest = _SPACE_BEFORE_COMMA.sub(r"\1", _SPACE_RUN.sub(" ", rest))
    rest = _DOUBLE_COMMA.sub(r"\1", rest)
    return clean_value(_EDGE_PUNCT.sub("", rest)) or None


# 5000, 5 000 (any space), 5,000, 5.000, 5к, 5k, 5 тыс., 5 мың, 12,5 тыс, 1.2M, 1,2 млн
_SPACES = "\u0020\u00a0\u2007\u2009\u202f"
_NUMBER = re.compile(
    rf"(?<![\w@/.,])(\d{{1,3}}(?:[{_SPACES}.,'’]\d{{3}})+(?![\d.,]\d)|\d+(?:[.,]\d+)?)"
    rf"[{_SPACES}]*(млн|миллион\w*|million|mln|m|тыс\w*\.?|тысяч\w*|мың|мын|thousand|k|к)?"
    r"(?![^\W\d_])",
    re.IGNORECASE,
)
_MULTIPLIERS: tuple[tuple[str, int], ...] = (
    ("млн", 10**6), ("миллион", 10**6), ("million", 10**6), ("mln", 10**6), ("m", 10**6),
    ("тыс", 1000), ("мың", 1000), ("мын", 1000), ("thousand", 1000), ("k", 1000), ("к", 1000),
)
_YEAR_WORD = re.compile(r"\s*(?:жыл|ж\.|год|г\.)", re.IGNORECASE)
_FOLLOWER_WORDS = re.compile(
    r"(?:подписчик|жазылушы|жазылушым|followers?|subscribers?|фолловер|оқырман)",
    re.IGNORECASE,
)


def parse_subscribers(text: str) -> int | None:
    """The largest follower count written in the text, as an int (None when there is none).

    The largest, because the rule asks for *an* account with at least 5,000 subscribers and
    entrants list several ("Instagram 7 500, TikTok 12 мың").
    """
    best: int | None = None
    text = strip_links(text)
    for found in _NUMBER.finditer(text):
        number = _number_value(found.group(1), found.group(2))
        if number is None:
            continue
        is_year = found.group(2) is None and _YEAR_MIN <= number <= _YEAR_MAX
        if is_year and _YEAR_WORD.match(text, found.end()):
            continue  # "2023 жылдан бері": a year, not a count
        best = number if best is None else max(best, number)
    return best


def _number_value(digits: str, multiplier: str | None) -> int | None:
    grouped = re.fullmatch(rf"\d{{1,3}}(?:[{_SPACES}.,'’]\d{{3}})+", digits)
    plain = re.sub(rf"[{_SPACES}.,'’]", "", digits) if grouped else digits.replace(",", ".")
    try:
        value = Decimal(plain)
    except InvalidOperation:
        return None
    if multiplier:
        word = multiplier.lower().rstrip(".")
        for prefix, factor in _MULTIPLIERS:
            if word.startswith(prefix):
                value *= factor
                break
    return int(value)


def subscribers_anywhere(text: str) -> int | None:
    """A count written next to a follower word anywhere: "7,5 тыс подписчиков"."""
    best: int | None = None
    for line in text.split("\n"):
        for word in _FOLLOWER_WORDS.finditer(line):
            window = line[max(0, word.start() - 40) : word.end() + 25]
            number = parse_subscribers(window)
            if number is not None:
                best = number if best is None else max(best, number)
    return best


# An address as people write it in a form: "pr@akimat.kz", "<pr@akimat.kz>", "mailto:...".
# Deliberately loose (the contest writes to the sender's address anyway); it only has to
# find the address in the value, not prove that it works.
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?![\w-])")


def parse_email(text: str) -> str | None:
    """The first e-mail address written in the text, in lower case; None when there is none."""
    found = _EMAIL.search(text)
    return found.group().lower() if found else None
