"""Reading the application form out of free text: a mail body, an HTML part, a converted file.

People paste the form from the regulation and fill it in, or retype it on a phone: the value
on the label's line or on the next one, a table that became tabs or pipes, everything on one
line. `read_form_text` finds the labels (see `intake.labels`), takes each value up to the
next label, and parses the values that have a shape: the birth year or date, the number of
subscribers, the links. Links and `@handles` next to a platform name are picked up anywhere
in the text, because entrants put them wherever they like.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from intake.fields import BODY, WORK_LINKS, FormField, FormReading
from intake.labels import (
    Aux,
    LabelKind,
    LabelMatch,
    find_next_label,
    fold,
    match_label,
    platform_mentions,
)

# ---------------------------------------------------------------- the text as a whole

# A reply quotes the mail it answers; our own answer to the entrant may list the form's
# labels, so everything from the quote's header line on is not the entrant's form.
_REPLY_HEADER = re.compile(
    r"^(?:-{2,}\s*(?:original message|исходное сообщение|бастапқы хат)\s*-{2,}"
    r"|.*\b(?:wrote|пишет|написал[аи]?|жазды)\s*:\s*$"
    r"|.*\bот\s.*<[^<>@\s]+@[^<>\s]+>\s*:\s*$)",
    re.IGNORECASE,
)
_RULE = re.compile(r"^[\s|:+=_*-]{3,}$")  # "|---|---|", "------", "______"
_CELL_SPLIT = re.compile(r"[^\S\t\n]*(?:\t|\|)[^\S\t\n]*")


def _prepare(text: str) -> list[str]:
    """The entrant's own lines: normalised, line endings unified, quoted replies cut off."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    lines: list[str] = []
    for line in text.split("\n"):
        # A quote's header is one short line; the length check also keeps the pattern cheap.
        # It starts with "--" or ends with a colon (the pattern sees the line stripped), a
        # test much quicker than the pattern, which tries its ".*" from every character.
        stripped = line.strip()
        if (len(line) < 300 and (stripped.startswith("--") or stripped.endswith(":"))
                and _REPLY_HEADER.match(stripped)):
            break
        if stripped.startswith(">"):
            continue
        lines.append(line)
    return lines


# ---------------------------------------------------------------- values with a shape

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
    text = _strip_links(text)
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


def _subscribers_anywhere(text: str) -> int | None:
    """A count written next to a follower word anywhere: "7,5 тыс подписчиков"."""
    best: int | None = None
    for line in text.split("\n"):
        for word in _FOLLOWER_WORDS.finditer(line):
            window = line[max(0, word.start() - 40) : word.end() + 25]
            number = parse_subscribers(window)
            if number is not None:
                best = number if best is None else max(best, number)
    return best


# ---------------------------------------------------------------- links

