"""Recognising the form's labels as people really type them, in Kazakh, Russian and English.

The form (Appendix 1) has six labelled lines, but entrants retype them: in Russian, with a
Russian keyboard that has no Kazakh letters, with bullets and numbers in front, in bold, with
or without the colon. Matching works on a *folded* copy of the text that is exactly as long as
the original, character for character, so a match found in the folded copy cuts the original
at the same place and the value keeps its real spelling (every ә, ғ, қ, ң, ө, ұ, ү, һ, і).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from intake.fields import FormField


class Aux(StrEnum):
    """Labels that are not a field of their own but matter while reading."""

    WORKS = "works"  # section 2, "Шығармашылық материалдар": links to the works follow
    SURNAME = "surname"  # the name split over three lines: "Тегі:", "Аты:", "Әкесінің аты:"
    GIVEN_NAME = "given_name"
    PATRONYMIC = "patronymic"
    IGNORED = "ignored"  # e-mail, age, headings: nothing to keep, but a value ends there


LabelKind = FormField | Aux

# Kazakh letters and their look-alikes on a Russian keyboard; ё and е; э typed for ә.
_FOLD_TABLE = str.maketrans(
    {
        "ё": "е",
        "ә": "а",
        "э": "а",
        "ғ": "г",
        "қ": "к",
        "ң": "н",
        "ө": "о",
        "ұ": "у",
        "ү": "у",
        "һ": "х",
        "і": "и",
        "\u00a0": " ",
        "\u2007": " ",
        "\u2009": " ",
        "\u200a": " ",
        "\u200b": " ",
        "\u202f": " ",
        "\ufeff": " ",
        "*": " ",  # markdown bold: **Телефон:** 8 702 ...
    }
)
# Latin letters that stand in for Cyrillic ones inside a Cyrillic word ("Туған жерi").
_LATIN_LOOKALIKES = str.maketrans("aceopxykmthbi", "асеорхукмтнви")
_CYRILLIC = re.compile(r"[а-я]")
_LATIN = re.compile(r"[a-z]")
_WORD = re.compile(r"[^\W\d_]+")


def fold(text: str) -> str:
    """A lower-case copy for matching, exactly as long as `text` (one char for one char)."""
    lowered = "".join(_lower_one(char) for char in text).translate(_FOLD_TABLE)
    return _WORD.sub(_unmix, lowered)


def _lower_one(char: str) -> str:
    low = char.lower()
    # A few letters lower to two characters (İ); keeping the original keeps the length.
    return low if len(low) == 1 else char


def _unmix(match: re.Match[str]) -> str:
    word = match.group()
    if _CYRILLIC.search(word) and _LATIN.search(word):
        return word.translate(_LATIN_LOOKALIKES)
    return word


@dataclass(frozen=True)
class _Variant:
    kind: LabelKind
    text: str
    regex: re.Pattern[str]
    words: int
    platform: str | None


# The labels, each with the variations seen in real mail. A variant matches whatever sits
# between its words (spaces, commas, a hyphen, dots or nothing), so "Аты-жөні" also covers
# "Аты жөні" and "Атыжөні", and "Ф.И.О." covers "ФИО" and "Ф. И. О.".
_CATALOGUE: dict[LabelKind, tuple[str, ...]] = {
    FormField.SETTLEMENT: (
        "Ақмола облысы, елді мекен",
        "Ақмола облысы, елді мекені",
        "Ақмола облысы, елді мекен атауы",
        "Тұратын елді мекен",
        "Тұратын елді мекені",
        "Елді мекен",
        "Елді мекені",
        "Елді мекен атауы",
        "Қала/ауыл",
        "Ауыл/қала",
        "Қала",
        "Ауыл",
        "Акмолинская область, населенный пункт",
        "Населенный пункт",
        "Населенный пункт проживания",
        "Город/село",
        "Город/село/поселок",
        "Город/поселок/село",
        "Город проживания",
        "Город",
        "Село",
        "Settlement",
        "City",
        "Town",
        "Village",
        "City/village",
        "Town/village",
        "Locality",
    ),
    FormField.FULL_NAME: (
        "Тегі, аты, әкесінің аты",
        "Тегі, аты, әкесінің есімі",
        "Тегі, есімі, әкесінің есімі",
        "Тегі, аты",
        "Тегі, аты-жөні",
        "Аты-жөні",
        "Аты-жөніңіз",
        "Толық аты-жөні",
        "Қатысушының аты-жөні",
        "Қатысушының тегі, аты, әкесінің аты",
        "ТАӘ",
        "Т.А.Ә.",
        "Фамилия, имя, отчество",
        "Фамилия, имя",
        "Имя, фамилия",
        "Имя и фамилия",
        "Фамилия и имя",
        "ФИО",
        "Ф.И.О.",
        "ФИО участника",
        "Full name",
        "Name",
        "Name and surname",
        "First and last name",
        "Surname, name",
        "Participant",
        "Participant's name",
        "Participant name",
    ),
    Aux.SURNAME: ("Тегі", "Фамилия", "Surname", "Last name", "Family name"),
    Aux.GIVEN_NAME: ("Аты", "Есімі", "Имя", "First name", "Given name"),
    Aux.PATRONYMIC: (
        "Әкесінің аты",
        "Әкесінің есімі",
        "Отчество",
        "Patronymic",
        "Middle name",
    ),
    FormField.BIRTHPLACE: (
        "Туған жері және жылы",
        "Туған жері мен жылы",
        "Туған жері, жылы",
        "Туған жері және күні",
        "Туған жері",
        "Туған жер",
        "Туылған жері",
        "Туылған жері және жылы",
        "Место и год рождения",
        "Место, год рождения",
        "Место и дата рождения",
        "Дата и место рождения",
        "Год и место рождения",
        "Место рождения",
        "Place of birth",
        "Place and year of birth",
        "Place and date of birth",
        "Date and place of birth",
        "Birthplace",
    ),
    FormField.BIRTH_YEAR: (
        "Туған жылы",
        "Туылған жылы",
        "Год рождения",
        "Year of birth",
        "Birth year",
    ),
    FormField.BIRTH_DATE: (
        "Туған күні",
        "Туған күні, айы, жылы",
        "Туылған күні",
        "Дата рождения",
        "Дата рожд.",
        "День рождения",
        "Date of birth",
        "Birth date",
        "Birthday",
        "DOB",
    ),
    FormField.ADDRESS: (
        "Тұрақты тұратын мекенжайы",
        "Тұрақты тұратын мекенжай",
        "Тұрақты тұратын мекен-жайы",
        "Тұрақты мекенжайы",
        "Тұратын мекенжайы",
        "Мекенжайы",
        "Мекенжай",
        "Мекен-жайы",
        "Адрес проживания",
        "Адрес постоянного проживания",
        "Постоянный адрес",
        "Домашний адрес",
        "Адрес",
        "Место жительства",
        "Address",
        "Home address",
        "Residential address",
        "Permanent address",
    ),
    FormField.PHONE: (
        "Байланыс телефоны",
        "Байланыс телефон",
        "Байланыс нөмірі",
        "Телефон нөмірі",
        "Ұялы телефон",
        "Ұялы телефон нөмірі",
        "Телефон",
        "Телефон номер",
        "Номер телефона",
        "Контактный телефон",
        "Контактный номер",
        "Мобильный телефон",
        "Мобильный",
        "Сотовый",
        "Моб. тел.",
        "Моб.",
        "Тел.",
        "Phone",
        "Phone number",
        "Mobile",
        "Mobile phone",
        "Telephone",
        "Contact phone",
        "Tel.",
        "WhatsApp",
        "Ватсап",
        "Вотсап",
    ),
    FormField.SOCIAL_LINKS: (
        "Әлеуметтік желілердегі парақшаларына сілтемелер",
        "Әлеуметтік желілердегі парақшаларға сілтемелер",
        "Әлеуметтік желілердегі парақшаларына сілтеме",
        "Әлеуметтік желілердегі парақшалары",
        "Әлеуметтік желілердегі парақшасы",
        "Әлеуметтік желідегі парақша",
        "Әлеуметтік желілер",
        "Әлеуметтік желі",
        "Әлеуметтік желідегі аккаунт",
        "Сілтемелер",
        "Парақшалар",
        "Ссылки на соцсети",
        "Ссылки на социальные сети",
        "Ссылки на страницы в социальных сетях",
        "Ссылка на соцсети",
        "Ссылка на страницу",
        "Страница в соцсетях",
        "Страницы в соцсетях",
        "Социальные сети",
        "Соц. сети",
        "Соцсети",
        "Соцсеть",
        "Аккаунт",
        "Аккаунты",
        "Ссылки",
        "Social media",
        "Social media links",
        "Social networks",
        "Social links",
        "Links",
    ),
    FormField.SUBSCRIBERS: (
        "Жазылушылар саны",
        "Жазылушылардың саны",
        "Жазылушы саны",
        "Жазылушылар",
        "Количество подписчиков",
        "Кол-во подписчиков",
        "Число подписчиков",
        "Подписчики",
        "Подписчиков",
        "Фолловеры",
        "Followers",
        "Subscribers",
        "Number of followers",
        "Number of subscribers",
    ),
    Aux.WORKS: (
        "Шығармашылық материалдар",
        "Шығармашылық жұмыстар",
        "Шығармашылық жұмыс",
        "Жұмыстар",
        "Жұмыстарым",
        "Жұмысқа сілтеме",
        "Жұмыстарға сілтемелер",
        "Бейне",
        "Бейнежазба",
        "Фото",
        "Мультимедиялық жобалар",
        "Творческие материалы",
        "Творческие работы",
        "Конкурсные работы",
        "Ссылки на работы",
        "Ссылка на работу",
        "Ссылка на видео",
        "Работы",
        "Видео",
        "Мультимедийные проекты",
        "Works",
        "Creative works",
        "Video",
        "Videos",
    ),
    Aux.IGNORED: (
        "Электрондық пошта",
        "Электрондық поштасы",
        "Эл. пошта",
        "Электронная почта",
        "Эл. почта",
        "Адрес электронной почты",
        "Электронный адрес",
        "E-mail",
        "Email",
        "Почта",
        "Пошта",
        "Жасы",
        "Возраст",
        "Age",
        "ЖСН",
        "ИИН",
        "Оқу орны",
        "Жұмыс орны",
        "Место учебы",
        "Место работы",
        "Место работы/учебы",
        "Қатысушы туралы мәліметтер",
        "Сведения об участнике",
        "Данные участника",
        "Participant information",
        "About the participant",
    ),
}

# Platform names, as labels and as words next to a handle ("инстаграм @aika").
_PLATFORM_NAMES: dict[str, tuple[str, ...]] = {
    "instagram": ("Instagram", "Инстаграм", "Инстаграмм", "Insta", "Инста", "Инст", "IG"),
    "tiktok": ("TikTok", "Tik Tok", "Тикток", "Тик-ток", "Тик ток", "ТТ"),
    "youtube": ("YouTube", "You Tube", "Ютуб", "Ютюб", "Youtube канал", "Ютуб канал"),
    "facebook": ("Facebook", "Фейсбук", "FB"),
    "threads": ("Threads", "Тредс"),
    "telegram": ("Telegram", "Телеграм", "Телеграмм", "Telegram канал", "Телеграм канал", "TG"),
    "vk": ("VK", "ВК", "ВКонтакте", "Вконтакте"),
    "twitter": ("Twitter", "Твиттер"),
}

# Short labels that may only be used with a separator or alone on a line: "Name Aigerim"
# could be a sentence, "Адрес проживания г. Кокшетау" hardly is.
_ONE_WORD_LOOSE = frozenset({"фио", "таа", "ф и о", "т а а"})

_BULLET = re.compile(
    r"[\s>#]*(?:(?:\d{1,2}(?:\.\d{1,2})*[.)]|\(\d{1,2}\)|[a-zа-я]\)|[-–—•·▪►●○◦➢✓✔+])\s*)*"
)
# Spaces but not a tab: a tab is a separator (a table cell turned to text).
_AFTER = re.compile(
    r"\.?[^\S\t\n]*(?:\([^)\d]*\)[^\S\t\n]*)?"
    r"(?P<sep>[:：=]+\s*[-–—]*|[-–—]+\s*[:：]?|\t+|\|)?\s*"
)
# "Телефон номер: ...", "Instagram аккаунт: ...": a few more words, then the colon. A colon
# that starts "://" belongs to a link, not to a label.
_EXTENSION = re.compile(
    r"((?:[^\W\d_]+[^\S\t\n,./-]*[,./-]?[^\S\t\n]*){1,3}?)\s*(?:\([^)\d]*\)\s*)?[:：](?!//)\s*"
)
_DOMAIN_AFTER = re.compile(r"\.[^\W\d_]|/")
_COLON_AFTER = re.compile(r"\.?\s*(?:\([^)\d]*\)\s*)?[:：]")
_WORD_START = re.compile(r"(?<=[\s,;.|])[^\W\d_]")


def _compile(text: str) -> tuple[re.Pattern[str], int]:
    words = _WORD.findall(fold(text))
    body = r"[\W_]*".join(re.escape(word) for word in words)
    # The label must end at a word boundary: "Тел" must not match "Телефон".
    return re.compile(body + r"(?![^\W_])"), len(words)


@cache
def _variants() -> tuple[_Variant, ...]:
    found: list[_Variant] = []
    for kind, texts in _CATALOGUE.items():
        for text in texts:
            regex, words = _compile(text)
            found.append(_Variant(kind, text, regex, words, None))
    for platform, names in _PLATFORM_NAMES.items():
        for text in names:
            regex, words = _compile(text)
            found.append(_Variant(FormField.SOCIAL_LINKS, text, regex, words, platform))
    # Longest first, so "Телефон нөмірі" wins over "Телефон", "Адрес электронной почты"
    # (ignored) over "Адрес", "Туған жері және жылы" over "Туған жері".
    found.sort(key=lambda variant: len("".join(_WORD.findall(fold(variant.text)))), reverse=True)
    return tuple(found)


@cache
def _by_first_letter() -> dict[str, tuple[_Variant, ...]]:
    table: dict[str, list[_Variant]] = {}
    for variant in _variants():
        first = fold(variant.text).lstrip()[0]
        table.setdefault(first, []).append(variant)
    return {letter: tuple(items) for letter, items in table.items()}


@dataclass(frozen=True)
class LabelMatch:
    """A label found at the start of a line, and what follows it on that line."""

    kind: LabelKind
    label: str  # the label as typed
    value: str  # the rest of the line after the separator ('' if the label stands alone)
    separated: bool  # a colon, dash, tab or pipe (or nothing at all) followed the label
    platform: str | None = None  # when the label names a platform: "instagram", ...


def _match_at(folded: str, start: int) -> tuple[_Variant, int] | None:
    if start >= len(folded):
        return None
    for variant in _by_first_letter().get(folded[start], ()):
        found = variant.regex.match(folded, start)
        if found:
            return variant, found.end()
    return None


def match_label(line: str) -> LabelMatch | None:
    """The label the line starts with (after any bullet or number), or None.

    `Label: value`, `Label - value`, `Label<TAB>value`, `Label | value` and `Label` alone
    all match. `Label value` with no separator matches only when the value looks like what
    the label asks for (digits for a phone, a link for a profile) or the label is long
    enough not to be the first word of a sentence.
    """
    # Markdown bold stars become spaces here (as in `fold`), so "**Телефон**: 8 702" reads.
    line = line.replace("*", " ")
    folded = fold(line)
    start = _BULLET.match(folded)
    position = start.end() if start else 0
    hit = _match_at(folded, position)
    if hit is None:
        return None
    variant, end = hit
    if _DOMAIN_AFTER.match(line, end):
        return None  # "instagram.com/aika", "tiktok.com/@aika": a link, not a label
    label = line[position:end].strip()
    after = _AFTER.match(line, end)
    rest_start = after.end() if after else end
    rest = line[rest_start:].strip()
    if not rest or (after is not None and after.group("sep")):
        return LabelMatch(variant.kind, label, rest, True, variant.platform)
    extension = _EXTENSION.match(line, end)
    if extension and extension.group(1).strip():
        value = line[extension.end():].strip()
        label = line[position:extension.start(1)].strip() + " " + extension.group(1).strip()
        return LabelMatch(variant.kind, label, value, True, variant.platform)
    if _loose_ok(variant, rest):
        return LabelMatch(variant.kind, label, rest, False, variant.platform)
    return None


def label_kind(text: str) -> LabelKind | None:
    """The kind of label when `text` is a label and nothing else (a table cell, a line)."""
    found = match_label(text)
    if found is None or found.value:
        return None
    return found.kind


# Labels that may end a value without a colon after them, when what follows looks like their
# value: "Иванов Иван телефон 8 702 ...", "Көкшетау, 1999 Instagram @aika".
_SHAPED = frozenset({FormField.PHONE, FormField.SUBSCRIBERS, FormField.BIRTH_DATE,
                     FormField.BIRTH_YEAR, FormField.SOCIAL_LINKS})


def find_next_label(value: str) -> int | None:
    """Where, inside a value, another label begins (the value should stop there).

    A label followed by a colon ends a value; so does a label whose value has a shape
    (a phone, a count, a date, a link) when that shape follows it.
    """
    folded = fold(value)
    for word in _WORD_START.finditer(folded):
        hit = _match_at(folded, word.start())
        if hit is None:
            continue
        variant, end = hit
        if _DOMAIN_AFTER.match(value, end):
            continue
        if _COLON_AFTER.match(value, end):
            return word.start()
        rest = value[end:].lstrip(" .\t-–—")
        if variant.kind in _SHAPED and _loose_ok(variant, _first_words(rest)):
            return word.start()
    return None


def _first_words(text: str) -> str:
    # Only what comes right after the label: "телефон 8 702 ..." but not "телефон, и ещё
    # ... 8 702" five words later.
    return " ".join(text.split()[:6])


@cache
def _platform_names() -> tuple[tuple[str, str], ...]:
    """(platform, folded name) pairs, longest name first so "Instagram" beats "Insta"."""
    names = [
        (platform, fold(text)) for platform, texts in _PLATFORM_NAMES.items() for text in texts
    ]
    names.sort(key=lambda item: len(item[1]), reverse=True)
    return tuple(names)


@cache
def _platform_regex() -> re.Pattern[str]:
    gap = r"[\W_]*"
    parts = []
    for index, (_, name) in enumerate(_platform_names()):
        body = gap.join(re.escape(word) for word in _WORD.findall(name))
        parts.append(f"(?P<p{index}>{body})")
    return re.compile(r"(?<![^\W_])(?:" + "|".join(parts) + r")(?![^\W_])")


def platform_mentions(text: str) -> list[tuple[int, int, str]]:
    """Each platform name in the text (Instagram, тикток, ютуб...): (start, end, platform)."""
    names = _platform_names()
    found: list[tuple[int, int, str]] = []
    for match in _platform_regex().finditer(fold(text)):
        group = match.lastgroup
        if group is not None:
            found.append((match.start(), match.end(), names[int(group[1:])][0]))
    return found


_DIGITS = re.compile(r"\d")
_YEARISH = re.compile(r"\b(?:19|20)\d\d\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b")
_LINKISH = re.compile(r"https?://|www\.|\.(?:com|ru|kz|net|me|be)\b|@[\w.]+", re.IGNORECASE)


def _loose_ok(variant: _Variant, rest: str) -> bool:
    """Whether `Label value` with no separator is taken as a label and its value."""
    match variant.kind:
        case FormField.PHONE:
            return len(_DIGITS.findall(rest)) >= 7
        case FormField.SUBSCRIBERS:
            return bool(_DIGITS.search(rest))
        case FormField.BIRTH_DATE | FormField.BIRTH_YEAR:
            return bool(_YEARISH.search(rest))
        case FormField.SOCIAL_LINKS | Aux.WORKS:
            return bool(_LINKISH.search(rest))
        case Aux.IGNORED:
            return variant.words >= 2
        case _:
            # Not from the look of the value (a name is any words): from the label itself.
            return variant.words >= 2 or " ".join(_WORD.findall(fold(variant.text))) in (
                _ONE_WORD_LOOSE
            )
