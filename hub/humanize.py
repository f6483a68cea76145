"""Dates, times, counts and sizes as people write them in letters, in kk, ru and en.

The templates get these values preformatted: "13 сәуір 2026, 23:59" in Kazakh (the month
in the nominative, as Kazakh writes a day and a month), "13 апреля 2026, 23:59" in Russian
(the month in the genitive), "13 April 2026, 23:59" in English. Nothing here asks the
host's locale, which is rarely set for Kazakh and never the same on two machines.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from hub.clock import contest_moment
from hub.config import IntakeConfig, Language

KK_MONTHS = (
    "қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым",
    "шілде", "тамыз", "қыркүйек", "қазан", "қараша", "желтоқсан",
)
RU_MONTHS_GENITIVE = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)
EN_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
_MONTHS: dict[Language, tuple[str, ...]] = {
    Language.KK: KK_MONTHS,
    Language.RU: RU_MONTHS_GENITIVE,
    Language.EN: EN_MONTHS,
}

# The kinds of work the regulation names (3.3; Appendix 1, section 2).
_WORK_KINDS: dict[str, dict[Language, str]] = {
    "video": {Language.KK: "бейне", Language.RU: "видео", Language.EN: "video"},
    "photo": {Language.KK: "фото", Language.RU: "фото", Language.EN: "photo"},
    "multimedia": {
        Language.KK: "мультимедиялық жоба",
        Language.RU: "мультимедийный проект",
        Language.EN: "multimedia project",
    },
}
_SOME_WORK = {Language.KK: "жұмыс", Language.RU: "работа", Language.EN: "work"}

# Kazakhstan's zones: one UTC+5 for the whole country since 1 March 2024, called
# "Astana time" in the country's own announcements.
_KAZAKHSTAN_ZONES = frozenset({
    "Asia/Almaty", "Asia/Qostanay", "Asia/Aqtobe", "Asia/Aqtau", "Asia/Atyrau",
    "Asia/Oral", "Asia/Qyzylorda",
})
_ASTANA_TIME = {
    Language.KK: "Астана уақыты",
    Language.RU: "по времени Астаны",
    Language.EN: "Astana time",
}
_MEGABYTE = {Language.KK: "МБ", Language.RU: "МБ", Language.EN: "MB"}


def _language(language: str) -> Language:
    try:
        return Language(language)
    except ValueError:
        raise ValueError(f"unknown language {language!r}: expected kk, ru or en") from None


def format_date(day: date, language: str) -> str:
    """'13 сәуір 2026', '13 апреля 2026', '13 April 2026'."""
    months = _MONTHS[_language(language)]
    return f"{day.day} {months[day.month - 1]} {day.year}"


def format_moment(moment: datetime, language: str, zone: ZoneInfo, *,
                  with_zone: bool = False) -> str:
    """The moment on the wall clock of `zone`: '13 сәуір 2026, 23:59'.

    With `with_zone`, the zone follows in brackets: '(Астана уақыты)' for Kazakhstan's
    zones, '(UTC+05:00)' for any other. A naive moment is refused: it would be read in
    the host's zone and could put a deadline an hour off.
    """
    lang = _language(language)
    if moment.utcoffset() is None:
        raise ValueError(f"format_moment needs a timezone-aware moment, got {moment!r}")
    local = moment.astimezone(zone)
    text = f"{format_date(local.date(), lang)}, {local:%H:%M}"
    if with_zone:
        text += f" ({zone_name(local, lang, zone)})"
    return text


def zone_name(moment: datetime, language: str, zone: ZoneInfo) -> str:
    """'Астана уақыты' for Kazakhstan's UTC+5, else the offset: 'UTC+05:00'."""
    lang = _language(language)
    offset = moment.astimezone(zone).utcoffset() or timedelta(0)
    if zone.key in _KAZAKHSTAN_ZONES and offset == timedelta(hours=5):
        return _ASTANA_TIME[lang]
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def work_kind_name(kind: str, language: str) -> str:
    """'бейне', 'видео', 'video'; a kind the regulation does not name is just 'a work'."""
    lang = _language(language)
    names = _WORK_KINDS.get(kind)
    return names[lang] if names else _SOME_WORK[lang]


def format_count(number: int, language: str) -> str:
    """'5 000' in Kazakh and Russian (a space between thousands), '5,000' in English."""
    grouped = f"{number:,}"
    return grouped if _language(language) is Language.EN else grouped.replace(",", " ")


def format_size(size: int, language: str) -> str:
    """Bytes in megabytes (MiB) as people say it: '25 МБ', '29,6 МБ', '25 MB'."""
    lang = _language(language)
    megabytes = round(size / (1024 * 1024), 1)
    # A file under 0.05 MB would round to 0: say 0.1 rather than call it empty.
    number = f"{max(megabytes, 0.1):g}" if size > 0 else "0"
    if lang is not Language.EN:
        number = number.replace(".", ",")
    return f"{number} {_MEGABYTE[lang]}"


def rules_context(intake: IntakeConfig, language: str, zone: ZoneInfo,
                  region: str = "") -> dict[str, int | str]:
    """The rule values the letters state (`rules` in the templates' context).

    `region` is the region's name in that language ("Ақмола облысы", "Акмолинская
    область", "Akmola region"); left empty, the letters speak of "the region". A bare
    date in the config opens intake at its first second (as the window rule reads it).
    """
    lang = _language(language)
    opens = contest_moment(intake.opens, zone)
    values: dict[str, int | str] = {
        "min_age": intake.min_age,
        "max_age": intake.max_age,
        "min_subscribers": intake.min_subscribers,
        "max_works": intake.max_works,
        "max_attachment": format_size(intake.max_attachment_bytes, lang),
        "opens": format_moment(opens, lang, zone, with_zone=True),
    }
    if region:
        values["region"] = region
    return values