_HOSTS = (
    r"instagram\.com|instagr\.am|tiktok\.com|youtube\.com|youtu\.be|facebook\.com|fb\.com"
    r"|fb\.watch|threads\.net|threads\.com|t\.me|telegram\.me|vk\.com|vk\.ru|x\.com"
    r"|twitter\.com|drive\.google\.com|docs\.google\.com|disk\.yandex\.(?:ru|kz|com)"
    r"|yadi\.sk|cloud\.mail\.ru|dropbox\.com|we\.tl|wetransfer\.com|mega\.nz|vimeo\.com"
    r"|1drv\.ms|onedrive\.live\.com"
)
_SCHEME = re.compile(r"https?://", re.IGNORECASE)
_URL = re.compile(
    rf"(?<![\w@.])(?:(?:https?://|www\.)[^\s<>\"'«»]+"
    rf"|(?:[a-z0-9-]+\.)*(?:{_HOSTS})(?![a-z0-9-])(?:/[^\s<>\"'«»]*)?)",
    re.IGNORECASE,
)
# What every link has: "://", or a dot with something after it ("www.", ".com", "t.me").
_MAY_LINK = re.compile(r"://|\.[^\s<>\"'«»]")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_HANDLE = re.compile(r"(?<![\w@.])@([A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?)(?![\w@])")
_HANDLE_AFTER_PLATFORM = re.compile(
    r"\s*(?:[:：]|[-–—])\s*([A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?)(?![\w@/]|\.\w)"
)
_BARE_HANDLE = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?")
_PROFILE_URL = {
    "instagram": "https://www.instagram.com/{}",
    "tiktok": "https://www.tiktok.com/@{}",
    "youtube": "https://www.youtube.com/@{}",
    "facebook": "https://www.facebook.com/{}",
    "threads": "https://www.threads.net/@{}",
    "telegram": "https://t.me/{}",
    "vk": "https://vk.com/{}",
    "twitter": "https://x.com/{}",
}
_TRACKING = frozenset(
    {"igsh", "igshid", "si", "fbclid", "feature", "_t", "_r", "is_from_webapp",
     "sender_device", "utm_source", "utm_medium", "utm_campaign", "utm_content", "mibextid"}
)
_FILE_HOSTS = (
    "drive.google.com", "docs.google.com", "disk.yandex.ru", "disk.yandex.kz",
    "disk.yandex.com", "yadi.sk", "cloud.mail.ru", "dropbox.com", "we.tl", "wetransfer.com",
    "mega.nz", "vimeo.com", "1drv.ms", "onedrive.live.com", "youtu.be", "fb.watch",
    "vm.tiktok.com", "vt.tiktok.com",
)


def canonical_url(raw: str) -> str:
    """A link with a scheme, without trailing punctuation, tracking parameters or fragment."""
    url = raw.rstrip(".,;:!?»\"'")
    if url.endswith(")") and url.count("(") < url.count(")"):
        url = url[:-1]
    if not _SCHEME.match(url):
        url = "https://" + url
    parts = urlsplit(url)
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if key.lower() not in _TRACKING and not key.lower().startswith("utm_")
    ]
    return urlunsplit(
        (parts.scheme.lower(), parts.netloc.lower(), parts.path, urlencode(query), "")
    )


def link_kind(url: str) -> str | None:
    """"social" for a profile, "work" for a post, video or shared file, None when unsure."""
    parts = urlsplit(url)
    host = parts.netloc.lower().removeprefix("www.").removeprefix("m.")
    segments = [segment for segment in parts.path.split("/") if segment]
    first = segments[0].lower() if segments else ""
    if host in _FILE_HOSTS or any(host.endswith("." + known) for known in _FILE_HOSTS):
        return "work"
    if host in ("instagram.com", "instagr.am"):
        if first in ("p", "reel", "reels", "tv", "stories"):
            return "work"
        return "social" if first else None
    if host == "tiktok.com":
        return "work" if "video" in segments or "photo" in segments else "social"
    if host == "youtube.com":
        if first in ("watch", "shorts", "live", "embed", "playlist"):
            return "work"
        return "social" if first else None
    if host in ("facebook.com", "fb.com"):
        if first in ("watch", "reel", "videos") or "videos" in segments or "posts" in segments:
            return "work"
        if first == "share" and len(segments) > 1 and segments[1] in ("v", "r", "p"):
            return "work"
        return "social" if first else None
    if host in ("threads.net", "threads.com"):
        return "work" if "post" in segments else "social"
    if host in ("t.me", "telegram.me"):
        return "work" if len(segments) > 1 else "social"
    if host in ("vk.com", "vk.ru"):
        return "work" if first.startswith(("video", "clip", "wall")) else "social"
    if host in ("x.com", "twitter.com"):
        return "work" if "status" in segments else "social"
    return None


