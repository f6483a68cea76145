"""Reading the application form out of free text: a mail body, an HTML part, a converted file.

People paste the form from the regulation and fill it in, or retype it on a phone: the value
on the label's line or on the next one, a table that became tabs or pipes, everything on one
line. `read_form_text` finds the labels (see `intake.form.labels`), takes each value up to the
next label, and parses the values that have a shape (see `intake.form.values`): the birth year or
date, the number of subscribers. Links and `@handles` next to a platform name are picked up
anywhere in the text (see `intake.form.links`), because entrants put them wherever they like.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from hub.folding import fold
from intake.form.fields import BODY, WORK_LINKS, FormField, FormReading
from intake.form.label_words import Aux, LabelKind
from intake.form.labels import LabelMatch, find_next_label, match_label
from intake.form.links import URL, Links, extract_links
from intake.form.values import (
    clean_value,
    parse_birth,
    parse_email,
    parse_subscribers,
    subscribers_anywhere,
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


# ---------------------------------------------------------------- the reader

_TOKEN_SPLIT = re.compile(r"[\s,;]+")
_LIST_BULLET = re.compile(r"^(?:[-•*·]|\d{1,2}[.)])$")


def _links_only(text: str) -> bool:
    """Whether a line is nothing but links or @handles (a list of links going on)."""
    tokens = [token for token in _TOKEN_SPLIT.split(text) if token]
    tokens = [token for token in tokens if not _LIST_BULLET.match(token)]
    return bool(tokens) and all(
        token.startswith("@") or URL.fullmatch(token.rstrip(".")) for token in tokens
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
    for kind in (FormField.SETTLEMENT, FormField.ADDRESS, FormField.PHONE,
                 FormField.POSITION, FormField.ORGANIZATION):
        reading.put(kind, reader.first(kind), source)
    reading.put(FormField.FULL_NAME, _full_name(reader), source)
    _read_birth(reader, reading, source)
    counts = [parse_subscribers(value.text) for value in reader.all(FormField.SUBSCRIBERS)]
    known = [count for count in counts if count is not None]
    subscribers = max(known) if known else subscribers_anywhere(whole)
    if subscribers is not None:
        reading.put(FormField.SUBSCRIBERS, subscribers, source)
    if reading.phone is None:
        anywhere = _PHONE_ANYWHERE.search(whole)
        if anywhere:
            reading.put(FormField.PHONE, anywhere.group().strip(), source)
    reading.put(FormField.EMAIL, _email(reader, whole), source)
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


def _email(reader: _Reader, whole: str) -> str | None:
    # The labelled address first; else the first address written anywhere (a signature).
    for value in reader.all(FormField.EMAIL):
        found = parse_email(value.text)
        if found:
            return found
    return parse_email(whole)


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
