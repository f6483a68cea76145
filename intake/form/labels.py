"""Recognising the form's labels as people really type them, in Kazakh, Russian and English.

The form (Appendix 1) has six labelled lines, but entrants retype them: in Russian, with a
Russian keyboard that has no Kazakh letters, with bullets and numbers in front, in bold, with
or without the colon. Matching works on a *folded* copy of the text that is exactly as long as
the original, character for character (see `hub.folding`), so a match found in the folded
copy cuts the original at the same place and the value keeps its real spelling (every ә, ғ,
қ, ң, ө, ұ, ү, һ, і). The labels and their spellings are in `intake.form.label_words`; this module
builds the patterns from them once, at import, and finds the labels in a line or a value.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from hub.folding import fold
from intake.form.fields import FormField
from intake.form.label_words import CATALOGUE, PLATFORM_NAMES, Aux, LabelKind

# A label's words are runs of letters; anything may sit between them ("Аты-жөні", "Ф.И.О.").
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class _Variant:
    kind: LabelKind
    text: str
    folded_words: tuple[str, ...]  # the label's words, folded: ("телефон", "номер")
    platform: str | None

    @property
    def words(self) -> int:
        return len(self.folded_words)


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


def _variant(kind: LabelKind, text: str, platform: str | None) -> _Variant:
    return _Variant(kind, text, tuple(_WORD.findall(fold(text))), platform)


def _build_variants() -> tuple[_Variant, ...]:
    found = [_variant(kind, text, None) for kind, texts in CATALOGUE.items() for text in texts]
    found += [
        _variant(FormField.SOCIAL_LINKS, text, platform)
        for platform, names in PLATFORM_NAMES.items()
        for text in names
    ]
    # Longest first, so "Телефон нөмірі" wins over "Телефон", "Адрес электронной почты"
    # (ignored) over "Адрес", "Туған жері және жылы" over "Туған жері".
    found.sort(key=lambda variant: len("".join(variant.folded_words)), reverse=True)
    return tuple(found)


_VARIANTS = _build_variants()


def _build_label_regexes() -> tuple[re.Pattern[str], re.Pattern[str], tuple[_Variant, ...]]:
    """Every label in one pattern, and the variant that each capture group stands for.

    A variant matches its words with anything but letters and digits between them ("Аты-жөні"
    also covers "Аты жөні" and "Атыжөні") and must end at a word boundary ("Тел" must not
    match "Телефон"). The variants are alternatives tried in `_VARIANTS` order, so the first
    that matches wins, as when they were tried one by one.

    One call instead of one per label, so the engine does the work: the alternatives are
    grouped under their first letter, and each ends with an empty group that says which one
    matched. Each alternative then starts with a plain letter, which lets the engine skip it
    on a single comparison when the text has another letter there.
    """
    by_letter: dict[str, list[_Variant]] = {}
    for variant in _VARIANTS:
        by_letter.setdefault(variant.folded_words[0][0], []).append(variant)
    # Groups are numbered in the order they are written: letter by letter.
    groups = tuple(variant for variants in by_letter.values() for variant in variants)
    labels = "|".join(
        re.escape(letter)
        + "(?:"
        + "|".join(
            _regex_after_first_letter(variant.folded_words) + r"(?![^\W_])()"
            for variant in variants
        )
        + ")"
        for letter, variants in by_letter.items()
    )
    # Inside a value, a label starts a word after a space or punctuation.
    return re.compile(f"(?:{labels})"), re.compile(rf"(?<=[\s,;.|])(?:{labels})"), groups


def _regex_after_first_letter(words: Sequence[str]) -> str:
    """The words with anything but letters and digits between them, without the first letter."""
    return re.escape(words[0][1:]) + "".join(r"[\W_]*" + re.escape(word) for word in words[1:])


# Built once at import (some 35 ms, the two patterns): a label is looked for in every line
# of every mail, so they are never built per call.
_LABEL_AT, _LABEL_INSIDE, _LABEL_GROUPS = _build_label_regexes()


@dataclass(frozen=True)
class LabelMatch:
    """A label found at the start of a line, and what follows it on that line."""

    kind: LabelKind
    label: str  # the label as typed
    value: str  # the rest of the line after the separator ('' if the label stands alone)
    separated: bool  # a colon, dash, tab or pipe (or nothing at all) followed the label
    platform: str | None = None  # when the label names a platform: "instagram", ...


def _match_at(folded: str, start: int) -> tuple[_Variant, int] | None:
    found = _LABEL_AT.match(folded, start)
    if found is None or found.lastindex is None:
        return None
    return _LABEL_GROUPS[found.lastindex - 1], found.end()


def match_label(line: str, folded: str | None = None) -> LabelMatch | None:
    """The label the line starts with (after any bullet or number), or None.

    `Label: value`, `Label - value`, `Label<TAB>value`, `Label | value` and `Label` alone
    all match. `Label value` with no separator matches only when the value looks like what
    the label asks for (digits for a phone, a link for a profile) or the label is long
    enough not to be the first word of a sentence.

    `folded` is `fold(line)` when the caller has it already (its slice of a folded text).
    """
    # Markdown bold stars become spaces here (as in `fold`), so "**Телефон**: 8 702" reads.
    line = line.replace("*", " ")
    if folded is None:
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
                     FormField.BIRTH_YEAR, FormField.SOCIAL_LINKS, FormField.EMAIL})


def find_next_label(value: str, folded: str | None = None) -> int | None:
    """Where, inside a value, another label begins (the value should stop there).

    A label followed by a colon ends a value; so does a label whose value has a shape
    (a phone, a count, a date, a link) when that shape follows it. `folded` is
    `fold(value)` when the caller has it already.
    """
    if folded is None:
        folded = fold(value)
    # Each search finds the next word start where a label matches (the first label in
    # `_VARIANTS` order that matches there), the way `_match_at` would at each word start.
    position = 0
    while found := _LABEL_INSIDE.search(folded, position):
        start, end = found.start(), found.end()
        position = start + 1
        if found.lastindex is None or _DOMAIN_AFTER.match(value, end):
            continue
        variant = _LABEL_GROUPS[found.lastindex - 1]
        if _COLON_AFTER.match(value, end):
            return start
        rest = value[end:].lstrip(" .\t-–—")
        if variant.kind in _SHAPED and _loose_ok(variant, _first_words(rest)):
            return start
    return None


def _first_words(text: str) -> str:
    # Only what comes right after the label: "телефон 8 702 ..." but not "телефон, и ещё
    # ... 8 702" five words later.
    return " ".join(text.split()[:6])


def _build_platform_regex() -> tuple[re.Pattern[str], tuple[str, ...]]:
    """A pattern for every platform name, and the platform that each capture group stands for.

    Longest name first so "Instagram" beats "Insta". As in `_build_label_regexes`, the names
    are grouped under their first letter and each ends with an empty group that says which
    one matched. The word-start check (a lookbehind two characters wide) comes after the
    first letter: the pattern then starts with a plain letter, and a search skips, inside
    the regex engine, every position where no name's first letter is.
    """
    names = [
        (platform, fold(text)) for platform, texts in PLATFORM_NAMES.items() for text in texts
    ]
    names.sort(key=lambda item: len(item[1]), reverse=True)
    by_letter: dict[str, list[tuple[str, list[str]]]] = {}
    for platform, name in names:
        words = _WORD.findall(name)
        by_letter.setdefault(words[0][0], []).append((platform, words))
    # Groups are numbered in the order they are written: letter by letter. Each name ends
    # with an empty group that says which matched (as in `_build_label_regexes`).
    platforms = tuple(platform for named in by_letter.values() for platform, _ in named)
    alternatives = "|".join(
        rf"{re.escape(letter)}(?<![^\W_]{re.escape(letter)})(?:"
        + "|".join(_regex_after_first_letter(words) + r"(?![^\W_])()" for _, words in named)
        + ")"
        for letter, named in by_letter.items()
    )
    return re.compile(f"(?:{alternatives})"), platforms


# Built once at import: platform names are looked for in every line of every mail.
_PLATFORM_REGEX, _PLATFORM_GROUPS = _build_platform_regex()


def platform_mentions(text: str) -> list[tuple[int, int, str]]:
    """Each platform name in the text (Instagram, тикток, ютуб...): (start, end, platform)."""
    found: list[tuple[int, int, str]] = []
    for match in _PLATFORM_REGEX.finditer(fold(text)):
        group = match.lastindex
        if group is not None:
            found.append((match.start(), match.end(), _PLATFORM_GROUPS[group - 1]))
    return found


_DIGITS = re.compile(r"\d")
_YEARISH = re.compile(r"\b(?:19|20)\d\d\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b")
_ADDRESS = re.compile(r"[^@\s]+@[^@\s]+\.[^\W\d_]{2,}")
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
        case FormField.EMAIL:
            return bool(_ADDRESS.search(rest))
        case Aux.IGNORED:
            return variant.words >= 2
        case _:
            # Not from the look of the value (a name is any words): from the label itself.
            return variant.words >= 2 or " ".join(variant.folded_words) in _ONE_WORD_LOOSE