@dataclass
class Links:
    """Links found in a text, split into profiles (social) and works; `add` adds to them."""

    social: list[str] = field(default_factory=list)
    work: list[str] = field(default_factory=list)
    # The key of every link in either list, kept as links are added: a text's links are
    # added several times over (each labelled value, then the whole text), and comparing
    # with the known links one by one re-parsed every one of them at every addition.
    _keys: set[str] = field(default_factory=set, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._keys.update(_link_key(known) for known in (*self.social, *self.work))

    def add(self, kind: str, url: str) -> None:
        target = self.social if kind == "social" else self.work
        key = _link_key(url)
        if key not in self._keys:
            self._keys.add(key)
            target.append(url)


def _link_key(url: str) -> str:
    parts = urlsplit(url)
    host = parts.netloc.lower().removeprefix("www.").removeprefix("m.")
    return f"{host}{parts.path.rstrip('/').lower()}?{parts.query}"


def _strip_links(text: str) -> str:
    return _HANDLE.sub(" ", _URL.sub(" ", text))


def extract_links(text: str, context: LabelKind | None = None, platform: str | None = None
                  ) -> Links:
    """Every link and platform handle in `text`, classified.

    `context` is the label the text was the value of: under the social-links label an
    unfamiliar link or a bare `@handle` is taken as a profile; anywhere else an unfamiliar
    link is taken as a work (this is an application mail: links are mostly the works), and
    a `@handle` only counts when a platform is named before it on the same line.
    """
    links = Links()
    for line in text.split("\n"):
        # Quick tests first, as most lines of a mail have neither a link nor a handle (the
        # link and handle patterns are tried from every character of the line).
        may_link = _MAY_LINK.search(line) is not None
        if may_link:
            for raw in _URL.findall(line):
                url = canonical_url(raw)
                kind = link_kind(url)
                if kind is None:
                    kind = "social" if context is FormField.SOCIAL_LINKS else "work"
                links.add(kind, url)
        if "@" not in line and not _ASCII_LETTER.search(line):
            continue  # no @handle, and no handle after a platform's name (it has a Latin letter)
        mentions = platform_mentions(line)
        # Links blanked out with a character that is neither a space nor part of a handle.
        line_without_urls = (
            _URL.sub(lambda m: "\x00" * len(m.group()), line) if may_link else line
        )
        for handle in _HANDLE.finditer(line_without_urls):
            named = [name for start, _, name in mentions if start < handle.start()]
            chosen = named[-1] if named else platform
            if chosen in _PROFILE_URL:
                links.add("social", _PROFILE_URL[chosen].format(handle.group(1)))
            elif context is FormField.SOCIAL_LINKS:
                links.add("social", "@" + handle.group(1))
        # "Instagram: sabina.ahm", "TikTok - sabina_tt": a handle without the @, after a
        # platform's name and a colon or dash.
        for _, end, name in mentions:
            after = _HANDLE_AFTER_PLATFORM.match(line_without_urls, end)
            if after and name in _PROFILE_URL and _ASCII_LETTER.search(after.group(1)):
                links.add("social", _PROFILE_URL[name].format(after.group(1)))
    # "Instagram: aigerim_art": a handle without the @, as the whole value of a platform label.
    bare = text.strip()
    if platform in _PROFILE_URL and not links.social and _BARE_HANDLE.fullmatch(bare):
        links.add("social", _PROFILE_URL[platform].format(bare))
    return links


# ---------------------------------------------------------------- HTML

_HTML_BLOCKS = frozenset(
    {"p", "div", "tr", "li", "ul", "ol", "table", "tbody", "thead", "h1", "h2", "h3", "h4",
     "h5", "h6", "blockquote", "section", "article", "header", "footer", "pre", "hr", "dd",
     "dt", "dl", "form", "fieldset", "address", "center", "caption"}
)
_HTML_SKIPPED = frozenset({"style", "script", "head", "title", "template", "noscript"})


class _TextFromHtml(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)  # entities arrive unescaped in handle_data
        self.parts: list[str] = []
        self._skipping = 0
        self._anchors: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HTML_SKIPPED:
            self._skipping += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append("\t")
        elif tag in _HTML_BLOCKS:
            self.parts.append("\n")
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            self._anchors.append((len(self.parts), href))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br" or tag in _HTML_BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HTML_SKIPPED:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _HTML_BLOCKS:
            self.parts.append("\n")
        elif tag == "a" and self._anchors:
            start, href = self._anchors.pop()
            shown = "".join(self.parts[start:])
            # A link typed as "my Instagram" keeps its address, or the address is lost.
            if _SCHEME.match(href) and href not in shown:
                self.parts.append(f" {href}")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            # HTML whitespace is not significant, but &nbsp; (U+00A0) is kept as typed.
            self.parts.append(re.sub(r"[ \t\r\n\f]+", " ", data))


def html_to_text(html: str) -> str:
    """The text of an HTML mail part: blocks and <br> as line breaks, table cells as tabs."""
    parser = _TextFromHtml()
    parser.feed(html)
    parser.close()
    lines = [line.strip(" ") for line in "".join(parser.parts).split("\n")]
    text = "\n".join(line if line.strip() else "" for line in lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


# ---------------------------------------------------------------- the reader

_TOKEN_SPLIT = re.compile(r"[\s,;]+")
_LIST_BULLET = re.compile(r"^(?:[-•*·]|\d{1,2}[.)])$")


def _links_only(text: str) -> bool:
    """Whether a line is nothing but links or @handles (a list of links going on)."""
    tokens = [token for token in _TOKEN_SPLIT.split(text) if token]
    tokens = [token for token in tokens if not _LIST_BULLET.match(token)]
    return bool(tokens) and all(
        token.startswith("@") or _URL.fullmatch(token.rstrip(".")) for token in tokens
    )


_PHONE_ANYWHERE = re.compile(
    r"(?<![\d+])(?:\+\s*7|8|7)[\s(.-]*\d{3}[\s).-]*\d{3}[\s.-]*\d{2}[\s.-]*\d{2}(?!\d)"
)


@dataclass
class _Value:
    kind: LabelKind
    text: str
    platform: str | None


class _Reader:
    """Walks the lines once, pairing each label with its value."""

    def __init__(self) -> None:
        self.values: list[_Value] = []
        self.pending: LabelMatch | None = None
        self.header: list[LabelMatch | None] | None = None
        self.links_follow: LabelMatch | None = None  # a list of links may go on for lines

    def line(self, text: str, folded: str) -> None:
        """One line of the text, and its folded copy (`fold(text)`)."""
        stripped = text.strip()
        if not stripped or _RULE.match(stripped):
            return
        # Tabs at the ends stay: an empty first or last cell keeps the columns in line.
        # (Without a tab or a pipe the line is one cell: most lines, not worth splitting.)
        if "\t" in text or "|" in text:
            cells = [cell.strip() for cell in _CELL_SPLIT.split(text.strip(" \u00a0"))]
            if len([cell for cell in cells if cell]) >= 2:
                self.row(cells)
                return
        start = len(text) - len(text.lstrip())
        self.single(stripped, folded[start : start + len(stripped)])

    def single(self, text: str, folded: str | None = None) -> None:
        found = match_label(text, folded)
        if found is not None:
            self.pending = None
            self.links_follow = None
            if found.value:
                self.take(found, found.value)
            else:
                self.pending = found
            return
        if self.pending is not None:
            label, self.pending = self.pending, None
            self.take(label, text, folded)
            return
        if self.links_follow is not None and _links_only(text):
            self.add(self.links_follow, text)
            return
        self.links_follow = None

    def take(self, label: LabelMatch, value: str, folded: str | None = None) -> None:
        cut = find_next_label(value, folded)
        rest = ""
        if cut is not None:
            value, rest = value[:cut], value[cut:]
        self.add(label, value)
        if label.kind in (FormField.SOCIAL_LINKS, Aux.WORKS):
            self.links_follow = label
        if rest.strip():
            self.single(rest.strip())

    def add(self, label: LabelMatch, value: str) -> None:
        cleaned = clean_value(value)
        if cleaned:
            self.values.append(_Value(label.kind, cleaned, label.platform))

    def row(self, cells: list[str]) -> None:
        found = [match_label(cell) if cell else None for cell in cells]
        filled = [(cell, hit) for cell, hit in zip(cells, found, strict=True) if cell]
        if all(hit is not None and not hit.value for _, hit in filled):
            # A row of labels only: the values are in the row below, column by column.
            self.header = found
            self.pending = None
            return
        if self.header is not None and len(self.header) == len(cells):
            for label, cell in zip(self.header, cells, strict=True):
                if label is not None and cell:
                    self.take(label, cell)
            self.header = None
            return
        self.header = None
        index = 0
        while index < len(filled):
            cell, hit = filled[index]
            if hit is not None and hit.value:
                self.take(hit, hit.value)
            elif hit is not None and index + 1 < len(filled) and filled[index + 1][1] is None:
                self.take(hit, filled[index + 1][0])
                index += 1
            elif hit is not None:
                self.pending = hit
            elif self.pending is not None:
                label, self.pending = self.pending, None
                self.take(label, cell)
            index += 1

    def first(self, kind: LabelKind) -> str | None:
        return next((value.text for value in self.values if value.kind == kind), None)

    def all(self, kind: LabelKind) -> list[_Value]:
        return [value for value in self.values if value.kind == kind]


def read_form_text(text: str, source: str = BODY) -> FormReading:
    """Read the application form from free text; `source` is recorded for every field."""
    lines = _prepare(text)
    whole = "\n".join(lines)
    # Folded once, not line by line: `fold` keeps every character in its place and never
    # joins words across lines, so each line's folded copy is its line of the folded whole.
    folded_lines = fold(whole).split("\n") if lines else []
    reader = _Reader()
    for line, folded in zip(lines, folded_lines, strict=True):
        reader.line(line, folded)
    reading = FormReading()
    for kind in (FormField.SETTLEMENT, FormField.ADDRESS, FormField.PHONE):
        reading.put(kind, reader.first(kind), source)
    reading.put(FormField.FULL_NAME, _full_name(reader), source)
    _read_birth(reader, reading, source)
    counts = [parse_subscribers(value.text) for value in reader.all(FormField.SUBSCRIBERS)]
    known = [count for count in counts if count is not None]
    subscribers = max(known) if known else _subscribers_anywhere(whole)
    if subscribers is not None:
        reading.put(FormField.SUBSCRIBERS, subscribers, source)
    if reading.phone is None:
        anywhere = _PHONE_ANYWHERE.search(whole)
        if anywhere:
            reading.put(FormField.PHONE, anywhere.group().strip(), source)
    links = _read_links(reader, whole)
    reading.put(FormField.SOCIAL_LINKS, links.social, source)
    reading.put(WORK_LINKS, links.work, source)
    return reading


def _full_name(reader: _Reader) -> str | None:
    whole = reader.first(FormField.FULL_NAME)
    if whole:
        return whole
    # The name split over lines ("Тегі: ...", "Аты: ...", "Әкесінің аты: ...").
    parts = [reader.first(kind) for kind in (Aux.SURNAME, Aux.GIVEN_NAME, Aux.PATRONYMIC)]
    joined = " ".join(part for part in parts if part)
    return joined or None


def _read_birth(reader: _Reader, reading: FormReading, source: str) -> None:
    kinds = (FormField.BIRTHPLACE, FormField.BIRTH_DATE, FormField.BIRTH_YEAR)
    for value in (value for value in reader.values if value.kind in kinds):
        birth = parse_birth(value.text)
        # Only a place label leaves a place: "Дата рождения: 25 лет" is not a birthplace.
        if value.kind is FormField.BIRTHPLACE and reading.birthplace is None:
            reading.put(FormField.BIRTHPLACE, birth.place, source)
        agrees = birth.day is not None and reading.birth_year in (None, birth.day.year)
        if birth.day is not None and agrees and reading.birth_date is None:
            reading.put(FormField.BIRTH_DATE, birth.day, source)
        if birth.year is not None and reading.birth_year is None:
            reading.put(FormField.BIRTH_YEAR, birth.year, source)


def _read_links(reader: _Reader, whole: str) -> Links:
    links = Links()
    # Labelled values first, so a link under the social label counts as a profile.
    for value in reader.values:
        if value.kind in (FormField.SOCIAL_LINKS, Aux.WORKS):
            found = extract_links(value.text, value.kind, value.platform)
            for url in found.social:
                links.add("social", url)
            for url in found.work:
                links.add("work", url)
    rest = extract_links(whole)
    for url in rest.social:
        links.add("social", url)
    for url in rest.work:
        links.add("work", url)
    return links
